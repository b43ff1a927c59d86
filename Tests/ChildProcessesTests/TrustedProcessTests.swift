import Foundation
import Synchronization
import Testing
import ChildProcesses

/// TrustedProcess against real programs (/bin/sh and Debian's python3).
@Suite("Trusted processes")
struct TrustedProcessTests {
    static let python = "/usr/bin/python3"

    @Test("stdout comes back; a non-zero exit is a failure quoting the end of stderr")
    func runAndFail() async throws {
        let out = try await TrustedProcess.run("/bin/sh", ["-c", "printf 'a\\nb'"])
        #expect(String(decoding: out, as: UTF8.self) == "a\nb")
        let error = await #expect(throws: TrustedProcess.Failure.self) {
            try await TrustedProcess.run("/bin/sh", ["-c", "echo broken >&2; exit 3"])
        }
        #expect(error?.status == 3)
        #expect(error?.detail.contains("broken") == true)
        let missing = await #expect(throws: TrustedProcess.Failure.self) {
            try await TrustedProcess.run("/nonexistent/tool", [])
        }
        #expect(missing?.status == nil)
    }

    @Test("Megabytes on stdout and stderr at once do not stall; stderr is kept to its tail")
    func bothPipesFull() async throws {
        let script = "import sys\nfor i in range(200000):\n    sys.stdout.write('o' * 40 + '\\n'); sys.stderr.write('e%d\\n' % i)\n"
        let run = try await TrustedProcess.complete(Self.python, ["-c", script], errorTail: 64)
        #expect(run.termination == .exited(0))
        #expect(run.standardOutput.count == 200_000 * 41)
        #expect(String(decoding: run.standardError, as: UTF8.self).hasSuffix("e199999\n"))
        #expect(run.standardError.count == 64)
    }

    @Test("A grandchild that keeps the pipes open does not hold up complete or streamLines once the child has exited")
    func grandchildHoldsPipes() async throws {
        // The background sleep inherits stdout and stderr and outlives the shell by a minute.
        let script = "sleep 60 & echo $!; echo last line"
        let run = try await TrustedProcess.complete("/bin/sh", ["-c", script])
        let lines = String(decoding: run.standardOutput, as: UTF8.self).split(separator: "\n")
        #expect(run.termination == .exited(0))
        #expect(lines.last == "last line")
        if let pid = lines.first.flatMap({ Int32($0) }) { kill(pid, SIGKILL) }

        let log = NSTemporaryDirectory() + "o1coder-grandchild-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let streamed = Mutex<[String]>([])
        let status = try await TrustedProcess.streamLines("/bin/sh", ["-c", script], errorLog: log) { line in
            streamed.withLock { $0.append(line) }
        }
        #expect(status == 0)
        #expect(streamed.withLock { $0.last } == "last line")
        if let pid = streamed.withLock({ $0.first }).flatMap({ Int32($0) }) { kill(pid, SIGKILL) }
    }

    @Test("stdin is delivered, and the child inherits only fds 0-2")
    func stdinAndDescriptors() async throws {
        let leaked = open("/dev/null", O_RDONLY)  // inheritable on purpose
        defer { close(leaked) }
        let script = "import os, sys\nprint(sys.stdin.read().upper())\nprint(sorted(int(f) for f in os.listdir('/proc/self/fd')))"
        let out = try await TrustedProcess.run(Self.python, ["-c", script], input: Data("hi".utf8))
        // 3 is listdir's own descriptor.
        #expect(String(decoding: out, as: UTF8.self) == "HI\n[0, 1, 2, 3]\n")
    }

    @Test("streamLines hands over each line; cancelling sends SIGINT and the lines printed after it still arrive")
    func streamAndInterrupt() async throws {
        let log = NSTemporaryDirectory() + "o1coder-stream-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let script = """
            import signal, sys, time
            def stop(*_):
                print("saved", flush=True)
                sys.exit(3)
            signal.signal(signal.SIGINT, stop)
            print("ready", flush=True)
            print("x\\u2028y", flush=True)
            sys.stderr.write("to the log\\n")
            sys.stderr.flush()
            time.sleep(60)
            """
        let lines = Lines()
        let task = Task {
            try await TrustedProcess.streamLines(Self.python, ["-c", script], errorLog: log, grace: .seconds(20)) { line in
                lines.append(line)
            }
        }
        while !lines.all.contains("ready") { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let status = try await task.value
        #expect(status == 3)
        // Split on "\n" only: U+2028 inside a line stays in it.
        #expect(lines.all == ["ready", "x\u{2028}y", "saved"])
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "to the log\n")
    }

    @Test("withRunning kills a helper the body leaves running, and reaps it even when the body throws")
    func running() async throws {
        let log = NSTemporaryDirectory() + "o1coder-running-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (pid, termination) = try await TrustedProcess.withRunning("/bin/sh", ["-c", "echo up; exec sleep 60"], log: log) { child in
            #expect(!child.hasExited)
            // Killed only once it has written, so the log shows where its output went.
            for _ in 0..<100 where (try? String(contentsOfFile: log, encoding: .utf8)) != "up\n" {
                try await Task.sleep(for: .milliseconds(50))
            }
            return child.processIdentifier
        }
        #expect(termination == .signaled(SIGKILL))
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "reaped, not a zombie")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "up\n")

        struct Planned: Error {}
        let thrown = Pid()
        await #expect(throws: Planned.self) {
            _ = try await TrustedProcess.withRunning("/bin/sleep", ["60"], log: log) { child in
                thrown.value = child.processIdentifier
                throw Planned()
            }
        }
        #expect(kill(thrown.value, 0) == -1 && errno == ESRCH)
    }
}

private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

private final class Pid: @unchecked Sendable {
    var value: Int32 = 0
}
