public import O1CoderCore
import Inference

/// One progress tick: a problem finished.
public struct SamplingProgress: Sendable, Hashable {
    public var record: SampledProblem
    /// Finished problems, including those done by earlier invocations.
    public var finished: Int
    public var total: Int
    /// Problems finished by this invocation.
    public var finishedNow: Int
    /// Seconds since this invocation started.
    public var elapsedSeconds: Double

    /// Remaining time at this invocation's pace (nil before the first problem).
    public var etaSeconds: Double? {
        guard finishedNow > 0 else { return nil }
        return elapsedSeconds / Double(finishedNow) * Double(total - finished)
    }

    /// `[12/500] Mbpp/22 2/6 passed · 41s · ETA 5h31m`
    public var line: String {
        "[\(finished)/\(total)] \(record.taskID) \(record.passedCount)/\(record.sampleCount) passed · "
            + "\(Int(record.seconds.rounded()))s · \(record.usage.generatedTokens) tokens · ETA "
            + (etaSeconds.map(Self.duration) ?? "?")
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format2: (s % 3600) / 60))m" }
        if s >= 60 { return "\(s / 60)m\(String(format2: s % 60))s" }
        return "\(s)s"
    }
}

extension String {
    /// Two digits, zero-padded.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
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
        let clock = ContinuousClock()
        let start = clock.now
        var records = finished
        let total = problems.count
        var finishedCount = problems.count { done.contains($0.id) }
        var finishedNow = 0
        let sampler = self.sampler
        try await withThrowingTaskGroup(of: SampledProblem.self) { group in
            var next = 0
            while next < min(problemsInFlight, todo.count) {
                let problem = todo[next]
                group.addTask { try await sampler.sample(problem) }
                next += 1
            }
            while let record = try await group.next() {
                try directory.append(record)
                records.append(record)
                finishedCount += 1
                finishedNow += 1
                progress(
                    SamplingProgress(
                        record: record, finished: finishedCount, total: total, finishedNow: finishedNow,
                        elapsedSeconds: (clock.now - start) / .seconds(1)))
                if next < todo.count {
                    let problem = todo[next]
                    group.addTask { try await sampler.sample(problem) }
                    next += 1
                }
            }
        }
        return records
    }
}
