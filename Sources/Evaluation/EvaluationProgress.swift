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

/// Maps `items` through `transform` with at most `maxConcurrency` running at once, adding a new
/// child task each time one finishes (structured concurrency, no fire-and-forget tasks).
/// Results keep the order of `items`; `onEach` sees completions in completion order.
func concurrentMap<Item: Sendable, Output: Sendable>(
    _ items: [Item], maxConcurrency: Int,
    onEach: (_ completed: Int, _ output: Output) -> Void = { _, _ in },
    _ transform: @escaping @Sendable (Item) async throws -> Output
) async throws -> [Output] {
    precondition(maxConcurrency >= 1, "maxConcurrency must be at least 1")
    var outputs = [Output?](repeating: nil, count: items.count)
    try await withThrowingTaskGroup(of: (Int, Output).self) { group in
        var next = 0
        var completed = 0
        func addNext() {
            let index = next
            let item = items[index]
            group.addTask { (index, try await transform(item)) }
            next += 1
        }
        while next < min(maxConcurrency, items.count) { addNext() }
        while let (index, output) = try await group.next() {
            outputs[index] = output
            completed += 1
            onEach(completed, output)
            if next < items.count {
                try Task.checkCancellation()
                addNext()
            }
        }
    }
    return outputs.compactMap { $0 }
}
