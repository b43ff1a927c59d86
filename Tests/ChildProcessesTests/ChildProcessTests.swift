import Foundation
import Testing

import ChildProcesses

#if canImport(Glibc)
import Glibc
#endif

/// The worker's spawner: the child sees only fds 0–2, and a live worker never delays Foundation's
/// `Process` (the hang a clean-clone `make test` once showed: every `waitUntilExit` stalled behind
/// a sandbox worker).
@Suite("ChildProcess: posix_spawn with nothing inherited, reaped by its owner")
struct ChildProcessTests {
    @Test("a descriptor this process leaves inheritable does not reach the child; the pipes carry a line both ways")
    func nothingInherited() throws {
        var leaked: [Int32] = [-1, -1]
        #expect(pipe(&leaked) == 0)  // no O_CLOEXEC: what a careless library would leave open
        defer { leaked.forEach { _ = close($0) } }
        let child = try ChildProcess(
            executable: "/usr/bin/python3",
            arguments: ["-c", "import os, sys; sys.stdin.readline(); print(sorted(int(f) for f in os.listdir('/proc/self/fd')))"],
            environment: ["PATH": "/usr/bin:/bin"])
        defer { child.kill() }
        let line = Data("go\n".utf8)
        #expect(line.withUnsafeBytes { write(child.inputFD, $0.baseAddress, $0.count) } == line.count)
        var output = [UInt8](repeating: 0, count: 256)
        let count = output.withUnsafeMutableBytes { read(child.outputFD, $0.baseAddress, $0.count) }
        let text = String(decoding: output[..<max(0, count)], as: UTF8.self)
        // 3 is listdir's own descriptor for /proc/self/fd.
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "[0, 1, 2, 3]", "the child saw \(text)")
    }

    @Test("while a long-lived child runs, a Foundation Process still finishes; kill() reaps (no zombie left)")
    func foundationProcessUnaffected() throws {
        let child = try ChildProcess(
            executable: "/usr/bin/sleep", arguments: ["60"], environment: [:])
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/bin/true")
        try other.run()
        other.waitUntilExit()
        #expect(other.terminationStatus == 0)
        let pid = child.processIdentifier
        child.kill()
        // Reaped: the pid is no longer our child.
        var status: Int32 = 0
        #expect(waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD)
    }

    @Test("a missing executable is a spawn error naming it, not a crash")
    func missingExecutable() {
        #expect(throws: ChildProcess.SpawnError.self) {
            _ = try ChildProcess(executable: "/nonexistent/python", arguments: [], environment: [:])
        }
    }
}
