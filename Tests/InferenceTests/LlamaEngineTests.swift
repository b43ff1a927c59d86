import Foundation
import Inference
import O1CoderTestSupport
import Testing

@Suite(.serialized, .requires(.testModel), .timeLimit(.minutes(10)))
struct LlamaEngineTests {
    @Test("Greedy generation is deterministic across requests and engines")
    func greedyDeterministic() async throws {
        let a = try LlamaTestModel.engine()
        let request = GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(12))

        let first = try await a.generate(request)
        let second = try await a.generate(request)
        let fresh = try await LlamaTestModel.engine(prefixCacheSlots: 0).generate(request)

        #expect(first.completions.count == 1)
        #expect(!first.completions[0].tokens.isEmpty)
        #expect(first.completions.map(\.tokens) == second.completions.map(\.tokens))
        #expect(first.completions.map(\.text) == second.completions.map(\.text))
        #expect(first.completions[0].text == fresh.completions[0].text)
        #expect(first.completions[0].tokens == fresh.completions[0].tokens)
    }

    @Test("Seeded sampling is reproducible and sample i uses seed + i")
    func seededSampling() async throws {
        var p = SamplingParameters(temperature: 0.9, topK: 40, topP: 0.95, seed: 7, maxTokens: 10)
        p.minP = 0.01
        let request = GenerationRequest(prompt: LlamaTestModel.question, parameters: p, n: 3)

        let a = try await LlamaTestModel.engine().generate(request)
        let b = try await LlamaTestModel.engine().generate(request)
        var single = request
        single.n = 1
        single.parameters.seed = 8
        let c = try await LlamaTestModel.engine().generate(single)

        #expect(a.completions.map(\.tokens) == b.completions.map(\.tokens))
        #expect(a.completions[1].tokens == c.completions[0].tokens)
    }

    @Test("Greedy continuations of forked sequences equal a fresh context's")
    func forkedEqualsFresh() async throws {
        let forked = try await LlamaTestModel.engine().generate(
            GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(10), n: 3))
        let fresh = try await LlamaTestModel.engine().generate(
            GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(10), n: 1))

        #expect(forked.usage.promptTokensEvaluated > 0)
        for c in forked.completions { #expect(c.tokens == fresh.completions[0].tokens) }
    }

    @Test("Scored log-probs match those seen during generation")
    func scoreMatchesGeneration() async throws {
        let engine = try LlamaTestModel.engine()
        let generated = try await engine.generate(
            GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(16), wantsLogProbs: true))
        let completion = generated.completions[0]

        let scored = try await engine.score(prompt: LlamaTestModel.question, continuation: completion.text)

        #expect(completion.logProbs.count == completion.tokens.count)
        #expect(completion.logProbs.allSatisfy { $0 <= 0 && $0.isFinite })
        #expect(scored.tokens == completion.tokens)
        for (x, y) in zip(scored.logProbs, completion.logProbs) { #expect(abs(x - y) < 1e-3) }
    }

    @Test("Stop strings end generation and are excluded from the text")
    func stopStrings() async throws {
        let engine = try LlamaTestModel.engine()
        let full = try await engine.generate(GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(24)))
        let text = full.completions[0].text
        let chars = Array(text)
        try #require(chars.count > 12)
        let stop = String(chars[8..<11])
        let expected = String(text[..<(text.range(of: stop)?.lowerBound ?? text.endIndex)])

        let stopped = try await engine.generate(
            GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(24, stop: [stop])))

        #expect(stopped.completions[0].stopReason == .stopSequence)
        #expect(stopped.completions[0].text == expected)
        #expect(!stopped.completions[0].text.contains(stop))
    }

    @Test("Prompt plus max tokens beyond the context is an error, not a crash")
    func contextOverflow() async throws {
        let engine = try LlamaTestModel.engine(contextLength: 64)
        let request = GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(400))

        await #expect { try await engine.generate(request) } throws: { ($0 as? InferenceError)?.code == .contextOverflow }
        let long = PromptInput.text(String(repeating: "token ", count: 600))
        await #expect { try await engine.score(prompt: long, continuation: "x") } throws: { ($0 as? InferenceError)?.code == .contextOverflow }
        // A prompt longer than the (clamped) batch is read in chunks instead of tripping an assert.
        let scored = try await engine.score(prompt: .text(String(repeating: "token ", count: 150)), continuation: " token")
        #expect(scored.logProbs.count == scored.tokens.count)
    }

    @Test("A request extending a cached prompt reuses its KV state and matches a cold engine")
    func prefixCacheReuse() async throws {
        let engine = try LlamaTestModel.engine()
        let parent = try await engine.generate(GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(8)))
        let childPrompt = PromptInput.chat([.user("Write a Python function that adds two numbers."), .assistant(parent.completions[0].text)])

        let child = try await engine.generate(GenerationRequest(prompt: childPrompt, parameters: LlamaTestModel.greedy(8)))
        let cold = try await LlamaTestModel.engine(prefixCacheSlots: 0).generate(
            GenerationRequest(prompt: childPrompt, parameters: LlamaTestModel.greedy(8)))

        #expect(parent.usage.promptTokensReused == 0)
        #expect(child.usage.promptTokensReused > 0)
        #expect(child.usage.promptTokensEvaluated < cold.usage.promptTokensEvaluated)
        #expect(child.completions[0].tokens == cold.completions[0].tokens)
        let stats = await engine.statistics
        #expect(stats.usage.promptTokensReused == child.usage.promptTokensReused)
        #expect(stats.requests == 2)
    }

    @Test("The chat template renders ChatML and continues a final assistant message")
    func chatTemplate() async throws {
        let engine = try LlamaTestModel.engine()

        let closed = try await engine.renderPrompt(.chat([.system("S"), .user("U")]))
        let open = try await engine.renderPrompt(.chat([.system("S"), .user("U"), .assistant("def f(")]))

        #expect(closed == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n")
        #expect(open == closed + "def f(")
    }

    @Test("Embeddings have the model's dimension and are deterministic")
    func embeddings() async throws {
        let engine = try LlamaTestModel.engine()

        let a = try await engine.embed("def add(a, b): return a + b")
        let b = try await engine.embed("def add(a, b): return a + b")
        let c = try await engine.embed("The weather is nice today.")

        #expect(a.count == engine.embeddingDimension)
        #expect(a.count == 576)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("Streaming yields the final text piece by piece")
    func streaming() async throws {
        let engine = try LlamaTestModel.engine()
        var pieces = ""
        var result: GenerationResult?

        for try await event in engine.stream(GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(12))) {
            switch event {
            case .text(let t): pieces += t
            case .finished(let r): result = r
            }
        }

        let final = try #require(result)
        #expect(pieces == final.completions[0].text)
        #expect(final.usage.generatedTokens == final.completions[0].tokens.count)
    }
}
