public import Inference
import Synchronization
import Testing

/// A ``LanguageModel`` double that answers `generate` calls with canned completions, in order,
/// and records every request.
///
/// Like a real backend it honours stop strings: a scripted text containing one of the request's
/// stop strings is cut before it and reported with ``StopReason/stopSequence``. Texts given as
/// plain strings get one token per whitespace-separated piece (ids 0, 1, …) with log-probability
/// `-0.5` each, so token counts and log-probs are predictable in tests. Running out of script
/// records an Issue and throws.
public final class ScriptedLanguageModel: LanguageModel {
    /// The scripted answer to one `generate` call.
    public enum Reply: Sendable {
        /// These completions (their count is not checked against `request.n`).
        case completions([Completion])
        /// A thrown error (to test tool failures).
        case failure(ScriptedModelError)

        /// Completions from plain texts, each ending with end-of-sequence unless a stop string cuts it.
        public static func texts(_ texts: [String]) -> Reply {
            .completions(texts.map { Completion.scripted($0) })
        }
    }

    private struct State {
        var replies: [Reply]
        var requests: [GenerationRequest] = []
    }

    private let state: Mutex<State>
    public let info: ModelInfo

    public init(_ replies: [Reply], info: ModelInfo = ModelInfo(name: "scripted", contextLength: 8192, backend: "scripted")) {
        self.state = Mutex(State(replies: replies))
        self.info = info
    }

    /// Requests received so far, in order.
    public var requests: [GenerationRequest] { state.withLock { $0.requests } }
    /// Replies not yet used.
    public var remainingReplies: Int { state.withLock { $0.replies.count } }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let reply: Reply? = state.withLock { state in
            state.requests.append(request)
            return state.replies.isEmpty ? nil : state.replies.removeFirst()
        }
        switch reply {
        case nil:
            Issue.record("ScriptedLanguageModel: no scripted reply left for request \(requests.count)")
            throw ScriptedModelError.scriptExhausted
        case .failure(let error):
            throw error
        case .completions(let completions):
            let cut = completions.map { $0.applyingStops(request.parameters.stop) }
            let generated = cut.reduce(0) { $0 + $1.tokens.count }
            return GenerationResult(completions: cut, usage: TokenUsage(generatedTokens: generated))
        }
    }

    public func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let result = try await self.generate(request)
                    for completion in result.completions { continuation.yield(.text(completion.text)) }
                    continuation.yield(.finished(result))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func score(prompt: PromptInput, continuation: String) async throws -> ScoredText {
        Issue.record("ScriptedLanguageModel.score is not scripted")
        throw ScriptedModelError.notScripted("score")
    }

    public func embed(_ text: String) async throws -> [Float] {
        Issue.record("ScriptedLanguageModel.embed is not scripted")
        throw ScriptedModelError.notScripted("embed")
    }
}

/// Errors thrown by the language-model doubles.
public enum ScriptedModelError: Error, Sendable, Hashable {
    case scriptExhausted
    case notScripted(String)
    /// A scripted tool failure, e.g. to test that callers propagate it.
    case scripted(String)
}

extension Completion {
    /// A completion of `text` with one token per whitespace-separated piece and log-prob `logProb`
    /// per token.
    public static func scripted(_ text: String, stopReason: StopReason = .endOfSequence, logProb: Double = -0.5)
        -> Completion
    {
        let count = text.split(whereSeparator: \.isWhitespace).count
        return Completion(
            text: text, tokens: (0..<count).map { Token(rawValue: Int32($0)) },
            logProbs: Array(repeating: logProb, count: count), stopReason: stopReason)
    }

    /// The completion cut before the earliest stop string, as a real backend would return it.
    func applyingStops(_ stops: [String]) -> Completion {
        let cuts = stops.filter { !$0.isEmpty }.compactMap { text.firstRange(of: $0)?.lowerBound }
        guard let cut = cuts.min() else { return self }
        return .scripted(String(text[..<cut]), stopReason: .stopSequence, logProb: logProbs.first ?? -0.5)
    }
}

/// A ``LanguageModel`` that must not be used: every call records an Issue and throws.
public struct UnimplementedLanguageModel: LanguageModel {
    public init() {}

    public var info: ModelInfo { ModelInfo(name: "unimplemented", contextLength: 0, backend: "unimplemented") }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        Issue.record("UnimplementedLanguageModel.generate was called")
        throw ScriptedModelError.notScripted("generate")
    }

    public func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        Issue.record("UnimplementedLanguageModel.stream was called")
        return AsyncThrowingStream { $0.finish(throwing: ScriptedModelError.notScripted("stream")) }
    }

    public func score(prompt: PromptInput, continuation: String) async throws -> ScoredText {
        Issue.record("UnimplementedLanguageModel.score was called")
        throw ScriptedModelError.notScripted("score")
    }

    public func embed(_ text: String) async throws -> [Float] {
        Issue.record("UnimplementedLanguageModel.embed was called")
        throw ScriptedModelError.notScripted("embed")
    }
}
