public import Execution
public import Foundation
public import O1CoderCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ``Sandbox`` whose executions run on a server (`--sandbox URL`), so that execution scales
/// across machines. Two kinds of server:
/// - `o1coder serve`: suites go whole to `POST /evaluate` (one request per program, not per
///   test), raw runs to `POST /execute`;
/// - SandboxFusion (or anything speaking its `POST /run_code`): a suite goes as one
///   ``StandaloneHarness`` program, so it is still one request per program and judged by our
///   harness; raw runs go as they are.
/// A 503 (the server's queue is full) and connection failures are retried with seeded back-off;
/// anything else is a tool failure.
public struct RemoteSandbox: Sandbox {
    /// The server's API.
    public enum API: String, Sendable, CaseIterable {
        case o1coder
        case sandboxFusion = "sandboxfusion"
    }

    public let url: URL
    public let api: API
    /// An O1Coder server's isolation; `.minimal` for SandboxFusion, whose isolation is its own
    /// and unknown here (so `--require-full-isolation` refuses it).
    public let isolation: IsolationLevel
    private let token: String?
    private let session: URLSession
    private let backoff: BackoffSchedule
    private let attempts: Int

    /// Connects. With no `api`, asks `/health`: an O1Coder server answers with its isolation;
    /// anything else is taken for SandboxFusion, which must then run a probe on `/run_code`.
    public static func connect(url: URL, token: String? = nil, api: API? = nil, attempts: Int = 4) async throws -> RemoteSandbox {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 600
        let session = URLSession(configuration: configuration)
        func make(_ api: API, _ isolation: IsolationLevel) -> RemoteSandbox {
            RemoteSandbox(url: url, api: api, isolation: isolation, token: token, session: session, attempts: attempts)
        }
        struct Health: Decodable { var isolation: IsolationLevel }
        if api != .sandboxFusion {
            let probe = make(.o1coder, .minimal)
            do {
                let health = try JSONDecoder().decode(Health.self, from: try await probe.send("health", body: nil, timeout: 10))
                return make(.o1coder, health.isolation)
            } catch where api == .o1coder {
                throw SandboxError.unavailable("\(url.absoluteString) is not an o1coder serve server: \(error)")
            } catch {}
        }
        let fusion = make(.sandboxFusion, .minimal)
        let outcome = try await fusion.run(ExecutionRequest(program: "print('o1coder-probe')", limits: ExecutionLimits(cpuSeconds: 5)))
        guard outcome.isSuccess, outcome.stdout.contains("o1coder-probe") else {
            throw SandboxError.unavailable(
                "\(url.absoluteString) answers neither /health as o1coder serve does nor /run_code as SandboxFusion does (the probe ended \(outcome.termination))")
        }
        return fusion
    }

    private init(url: URL, api: API, isolation: IsolationLevel, token: String?, session: URLSession, attempts: Int) {
        self.url = url
        self.api = api
        self.isolation = isolation
        self.token = token
        self.session = session
        self.backoff = BackoffSchedule(initial: .milliseconds(250), maximum: .seconds(4), seed: 0x5AD_B0C5)
        self.attempts = max(1, attempts)
    }

    public func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport {
        try await evaluate(program: program, suite: suite, entryPoint: nil, limits: limits)
    }

    public func evaluate(program: String, suite: TestSuite, entryPoint: String?, limits: ExecutionLimits) async throws -> ProgramReport {
        switch api {
        case .o1coder:
            let body = try EvaluateRequest(program: program, suite: suite, entryPoint: entryPoint, limits: limits).body()
            let data = try await send("evaluate", body: body, timeout: limits.wallSeconds + 60)
            return try decode(EvaluateResponse.self, data, "evaluate").report
        case .sandboxFusion:
            let harness = try StandaloneHarness(program: program, suite: suite, entryPoint: entryPoint, limits: limits)
            return harness.report(of: try await runCode(harness.script, stdin: "", limits: limits), limits: limits)
        }
    }

    public func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        switch api {
        case .o1coder:
            let data = try await send("execute", body: try JSONCoding.encoder().encode(request), timeout: request.limits.wallSeconds + 60)
            return try decode(ExecutionOutcome.self, data, "execute")
        case .sandboxFusion:
            return try await runCode(request.program, stdin: request.stdin, limits: request.limits)
        }
    }

    /// One `/run_code` request. The memory limit leaves the harness room above the program's own
    /// address-space limit, which the standalone harness sets itself.
    private func runCode(_ code: String, stdin: String, limits: ExecutionLimits) async throws -> ExecutionOutcome {
        let request = RunCodeRequest(
            code: code, language: "python", stdin: stdin, runTimeout: limits.wallSeconds,
            memoryLimitMB: limits.memory.rawValue / (1 << 20) + 256)
        let data = try await send("run_code", body: try JSONCoding.encoder().encode(request), timeout: limits.wallSeconds + 60)
        return ExecutionOutcome(runCode: try decode(RunCodeResponse.self, data, "run_code"))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ path: String) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw SandboxError.unavailable("the server at \(url.absoluteString) answered /\(path) with something that is not a \(T.self): \(error)")
        }
    }

    /// One request with retries; the body of the 2xx answer.
    private func send(_ path: String, body: Data?, timeout: Double) async throws -> Data {
        var request = URLRequest(url: url.appendingPathComponent(path), timeoutInterval: timeout)
        request.httpMethod = body == nil ? "GET" : "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        var last = ""
        for attempt in 0..<attempts {
            if attempt > 0 { try await Task.sleep(for: backoff.delay(beforeRetry: attempt - 1)) }
            do {
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) { return data }
                last = "HTTP \(status): \(String(decoding: data.prefix(300), as: UTF8.self))"
                if status != 503 { break }
            } catch let error as URLError where error.code != .cancelled {
                last = error.localizedDescription
            }
        }
        throw SandboxError.unavailable("the sandbox server at \(url.absoluteString) failed /\(path): \(last)")
    }
}
