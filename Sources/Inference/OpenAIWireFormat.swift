/// The JSON bodies of the OpenAI API (and llama-server's native routes) that `OpenAIModel`
/// sends and reads. Property names are camelCase; the HTTP client converts to and from
/// snake_case. Optional fields left nil are not sent, and servers may omit any optional field.
enum OpenAIWire {
    struct Message: Codable, Sendable {
        var role: String
        var content: String
    }

    struct StreamOptions: Encodable, Sendable {
        var includeUsage: Bool
    }

    /// Body of `/v1/chat/completions` and `/v1/completions` (exactly one of `messages`/`prompt`).
    struct CompletionBody: Encodable, Sendable {
        var model: String
        var messages: [Message]?
        var prompt: Prompt?
        var n: Int?
        var maxTokens: Int
        var temperature: Double
        var topP: Double?
        /// Not in OpenAI's API; vLLM, SGLang and llama-server accept it.
        var topK: Int?
        var minP: Double?
        var seed: UInt64
        var stop: [String]?
        /// Chat: `true`; completions: an integer. Encoded by `LogProbsFlag`.
        var logprobs: LogProbsFlag?
        var topLogprobs: Int?
        var echo: Bool?
        var stream: Bool?
        var streamOptions: StreamOptions?
        /// vLLM/SGLang/llama-server extension: continue the final assistant message.
        var continueFinalMessage: Bool?
        var addGenerationPrompt: Bool?
        /// vLLM extension: completions-style log-probs name each token `token_id:N`.
        var returnTokensAsTokenIds: Bool?
    }

    /// `/v1/completions`' prompt: text, or token ids (llama-server and vLLM take both).
    enum Prompt: Encodable, Sendable, Hashable {
        case text(String)
        case tokens([Int32])
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .text(text): try container.encode(text)
            case let .tokens(ids): try container.encode(ids)
            }
        }
    }

    enum LogProbsFlag: Encodable, Sendable {
        case chat
        case completions(top: Int)
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .chat: try container.encode(true)
            case let .completions(top): try container.encode(top)
            }
        }
    }

    struct CompletionResponse: Decodable, Sendable {
        var choices: [Choice]
        var usage: Usage?
    }

    struct Choice: Decodable, Sendable {
        var index: Int?
        var text: String?
        var message: ChoiceMessage?
        var delta: ChoiceMessage?
        var finishReason: String?
        /// vLLM: the matched stop string, a stop token id, or null for end of sequence.
        var stopReason: StopReasonField?
        var logprobs: LogProbs?

        private enum CodingKeys: String, CodingKey {
            case index, text, message, delta, finishReason, stopReason, logprobs
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            index = try container.decodeIfPresent(Int.self, forKey: .index)
            text = try container.decodeIfPresent(String.self, forKey: .text)
            message = try container.decodeIfPresent(ChoiceMessage.self, forKey: .message)
            delta = try container.decodeIfPresent(ChoiceMessage.self, forKey: .delta)
            finishReason = try container.decodeIfPresent(String.self, forKey: .finishReason)
            logprobs = try container.decodeIfPresent(LogProbs.self, forKey: .logprobs)
            // vLLM sends `"stop_reason": null` for end of sequence; absent means "not said".
            if container.contains(.stopReason) {
                stopReason = try container.decodeNil(forKey: .stopReason)
                    ? .other : try container.decode(StopReasonField.self, forKey: .stopReason)
            }
        }
    }

    struct ChoiceMessage: Decodable, Sendable {
        var content: String?
    }

    /// vLLM's `stop_reason`: a string (stop sequence matched) or anything else.
    enum StopReasonField: Decodable, Sendable {
        case sequence(String)
        case other
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .sequence(text) } else { self = .other }
        }
    }

    /// Chat style (`content[]`, also llama-server's `/v1/completions`) or completions style
    /// (`tokens`/`token_logprobs`/`text_offset`).
    struct LogProbs: Decodable, Sendable {
        var content: [TokenLogProb]?
        var tokens: [String]?
        var tokenLogprobs: [Double?]?
        var textOffset: [Int]?
    }

    struct TokenLogProb: Decodable, Sendable {
        /// llama-server reports the token id; OpenAI and vLLM do not.
        var id: Int32?
        var token: String?
        var logprob: Double
    }

    struct Usage: Decodable, Sendable {
        var promptTokens: Int
        var completionTokens: Int
        var promptTokensDetails: PromptTokensDetails?
    }

    struct PromptTokensDetails: Decodable, Sendable {
        var cachedTokens: Int?
    }

    struct EmbeddingBody: Encodable, Sendable {
        var model: String
        var input: String
    }

    struct EmbeddingResponse: Decodable, Sendable {
        struct Item: Decodable, Sendable { var embedding: [Float] }
        var data: [Item]
    }

    struct ModelList: Decodable, Sendable {
        struct Item: Decodable, Sendable { var id: String }
        var data: [Item]
    }

    /// llama-server `GET /props` (only the fields used).
    struct Props: Decodable, Sendable {
        struct Settings: Decodable, Sendable { var nCtx: Int? }
        var defaultGenerationSettings: Settings?
        var modelPath: String?
    }

    /// llama-server `POST /apply-template`.
    struct ApplyTemplateBody: Encodable, Sendable {
        var messages: [Message]
        var addGenerationPrompt: Bool
        var continueFinalMessage: Bool?
    }

    struct ApplyTemplateResponse: Decodable, Sendable { var prompt: String }

    /// llama-server `POST /tokenize`.
    struct TokenizeBody: Encodable, Sendable {
        var content: String
        var addSpecial: Bool
        var parseSpecial: Bool
    }

    struct TokenizeResponse: Decodable, Sendable { var tokens: [Int32] }

    /// vLLM `POST /tokenize` of chat messages (rendered with the served model's template).
    struct VLLMTokenizeChatBody: Encodable, Sendable {
        var model: String
        var messages: [Message]
        var addGenerationPrompt: Bool
        var addSpecialTokens: Bool
    }

    /// vLLM `POST /tokenize` of plain text.
    struct VLLMTokenizeTextBody: Encodable, Sendable {
        var model: String
        var prompt: String
        var addSpecialTokens: Bool
    }

    /// llama-server native `POST /completion`, used to force tokens when scoring.
    struct NativeCompletionBody: Encodable, Sendable {
        var prompt: String
        var nPredict: Int
        var temperature: Double
        var nProbs: Int
        var grammar: String
        var seed: UInt64
        var cachePrompt: Bool
    }

    struct NativeCompletionResponse: Decodable, Sendable {
        var completionProbabilities: [TokenLogProb]?
    }

    static func messages(_ chat: [ChatMessage]) -> [Message] {
        chat.map { Message(role: $0.role.rawValue, content: $0.content) }
    }
}
