import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Testing

@Suite struct StepGeneratorTests {
    static let problem = PromptBuilderTests.mbpp

    static func generator(_ model: ScriptedLanguageModel) throws -> StepGenerator {
        StepGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled()))
    }

    @Test("k next steps are requested with the step-end stop string and parsed")
    func nextSteps() async throws {
        // The double cuts at the stop string like a real backend does.
        let model = ScriptedLanguageModel([
            .texts([
                "structure\">\nOutline reverse_words(s).\n</step>\n<step action=\"refine\">ignored",
                "refine\">\nSplit, reverse, join.\n</step>",
                "no label at all",
            ])
        ])
        let generator = try Self.generator(model)
        let parameters = SamplingParameters(temperature: 0.7, seed: 7, maxTokens: 256)

        let expansion = try await generator.nextSteps(
            for: Self.problem, after: ReasoningTrace(), count: 3, parameters: parameters)

        let request = try #require(model.requests.first)
        #expect(request.n == 3)
        #expect(request.parameters.stop == ["</step>"])
        #expect(request.parameters.seed == 7 && request.wantsLogProbs)
        guard case .chat(let messages) = request.prompt else {
            Issue.record("expected a chat prompt")
            return
        }
        #expect(messages.last == .assistant("<step action=\""))
        #expect(expansion.candidates.map(\.step?.action) == [.structure, .refine, nil])
        #expect(expansion.candidates[0].step?.text == "Outline reverse_words(s).")
        #expect(expansion.candidates[0].stopReason == .stopSequence)
        #expect(expansion.candidates[0].tokenCount == 3)
        #expect(expansion.candidates[0].totalLogProb == -1.5)
        #expect(expansion.candidates[0].outcome.issues.isEmpty)
        #expect(expansion.candidates[2].outcome.failure == .missingActionLabel(step: 0))
        #expect(expansion.candidates[2].stopReason == .endOfSequence)
    }

    @Test("The partial answer holds the steps so far and a forced code step returns its code")
    func forcedCode() async throws {
        let model = ScriptedLanguageModel([
            .texts(["```python\ndef reverse_words(s):\n    return ' '.join(s.split()[::-1])\n```\n</step>"]),
            .completions([.scripted("```python\ndef other(", stopReason: .maxTokens)]),
        ])
        let generator = try Self.generator(model)
        let prefix = ReasoningTrace(steps: [ReasoningStep(action: .structure, text: "Outline.")])

        let first = try await generator.nextSteps(
            for: Self.problem, after: prefix, count: 1, parameters: .greedy, forcing: .code)
        let second = try await generator.nextSteps(
            for: Self.problem, after: prefix, count: 1, parameters: .greedy, forcing: .code)

        guard case .chat(let messages) = model.requests[0].prompt else {
            Issue.record("expected a chat prompt")
            return
        }
        #expect(messages.last == .assistant("<step action=\"structure\">\nOutline.\n</step>\n\n<step action=\"code\">\n"))
        guard case .parsed(let step, let code, let issues) = first.candidates[0].outcome else {
            Issue.record("expected a parsed code step")
            return
        }
        #expect(step.action == .code && issues.isEmpty)
        #expect(code?.defines("reverse_words") == true)
        let truncated = second.candidates[0].outcome
        #expect(truncated.issues.map(\.kind).contains("truncated"))
        #expect(truncated.issues.map(\.kind).contains("entryPointNotDefined"))
    }

    @Test("Model failures propagate as errors")
    func failurePropagates() async throws {
        let model = ScriptedLanguageModel([.failure(.scripted("server down"))])
        let generator = try Self.generator(model)
        await #expect(throws: ScriptedModelError.scripted("server down")) {
            _ = try await generator.nextSteps(for: Self.problem, after: ReasoningTrace(), count: 1, parameters: .greedy)
        }
    }

    @Test("Building a request does not call the model")
    func requestIsPure() throws {
        let generator = StepGenerator(
            model: UnimplementedLanguageModel(), prompts: PromptBuilder(library: try FewShotLibrary.bundled()))
        let a = generator.request(for: Self.problem, after: ReasoningTrace(), count: 2, parameters: .greedy)
        let b = generator.request(for: Self.problem, after: ReasoningTrace(), count: 2, parameters: .greedy)
        #expect(a == b)
    }
}
