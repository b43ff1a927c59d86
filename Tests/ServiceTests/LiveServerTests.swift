import Execution
import Foundation
import Logging
import O1CoderCore
import O1CoderTestSupport
import Service
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Cancelling a test server logs its child channels' cancellation as errors: noise here.
let quietLogger: Logger = {
    var logger = Logger(label: "test.serve")
    logger.logLevel = .critical
    return logger
}()

/// A real server on a free loopback port, over a real sandbox, for the length of `body`.
func withLiveServer(
    limits: ServiceLimits = .init(maxConcurrency: 2), token: String? = nil,
    sandbox configuration: SandboxConfiguration = SandboxConfiguration(workers: 2),
    _ body: @Sendable (URL, any Sandbox) async throws -> Void
) async throws {
    try await ProcessSandbox.with(configuration: configuration) { sandbox in
        let server = SandboxServer(
            service: SandboxService(sandbox: sandbox, limits: limits), host: "127.0.0.1", port: 0, token: token,
            logger: quietLogger)
        try await server.whileServing { port in try await body(URL(string: "http://127.0.0.1:\(port)")!, sandbox) }
    }
}

/// The suites' own HTTP session: not `URLSession.shared`, which other suites' long streaming
/// requests share, and a request time-out for a machine that the whole test suite loads.
let liveSession: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 300
    return URLSession(configuration: configuration)
}()

/// A request that did not complete, naming the endpoint and how long it waited.
struct RequestFailure: Error, CustomStringConvertible {
    var path: String
    var seconds: Double
    var underlying: any Error
    var description: String { "\(path) failed after \(Int(seconds)) s: \(underlying)" }
}

/// POSTs JSON text; the status and the decoded object.
func post(_ url: URL, _ path: String, _ json: String, token: String? = nil) async throws -> (Int, [String: Any]) {
    var request = URLRequest(url: url.appendingPathComponent(path))
    request.httpMethod = "POST"
    request.httpBody = Data(json.utf8)
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    let (data, response) = try await send(path) { try await liveSession.data(for: request) }
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? ["raw": String(decoding: data, as: UTF8.self)]
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
}

func get(_ url: URL, _ path: String) async throws -> (Int, [String: Any]) {
    let (data, response) = try await send(path) { try await liveSession.data(from: url.appendingPathComponent(path)) }
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
}

private func send(_ path: String, _ body: () async throws -> (Data, URLResponse)) async throws -> (Data, URLResponse) {
    let start = ContinuousClock.now
    do { return try await body() } catch {
        let elapsed = ContinuousClock.now - start
        throw RequestFailure(path: path, seconds: Double(elapsed.components.seconds), underlying: error)
    }
}

