/// A counting semaphore for async code: at most `limit` holders at once, waiters served FIFO.
///
/// Used to keep at most K HTTP requests in flight. Waiting suspends the task (never blocks a
/// thread). A waiter cancelled while queued is removed and gets `CancellationError`.
public actor AsyncSemaphore {
    private let limit: Int
    private var holders = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID: UInt64 = 0
    /// Largest number of simultaneous holders seen (for tests and metrics).
    public private(set) var peakHolders = 0
    /// Places taken now.
    public var holding: Int { holders }
    /// Callers queued for a place.
    public var waiting: Int { waiters.count }

    public init(limit: Int) {
        precondition(limit >= 1, "AsyncSemaphore needs a limit ≥ 1")
        self.limit = limit
    }

    /// Waits for a free place and takes it; pair with `release()`.
    public func acquire() async throws {
        try Task.checkCancellation()
        if holders < limit {
            holders += 1
            peakHolders = max(peakHolders, holders)
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Gives a place back, handing it straight to the oldest waiter if there is one.
    public func release() {
        if waiters.isEmpty {
            precondition(holders > 0, "AsyncSemaphore released more often than acquired")
            holders -= 1
        } else {
            // The place passes to the waiter: `holders` stays the same.
            waiters.removeFirst().continuation.resume()
        }
    }

    /// Runs `body` holding one place.
    public func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
