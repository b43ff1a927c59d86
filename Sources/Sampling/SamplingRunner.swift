public import O1CoderCore
import Inference

/// One progress tick: a problem finished.
public struct SamplingProgress: ProgressStep, Hashable {
    public var record: SampledProblem
    /// Finished problems, including those done by earlier invocations.
    public var done: Int
    public var total: Int

    /// `Mbpp/22 2/6 passed · 41s · 812 tokens`
    public var detail: String {
        "\(record.taskID) \(record.passedCount)/\(record.sampleCount) passed · "
            + "\(Int(record.seconds.rounded()))s · \(record.usage.generatedTokens) tokens"
    }
}

/// Runs a ``ProblemSampler`` over problems into a ``RunDirectory``, skipping finished problems
/// and appending each finished one to the ledger at once. `problemsInFlight` problems run
/// together so that sandbox execution of one overlaps generation of another.
public struct SamplingRunner: Sendable {
    public var sampler: ProblemSampler
    public var directory: RunDirectory
    public var problemsInFlight: Int

    public init(sampler: ProblemSampler, directory: RunDirectory, problemsInFlight: Int = 2) {
        self.sampler = sampler
        self.directory = directory
        self.problemsInFlight = max(1, problemsInFlight)
    }

    /// Samples every problem not in `finished`; returns all records (earlier ones first).
    /// - Throws: tool failures and cancellation; problems finished before stay in the ledger.
    public func run(
        problems: [Problem], finished: [SampledProblem], progress: @escaping @Sendable (SamplingProgress) -> Void = { _ in }
    ) async throws -> [SampledProblem] {
        let done = Set(finished.map(\.taskID))
        let todo = problems.filter { !done.contains($0.id) }
        var records = finished
        let total = problems.count
        let sampler = self.sampler
        try await boundedForEach(todo, limit: problemsInFlight, onEach: { completed, _, record in
            try directory.append(record)
            records.append(record)
            progress(SamplingProgress(record: record, done: total - todo.count + completed, total: total))
        }) { try await sampler.sample($0) }
        return records
    }
}