@Suite("o1coder serve, live on loopback with the real sandbox", .serialized, .timeLimit(.minutes(10)))
struct LiveServerTests {
    @Test("SandboxFusion's /run_code: output, exit codes, stdin, a time-out, and refusals by name")
    func runCode() async throws {
        try await withLiveServer { url, _ in
            // The request exactly as verl's sandbox_fusion utility sends it.
            let (status, hello) = try await post(url, "run_code", #"{"compile_timeout": 10, "run_timeout": 10, "code": "print(int(input()) * 2)", "stdin": "21\n", "memory_limit_MB": 1024, "language": "python", "files": {}, "fetch_files": []}"#)
            #expect(status == 200)
            #expect(hello["status"] as? String == "Success")
            let run = try #require(hello["run_result"] as? [String: Any])
            #expect(run["status"] as? String == "Finished" && run["return_code"] as? Int == 0 && run["stdout"] as? String == "42\n")
            #expect(hello["compile_result"] is NSNull)

            let (_, raised) = try await post(url, "run_code", #"{"code": "raise ValueError('no')", "language": "python"}"#)
            let raisedRun = try #require(raised["run_result"] as? [String: Any])
            #expect(raised["status"] as? String == "Failed" && raisedRun["return_code"] as? Int == 1)
            #expect((raisedRun["stderr"] as? String)?.contains("ValueError: no") == true)

            let (_, spin) = try await post(url, "run_code", #"{"code": "while True: pass", "run_timeout": 1}"#)
            #expect((spin["run_result"] as? [String: Any])?["status"] as? String == "TimeLimitExceeded")

            let (_, cpp) = try await post(url, "run_code", #"{"code": "int main(){}", "language": "cpp"}"#)
            #expect(cpp["status"] as? String == "SandboxError" && (cpp["message"] as? String)?.contains("python") == true)

            let (bad, message) = try await post(url, "run_code", #"{"language": "python"}"#)
            #expect(bad == 400)
            #expect(((message["error"] as? [String: Any])?["message"] as? String)?.contains("'code' is missing") == true)
        }
    }

    @Test("/evaluate: one request runs every test (ground truth, stdin and fn_name), and a rigged __eq__ fails")
    func evaluate() async throws {
        try await withLiveServer { url, _ in
            let (status, stdin) = try await post(url, "evaluate", #"{"program": "a, b = map(int, input().split())\nprint(a + b)", "ground_truth": "{\"inputs\": [\"1 2\\n\", \"5 5\\n\", \"0 0\\n\"], \"outputs\": [\"3\\n\", \"10\\n\", \"1\\n\"]}"}"#)
            #expect(status == 200)
            #expect(stdin["passed"] as? Int == 2 && stdin["total"] as? Int == 3 && stdin["verdict"] as? String == "failed")
            let tests = try #require((stdin["report"] as? [String: Any])?["tests"] as? [[String: Any]])
            #expect(tests.map { $0["status"] as? String } == ["passed", "passed", "failed"])

            let (_, call) = try await post(url, "evaluate", #"{"program": "class Solution:\n    def add(self, a, b):\n        return a + b", "ground_truth": {"inputs": [[1, 2], [3, 4]], "outputs": [[3], [7]], "fn_name": "add"}}"#)
            #expect(call["verdict"] as? String == "passed" && call["pass_rate"] as? Double == 1)

            let hack = #"class Always:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\ndef add(a, b):\n    return Always()"#
            let (_, rigged) = try await post(url, "evaluate", #"{"program": "\#(hack)", "ground_truth": {"inputs": [[1, 2]], "outputs": [[3]], "fn_name": "add"}}"#)
            #expect(rigged["verdict"] as? String == "failed")
        }
    }

    @Test("RemoteSandbox gives the local sandbox's verdicts, for every test kind and a raw run")
    func remoteMatchesLocal() async throws {
        try await withLiveServer { url, local in
            let remote = try await RemoteSandbox.connect(url: url)
            #expect(remote.isolation == local.isolation)
            let suite = TestSuite(
                setup: "import math",
                cases: [
                    .assertion("assert f(2) == 4"), .assertion("assert f(3) == 10"),
                    .call(arguments: "[5]", expected: .pythonLiteral("25")), .script("assert math.isclose(f(0.5), 0.25)"),
                ])
            let programs = ["def f(x):\n    return x * x", "def f(x):\n    return x +", "def f(x):\n    while True: pass", "import sys\nsys.exit(3)"]
            let limits = ExecutionLimits(cpuSeconds: 1)
            for program in programs {
                let a = try await remote.evaluate(program: program, suite: suite, entryPoint: "f", limits: limits)
                let b = try await local.evaluate(program: program, suite: suite, entryPoint: "f", limits: limits)
                #expect(a.verdict.name == b.verdict.name, "\(program)")
                #expect(a.tests.map(\.status) == b.tests.map(\.status), "\(program)")
            }
            let raw = try await remote.run(ExecutionRequest(program: "import sys\nprint(sys.stdin.read().upper())", stdin: "abc"))
            #expect(raw.termination == .exited(code: 0) && raw.stdout == "ABC\n")
        }
    }

    @Test("a token guards everything but /health; too large, overloaded and metrics answer as documented")
    func guards() async throws {
        let limits = ServiceLimits(maxConcurrency: 1, maxQueue: 0, maxBodyBytes: 4096)
        try await withLiveServer(limits: limits, token: "s3cret") { url, _ in
            #expect(try await get(url, "health").0 == 200)
            let body = #"{"code": "print(1)"}"#
            #expect(try await post(url, "run_code", body).0 == 401)
            #expect(try await post(url, "run_code", body, token: "wrong").0 == 401)
            #expect(try await post(url, "run_code", body, token: "s3cret").0 == 200)
            let big = #"{"code": "\#(String(repeating: "#", count: 10_000))"}"#
            #expect(try await post(url, "run_code", big, token: "s3cret").0 == 413)

            // One slot, no queue: of two concurrent slow runs, one is refused at once with 503.
            let slow = #"{"code": "import time\ntime.sleep(2)"}"#
            async let first = post(url, "run_code", slow, token: "s3cret")
            // Wait (bounded) until the first holds the slot, however loaded the machine is.
            var metricsRequest = URLRequest(url: url.appendingPathComponent("metrics"))
            metricsRequest.setValue("Bearer s3cret", forHTTPHeaderField: "Authorization")
            for _ in 0..<200 {
                let (data, _) = try await liveSession.data(for: metricsRequest)
                if try JSONDecoder().decode(ServiceMetrics.Snapshot.self, from: data).inFlight == 1 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let second = try await post(url, "run_code", slow, token: "s3cret")
            #expect(second.0 == 503)
            #expect(try await first.0 == 200)

            var request = URLRequest(url: url.appendingPathComponent("metrics"))
            request.setValue("Bearer s3cret", forHTTPHeaderField: "Authorization")
            let (data, _) = try await liveSession.data(for: request)
            let metrics = try JSONDecoder().decode(ServiceMetrics.Snapshot.self, from: data)
            #expect(metrics.executions == 2)
            #expect(metrics.rejected["unauthorized"] == 2 && metrics.rejected["too_large"] == 1 && metrics.rejected["overloaded"] == 1)
            #expect(metrics.latency.count == 2 && metrics.latency.max >= 1.9)
        }
    }

    @Test("RemoteSandbox over SandboxFusion's /run_code (the standalone harness) gives the local sandbox's verdicts")
    func sandboxFusionAPI() async throws {
        try await withLiveServer { url, local in
            let remote = try await RemoteSandbox.connect(url: url, api: .sandboxFusion)
            #expect(remote.api == .sandboxFusion && remote.isolation == .minimal)
            #expect(try await RemoteSandbox.connect(url: url).api == .o1coder)
            let suite = TestSuite(
                setup: "import math",
                cases: [
                    .assertion("assert f(2) == 4"), .assertion("assert f(3) == 10"),
                    .call(arguments: "[5]", expected: .pythonLiteral("25")), .script("assert math.isclose(f(0.5), 0.25)"),
                ])
            let programs = [
                "def f(x):\n    return x * x", "def f(x):\n    return x +", "def f(x):\n    while True: pass", "import sys\nsys.exit(3)",
                "def f(x):\n    return x * x\n\nprint(f(2))\nassert f(3) == 10\n",
            ]
            // A wall clock far above the CPU limit: the standalone harness starts slower than a warm worker.
            let limits = ExecutionLimits(cpuSeconds: 1, wallSeconds: 20)
            for program in programs {
                let a = try await remote.evaluate(program: program, suite: suite, entryPoint: "f", limits: limits)
                let b = try await local.evaluate(program: program, suite: suite, entryPoint: "f", limits: limits)
                #expect(a.verdict.name == b.verdict.name, "\(program) \(a.tests.first?.message ?? "") | \(a.stderrTail)")
                #expect(a.tests.map(\.status) == b.tests.map(\.status), "\(program)")
            }
            let stdio = TestSuite(cases: [.standardIO(input: "2\n", expectedOutput: "4"), .standardIO(input: "3\n", expectedOutput: "9")])
            for program in ["print(int(input()) ** 2)", "print(int(input()) * 2)", "while True:\n    pass"] {
                let a = try await remote.evaluate(program: program, suite: stdio, limits: limits)
                let b = try await local.evaluate(program: program, suite: stdio, limits: limits)
                #expect(a.tests.map(\.status) == b.tests.map(\.status), "\(program)")
            }
            let raw = try await remote.run(ExecutionRequest(program: "import sys\nprint(sys.stdin.read().upper())\nsys.exit(4)", stdin: "abc"))
            #expect(raw.termination == .exited(code: 4) && raw.stdout == "ABC\n")
            let slow = try await remote.run(ExecutionRequest(program: "import time\ntime.sleep(30)", limits: ExecutionLimits(cpuSeconds: 1, wallSeconds: 1)))
            #expect(slow.termination == .wallTimeout || slow.termination == .cpuTimeout)
        }
    }

    @Test("/evaluate with stop_at_first_failure runs no test after the first failure; the verdict is the same")
    func stopAtFirstFailure() async throws {
        try await withLiveServer { url, _ in
            let truth = #"{"inputs": ["1\n", "2\n", "3\n"], "outputs": ["1\n", "5\n", "9\n"]}"#
            let program = #"print(int(input()) ** 2)"#
            for stop in [false, true] {
                let body = #"{"program": "\#(program)", "ground_truth": \#(truth), "stop_at_first_failure": \#(stop)}"#
                let (status, answer) = try await post(url, "evaluate", body)
                #expect(status == 200)
                #expect(answer["verdict"] as? String == "failed")
                let tests = (answer["report"] as? [String: Any])?["tests"] as? [[String: Any]] ?? []
                #expect(tests.compactMap { $0["status"] as? String } == ["passed", "failed", stop ? "not_run" : "passed"])
            }
        }
    }

    @Test("a hung worker is killed and replaced: its request is a sandbox error, the next one runs, nothing stays behind")
    func hungWorker() async throws {
        try await withLiveServer(sandbox: SandboxConfiguration(workers: 1, retries: 0)) { url, sandbox in
            let local = try #require(sandbox as? ProcessSandbox)
            let before = await local.workerProcessIdentifiers()
            #expect(before.count == 1)
            // Freeze the worker's whole tree (supervisor included) while it runs a short program,
            // so only the slot's watchdog (the wall limit plus its grace) can end the request.
            let freeze = Task {
                try await Task.sleep(for: .milliseconds(500))
                for pid in before.flatMap(ProcessTree.descendants(of:)) + before { kill(pid, SIGSTOP) }
            }
            let (status, hung) = try await post(url, "run_code", #"{"code": "import time\ntime.sleep(1.5)\nprint('late')", "run_timeout": 2}"#)
            try await freeze.value
            #expect(status == 200)
            #expect(hung["status"] as? String == "SandboxError", "\(hung)")
            let (_, next) = try await post(url, "run_code", #"{"code": "print(6 * 7)"}"#)
            #expect((next["run_result"] as? [String: Any])?["stdout"] as? String == "42\n")
            let after = await local.workerProcessIdentifiers()
            #expect(after.count == 1 && after != before)
            #expect(before.allSatisfy { !ProcessTree.isAlive($0) })
        }
    }

    @Test("clients that hang up mid-run leak nothing: in-flight returns to zero, no fds or processes stay behind")
    func disconnects() async throws {
        try await withLiveServer(sandbox: SandboxConfiguration(workers: 2)) { url, sandbox in
            let local = try #require(sandbox as? ProcessSandbox)
            let session = URLSession(configuration: .ephemeral)
            func abandon() async {
                var request = URLRequest(url: url.appendingPathComponent("run_code"), timeoutInterval: 0.3)
                request.httpMethod = "POST"
                request.httpBody = Data(#"{"code": "import time\ntime.sleep(1)\nprint('done')"}"#.utf8)
                _ = try? await session.data(for: request)
            }
            // A leak grows with every abandoned request; connections kept alive do not.
            func round() async throws -> (files: Int, sockets: Int) {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { await abandon() } }
                }
                try await waitUntilIdle(url)
                // The fewest of a few readings: other suites open and close files meanwhile.
                var fewest = Int.max
                for _ in 0..<5 {
                    try await Task.sleep(for: .milliseconds(100))
                    fewest = min(fewest, ProcessTree.openFileCount())
                }
                return (fewest, Self.openSockets(port: try #require(url.port)))
            }
            let first = try await round()
            let processes = await local.workerProcessIdentifiers().flatMap(ProcessTree.descendants(of:)).count
            var last = first
            for _ in 0..<4 { last = try await round() }
            let (_, next) = try await post(url, "run_code", #"{"code": "print(6 * 7)"}"#)
            #expect((next["run_result"] as? [String: Any])?["stdout"] as? String == "42\n")
            // The server's own connections, exactly: a leaked one per abandoned request would add 16;
            // the slack is for connections the clients keep alive (one per concurrent request).
            #expect(last.sockets <= first.sockets + 4, "16 abandoned requests: sockets on the port \(first.sockets) -> \(last.sockets)")
            // Every fd of the process, which other suites open and close meanwhile: only a coarse bound.
            #expect(last.files <= first.files + 12, "16 abandoned requests: fds \(first.files) -> \(last.files)")
            #expect(await local.workerProcessIdentifiers().flatMap(ProcessTree.descendants(of:)).count <= processes)
        }
    }

    /// The server's open connections: TCP sockets whose local end is `port` (not the listening
    /// one, nor those in TIME_WAIT, which hold no descriptor), from /proc/net/tcp and tcp6.
    /// Nothing of any other suite counts.
    static func openSockets(port: Int) -> Int {
        let hexPort = String(format: "%04X", port)
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9 else { continue }
                let localPort = fields[1].split(separator: ":").last.map(String.init) ?? ""
                if localPort == hexPort, fields[3] != "0A" /* LISTEN */, fields[9] != "0" /* no inode: TIME_WAIT */ { count += 1 }
            }
        }
        return count
    }

    /// Waits (bounded) until the server runs and queues nothing.
    private func waitUntilIdle(_ url: URL) async throws {
        for _ in 0..<200 {
            let (data, _) = try await liveSession.data(from: url.appendingPathComponent("metrics"))
            let snapshot = try JSONDecoder().decode(ServiceMetrics.Snapshot.self, from: data)
            if snapshot.inFlight == 0, snapshot.queued == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the server did not become idle")
    }
}
