import Foundation

extension OpenAIModel {
    /// Log-probability of each token of `continuation` after `prompt`, by the configured
    /// `OpenAIScoringMethod`.
    ///
    /// With `.llamaServerForcedTokens` (llama-server, whose `/v1/completions` rejects `echo`):
    /// the continuation is tokenized on its own (no BOS), exactly those token ids are forced by a
    /// grammar, and the server reports each one's probability under the raw model distribution
    /// (`post_sampling_probs` off). With `.echo` (vLLM): the prompt and continuation are sent as
    /// one text prompt and the continuation's tokens are those starting at or after the prompt's
    /// end (by `text_offset`); token ids are not reported there, so `tokens` is empty.
    public func score(prompt: PromptInput, continuation: String) async throws -> ScoredText {
        switch configuration.scoring {
        case .llamaServerForcedTokens: return try await scoreByForcedTokens(prompt: prompt, continuation: continuation)
        case .echo: return try await scoreByEcho(prompt: prompt, continuation: continuation)
        }
    }

    private func scoreByForcedTokens(prompt: PromptInput, continuation: String) async throws -> ScoredText {
        let promptText: String
        switch prompt {
        case let .text(text):
            promptText = text
        case let .chat(messages):
            let continues = messages.last?.role == .assistant
            let body = OpenAIWire.ApplyTemplateBody(
                messages: OpenAIWire.messages(messages), addGenerationPrompt: !continues,
                continueFinalMessage: continues ? true : nil)
            promptText = try await llamaServerRoute("/apply-template", body: body, as: OpenAIWire.ApplyTemplateResponse.self).prompt
        }
        let tokenized = try await llamaServerRoute(
            "/tokenize", body: OpenAIWire.TokenizeBody(content: continuation, addSpecial: false, parseSpecial: false),
            as: OpenAIWire.TokenizeResponse.self)
        let ids = tokenized.tokens
        guard !ids.isEmpty else { return ScoredText(tokens: [], logProbs: []) }
        let body = OpenAIWire.NativeCompletionBody(
            prompt: promptText, nPredict: ids.count, temperature: 0, nProbs: 1,
            grammar: "root ::= " + ids.map { "<[\($0)]>" }.joined(separator: " "), seed: 0, cachePrompt: true)
        let response = try await llamaServerRoute("/completion", body: body, as: OpenAIWire.NativeCompletionResponse.self)
        let entries = response.completionProbabilities ?? []
        let returned = entries.compactMap(\.id)
        guard returned == ids else {
            throw OpenAIBackendError.malformedResponse(
                url: configuration.url("/completion").absoluteString,
                reason: "forced-token scoring returned tokens \(returned.prefix(8)) instead of \(ids.prefix(8)) "
                    + "(\(returned.count) of \(ids.count)); the server may not support token-id grammars",
                bodyExcerpt: "")
        }
        return ScoredText(tokens: ids.map(Token.init(rawValue:)), logProbs: entries.map(\.logprob))
    }

    /// Calls a llama-server-only route, turning "no such route" into a clear `.unsupported`.
    private func llamaServerRoute<Response: Decodable>(
        _ path: String, body: some Encodable, as type: Response.Type
    ) async throws -> Response {
        do {
            return try await client.postJSON(path, body: body, as: type)
        } catch let OpenAIBackendError.httpStatus(_, status, _, excerpt) where status == 404 || status == 405 || status == 501 {
            throw OpenAIBackendError.unsupported(
                feature: "scoring (log-probabilities of a given continuation)",
                reason: "\(path) answered HTTP \(status) (\(excerpt)); forced-token scoring needs llama-server. "
                    + "For vLLM-style servers set scoring to .echo.")
        }
    }

    private func scoreByEcho(prompt: PromptInput, continuation: String) async throws -> ScoredText {
        guard case let .text(promptText) = prompt else {
            throw OpenAIBackendError.unsupported(
                feature: "scoring a chat prompt by echo",
                reason: "the chat template is applied server-side, so the continuation cannot be located; "
                    + "pass a .text prompt (already templated) or use llama-server with .llamaServerForcedTokens")
        }
        var body = OpenAIWire.CompletionBody(
            model: configuration.model, maxTokens: 0, temperature: 0, seed: 0)
        body.prompt = .text(promptText + continuation)
        body.echo = true
        body.logprobs = .completions(top: 1)
        let response: OpenAIWire.CompletionResponse
        do {
            response = try await client.postJSON("/v1/completions", body: body, as: OpenAIWire.CompletionResponse.self)
        } catch let OpenAIBackendError.httpStatus(_, status, _, excerpt) where (400..<500).contains(status) || status == 501 {
            throw OpenAIBackendError.unsupported(
                feature: "scoring by echo",
                reason: "HTTP \(status): \(excerpt). llama-server rejects echo; use .llamaServerForcedTokens there.")
        }
        guard let logprobs = response.choices.first?.logprobs,
              let offsets = logprobs.textOffset, let values = logprobs.tokenLogprobs, offsets.count == values.count
        else {
            // llama-server accepts `echo` but answers with generated-token log-probs only.
            throw OpenAIBackendError.unsupported(
                feature: "scoring by echo",
                reason: "the answer has no prompt log-probs (logprobs.text_offset/token_logprobs), so the server "
                    + "ignores echo; for llama-server use .llamaServerForcedTokens")
        }
        // text_offset counts Unicode code points (Python string indices).
        let promptLength = promptText.unicodeScalars.count
        let scored = zip(offsets, values).filter { $0.0 >= promptLength }.map { $0.1 ?? 0 }
        return ScoredText(tokens: [], logProbs: scored)
    }
}
