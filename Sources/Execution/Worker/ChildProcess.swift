internal import CSpawn
internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// A child spawned with posix_spawn, its stdin and stdout on pipes, that this type alone reaps.
///
/// Not Foundation's `Process`: on Linux every `Process` is watched by one shared manager thread
/// that calls a blocking `waitpid` when the child's end of a monitoring socket closes. A long-lived
/// worker whose socket closed early, or that inherited another child's socket in the spawn race,
/// stalled every other `Process` in the program (seen as a hung test suite). Here the child gets
/// only fds 0–2 (everything else is closed at exec), the pipes are close-on-exec in this
/// process (no other child can inherit them), and `kill()` reaps synchronously.
///
/// Not thread-safe: owned by one ``WorkerProcess`` on one slot thread.
final class ChildProcess {
    struct SpawnError: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    let processIdentifier: pid_t
    /// Our end of the child's stdin.
    let inputFD: Int32
    /// Our end of the child's stdout.
    let outputFD: Int32
    private var isReaped = false

    /// - Parameter stderrPath: a file that receives the child's stderr (truncated), nil for /dev/null.
    init(executable: String, arguments: [String], environment: [String: String], stderrPath: String?) throws {
        let input = try Self.pipe()
        let output: (read: Int32, write: Int32)
        do { output = try Self.pipe() } catch {
            Glibc.close(input.read)
            Glibc.close(input.write)
            throw error
        }
        var spawned = false
        defer {
            // The child's ends always; ours only when no child was spawned (any throw below).
            Glibc.close(input.read)
            Glibc.close(output.write)
            if !spawned {
                Glibc.close(input.write)
                Glibc.close(output.read)
            }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copy, so 0 and 1 survive exec; the originals do not.
        try Self.check("dup2 stdin", posix_spawn_file_actions_adddup2(&actions, input.read, 0))
        try Self.check("dup2 stdout", posix_spawn_file_actions_adddup2(&actions, output.write, 1))
        try Self.check(
            "open stderr",
            posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644))
        try Self.check("close inherited fds", o1_spawn_file_actions_addclosefrom(&actions, 3))

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group (a terminal's ^C reaches us, and we kill the worker), default signal
        // handling and an empty mask, whatever this process had set.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        try Self.check("signal defaults", posix_spawnattr_setsigdefault(&attributes, &defaults))
        try Self.check("signal mask", posix_spawnattr_setsigmask(&attributes, &empty))
        try Self.check(
            "flags",
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
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
        inputFD = input.write
        outputFD = output.read
    }

    deinit {
        kill()
    }

    /// SIGKILLs the child, closes our pipe ends and reaps it; idempotent. After this the pid is
    /// never signalled again (it may be reused).
    func kill() {
        guard !isReaped else { return }
        isReaped = true
        _ = Glibc.kill(processIdentifier, SIGKILL)
        Glibc.close(inputFD)
        Glibc.close(outputFD)
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) == -1, errno == EINTR {}
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard o1_pipe_cloexec(&fds) == 0 else { throw SpawnError(operation: "pipe2", code: errno) }
        return (fds[0], fds[1])
    }

    private static func check(_ operation: String, _ status: Int32) throws {
        guard status == 0 else { throw SpawnError(operation: operation, code: status) }
    }
}
