public import Execution
public import Foundation
public import O1CoderCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ``Sandbox`` whose executions run on an `o1coder serve` server (`--sandbox URL`), so that
/// execution scales across machines. Suites go whole to `POST /evaluate` (one request per
/// program, not per test); raw runs to `POST /execute`. A 503 (the server's queue is full) and
/// connection failures are retried with seeded back-off; anything else is a tool failure.
public struct RemoteSandbox: Sandbox {
    public let url: URL
    public let isolation: IsolationLevel
    private let token: String?
    private let session: URLSession
    private let backoff: BackoffSchedule
    private let attempts: Int

    /// Connects: reads the server's isolation from `/health`, so it is known before any run.
    public static func connect(url: URL, token: String? = nil, attempts: Int = 4) async throws -> RemoteSandbox {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 600
        let session = URLSession(configuration: configuration)
        var probe = RemoteSandbox(url: url, isolation: .minimal, token: token, session: session, attempts: attempts)
        struct Health: Decodable { var isolation: IsolationLevel }
        let health = try JSONDecoder().decode(Health.self, from: try await probe.send("health", body: nil, timeout: 10))
        probe = RemoteSandbox(url: url, isolation: health.isolation, token: token, session: session, attempts: attempts)
        return probe
    }

    private init(url: URL, isolation: IsolationLevel, token: String?, session: URLSession, attempts: Int) {
        self.url = url
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
        let body = try EvaluateRequest(program: program, suite: suite, entryPoint: entryPoint, limits: limits).body()
        let data = try await send("evaluate", body: body, timeout: limits.wallSeconds + 60)
        return try decode(EvaluateResponse.self, data, "evaluate").report
    }

    public func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        let data = try await send("execute", body: try JSONEncoder().encode(request), timeout: request.limits.wallSeconds + 60)
        return try decode(ExecutionOutcome.self, data, "execute")
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
