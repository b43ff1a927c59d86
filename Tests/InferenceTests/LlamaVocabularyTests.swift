@testable import Inference
import O1CoderTestSupport
import Testing

// The limit detects a hang; on shared cores llama.cpp's spinning threads make a minute too short.
@Suite(.requires(.testModel), .timeLimit(.minutes(5)))
struct LlamaVocabularyTests {
    @Test("Tokenize and detokenize round-trip, and the buffer-size retry handles a too-small buffer")
    func bufferSizeProtocol() throws {
        let model = try SharedModel(path: LlamaTestModel.path)
        let text = "def add(a, b):\n    return a + b  # é €"

        let tokens = try model.tokenize(text, addSpecial: false, parseSpecial: false)
        var decoder = IncrementalUTF8Decoder()
        let exact = tokens.map { decoder.decode(model.piece($0)) }.joined() + decoder.flush()
        let tiny = tokens.map { model.piece($0, initialCapacity: 1) }

        #expect(exact == text)
        #expect(tiny == tokens.map { model.piece($0) })
        #expect(tokens.contains { model.piece($0).count > 1 })
    }

    @Test("Cancelling a stream stops generation and leaves the engine usable")
    func cancelledStream() async throws {
        let engine = try LlamaTestModel.engine()
        let stream = engine.stream(GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(200)))

        for try await event in stream {
            if case .text = event { break }
        }
        let after = try await engine.generate(GenerationRequest(prompt: LlamaTestModel.question, parameters: LlamaTestModel.greedy(4)))

        #expect(after.completions[0].tokens.count == 4)
    }
}
