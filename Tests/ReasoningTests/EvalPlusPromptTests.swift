import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Testing

/// The EvalPlus style: its layout (golden renders live with the other styles' in
/// PromptBuilderTests), its stop strings, and how an answer written inside the opened fence is read.
@Suite struct EvalPlusPromptTests {
    static func generator(_ model: ScriptedLanguageModel) throws -> AnswerGenerator {
        AnswerGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: 2))
    }

    @Test("Zero-shot even when examples are configured: one user turn and the pre-filled answer, no system message")
    func layout() throws {
        let messages = PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: 2)
            .messages(for: PromptBuilderTests.humanEval, style: .evalplus)
        #expect(messages.map(\.role) == [.user, .assistant])
        #expect(messages[1].content.hasSuffix(":\n```python\n"))
        #expect(PromptStyle.evalplus.opensCodeFence && !PromptStyle.direct.opensCodeFence)
    }

    @Test("The request stops at the closing fence and EvalPlus's chat stops; the code is the continuation")
    func stopsAndExtraction() async throws {
        let model = ScriptedLanguageModel([
            .completions([
                .scripted("def reverse_words(s):\n    return ' '.join(s.split()[::-1])", stopReason: .stopSequence),
                .scripted("def reverse_words(s):\n    words = s.split(", stopReason: .maxTokens),
                .scripted("def reverse_words(s):\n    return s\n", stopReason: .repetition),
            ])
        ])
        let batch = try await Self.generator(model).sample(
            for: PromptBuilderTests.mbpp, style: .evalplus, count: 3,
            parameters: SamplingParameters(temperature: 0, stop: ["\n```"]))

        let stops = try #require(model.requests.first?.parameters.stop)
        #expect(stops == ["\n```", "\nif __name__", "\ndef main(", "\nprint("])
        #expect(batch.answers[0].code.code?.source == .pythonFence)
        #expect(batch.answers[0].code.code?.issues == [])
        #expect(batch.answers[0].code.code?.defines("reverse_words") == true)
        #expect(batch.answers[1].code.code?.issues.map(\.kind) == ["truncated"])
        #expect(batch.answers[2].code.code?.issues.map(\.kind) == ["repetitionStopped"])
    }

    @Test("Other styles are not given the fence stops")
    func directHasNoFenceStop() throws {
        let request = try Self.generator(ScriptedLanguageModel([])).request(
            for: PromptBuilderTests.mbpp, style: .direct, count: 1, parameters: .greedy)
        #expect(request.parameters.stop.isEmpty)
    }
}
