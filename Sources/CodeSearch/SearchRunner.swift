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
        var finished = done.count
        try await withThrowingTaskGroup(of: ProblemSearchResult.self) { group in
            var next = pending.makeIterator()
            for _ in 0..<problemsInFlight {
                guard let p = next.next() else { break }
                group.addTask { try await searcher.search(p) }
            }
            while let result = try await group.next() {
                let r = SearchRunRecorder.records(for: result, run: run, finishedAt: Date())
                try store.saveFinishedProblem(r.problem, nodes: r.nodes, executions: r.executions)
                finished += 1
                progress(result.problem.id, result, finished, total)
                if let p = next.next() { group.addTask { try await searcher.search(p) } }
            }
        }
        return pending.count
    }
}
