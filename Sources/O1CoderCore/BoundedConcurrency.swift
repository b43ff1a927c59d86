/// The one bounded concurrency helper: `transform` over `items` with at most `limit` running at
/// once, a new child task starting each time one finishes (structured concurrency: no task
/// outlives the call, cancellation stops new starts). `onEach` runs on the calling task in
/// completion order, never concurrently, so it is where a finished item is stored (a throw there
/// cancels the rest). Outputs are not kept: a search's trees are dropped once stored.
public func boundedForEach<Item: Sendable, Output: Sendable>(
    _ items: [Item], limit: Int,
    onEach: (_ completed: Int, _ index: Int, _ output: Output) throws -> Void,
    _ transform: @escaping @Sendable (Item) async throws -> Output
) async throws {
    precondition(limit >= 1, "limit must be at least 1")
    try await withThrowingTaskGroup(of: (Int, Output).self) { group in
        var next = 0
        var completed = 0
        func addNext() {
            let index = next
            let item = items[index]
            group.addTask { (index, try await transform(item)) }
            next += 1
        }
        while next < min(limit, items.count) { addNext() }
        while let (index, output) = try await group.next() {
            completed += 1
            try onEach(completed, index, output)
            if next < items.count {
                try Task.checkCancellation()
                addNext()
            }
        }
    }
}

/// ``boundedForEach(_:limit:onEach:_:)`` that also returns the outputs, in the order of `items`.
public func boundedMap<Item: Sendable, Output: Sendable>(
    _ items: [Item], limit: Int,
    onEach: (_ completed: Int, _ output: Output) throws -> Void = { _, _ in },
    _ transform: @escaping @Sendable (Item) async throws -> Output
) async throws -> [Output] {
    var outputs = [Output?](repeating: nil, count: items.count)
    try await boundedForEach(items, limit: limit, onEach: { completed, index, output in
        outputs[index] = output
        try onEach(completed, output)
    }, transform)
    return outputs.compactMap { $0 }
}
