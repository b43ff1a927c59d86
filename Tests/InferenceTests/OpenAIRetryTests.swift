import Foundation
import Synchronization
import Testing
@testable import Inference

/// A clock whose sleeps return at once and are recorded; `now` advances by what was slept.
final class RecordingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))
    var now: Instant { Instant(offset: state.withLock { $0.now }) }
    var minimumResolution: Duration { .zero }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        state.withLock { state in
            state.sleeps.append(deadline.offset - state.now)
            state.now = max(state.now, deadline.offset)
        }
    }
}

@Suite("OpenAI backend: retries, errors and the concurrency limit (scripted local server)")
struct OpenAIRetryTests {
    static let okChat = """
        {"choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":5,"completion_tokens":1}}
        """

    func model(_ url: URL, retries: Int, clock: RecordingClock, concurrency: Int = 4, keyVariable: String? = nil) throws -> OpenAIModel {
        try OpenAIModel(
            configuration: OpenAIConfiguration(
                baseURL: url, apiKeyEnvironmentVariable: keyVariable, maxConcurrentRequests: concurrency,
                timeout: .seconds(20), maxRetries: retries, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1)),
            clock: clock, jitterSeed: 7)
    }

    let request = GenerationRequest(prompt: .chat([.user("hello")]), parameters: .greedy, wantsLogProbs: false)

    @Test("503 twice then 200: three requests, two growing jittered back-offs")
    func retriesServerErrors() async throws {
        let server = try OpenAITestHTTPServer(script: [
            .init(status: 503, body: "busy"), .init(status: 503, body: "busy"), .init(status: 200, body: Self.okChat),
        ])
        defer { server.shutdown() }
        let clock = RecordingClock()

        let result = try await model(server.baseURL, retries: 3, clock: clock).generate(request)

        #expect(result.completions.map(\.text) == ["hi"])
        #expect(server.requestCount == 3)
        let sleeps = clock.sleeps
        #expect(sleeps.count == 2)
        if sleeps.count == 2 {
            #expect(sleeps[0] >= .milliseconds(50) && sleeps[0] < .milliseconds(100))
            #expect(sleeps[1] >= .milliseconds(100) && sleeps[1] < .milliseconds(200))
        }
    }

    @Test("429 honours Retry-After (capped by maxBackoff)")
    func honoursRetryAfter() async throws {
        let server = try OpenAITestHTTPServer(script: [
            .init(status: 429, body: "slow down", headers: ["Retry-After": "30"]), .init(status: 200, body: Self.okChat),
        ])
        defer { server.shutdown() }
        let clock = RecordingClock()

        _ = try await model(server.baseURL, retries: 2, clock: clock).generate(request)

        #expect(clock.sleeps == [.seconds(1)])
        #expect(server.requestCount == 2)
    }

    @Test("5xx until the retries run out: one error naming the status and attempts")
    func givesUpAfterRetries() async throws {
        let server = try OpenAITestHTTPServer(script: [.init(status: 502, body: "bad gateway")])
        defer { server.shutdown() }
        let clock = RecordingClock()

        let error = await #expect(throws: OpenAIBackendError.self) {
            try await model(server.baseURL, retries: 2, clock: clock).generate(request)
        }

        #expect(server.requestCount == 3)
        #expect(clock.sleeps.count == 2)
        guard case let .httpStatus(_, status, attempts, excerpt)? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(status == 502 && attempts == 3 && excerpt == "bad gateway")
    }

    @Test("4xx is not retried and its body is in the message")
    func doesNotRetryClientErrors() async throws {
        let server = try OpenAITestHTTPServer(script: [.init(status: 400, body: #"{"error":"bad field top_k"}"#)])
        defer { server.shutdown() }
        let clock = RecordingClock()

        let error = await #expect(throws: OpenAIBackendError.self) {
            try await model(server.baseURL, retries: 3, clock: clock).generate(request)
        }

        #expect(server.requestCount == 1)
        #expect(clock.sleeps.isEmpty)
        #expect(error?.description.contains("HTTP 400") == true)
        #expect(error?.description.contains("bad field top_k") == true)
    }

    @Test("a closed port: serverUnreachable after 1 + maxRetries attempts")
    func unreachableServer() async throws {
        let port = try LlamaServerProcess.freePort()  // nothing listens there
        let clock = RecordingClock()
        let url = URL(string: "http://127.0.0.1:\(port)")!

        let error = await #expect(throws: OpenAIBackendError.self) {
            try await model(url, retries: 2, clock: clock).generate(request)
        }

        #expect(clock.sleeps.count == 2)
        guard case let .serverUnreachable(reportedURL, attempts, _)? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(attempts == 3)
        #expect(reportedURL.contains("127.0.0.1:\(port)/v1/chat/completions"))
        #expect(error?.description.contains("unreachable") == true)
    }

    @Test("malformed JSON in a 200 answer is a clear error")
    func malformedJSON() async throws {
        let server = try OpenAITestHTTPServer(script: [.init(status: 200, body: "<html>proxy</html>")])
        defer { server.shutdown() }

        let error = await #expect(throws: OpenAIBackendError.self) {
            try await model(server.baseURL, retries: 0, clock: RecordingClock()).generate(request)
        }

        guard case .malformedResponse(_, _, let excerpt)? = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(excerpt.contains("<html>proxy"))
    }

    @Test("the API key goes out as a bearer token and never into errors")
    func bearerKey() async throws {
        let variable = "O1CODER_TEST_OPENAI_KEY_\(UInt32.random(in: 0...UInt32.max))"
        setenv(variable, "sk-test-secret", 1)
        defer { unsetenv(variable) }
        let server = try OpenAITestHTTPServer(script: [.init(status: 401, body: "no")])
        defer { server.shutdown() }

        let error = await #expect(throws: OpenAIBackendError.self) {
            try await model(server.baseURL, retries: 0, clock: RecordingClock(), keyVariable: variable).generate(request)
        }

        #expect(server.requests.first?.contains("Authorization: Bearer sk-test-secret") == true)
        #expect(error?.description.contains("sk-test-secret") == false)
        #expect(error?.description.contains("API key") == true)
    }

    @Test("a missing key variable is reported by name")
    func missingKey() async throws {
        let error = await #expect(throws: OpenAIBackendError.self) {
            try await model(URL(string: "http://127.0.0.1:9")!, retries: 0, clock: RecordingClock(),
                            keyVariable: "O1CODER_SURELY_UNSET_VARIABLE").generate(request)
        }
        #expect(error == .missingAPIKey(environmentVariable: "O1CODER_SURELY_UNSET_VARIABLE"))
    }

    @Test("at most maxConcurrentRequests requests are in flight")
    func concurrencyLimit() async throws {
        let server = try OpenAITestHTTPServer(script: [.init(status: 200, body: Self.okChat, holdFor: .milliseconds(40))])
        defer { server.shutdown() }
        let model = try model(server.baseURL, retries: 0, clock: RecordingClock(), concurrency: 2)

        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await model.generate(request).completions[0].text } }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(texts == Array(repeating: "hi", count: 8))
        #expect(server.requestCount == 8)
        #expect(server.peakConcurrentRequests <= 2)
        #expect(await model.peakConcurrentRequests == 2)
    }
}
