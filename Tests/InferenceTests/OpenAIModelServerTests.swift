import Foundation
import O1CoderTestSupport
import Testing
@testable import Inference

/// Integration tests of `OpenAIModel` against a real llama-server running SmolLM2-135M.
@Suite(
    "OpenAI backend against a real llama-server",
    .serialized, .timeLimit(.minutes(10)),
    .requires(.llamaServer, .testModel))
struct OpenAIModelServerTests {
    static let question: PromptInput = .chat([.user("List three colors.")])

    func model(_ server: LlamaServerProcess, maxChoicesPerRequest: Int = 4) throws -> OpenAIModel {
        try OpenAIModel(configuration: OpenAIConfiguration(
            baseURL: server.baseURL, model: "smollm2", maxConcurrentRequests: 2, timeout: .seconds(60), maxRetries: 1,
            maxChoicesPerRequest: maxChoicesPerRequest))
    }

    func greedy(_ prompt: PromptInput, maxTokens: Int = 16, stop: [String] = [], logProbs: Bool = true) -> GenerationRequest {
        var parameters = SamplingParameters.greedy
        parameters.maxTokens = maxTokens
        parameters.stop = stop
        return GenerationRequest(prompt: prompt, parameters: parameters, n: 1, wantsLogProbs: logProbs)
    }

