public import Inference
import Synchronization

/// A ``LanguageModel`` double that answers every request with `request.n` copies of one text
/// (tokens as in ``Completion/scripted(_:stopReason:logProb:)``): for loops whose request order
/// is not worth scripting, such as a whole self-play round.
public final class ConstantLanguageModel: LanguageModel {
    public let text: String
    public let info: ModelInfo
    private let count = Mutex(0)

    public init(_ text: String, name: String = "constant") {
        self.text = text
        info = ModelInfo(name: name, contextLength: 8192, backend: "scripted")
    }

    /// How many generate calls it has answered.
    public var requestCount: Int { count.withLock { $0 } }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        count.withLock { $0 += 1 }
        let completions = Array(repeating: Completion.scripted(text), count: max(1, request.n))
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
