import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Testing

@Suite struct AnswerGeneratorTests {
    static func generator(_ model: ScriptedLanguageModel) throws -> AnswerGenerator {
        AnswerGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled()))
    }

    @Test("Direct and CoT answers are sampled in one call without a step stop, and their code extracted")
    func directAndCoT() async throws {
        let model = ScriptedLanguageModel([
            .texts(["```python\ndef reverse_words(s):\n    return ' '.join(reversed(s.split()))\n```", "I cannot do that."]),
            .texts(["Split then reverse.\n```python\ndef reverse_words(s):\n    return ' '.join(s.split()[::-1])\n```"]),
        ])
        let generator = try Self.generator(model)

        let direct = try await generator.sample(
            for: PromptBuilderTests.mbpp, style: .direct, count: 2, parameters: SamplingParameters(seed: 3))
        let cot = try await generator.sample(
            for: PromptBuilderTests.mbpp, style: .chainOfThought, count: 1, parameters: .greedy)

        #expect(model.requests.map(\.n) == [2, 1])
        #expect(model.requests.allSatisfy { $0.parameters.stop.isEmpty })
        #expect(direct.answers[0].code.code?.defines("reverse_words") == true)
        #expect(direct.answers[1].code == .failed(.noCode))
        #expect(direct.answers[0].trace == nil)
        #expect(cot.answers[0].code.code?.code.contains("[::-1]") == true)
    }

    @Test("A whole pseudocode trace yields its code step's code; a malformed one records why")
    func pseudocode() async throws {
        let good = "<step action=\"structure\">\nOutline.\n</step>\n<step action=\"code\">\n```python\ndef reverse_words(s):\n    return s\n```\n</step>"
        let noCode = "<step action=\"structure\">\nOutline.\n</step>\n<step action=\"refine\">\nMore.\n</step>"
        let model = ScriptedLanguageModel([.completions([.scripted(good), .scripted(noCode, stopReason: .maxTokens)])])
        let generator = try Self.generator(model)

        let batch = try await generator.sample(
            for: PromptBuilderTests.mbpp, style: .pseudocode, count: 2, parameters: .greedy)

        #expect(batch.answers[0].trace?.parsed?.trace.steps.map(\.action) == [.structure, .code])
        #expect(batch.answers[0].code.code?.code == "def reverse_words(s):\n    return s")
        #expect(batch.answers[1].code == .failed(.noCodeStep))
        #expect(batch.answers[1].trace?.issues == [.truncated])
    }
}
