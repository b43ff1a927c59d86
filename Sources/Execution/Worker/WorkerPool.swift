internal import Foundation
import Synchronization

/// Hands out worker slots, one request in flight per worker; callers beyond the number of workers
/// wait in FIFO order.
final class WorkerPool: Sendable {
    private struct State {
        var free: [Int]
        var waiters: [CheckedContinuation<Int, any Error>] = []
        var isClosed = false
    }

    let slots: [WorkerSlot]
    private let state: Mutex<State>

    init(slots: [WorkerSlot]) {
        self.slots = slots
        self.state = Mutex(State(free: Array(slots.indices)))
    }

    /// Runs `body` with exclusive use of one slot.
    func withSlot<T: Sendable>(_ body: (WorkerSlot) async -> T) async throws -> T {
        try Task.checkCancellation()
        let index: Int = try await withCheckedThrowingContinuation { continuation in
            let immediate: Result<Int, any Error>? = state.withLock { state in
                if state.isClosed { return .failure(SandboxError.shutDown) }
                if let index = state.free.popLast() { return .success(index) }
                state.waiters.append(continuation)
                return nil
            }
            if let immediate { continuation.resume(with: immediate) }
        }
        defer { release(index) }
        return await body(slots[index])
    }

    private func release(_ index: Int) {
        let waiter: CheckedContinuation<Int, any Error>? = state.withLock { state in
            if !state.isClosed, !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.free.append(index)
            return nil
        }
        waiter?.resume(returning: index)
    }

    /// Refuses new work, fails the waiters and kills every worker.
    func close() {
        let waiters = state.withLock { state in
            state.isClosed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(throwing: SandboxError.shutDown) }
        for slot in slots { slot.terminate() }
    }

    var isClosed: Bool { state.withLock { $0.isClosed } }
}
