internal import CSpawn
internal import Foundation
import Synchronization
#if canImport(Glibc)
internal import Glibc
#endif

/// A child spawned with posix_spawn: the one way this program starts a process, for sandbox
/// workers and trusted helpers alike.
///
/// Not Foundation's `Process`: on Linux every `Process` is watched by one shared manager thread
/// that calls a blocking `waitpid` when the child's end of a monitoring socket closes. A long-lived
/// worker whose socket closed early, or that inherited another child's socket in the spawn race,
/// stalled every other `Process` in the program (seen as a hung test suite). Not swift-subprocess
/// 1.0.2 either: under the suite's concurrency some of its runs never returned although their
/// children had been reaped (docs/architecture.md). Here the child gets only fds 0–2 (everything
/// else is closed at exec), the pipes are close-on-exec in this process (no other child can
/// inherit them), waiting happens on the caller's thread (visible in a debugger), and the pid
/// is never signalled once reaped.
public final class ChildProcess: Sendable {
    public struct SpawnError: Error, CustomStringConvertible, Sendable {
        public var operation: String
        public var code: Int32
        public var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable, Equatable {
        /// A pipe whose other end this object holds (`inputFD`, `outputFD`, `errorFD`).
        case pipe
        /// A file, created if missing, truncated or appended to.
        case file(String, append: Bool)
        /// /dev/null.
        case null
        /// stderr only: wherever stdout goes.
        case sameAsOutput
    }

    /// How a child ended.
    public enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)

        /// The exit status, or 128 + the signal (as a shell reports it).
        public var code: Int32 {
            switch self {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        }
    }

    public let processIdentifier: Int32
    /// Our ends of the pipes, -1 for a stream that is not `.pipe`.
    public let inputFD: Int32
    public let outputFD: Int32
    public let errorFD: Int32
    private let state = Mutex(State())

    private struct State {
        var exited = false
        var reaped = false
        /// Set when reaped: a second `wait()` returns it instead of waiting again.
        var termination: Termination?
        var inputClosed = false
        var closed = false
    }

