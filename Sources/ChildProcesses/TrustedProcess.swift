internal import CSpawn
public import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Runs trusted helper programs (pip, unzip, a repository script in the training Python, the
/// training runner, test servers) on a ``ChildProcess``: only fds 0–2 inherited, signal
/// dispositions reset, stdout and stderr drained together by one `poll` loop (neither pipe can
/// fill and stall the child), all blocking work on a thread of its own (never Swift's
/// cooperative pool), and the child killed when the calling task is cancelled. Untrusted code
/// goes through the sandbox (`Execution`).
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

    public typealias Termination = ChildProcess.Termination

    /// A helper that ran to its end, successful or not.
    public struct Completion: Sendable {
        public var termination: Termination
        public var standardOutput: Data
        /// The last `errorTail` bytes of its stderr.
        public var standardError: Data
    }

    /// Runs `executable` to completion with `input` on stdin (by default an empty stdin) and
    /// returns its stdout; a non-zero exit or a signal is a ``Failure`` quoting the end of its stderr.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Data = Data()
    ) async throws(Failure) -> Data {
        let completion = try await complete(executable, arguments, environment: environment, input: input)
        guard completion.termination == .exited(0) else {
            throw Failure(
                command: commandLine(executable, arguments), status: completion.termination.code,
                detail: String(decoding: completion.standardError, as: UTF8.self))
        }
        return completion.standardOutput
    }

    /// Runs `executable` to its end, whatever its status; only a failure to start throws.
    /// stderr is kept to its last `errorTail` bytes: pip and torch can write megabytes of warnings.
    public static func complete(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, workingDirectory: String? = nil,
        input: Data = Data(), errorTail: Int = 600
    ) async throws(Failure) -> Completion {
        let child = try spawn(
            executable, arguments, environment: environment, workingDirectory: workingDirectory, input: .pipe, output: .pipe, error: .pipe)
        return await withTaskCancellationHandler {
            await onThread {
                let writer = Thread {
                    // EPIPE when the child stops reading is fine: SIGPIPE is blocked on this thread.
                    Self.withSIGPIPEBlocked { Self.writeAll(input, to: child.inputFD) }
                    child.closeInput()
                }
                writer.start()
                let (out, err) = Self.drain(child, errorTail: errorTail)
                let termination = child.wait()
                return Completion(termination: termination, standardOutput: out, standardError: err)
            }
        } onCancel: {
            child.signal(SIGKILL)
        }
    }

    /// Starts a helper in our process group (Ctrl-C reaches it as it reaches us); a failure to
    /// start is a ``Failure`` without a status.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]?, workingDirectory: String? = nil,
        input: ChildProcess.Stream, output: ChildProcess.Stream, error: ChildProcess.Stream
    ) throws(Failure) -> ChildProcess {
        do {
            return try ChildProcess(
                executable: executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory,
                input: input, output: output, error: error, ownProcessGroup: false)
        } catch {
            throw Failure(command: commandLine(executable, arguments), status: nil, detail: error.description)
        }
    }

    /// The program and its first two arguments, as failures name it.
    static func commandLine(_ executable: String, _ arguments: [String]) -> String {
        ([executable] + arguments.prefix(2)).joined(separator: " ")
    }

    /// Runs `body` on a new thread and resumes with its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// Reads both pipes until both reach end of file: all of stdout, the last `errorTail` bytes of stderr.
    static func drain(_ child: ChildProcess, errorTail: Int) -> (Data, Data) {
        var out = Data()
        var tail = Data()
        pump([child.outputFD, child.errorFD], of: child) { index, bytes in
            if index == 0 {
                out.append(contentsOf: bytes)
            } else {
                tail.append(contentsOf: bytes)
                if tail.count > 4 * errorTail { tail.removeFirst(tail.count - errorTail) }
            }
        }
        return (out, tail.suffix(errorTail))
    }

    /// Hands what arrives on each of `fds` to `body` (with its index) until every one reaches end
    /// of file, or until `child` has exited and what was left in the pipes has been read: a
    /// grandchild that inherited a pipe and outlives its parent (a daemon, a compile worker) must
    /// not keep us waiting for an end of file that never comes.
    static func pump(_ fds: [Int32], of child: ChildProcess, _ body: (Int, ArraySlice<UInt8>) -> Void) {
        var descriptors = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var exited = false
        while descriptors.contains(where: { $0.fd >= 0 }) {
            let ready = poll(&descriptors, nfds_t(descriptors.count), exited ? 0 : 250)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                if exited { break }  // it has ended and its pipes are empty
                exited = child.hasExited
                continue
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                guard count > 0 else {
                    descriptors[index].fd = -1  // end of file (or an error): poll ignores negative fds
                    continue
                }
                body(index, chunk[..<count])
            }
        }
    }

    static func writeAll(_ data: Data, to fd: Int32) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Runs `body` with SIGPIPE blocked on this thread only: a write to a closed pipe then fails
    /// with EPIPE instead of killing the program (the process-wide disposition stays as it was).
    static func withSIGPIPEBlocked(_ body: () -> Void) {
        var block = sigset_t()
        var previous = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &block, &previous)
        body()
        // A SIGPIPE raised meanwhile is pending on this thread: take it before unblocking.
        var pending = sigset_t()
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1 {
            var timeout = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&block, nil, &timeout)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
