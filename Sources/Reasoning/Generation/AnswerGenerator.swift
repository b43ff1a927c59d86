public import Inference
public import O1CoderCore

/// Samples whole answers in one call per problem (no step stop string): the sampling baselines
/// of Table 1 (direct code, vanilla chain-of-thought, whole pseudocode traces).
public struct AnswerGenerator: Sendable {
    public var model: any LanguageModel
    public var prompts: PromptBuilder
    public var parser: TraceParser

    public init(model: any LanguageModel, prompts: PromptBuilder, parser: TraceParser = TraceParser()) {
        self.model = model
        self.prompts = prompts
        self.parser = parser
    }

    /// The request for `count` answers in `style` (exposed for logging, replay and tests). A style
    /// whose prompt opens a python fence (``PromptStyle/opensCodeFence``) gains ``fenceStops``, so the
    /// closing fence ends the answer instead of the model running on to the token cap.
    public func request(for problem: Problem, style: PromptStyle, count: Int, parameters: SamplingParameters)
        -> GenerationRequest
    {
        var parameters = parameters
        if style.opensCodeFence {
            for stop in Self.fenceStops where !parameters.stop.contains(stop) { parameters.stop.append(stop) }
        }
        return GenerationRequest(
            prompt: .chat(prompts.messages(for: problem, style: style)), parameters: parameters, n: count,
            wantsLogProbs: true)
    }

    /// Stop strings of an answer written inside an opened python fence: the closing fence (any fence
    /// line ends the block; EvalPlus stops at "\n```\n", which this subsumes), and EvalPlus's extra
    /// stops for chat models, which cut a script's top-level driver code.
    public static let fenceStops = ["\n```", "\nif __name__", "\ndef main(", "\nprint("]

    /// Samples `count` answers and extracts their code.
    /// - Throws: only what the model throws.
    public func sample(for problem: Problem, style: PromptStyle, count: Int, parameters: SamplingParameters)
        async throws -> AnswerBatch
    {
        let request = request(for: problem, style: style, count: count, parameters: parameters)
        let result = try await model.generate(request)
        let answers = result.completions.map { answer(from: $0, style: style, entryPoint: problem.entryPoint) }
        return AnswerBatch(request: request, answers: answers, usage: result.usage)
    }

    /// Parses one completion as an answer in `style` (pure; used by ``sample`` and by replays).
    public func answer(from completion: Completion, style: PromptStyle, entryPoint: String?) -> SampledAnswer {
        var code: CodeExtraction
        var trace: TraceParseOutcome?
        switch style {
        case .direct, .chainOfThought:
            code = CodeExtractor.extract(from: completion.text, entryPoint: entryPoint)
        case .evalplus:
            // The prompt opened the fence; the stop string (or the cap) ended it.
            code = CodeExtractor.extract(from: "```python\n" + completion.text + "\n```", entryPoint: entryPoint)
        case .pseudocode:
            var outcome = parser.parseTrace(completion.text, requirement: .complete, entryPoint: entryPoint)
            if completion.stopReason == .maxTokens {
                switch outcome {
                case .parsed(var parsed):
                    parsed.issues.append(.truncated)
                    outcome = .parsed(parsed)
                case .unparsable(let failure, let issues):
                    outcome = .unparsable(failure, issues: issues + [.truncated])
                }
            }
            trace = outcome
            switch outcome {
            case .parsed(let parsed):
                code = parsed.code.map(CodeExtraction.found) ?? .failed(.noCode)
            case .unparsable(let failure, _):
                code = .failed(failure)
            }
        }
        if style != .pseudocode, case .found(var found) = code {
            switch completion.stopReason {
            case .maxTokens: found.issues.append(.truncated)
            case .repetition: found.issues.append(.repetitionStopped)
            default: break
            }
            code = .found(found)
        }
        return SampledAnswer(
            style: style, rawText: completion.text, code: code, trace: trace, tokenCount: completion.tokens.count,
            logProbs: completion.logProbs, stopReason: completion.stopReason)
    }
}
