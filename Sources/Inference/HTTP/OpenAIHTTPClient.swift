import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import O1CoderCore

/// The HTTP layer of `OpenAIModel`: URLSession requests with a concurrency limit, a time-out,
/// an optional bearer key and retries with seeded exponential back-off.
///
/// Retried: connection failures and time-outs, 408, 429 and 5xx except 501/505 (which will not
/// change). Not retried: other 4xx, whose body excerpt goes into the error. A place in the
/// semaphore is held per attempt, not during the back-off sleep.
final class OpenAIHTTPClient: Sendable {
    let configuration: OpenAIConfiguration
    private let session: URLSession
    private let semaphore: AsyncSemaphore
    private let backoff: BackoffSchedule
    private let clock: any Clock<Duration>
    private let logger: Logger

    init(configuration: OpenAIConfiguration, clock: any Clock<Duration>, jitterSeed: UInt64, logger: Logger) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpMaximumConnectionsPerHost = configuration.maxConcurrentRequests
        sessionConfiguration.timeoutIntervalForRequest = Self.seconds(configuration.timeout)
        self.session = URLSession(configuration: sessionConfiguration)
        self.semaphore = AsyncSemaphore(limit: configuration.maxConcurrentRequests)
        self.backoff = BackoffSchedule(initial: configuration.initialBackoff, maximum: configuration.maxBackoff, seed: jitterSeed)
        self.clock = clock
        self.logger = logger
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Most requests seen in flight at once (for tests of the limit).
    var peakConcurrentRequests: Int { get async { await semaphore.peakHolders } }

    /// Sends `body` as JSON to `path` and decodes the 2xx answer as `Response`.
    func postJSON<Response: Decodable>(_ path: String, body: some Encodable, as: Response.Type) async throws -> Response {
        let data = try await send(path, method: "POST", body: try Self.encoder.encode(body))
        return try decode(Response.self, from: data, path: path)
    }

    /// GETs `path` and decodes it; one attempt only when `retrying` is false.
    func getJSON<Response: Decodable>(_ path: String, as: Response.Type, retrying: Bool = true) async throws -> Response {
        let data = try await send(path, method: "GET", body: nil, retrying: retrying)
        return try decode(Response.self, from: data, path: path)
    }

    func decode<Response: Decodable>(_ type: Response.Type, from data: Data, path: String) throws -> Response {
        do {
            return try Self.decoder.decode(Response.self, from: data)
        } catch {
            throw OpenAIBackendError.malformedResponse(
                url: configuration.url(path).absoluteString, reason: "\(error)",
                bodyExcerpt: OpenAIBackendError.excerpt(data))
        }
    }

    /// Sends one request with retries and returns the body of the 2xx answer.
    func send(_ path: String, method: String, body: Data?, retrying: Bool = true) async throws -> Data {
        let request = try makeRequest(path, method: method, body: body)
        let url = configuration.url(path).absoluteString
        let attemptsAllowed = retrying ? configuration.maxRetries + 1 : 1
        var attempt = 0
        while true {
            attempt += 1
            let outcome: AttemptOutcome
            do {
                let (data, response) = try await semaphore.withPermit { [session] in
                    try await session.data(for: request)
                }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) { return data }
                outcome = .status(status, data, retryAfter: Self.retryAfter(response))
            } catch let error as URLError where error.code != .cancelled {
                outcome = .transport(error)
            }
            let failure = outcome.error(url: url, attempts: attempt, timeout: configuration.timeout)
            guard outcome.isRetriable, attempt < attemptsAllowed else { throw failure }
            try await pause(beforeRetry: attempt - 1, outcome: outcome, url: url)
        }
    }

    /// Streams a POST: retries until a 2xx head arrives, then hands each body chunk to `onData`
    /// while holding one place of the concurrency limit. Cancelling the calling task cancels the
    /// transfer.
    func stream(_ path: String, body: some Encodable, onData: (Data) async throws -> Void) async throws {
        let request = try makeRequest(path, method: "POST", body: try Self.encoder.encode(body))
        let url = configuration.url(path).absoluteString
        var attempt = 0
        while true {
            attempt += 1
            try await semaphore.acquire()
            let transfer = StreamingTransfer(request: request, timeout: configuration.timeout)
            let outcome: AttemptOutcome
            do {
                outcome = try await transfer.run(onData: onData)
                await semaphore.release()
            } catch let error as URLError where error.code != .cancelled {
                await semaphore.release()
                outcome = .transport(error)
            } catch {
                await semaphore.release()
                throw error
            }
            if case .success = outcome { return }
            let failure = outcome.error(url: url, attempts: attempt, timeout: configuration.timeout)
            guard outcome.isRetriable, attempt <= configuration.maxRetries else { throw failure }
            try await pause(beforeRetry: attempt - 1, outcome: outcome, url: url)
        }
    }

    private func pause(beforeRetry retry: Int, outcome: AttemptOutcome, url: String) async throws {
        var delay = backoff.delay(beforeRetry: retry)
        if case let .status(_, _, retryAfter?) = outcome { delay = max(delay, min(retryAfter, configuration.maxBackoff)) }
        logger.debug("retrying OpenAI request", metadata: [
            "http.url": "\(url)", "http.retry": "\(retry + 1)", "http.delay": "\(delay)",
            "http.failure": "\(outcome.summary)",
        ])
        try await clock.sleep(for: delay, tolerance: nil)
    }

    private func makeRequest(_ path: String, method: String, body: Data?) throws -> URLRequest {
        var request = URLRequest(url: configuration.url(path))
        request.httpMethod = method
        request.timeoutInterval = Self.seconds(configuration.timeout)
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let variable = configuration.apiKeyEnvironmentVariable {
            guard let key = ProcessInfo.processInfo.environment[variable], !key.isEmpty else {
                throw OpenAIBackendError.missingAPIKey(environmentVariable: variable)
            }
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        }
        return request
    }

    /// JSON coders for the OpenAI wire format (camelCase properties, snake_case keys).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func retryAfter(_ response: URLResponse) -> Duration? {
        guard let value = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After"),
              let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0
        else { return nil }
        return .milliseconds(Int(seconds * 1000))
    }
}

/// What one attempt came to.
enum AttemptOutcome: Sendable {
    case success
    case status(Int, Data, retryAfter: Duration?)
    case transport(URLError)

    var isRetriable: Bool {
        switch self {
        case .success: return false
        case let .status(code, _, _): return code == 408 || code == 429 || ((500..<600).contains(code) && code != 501 && code != 505)
        case .transport: return true
        }
    }

    var summary: String {
        switch self {
        case .success: return "success"
        case let .status(code, _, _): return "HTTP \(code)"
        case let .transport(error): return "\(error.code.rawValue) \(error.localizedDescription)"
        }
    }

    func error(url: String, attempts: Int, timeout: Duration) -> OpenAIBackendError {
        switch self {
        case .success:
            return .invalidRequest("internal: a successful attempt was treated as a failure")
        case let .status(code, body, _):
            return .httpStatus(url: url, status: code, attempts: attempts, bodyExcerpt: OpenAIBackendError.excerpt(body))
        case let .transport(error) where error.code == .timedOut:
            return .timedOut(url: url, attempts: attempts, timeout: timeout)
        case let .transport(error):
            return .serverUnreachable(url: url, attempts: attempts, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        case .notConnectedToInternet: return "no network"
        default: return "URLError \(error.code.rawValue): \(error.localizedDescription)"
        }
    }
}