    @Test("greedy chat completion is deterministic, with usage counts and model info")
    func greedyDeterministic() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)

            let first = try await model.generate(greedy(Self.question))
            let second = try await model.generate(greedy(Self.question))
            let info = await model.info

            #expect(first.completions.map(\.text) == second.completions.map(\.text))
            let completion = try #require(first.completions.first)
            #expect(!completion.text.isEmpty)
            #expect(first.usage.promptTokensEvaluated + first.usage.promptTokensReused > 5)
            #expect(first.usage.generatedTokens >= 1 && first.usage.generatedTokens <= 16)
            #expect(completion.stopReason == (first.usage.generatedTokens == 16 ? .maxTokens : .endOfSequence))
            #expect(second.usage.promptTokensReused > 0, "llama-server caches the repeated prompt")
            #expect(info.contextLength == 2048)
            #expect(!info.name.isEmpty)
        }
    }

    @Test("n = 3 returns three completions; n = 6 with 4 per request takes two requests")
    func multipleSamples() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            var request = GenerationRequest(
                prompt: Self.question, parameters: SamplingParameters(temperature: 1.0, seed: 5, maxTokens: 8), n: 3)

            let three = try await model(server).generate(request)
            request.n = 6
            let six = try await model(server, maxChoicesPerRequest: 4).generate(request)

            #expect(three.completions.count == 3)
            #expect(six.completions.count == 6)
            #expect(Set(six.completions.map(\.text)).count > 1, "samples at temperature 1 should differ")
            #expect(six.usage.generatedTokens == six.completions.reduce(0) { $0 + max($1.logProbs.count, 0) })
        }
    }

    @Test("stop strings end generation before the stop string")
    func stopStrings() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)
            let free = try #require(try await model.generate(greedy(Self.question, maxTokens: 24)).completions.first)
            let words = free.text.split(separator: " ")
            try #require(words.count >= 3, "need a few words to pick a stop string from: \(free.text)")
            let stop = " " + words[2]
            let stopRange = try #require(free.text.range(of: stop))
            let expected = String(free.text[..<stopRange.lowerBound])

            let stopped = try #require(try await model.generate(greedy(Self.question, maxTokens: 24, stop: [stop])).completions.first)

            #expect(stopped.text == expected)
            #expect(stopped.stopReason == .stopSequence)
        }
    }

    @Test("log-probabilities: one per generated token, all ≤ 0, with token ids")
    func logProbabilities() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let result = try await model(server).generate(greedy(Self.question, maxTokens: 8))
            let completion = try #require(result.completions.first)

            #expect(completion.logProbs.count == result.usage.generatedTokens)
            #expect(completion.logProbs.allSatisfy { $0 <= 0 })
            #expect(completion.tokens.count == completion.logProbs.count)
        }
    }

    @Test("text completion (/v1/completions) works and streams the same greedy text")
    func textCompletionAndStream() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)
            let request = greedy(.text("def add(a, b):\n    return"), maxTokens: 12)

            let plain = try #require(try await model.generate(request).completions.first)
            var pieces: [String] = []
            var final: GenerationResult?
            for try await event in model.stream(request) {
                switch event {
                case let .text(piece): pieces.append(piece)
                case let .finished(result): final = result
                }
            }

            #expect(!plain.text.isEmpty)
            #expect(plain.logProbs.count >= 1 && plain.logProbs.allSatisfy { $0 <= 0 })
            #expect(pieces.joined() == plain.text)
            #expect(final?.completions.first?.text == plain.text)
            #expect(final?.completions.first?.stopReason == plain.stopReason)
            #expect(final?.usage.generatedTokens == plain.logProbs.count)
        }
    }

    @Test("chat streaming yields the same text as non-streaming greedy")
    func chatStream() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)
            let request = greedy(Self.question, maxTokens: 16)

            let plain = try #require(try await model.generate(request).completions.first)
            var streamed = ""
            for try await event in model.stream(request) {
                if case let .text(piece) = event { streamed += piece }
            }

            #expect(streamed == plain.text)
        }
    }

    @Test("a final assistant message is continued, not closed")
    func continuesAssistantMessage() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)
            let full = try #require(try await model.generate(greedy(Self.question, maxTokens: 20)).completions.first).text
            let cut = try #require(full.range(of: " ", options: .backwards, range: full.index(full.startIndex, offsetBy: full.count / 2)..<full.endIndex) ?? full.range(of: " "))
            let partial = String(full[..<cut.lowerBound])

            let continued = try await model.generate(
                greedy(.chat([.user("List three colors."), .assistant(partial)]), maxTokens: 20))

            let rest = try #require(continued.completions.first).text
            // Greedy decoding from the same state gives the rest of the same answer.
            #expect(full.hasPrefix(partial + rest) || (partial + rest).hasPrefix(full), "partial: \(partial) rest: \(rest) full: \(full)")
        }
    }

    @Test("score agrees with the log-probs of a greedy generation (text and chat prompts)")
    func scoring() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)
            for prompt in [PromptInput.text("The capital of France is"), Self.question] {
                let generated = try #require(try await model.generate(greedy(prompt, maxTokens: 6)).completions.first)

                let scored = try await model.score(prompt: prompt, continuation: generated.text)

                #expect(scored.logProbs.allSatisfy { $0 <= 0 })
                #expect(!scored.logProbs.isEmpty)
                if scored.tokens == generated.tokens {
                    for (a, b) in zip(scored.logProbs, generated.logProbs) { #expect(abs(a - b) < 1e-3) }
                }
            }
        }
    }

    @Test("embeddings have a positive dimension; a server without --embeddings says so")
    func embeddings() async throws {
        let vector = try await LlamaServerProcess.withLlamaServer { server in
            try await model(server).embed("def f(): pass")
        }
        #expect(vector.count > 0)

        let error = try await LlamaServerProcess.withLlamaServer(extraArguments: []) { server in
            await #expect(throws: OpenAIBackendError.self) { try await model(server).embed("x") }
        }
        #expect(error?.description.contains("embeddings") == true)
    }

    @Test("informative: latency and tokens/s of a short greedy request")
    func measure() async throws {
        try await LlamaServerProcess.withLlamaServer { server in
            let model = try model(server)
            _ = try await model.generate(greedy(Self.question, maxTokens: 4))  // warm-up
            let result = try await model.generate(greedy(.text("Once upon a time"), maxTokens: 64))
            let rate = Double(result.usage.generatedTokens) / max(result.usage.seconds, 1e-9)
            print("[OpenAIModel measure] 64-token request: \(result.usage.generatedTokens) tokens in "
                  + String(format: "%.3f s (%.1f tokens/s incl. prompt and HTTP)", result.usage.seconds, rate))
            #expect(result.usage.generatedTokens > 0)
        }
    }
}
