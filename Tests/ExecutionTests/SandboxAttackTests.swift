import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
import ChildProcesses
#if canImport(Glibc)
import Glibc
#endif

/// Every attack from the reference must be contained, and the host unharmed.
@Suite(.requires(.bubblewrap), .timeLimit(.minutes(5)))
struct SandboxAttackTests {
    @Test("runs with full isolation here")
    func isolationIsFull() async throws {
        let sandbox = try await SandboxFixture.shared()
        #expect(sandbox.isolation == .full)
    }

    @Test("an infinite loop hits the CPU limit")
    func infiniteLoop() async throws {
        let outcome = try await SandboxFixture.shared().run(
            // A wall clock far above the CPU limit, so a loaded machine cannot make the wall fire first.
            ExecutionRequest(program: "while True: pass", limits: ExecutionLimits(cpuSeconds: 1, wallSeconds: 60)))
        #expect(outcome.termination == .cpuTimeout)
    }

    @Test("sleeping hits the wall-clock limit")
    func sleeping() async throws {
        let outcome = try await SandboxFixture.shared().run(
            ExecutionRequest(program: "import time\ntime.sleep(60)", limits: ExecutionLimits(cpuSeconds: 1, wallSeconds: 1)))
        #expect(outcome.termination == .wallTimeout)
        #expect(outcome.elapsedSeconds < 10)
    }

    @Test("a fork bomb is bounded by RLIMIT_NPROC and torn down with its namespace")
    func forkBomb() async throws {
        let program = """
            import os
            n = 0
            try:
                for _ in range(1000):
                    if os.fork() == 0:
                        import time
                        time.sleep(30)
                        os._exit(0)
                    n += 1
            except OSError as e:
                print("stopped after", n, e.errno)
            """
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        #expect(outcome.stdout.hasPrefix("stopped after"))
        let count = Int(outcome.stdout.split(separator: " ").dropFirst(2).first ?? "") ?? 1000
        #expect(count < 100)
        try await expectHealthy()
    }

    @Test("a 10 GB allocation hits the memory limit")
    func hugeAllocation() async throws {
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: "x = b'x' * (10 << 30)", limits: SandboxFixture.quick))
        #expect(outcome.termination == .memoryLimit)
    }

    @Test("writes and deletes outside the temp dir do not reach the host")
    func writesAndDeletes() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("o1coder-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let victim = directory.appendingPathComponent("precious.txt")
        try "intact".write(to: victim, atomically: true, encoding: .utf8)
        let program = """
            import os
            for action in ("write", "delete", "usr", "root"):
                try:
                    if action == "write":
                        open(\(pythonString(victim.path)), "w").write("owned")
                    elif action == "delete":
                        os.remove(\(pythonString(victim.path)))
                    elif action == "usr":
                        open("/usr/lib/o1coder-attack", "w").write("x")
                    else:
                        open("/o1coder-attack", "w").write("x")
                    print(action, "succeeded")
                except OSError as e:
                    print(action, "refused", e.errno)
            """
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        #expect(!outcome.stdout.contains("succeeded"), "\(outcome.stdout)")
        let content = try String(contentsOf: victim, encoding: .utf8)
        #expect(content == "intact")
        #expect(!FileManager.default.fileExists(atPath: "/usr/lib/o1coder-attack"))
        #expect(!FileManager.default.fileExists(atPath: "/o1coder-attack"))
    }

    @Test("/etc/shadow cannot be read")
    func shadow() async throws {
        let program = """
            try:
                print(open("/etc/shadow").read())
            except OSError as e:
                print("refused", e.errno)
            """
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        #expect(outcome.stdout.hasPrefix("refused"))
        #expect(!outcome.stdout.contains("root:"))
    }

    @Test("a listener on the host's 127.0.0.1 cannot be reached")
    func network() async throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let program = """
            import socket
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.settimeout(2)
                s.connect(("127.0.0.1", \(listener.port)))
                print("connected")
            except OSError as e:
                print("refused", e.errno)
            """
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        #expect(outcome.stdout.hasPrefix("refused"), "\(outcome.stdout) \(outcome.stderr)")
        #expect(!listener.hasPendingConnection())
    }

    @Test("killing the parent and kill(-1) do not reach the host or the worker")
    func killParent() async throws {
        let program = """
            import os, signal
            for target in (os.getppid(), -1, 1):
                try:
                    os.kill(target, signal.SIGKILL)
                    print(target, "sent")
                except OSError as e:
                    print(target, "refused", e.errno)
            """
        _ = try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        try await expectHealthy()
    }

    @Test("host processes cannot be snooped through /proc")
    func procSnooping() async throws {
        let token = "o1coder-secret-\(UUID().uuidString.prefix(8))"
        let log = NSTemporaryDirectory() + "o1coder-host-\(token).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (outcome, _) = try await TrustedProcess.withRunning("/bin/sh", ["-c", "sleep 30", token], log: log) { host in
            let program = """
                import os
                found = []
                for name in os.listdir("/proc"):
                    if name.isdigit():
                        for part in ("cmdline", "environ"):
                            try:
                                found.append(open("/proc/%s/%s" % (name, part), "rb").read().decode("latin-1"))
                            except OSError:
                                pass
                try:
                    found.append(open("/proc/\(host.processIdentifier)/cmdline", "rb").read().decode("latin-1"))
                except OSError as e:
                    found.append("refused %d" % e.errno)
                print("\\n".join(found))
                """
            return try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        }
        #expect(outcome.isSuccess)
        #expect(!outcome.stdout.contains(token))
    }

    @Test("100 MB of output is capped")
    func hugeOutput() async throws {
        let limits = ExecutionLimits(cpuSeconds: 2, wallSeconds: 4, output: .mebibytes(1))
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: "print('x' * 100_000_000)", limits: limits))
        #expect(outcome.termination == .outputLimit)
        #expect(outcome.stdoutTruncated)
        #expect(outcome.stdout.utf8.count <= 1 << 20)
    }

    @Test("a daemon does not outlive its execution")
    func daemon() async throws {
        let token = "o1coder-daemon-\(UUID().uuidString.prefix(8))"
        let program = """
            import os
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv("/usr/bin/sleep", ["\(token)", "30"])
                os._exit(0)
            os.wait()
            print("spawned")
            """
        let outcome = try await SandboxFixture.shared().run(ExecutionRequest(program: program, limits: SandboxFixture.quick))
        #expect(outcome.stdout.hasPrefix("spawned"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(hostProcesses(containing: token).isEmpty)
    }

    private func expectHealthy() async throws {
        let sandbox = try await SandboxFixture.shared()
        let suite = TestSuite(cases: [.assertion("assert add(2, 3) == 5")])
        let report = try await sandbox.evaluate(program: "def add(a, b):\n    return a + b\n", suite: suite, limits: SandboxFixture.quick)
        #expect(report.verdict == .passed)
    }
}

func pythonString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

func hostProcesses(containing token: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.filter { $0.allSatisfy(\.isNumber) }.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        return String(decoding: data, as: UTF8.self).contains(token)
    }
}

/// A TCP listener on 127.0.0.1 with an ephemeral port.
final class LoopbackListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: address.sin_port)
    }

    func hasPendingConnection() -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    func close() { _ = Glibc.close(fd) }
}
