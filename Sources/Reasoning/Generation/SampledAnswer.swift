public import Inference

/// One whole answer sampled for a baseline (direct, chain-of-thought, or a whole pseudocode trace).
public struct SampledAnswer: Codable, Sendable, Hashable {
    public var style: PromptStyle
    public var rawText: String
    /// The program to run: for direct and chain-of-thought answers from ``CodeExtractor``; for
    /// pseudocode answers the code step's code, or the trace's parse failure (no fallback to the
    /// raw text, so format failures count against the method).
    public var code: CodeExtraction
    /// The parsed trace, for pseudocode answers only.
    public var trace: TraceParseOutcome?
    public var tokenCount: Int
    public var logProbs: [Double]
    public var stopReason: StopReason

    public init(
        style: PromptStyle, rawText: String, code: CodeExtraction, trace: TraceParseOutcome?, tokenCount: Int,
        logProbs: [Double], stopReason: StopReason
    ) {
        self.style = style
        self.rawText = rawText
        self.code = code
        self.trace = trace
        self.tokenCount = tokenCount
        self.logProbs = logProbs
        self.stopReason = stopReason
    }
}

/// The answers from one request.
public struct AnswerBatch: Codable, Sendable, Hashable {
    public var request: GenerationRequest
    public var answers: [SampledAnswer]
    public var usage: TokenUsage

    public init(request: GenerationRequest, answers: [SampledAnswer], usage: TokenUsage) {
        self.request = request
        self.answers = answers
        self.usage = usage
    }
}
