public import Inference
public import O1CoderCore

/// Generates reasoning one step at a time through any ``LanguageModel`` (the expansion primitive
/// of search, and of ASPR's "n code completions per prefix").
///
/// The prompt is the pseudocode prompt of ``PromptBuilder`` with a final assistant message holding
/// the steps so far and the start of the next step's opening tag; generation stops at
/// ``StepFormat/stepEnd``. Each of the `count` samples is parsed with ``TraceParser/parseStep``.
public struct StepGenerator: Sendable {
    public var model: any LanguageModel
    public var prompts: PromptBuilder
    public var parser: TraceParser

    public init(model: any LanguageModel, prompts: PromptBuilder, parser: TraceParser = TraceParser()) {
        self.model = model
        self.prompts = prompts
        self.parser = parser
    }

    /// The request that asks for the next step (exposed for logging, replay and tests).
    /// `parameters.stop` gains ``StepFormat/stepEnd`` when missing.
    public func request(
        for problem: Problem, after trace: ReasoningTrace, count: Int, parameters: SamplingParameters,
        forcing action: ReasoningAction? = nil
    ) -> GenerationRequest {
        var parameters = parameters
        if !parameters.stop.contains(StepFormat.stepEnd) { parameters.stop.append(StepFormat.stepEnd) }
        let messages = prompts.stepMessages(for: problem, after: trace, forcing: action)
        return GenerationRequest(prompt: .chat(messages), parameters: parameters, n: count, wantsLogProbs: true)
    }

    /// Samples `count` candidate next steps after `trace`.
    /// - Parameters:
    ///   - problem: the task (its entry point is checked in code steps).
    ///   - trace: the steps so far (a prefix: it should not contain a code step).
    ///   - count: k, the number of samples (seeds `parameters.seed`, `+1`, …).
    ///   - parameters: sampling controls; the step-end stop string is added.
    ///   - action: forces the next step's action (e.g. `.code` for ASPR), or nil to let the model choose.
    /// - Returns: one candidate per completion, each parsed or recorded as unparsable.
    /// - Throws: only what the model throws (tool failures, cancellation).
    public func nextSteps(
        for problem: Problem, after trace: ReasoningTrace, count: Int, parameters: SamplingParameters,
        forcing action: ReasoningAction? = nil
    ) async throws -> StepExpansion {
        let request = request(for: problem, after: trace, count: count, parameters: parameters, forcing: action)
        let result = try await model.generate(request)
        let candidates = result.completions.map { completion in
            StepCandidate(
                outcome: parser.parseStep(
                    continuation: completion.text, forcedAction: action,
                    stoppedAtStepEnd: completion.stopReason == .stopSequence,
                    truncated: completion.stopReason == .maxTokens, entryPoint: problem.entryPoint),
                rawText: completion.text, tokenCount: completion.tokens.count, logProbs: completion.logProbs,
                stopReason: completion.stopReason)
        }
        return StepExpansion(request: request, candidates: candidates, usage: result.usage)
    }
}
