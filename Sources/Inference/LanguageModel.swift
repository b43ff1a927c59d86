import O1CoderCore

/// A text generator: the embedded llama.cpp engine (`LlamaEngine`), an OpenAI-compatible HTTP
/// server (`OpenAIModel`), or a scripted double in tests.
///
/// Generation outcomes (stop reason, tokens) are values; methods throw only for tool failures
/// (model not loaded, context overflow, server unreachable) and on cancellation.
public protocol LanguageModel: Sendable {
    /// What is being served (name, file identity, context size).
    var info: ModelInfo { get async }

    /// Samples `request.n` completions of `request.prompt`. Implementations that can share a
    /// prefix (the llama engine) evaluate the prompt once and fork it for each sample.
    func generate(_ request: GenerationRequest) async throws -> GenerationResult

    /// Streams one completion piece by piece (for the CLI); the last event carries the result.
    func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error>

    /// Log-probability of every token of `continuation` given `prompt` (scoring mode, for PRMs).
    func score(prompt: PromptInput, continuation: String) async throws -> ScoredText

    /// A pooled embedding of `text` from the same model (for a value head later).
    func embed(_ text: String) async throws -> [Float]
}

/// The prompt: chat messages (the model's chat template is applied; a final assistant message is
/// continued rather than closed, which is how step-wise generation appends to a partial answer)
/// or raw text (no template).
public enum PromptInput: Codable, Sendable, Hashable {
    case chat([ChatMessage])
    case text(String)
}

public struct ChatMessage: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable, Hashable { case system, user, assistant }
    public var role: Role
    public var content: String
    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
    public static func system(_ s: String) -> ChatMessage { .init(role: .system, content: s) }
    public static func user(_ s: String) -> ChatMessage { .init(role: .user, content: s) }
    public static func assistant(_ s: String) -> ChatMessage { .init(role: .assistant, content: s) }
}

/// Sampling controls. `temperature == 0` means greedy.
public struct SamplingParameters: Codable, Sendable, Hashable {
    public var temperature: Double
    public var topK: Int?
    public var topP: Double?
    public var minP: Double?
    public var seed: UInt64
    public var maxTokens: Int
    /// Generation stops before any of these strings; the stop string is not part of the text.
    public var stop: [String]
    /// Stops a completion that loops (``RepetitionGuard``); nil turns the guard off. Optional so
    /// that recorded parameters from before the guard decode as "off".
    public var repetitionGuard: RepetitionGuard?

    public init(
        temperature: Double = 0.8, topK: Int? = 40, topP: Double? = 0.95, minP: Double? = nil,
        seed: UInt64 = 42, maxTokens: Int = 512, stop: [String] = [], repetitionGuard: RepetitionGuard? = nil
    ) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.minP = minP
        self.seed = seed
        self.maxTokens = maxTokens
        self.stop = stop
        self.repetitionGuard = repetitionGuard
    }

    public static let greedy = SamplingParameters(temperature: 0, topK: nil, topP: nil, minP: nil)
}

public struct GenerationRequest: Codable, Sendable, Hashable {
    public var prompt: PromptInput
    public var parameters: SamplingParameters
    /// Number of independent samples; sample `i` uses seed `parameters.seed &+ i`.
    public var n: Int
    /// Whether per-token log-probabilities are wanted (costs a log-softmax per token).
    public var wantsLogProbs: Bool

    public init(prompt: PromptInput, parameters: SamplingParameters = .init(), n: Int = 1, wantsLogProbs: Bool = true) {
        self.prompt = prompt
        self.parameters = parameters
        self.n = n
        self.wantsLogProbs = wantsLogProbs
    }
}

/// A token id in the model's vocabulary. Corresponds to `llama_token`.
public struct Token: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
}

public enum StopReason: String, Codable, Sendable, Hashable {
    case endOfSequence = "eos"
    case maxTokens = "max_tokens"
    case stopSequence = "stop"
    /// The ``RepetitionGuard`` stopped a loop; the text ends before the repeats.
    case repetition
    case cancelled
}

public struct Completion: Codable, Sendable, Hashable {
    public var text: String
    public var tokens: [Token]
    /// Natural-log probability of each generated token under the unmodified model distribution
    /// (empty when not requested or not provided by the backend).
    public var logProbs: [Double]
    public var stopReason: StopReason
    public init(text: String, tokens: [Token], logProbs: [Double], stopReason: StopReason) {
        self.text = text
        self.tokens = tokens
        self.logProbs = logProbs
        self.stopReason = stopReason
    }
    public var totalLogProb: Double { logProbs.reduce(0, +) }
}

/// Token accounting for one request; prefix sharing shows up as `promptTokensReused`.
public struct TokenUsage: Codable, Sendable, Hashable {
    /// Prompt tokens run through the model for this request.
    public var promptTokensEvaluated: Int
    /// Prompt tokens whose KV state came from a cached or shared prefix instead.
    public var promptTokensReused: Int
    public var generatedTokens: Int
    public var seconds: Double
    public init(promptTokensEvaluated: Int = 0, promptTokensReused: Int = 0, generatedTokens: Int = 0, seconds: Double = 0) {
        self.promptTokensEvaluated = promptTokensEvaluated
        self.promptTokensReused = promptTokensReused
        self.generatedTokens = generatedTokens
        self.seconds = seconds
    }
    public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        TokenUsage(
            promptTokensEvaluated: a.promptTokensEvaluated + b.promptTokensEvaluated,
            promptTokensReused: a.promptTokensReused + b.promptTokensReused,
            generatedTokens: a.generatedTokens + b.generatedTokens, seconds: a.seconds + b.seconds)
    }
}

public struct GenerationResult: Codable, Sendable, Hashable {
    public var completions: [Completion]
    public var usage: TokenUsage
    public init(completions: [Completion], usage: TokenUsage) {
        self.completions = completions
        self.usage = usage
    }
}

public enum GenerationEvent: Sendable, Hashable {
    /// Decoded text as it arrives (whole UTF-8 characters only).
    case text(String)
    case finished(GenerationResult)
}

public struct ScoredText: Codable, Sendable, Hashable {
    public var tokens: [Token]
    public var logProbs: [Double]
    public init(tokens: [Token], logProbs: [Double]) {
        self.tokens = tokens
        self.logProbs = logProbs
    }
}

/// Identity of the served model, recorded with every run.
public struct ModelInfo: Codable, Sendable, Hashable {
    public var name: String
    /// sha256 of the GGUF file (embedded engine) or nil (HTTP backends).
    public var sha256: String?
    public var path: String?
    public var contextLength: Int
    public var backend: String
    public init(name: String, sha256: String? = nil, path: String? = nil, contextLength: Int, backend: String) {
        self.name = name
        self.sha256 = sha256
        self.path = path
        self.contextLength = contextLength
        self.backend = backend
    }
}
