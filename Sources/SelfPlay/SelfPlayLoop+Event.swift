public import O1CoderCore
import Training
import TestGeneration

extension SelfPlayLoop.Event {
    /// The event on a progress reporter (search and training steps) or as a line of its own.
    public func show(on reporter: ProgressReporter, write: (String) -> Void) {
        switch self {
        case .stage(let round, let what): write("[selfplay] round \(round): \(what)")
        case .searched(_, let id, let solved, let finished, let total):
            reporter.update(done: finished, total: total, detail: "\(id) \(solved ? "solved" : "unsolved")")
        case .generatedTests(_, let p): reporter.update(done: p.done, total: p.total, detail: p.detail)
        case .training(_, let phase): phase.show(on: reporter)
        case .evaluated(let round, let e):
            write("[selfplay] round \(round): \(e.policy) solves \(e.solved)/\(e.problems) held-out problems")
        }
    }
}
