internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

extension TrustedProcess {
    /// A helper running inside ``TrustedProcess/withRunning(_:_:environment:workingDirectory:log:_:)``.
    public struct Running: Sendable {
        let child: ChildProcess

        public var processIdentifier: Int32 { child.processIdentifier }

        /// Whether it has ended (it is reaped when `withRunning` returns, not before).
        public var hasExited: Bool { child.hasExited }

        /// Sends `signal` (by default SIGKILL).
        public func kill(_ signal: Int32 = 9 /* SIGKILL */) {
            child.signal(signal)
        }
    }

    /// Starts a long-lived helper (a test server, a command under test) with stdout and stderr
    /// appended to `log`, runs `body` with it, then SIGKILLs it if it still runs and reaps it,
    /// whether `body` returns or throws.
    public static func withRunning<T: Sendable>(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, workingDirectory: String? = nil,
        log: String, _ body: (Running) async throws -> T
    ) async throws -> (value: T, termination: Termination) {
        let child = try spawn(
            executable, arguments, environment: environment, workingDirectory: workingDirectory, input: .null,
            output: .file(log, append: true), error: .sameAsOutput)
        let running = Running(child: child)
        let value: T
        do {
            value = try await body(running)
        } catch {
            child.signal(SIGKILL)
            _ = await onThread { child.wait() }
            throw error
        }
        if !child.hasExited { child.signal(SIGKILL) }
        return (value, await onThread { child.wait() })
    }
}
