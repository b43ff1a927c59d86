public import Foundation

/// Runs a trusted helper program (pip, unzip, a repository script in the training Python) to
/// completion without blocking the cooperative pool: the process runs on a dedicated thread,
/// stdout and stderr are drained concurrently (so neither pipe can fill and stall the child),
/// and termination is awaited through a continuation. Untrusted code goes through the sandbox.
public enum TrustedProcess {
    /// A helper that could not start or exited non-zero.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The program and its first arguments.
        public var command: String
        /// nil when it did not start.
        public var status: Int32?
        /// Why it did not start, or the tail of its stderr.
        public var detail: String
        public var description: String {
            status.map { "'\(command)' failed with status \($0): \(detail)" } ?? "could not start '\(command)': \(detail)"
        }
    }

    /// The helper's stdout.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let command = ([executable] + arguments.prefix(2)).joined(separator: " ")
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            let thread = Thread {
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: Failure(command: command, status: nil, detail: "\(error)"))
                    return
                }
                let errors = ErrorTail()
                let drainErrors = Thread { errors.data = stderr.fileHandleForReading.readDataToEndOfFile() }
                drainErrors.start()
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                errors.done.wait()
                if process.terminationStatus == 0 {
                    continuation.resume(returning: out)
                } else {
                    let tail = String(decoding: errors.data.suffix(600), as: UTF8.self)
                    continuation.resume(throwing: Failure(command: command, status: process.terminationStatus, detail: tail))
                }
            }
            thread.start()
        }
    }

    /// stderr as read by its own thread; `done` is signalled once it is complete.
    private final class ErrorTail: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var data = Data() { didSet { done.signal() } }
    }
}
