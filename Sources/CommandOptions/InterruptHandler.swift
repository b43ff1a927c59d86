import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C during a long command. `init(onInterrupt:)`: run `onInterrupt` (e.g. mark the run
/// `interrupted`), then exit with 130; finished work is already stored (one transaction per
/// problem), so stopping loses only the problems in flight. ``cancelling(_:)``: cancel the work
/// instead and let it stop cleanly (a trainer saves its checkpoint).
/// `@unchecked Sendable`: `source` is set once in init and only cancelled afterwards (thread-safe).
public final class InterruptHandler: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    /// - Parameter message: what an exiting handler writes before it exits (how to continue).
    public init(
        exits: Bool = true, message: String = "interrupted; finished problems are stored. Resume with --resume.",
        onInterrupt: @escaping @Sendable () -> Void
    ) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            onInterrupt()
            guard exits else { return }
            StandardError.write(message)
            // _exit, not exit: exit runs atexit handlers and C++ static destructors (llama.cpp's
            // backends) while other threads still use them, which crashed with SIGSEGV. What is
            // finished is already on disk (fsynced ledgers, committed transactions).
            fflush(nil)
            _exit(130)
        }
        source.resume()
        self.source = source
    }

    public func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }

    /// Runs `work` in a task that Ctrl-C cancels, and waits for it to end.
    public static func cancelling<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        let handler = InterruptHandler(exits: false) { task.cancel() }
        defer { handler.cancel() }
        return try await task.value
    }
}
