public import Inference

/// One sampled next step: the parse outcome plus what the model reported for it.
public struct StepCandidate: Codable, Sendable, Hashable {
    public var outcome: StepParseOutcome
    /// The generated text as returned (without the prompt's opening tag or the stop string).
    public var rawText: String
    public var tokenCount: Int
    /// Natural-log probability of each generated token (empty when the backend gave none).
    public var logProbs: [Double]
    public var stopReason: StopReason

    public init(outcome: StepParseOutcome, rawText: String, tokenCount: Int, logProbs: [Double], stopReason: StopReason) {
        self.outcome = outcome
        self.rawText = rawText
        self.tokenCount = tokenCount
        self.logProbs = logProbs
        self.stopReason = stopReason
    }

    /// The parsed step, if any.
    public var step: ReasoningStep? { outcome.step }
    /// Sum of the token log-probabilities.
    public var totalLogProb: Double { logProbs.reduce(0, +) }
}

/// The result of asking for k next steps after one prefix.
public struct StepExpansion: Codable, Sendable, Hashable {
    /// The request sent (recorded so a run can be replayed).
    public var request: GenerationRequest
    public var candidates: [StepCandidate]
    public var usage: TokenUsage

    public init(request: GenerationRequest, candidates: [StepCandidate], usage: TokenUsage) {
        self.request = request
        self.candidates = candidates
        self.usage = usage
    }
}
