public import O1CoderCore

/// One progress tick of a long evaluation (reference check, samples, oracle).
public struct EvaluationProgress: ProgressStep, Hashable {
    /// What is being done, e.g. "reference check", "oracle".
    public var phase: String
    public var completed: Int
    public var total: Int
    /// Items so far whose verdict was not "passed".
    public var failed: Int

    public init(phase: String, completed: Int, total: Int, failed: Int = 0) {
        self.phase = phase
        self.completed = completed
        self.total = total
        self.failed = failed
    }

    public var done: Int { completed }
    public var detail: String { phase + (failed > 0 ? " (\(failed) not passed)" : "") }
}

/// Receives progress; called from the evaluating task, never concurrently.
public typealias ProgressHandler = @Sendable (EvaluationProgress) -> Void
