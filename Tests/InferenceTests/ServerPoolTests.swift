import Foundation
import O1CoderTestSupport
import Synchronization
import Testing
@testable import Inference

/// A server double that can be switched off (answers as an unreachable server would).
final class SwitchableServer: LanguageModel {
    let inner: ConstantLanguageModel
    let down = Mutex(false)
    init(_ text: String) { inner = ConstantLanguageModel(text, name: text) }
    var info: ModelInfo { inner.info }
    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        if down.withLock({ $0 }) { throw OpenAIBackendError.serverUnreachable(url: inner.text, attempts: 1, reason: "connection refused") }
        return try await inner.generate(request)
    }
    func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> { inner.stream(request) }
    func score(prompt: PromptInput, continuation: String) async throws -> ScoredText { try await inner.score(prompt: prompt, continuation: continuation) }
    func embed(_ text: String) async throws -> [Float] { try await inner.embed(text) }
}

@Suite("ServerPool: sticky routing and fail-over")
struct ServerPoolTests {
    static func request(_ problem: Int, step: String = "") -> GenerationRequest {
        GenerationRequest(prompt: .chat([.system("s"), .user("problem \(problem)"), .assistant("Action 1: \(step)")]), parameters: .greedy)
    }

    @Test("every request of a problem goes to one server; problems spread over the servers")
    func sticky() async throws {
        let servers = [SwitchableServer("a"), SwitchableServer("b"), SwitchableServer("c")]
        let pool = ServerPool(servers: servers, names: ["a", "b", "c"])
        var home: [Int: String] = [:]
        for problem in 0..<30 {
            for step in ["x", "y", "z"] {
                let text = try await pool.generate(Self.request(problem, step: step)).completions[0].text
                #expect(home[problem, default: text] == text, "problem \(problem) moved between servers")
                home[problem] = text
            }
        }
        #expect(Set(home.values) == ["a", "b", "c"])
        #expect(pool.statistics.failovers == 0 && pool.statistics.requests.reduce(0, +) == 90)
    }

    @Test("a dead server's problems move to the others; a wrong request is not retried elsewhere")
    func failover() async throws {
        let servers = [SwitchableServer("a"), SwitchableServer("b")]
        let pool = ServerPool(servers: servers, names: ["a", "b"], coolDown: .seconds(60))
        let onA = try #require((0..<50).first { pool.order(for: Self.request($0).prompt).first == 0 })
        servers[0].down.withLock { $0 = true }
        #expect(try await pool.generate(Self.request(onA)).completions[0].text == "b")
        // Set aside: the next request goes straight to b (one failover in all, not one per request).
        #expect(try await pool.generate(Self.request(onA)).completions[0].text == "b")
        #expect(pool.statistics.failovers == 1)
        servers[1].down.withLock { $0 = true }
        await #expect(throws: OpenAIBackendError.self) { try await pool.generate(Self.request(onA)) }
        #expect(!OpenAIBackendError.invalidRequest("n").isServerFailure)
        #expect(OpenAIBackendError.httpStatus(url: "u", status: 503, attempts: 1, bodyExcerpt: "").isServerFailure)
        #expect(!OpenAIBackendError.httpStatus(url: "u", status: 400, attempts: 1, bodyExcerpt: "").isServerFailure)
    }
}

@Suite(
    "ServerPool against two real llama-servers, one killed mid-run", .serialized, .timeLimit(.minutes(10)),
    .requires(.llamaServer, .testModel))
struct ServerPoolLiveTests {
    @Test("both servers serve; after one is killed every remaining request still completes on the other")
    func killOne() async throws {
        try await LlamaServerProcess.withLlamaServer(extraArguments: []) { first in
            try await LlamaServerProcess.withLlamaServer(extraArguments: []) { second in
                let servers = try [first, second].map { server in
                    try OpenAIModel(configuration: OpenAIConfiguration(
                        baseURL: server.baseURL, model: "smollm2", maxConcurrentRequests: 2, timeout: .seconds(60), maxRetries: 0))
                }
                let pool = ServerPool(servers: servers, names: ["first", "second"])
                var parameters = SamplingParameters.greedy
                parameters.maxTokens = 4
                func ask(_ problem: Int) async throws -> String {
                    try await pool.generate(GenerationRequest(prompt: .chat([.user("Say the number \(problem).")]), parameters: parameters)).completions[0].text
                }
                var before: [String] = []
                for problem in 0..<8 { before.append(try await ask(problem)) }
                #expect(pool.statistics.requests.allSatisfy { $0 > 0 }, "\(pool.statistics.requests)")
                first.stop()
                var after: [String] = []
                for problem in 0..<8 { after.append(try await ask(problem)) }
                // Greedy on the same model: the surviving server gives the answers the dead one gave.
                #expect(after == before)
                #expect(pool.statistics.failovers >= 1)
            }
        }
    }
}