    /// - Parameters:
    ///   - environment: the child's whole environment (nil: this process's).
    ///   - ownProcessGroup: a group of its own (a terminal's Ctrl-C does not reach it); trusted
    ///     helpers stay in ours, so Ctrl-C reaches the training runner as it reaches us.
    public init(
        executable: String, arguments: [String], environment: [String: String]? = nil, workingDirectory: String? = nil,
        input: Stream = .pipe, output: Stream = .pipe, error: Stream = .null, ownProcessGroup: Bool = true
    ) throws(SpawnError) {
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        var spawned = false
        defer {
            // The child's ends always; ours only when no child was spawned (any throw below).
            childEnds.forEach { _ = Glibc.close($0) }
            if !spawned { parentEnds.forEach { _ = Glibc.close($0) } }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        /// Wires child fd `target`; returns our end for a pipe, else -1.
        func wire(_ stream: Stream, to target: Int32, reading: Bool) throws(SpawnError) -> Int32 {
            switch stream {
            case .pipe:
                let (read, write) = try Self.pipe()
                let (ours, theirs) = reading ? (write, read) : (read, write)
                parentEnds.append(ours)
                childEnds.append(theirs)
                // dup2 clears close-on-exec on the copy, so the target survives exec; the original does not.
                try Self.check("dup2 \(target)", posix_spawn_file_actions_adddup2(&actions, theirs, target))
                return ours
            case .file(let path, let append):
                let flags = reading ? O_RDONLY : (O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC))
                try Self.check("open \(path)", posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o644))
            case .null:
                try Self.check("open /dev/null", posix_spawn_file_actions_addopen(&actions, target, "/dev/null", reading ? O_RDONLY : O_WRONLY, 0))
            case .sameAsOutput:
                try Self.check("dup2 1 to \(target)", posix_spawn_file_actions_adddup2(&actions, 1, target))
            }
            return -1
        }
        let inputEnd = try wire(input, to: 0, reading: true)
        let outputEnd = try wire(output, to: 1, reading: false)
        let errorEnd = try wire(error, to: 2, reading: false)
        if let workingDirectory {
            try Self.check("chdir \(workingDirectory)", o1_spawn_file_actions_addchdir(&actions, workingDirectory))
        }
        try Self.check("close inherited fds", o1_spawn_file_actions_addclosefrom(&actions, 3))

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default signal handling and an empty mask, whatever this process had set.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        try Self.check("signal defaults", posix_spawnattr_setsigdefault(&attributes, &defaults))
        try Self.check("signal mask", posix_spawnattr_setsigmask(&attributes, &empty))
        let group = ownProcessGroup ? Int32(POSIX_SPAWN_SETPGROUP) : 0
        try Self.check("flags", posix_spawnattr_setflags(&attributes, Int16(group | Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))))

        let variables = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            (envp + [nil]).withUnsafeBufferPointer { envpPointer in
                posix_spawn(
                    &pid, executable, &actions, &attributes,
                    UnsafeMutablePointer(mutating: argvPointer.baseAddress!),
                    UnsafeMutablePointer(mutating: envpPointer.baseAddress!))
            }
        }
        guard status == 0 else { throw SpawnError(operation: "posix_spawn \(executable)", code: status) }
        spawned = true
        processIdentifier = pid
        inputFD = inputEnd
        outputFD = outputEnd
        errorFD = errorEnd
    }

    deinit {
        kill()
    }

    /// Closes our end of the child's stdin (it reads end of file).
    public func closeInput() {
        guard inputFD >= 0 else { return }
        // Under the lock, once: a second close could hit a descriptor number reused meanwhile.
        state.withLock { s in
            guard !s.inputClosed else { return }
            s.inputClosed = true
            _ = Glibc.close(inputFD)
        }
    }

    /// Sends `signal` unless the child has already been reaped (its pid may belong to another).
    public func signal(_ signal: Int32) {
        state.withLock { s in
            if !s.reaped { _ = Glibc.kill(processIdentifier, signal) }
        }
    }

    /// Whether the child has ended (it stays unreaped until ``wait()`` or ``kill()``).
    public var hasExited: Bool {
        if state.withLock({ $0.exited }) { return true }
        var info = siginfo_t()
        let ended = waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid != 0
        if ended { state.withLock { $0.exited = true } }
        return ended
    }

    /// Blocks until the child ends, reaps it and closes our pipe ends. Call it from a thread of
    /// its own, never from Swift's cooperative pool.
    @discardableResult
    public func wait() -> Termination {
        // Wait without reaping, mark it reaped under the lock, then reap: a concurrent signal()
        // either reaches the (zombie) child or is skipped, never a reused pid.
        var info = siginfo_t()
        while waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
        let claimed = state.withLock { s in
            defer { s.exited = true; s.reaped = true }
            return !s.reaped
        }
        if claimed {
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1, errno == EINTR {}
            let signalled = status & 0x7F
            let termination: Termination = signalled == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signalled)
            state.withLock { $0.termination = termination }
        }
        closeOurEnds()
        // A concurrent waiter that lost the claim may get here before the winner records the status.
        while true {
            if let termination = state.withLock({ $0.termination }) { return termination }
            sched_yield()
        }
    }

    /// SIGKILLs the child, closes our pipe ends and reaps it; idempotent.
    public func kill() {
        signal(SIGKILL)
        let reaped = state.withLock { $0.reaped }
        if !reaped { wait() } else { closeOurEnds() }
    }

    private func closeOurEnds() {
        state.withLock { s in
            guard !s.closed else { return }
            s.closed = true
            if inputFD >= 0, !s.inputClosed { _ = Glibc.close(inputFD) }
            s.inputClosed = true
            for fd in [outputFD, errorFD] where fd >= 0 { _ = Glibc.close(fd) }
        }
    }

    private static func pipe() throws(SpawnError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard o1_pipe_cloexec(&fds) == 0 else { throw SpawnError(operation: "pipe2", code: errno) }
        return (fds[0], fds[1])
    }

    private static func check(_ operation: String, _ status: Int32) throws(SpawnError) {
        guard status == 0 else { throw SpawnError(operation: operation, code: status) }
    }
}
