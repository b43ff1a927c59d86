internal import Foundation

/// A dedicated OS thread that runs jobs one at a time, for as long as its owner lives.
///
/// Why not a DispatchQueue: bubblewrap's `--die-with-parent` is `PR_SET_PDEATHSIG`, which fires
/// when the *thread* that spawned the worker exits, not the process. Dispatch retires idle
/// worker threads, so a worker spawned from a queue was SIGKILLed at random idle moments
/// (seen during searches, where seconds pass between executions). Spawning and talking to a
/// worker from this thread keeps its parent thread alive exactly as long as the slot.
///
/// `@unchecked Sendable`: `jobs` and `isStopping` are only touched under `condition`.
final class SerialThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var isStopping = false

    init(name: String) {
        // The thread holds the instance until `stop()` lets its loop return.
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `job` on the thread and waits for it.
    func sync<T: Sendable>(_ job: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        async {
            box.value = job()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { preconditionFailure("SerialThread job produced no value") }
        return value
    }

    /// Lets the thread finish the queued jobs and exit.
    func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !isStopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// `@unchecked Sendable`: written once on the thread before the semaphore signals, read after.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
