public import Inference
import Synchronization

/// A ``LanguageModel`` double that answers every request with the same `request.n` texts, sample
/// `i` being `texts[i % texts.count]` (tokens as in ``Completion/scripted(_:stopReason:logProb:)``):
/// for loops whose request order is not worth scripting, such as a whole self-play round.
public final class ConstantLanguageModel: LanguageModel {
    public let texts: [String]
    public var text: String { texts[0] }
    public let info: ModelInfo
    private let count = Mutex(0)

    public convenience init(_ text: String, name: String = "constant") {
        self.init(cycling: [text], name: name)
    }

    /// Sample `i` of every request is `texts[i % texts.count]` (greedy requests get the first).
    public init(cycling texts: [String], name: String = "constant") {
        precondition(!texts.isEmpty)
        self.texts = texts
        info = ModelInfo(name: name, contextLength: 8192, backend: "scripted")
    }

    /// How many generate calls it has answered.
    public var requestCount: Int { count.withLock { $0 } }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        count.withLock { $0 += 1 }
        let completions = (0..<max(1, request.n)).map { Completion.scripted(texts[$0 % texts.count]) }
        let generated = completions.reduce(0) { $0 + $1.tokens.count }
        return GenerationResult(completions: completions, usage: TokenUsage(promptTokensEvaluated: 1, generatedTokens: generated))
    }

    public func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        AsyncThrowingStream { continuation in
            Task {
                do {
                    let result = try await self.generate(request)
                    continuation.yield(.text(result.completions[0].text))
                    continuation.yield(.finished(result))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }

    public func score(prompt: PromptInput, continuation: String) async throws -> ScoredText { ScoredText(tokens: [], logProbs: []) }

    public func embed(_ text: String) async throws -> [Float] { [0] }
}
