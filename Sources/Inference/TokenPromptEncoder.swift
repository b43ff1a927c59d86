/// Turns chat prompts into token-id prompts for `/v1/completions` (``OpenAIPromptEncoding/tokenIDs``).
///
/// The head (every message but a final assistant one, plus the generation prompt) is rendered
/// and tokenized by the server once and cached. The assistant text that follows reuses the ids
/// of ``KnownTokenizations`` (earlier prompts and what was generated after them), so a step the
/// model wrote goes back as the very tokens it sampled; only new text is tokenized.
///
/// Routes: llama-server's `/apply-template` and `/tokenize {content}`; where `/apply-template`
/// does not exist (vLLM), vLLM's `/tokenize {messages}` and `/tokenize {prompt}`.
actor TokenPromptEncoder {
    enum Dialect: Sendable { case llamaServer, vllm }

    /// A prompt ready to send, and what to remember once its completions are back.
    struct Encoded: Sendable {
        var ids: [Int32]
        var head: String
        var chunks: [KnownTokenizations.Chunk]
        /// The routes the ids came from (vLLM needs `return_tokens_as_token_ids` to report ids).
        var dialect: Dialect?
    }

    private let client: OpenAIHTTPClient
    private let model: String
    private var dialect: Dialect?
    private var headIDs: [String: [Int32]] = [:]
    private var known = KnownTokenizations()
    /// Prompt tokens reused from earlier prompts and generations (for statistics and tests).
    private(set) var reusedTokens = 0

    init(client: OpenAIHTTPClient, model: String) {
        self.client = client
        self.model = model
    }

    func encode(_ messages: [ChatMessage]) async throws -> Encoded {
        var head = messages
        var assistant = ""
        if let last = messages.last, last.role == .assistant {
            assistant = last.content
            head.removeLast()
        }
        let key = Self.key(head)
        let headTokens: [Int32]
        if let cached = headIDs[key] {
            headTokens = cached
        } else {
            headTokens = try await tokenizeHead(head)
            if headIDs.count >= 64 { headIDs.removeAll() }
            headIDs[key] = headTokens
        }
        let match = known.match(assistant, head: key)
        reusedTokens += match.ids.count
        var chunks = match.chunks
        if !match.remainder.isEmpty {
            chunks.append(.init(ids: try await tokenize(match.remainder), text: match.remainder))
        }
        return Encoded(ids: headTokens + chunks.flatMap(\.ids), head: key, chunks: chunks, dialect: dialect)
    }

    /// Records a completion of `encoded`: its generated ids (and their pieces, when the server
    /// reports them) as far as they spell the returned text.
    func remember(_ encoded: Encoded, generated ids: [Int32], pieces: [String]?, text: String) {
        let generated = KnownTokenizations.generatedChunks(ids: ids, pieces: pieces, text: text)
        known.remember(encoded.chunks + generated, head: encoded.head)
    }

    static func key(_ messages: [ChatMessage]) -> String {
        messages.map { "\($0.role.rawValue)\u{1}\($0.content)" }.joined(separator: "\u{2}")
    }

    private func tokenizeHead(_ head: [ChatMessage]) async throws -> [Int32] {
        if dialect != .vllm {
            do {
                let rendered = try await client.postJSON(
                    "/apply-template",
                    body: OpenAIWire.ApplyTemplateBody(messages: OpenAIWire.messages(head), addGenerationPrompt: true),
                    as: OpenAIWire.ApplyTemplateResponse.self)
                dialect = .llamaServer
                // As llama-server tokenizes a chat prompt itself: special tokens added and parsed.
                return try await client.postJSON(
                    "/tokenize", body: OpenAIWire.TokenizeBody(content: rendered.prompt, addSpecial: true, parseSpecial: true),
                    as: OpenAIWire.TokenizeResponse.self
                ).tokens
            } catch let OpenAIBackendError.httpStatus(_, status, _, _) where dialect == nil && (status == 404 || status == 405) {
                dialect = .vllm
            }
        }
        return try await client.postJSON(
            "/tokenize",
            body: OpenAIWire.VLLMTokenizeChatBody(
                model: model, messages: OpenAIWire.messages(head), addGenerationPrompt: true, addSpecialTokens: false),
            as: OpenAIWire.TokenizeResponse.self
        ).tokens
    }

    /// Plain text (assistant content) to ids: no special tokens added or parsed.
    private func tokenize(_ text: String) async throws -> [Int32] {
        switch dialect {
        case .vllm:
            return try await client.postJSON(
                "/tokenize", body: OpenAIWire.VLLMTokenizeTextBody(model: model, prompt: text, addSpecialTokens: false),
                as: OpenAIWire.TokenizeResponse.self
            ).tokens
        case .llamaServer, nil:
            return try await client.postJSON(
                "/tokenize", body: OpenAIWire.TokenizeBody(content: text, addSpecial: false, parseSpecial: false),
                as: OpenAIWire.TokenizeResponse.self
            ).tokens
        }
    }
}
