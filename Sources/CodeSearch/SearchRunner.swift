public import O1CoderCore
public import RunStorage
import Foundation

/// Searches a list of problems into a run of the store, several problems in flight (so sandbox
/// runs overlap with generation), skipping problems the run already finished. Each problem is
/// stored in one transaction when it finishes: a killed run resumes without losing or
/// duplicating finished work.
public struct SearchRunner: Sendable {
    public let searcher: ProblemSearcher
    public let store: RunStore
    public let problemsInFlight: Int

    public init(searcher: ProblemSearcher, store: RunStore, problemsInFlight: Int = 2) {
        self.searcher = searcher
        self.store = store
        self.problemsInFlight = max(1, problemsInFlight)
    }

    /// Progress as it happens: (problem, finished count, total, solved so far).
    public typealias Progress = @Sendable (ProblemID, ProblemSearchResult, Int, Int) -> Void

    /// Searches the problems of `problems` that `run` has not finished yet.
    /// - Returns: the number of problems searched in this call.
    @discardableResult
    public func run(_ run: RunID, problems: [Problem], progress: Progress = { _, _, _, _ in }) async throws -> Int {
        let done = try store.finishedProblemIDs(run: run)
        let pending = problems.filter { !done.contains($0.id) }
        let total = problems.count
        let searcher = self.searcher
        try await boundedForEach(pending, limit: problemsInFlight, onEach: { finished, _, result in
            let r = SearchRunRecorder.records(for: result, run: run, finishedAt: Date())
            try store.saveFinishedProblem(r.problem, nodes: r.nodes, executions: r.executions)
            progress(result.problem.id, result, done.count + finished, total)
        }) { try await searcher.search($0) }
        return pending.count
    }
}
