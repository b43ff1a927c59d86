import Foundation
public import Logging

/// A `LanguageModel` served over HTTP by an OpenAI-compatible server: llama-server, vLLM, SGLang.
///
/// - `.chat` prompts go to `/v1/chat/completions`, `.text` prompts to `/v1/completions`.
/// - A final assistant message is continued, not closed: the request carries
///   `continue_final_message: true, add_generation_prompt: false` (vLLM/SGLang; llama-server
///   accepts the same fields, and would also prefill a final assistant message by default).
/// - `n` samples: asked for in batches of at most `maxChoicesPerRequest`; batch `j` starting at
///   sample `i` uses seed `seed + i`. If a server returns fewer choices than asked, the missing
///   samples are requested again with their own seeds. Seeds are sent modulo 2³¹ (llama-server
///   reads a 32-bit seed and treats −1 as "random").
/// - `finish_reason: "length"` → `.maxTokens`. `"stop"` is ambiguous in the OpenAI API (end of
///   sequence or stop string). vLLM's `stop_reason` settles it; otherwise a request that had stop
///   strings reports `.stopSequence` (the safer reading for step-wise generation: a wrongly
///   "unfinished" answer yields an empty next step) and one without reports `.endOfSequence`.
/// - Token ids are filled in only when the server reports them (llama-server does).
/// - `score` and `embed`: see `OpenAIScoringMethod` and `embed(_:)`.
public final class OpenAIModel: LanguageModel {
    public let configuration: OpenAIConfiguration
    let client: OpenAIHTTPClient
    private let clock: any Clock<Duration>
    /// Set with ``OpenAIPromptEncoding/tokenIDs``: chat prompts go out as token ids.
    let tokenPrompts: TokenPromptEncoder?

    /// - Parameters:
    ///   - configuration: the server and request policy; validated here.
    ///   - clock: times back-off sleeps and `TokenUsage.seconds` (tests pass one that does not wait).
    ///   - jitterSeed: seeds the back-off jitter generator.
    ///   - logger: retries are logged at `.debug`; the API key never is.
    public init(
        configuration: OpenAIConfiguration, clock: any Clock<Duration> = ContinuousClock(), jitterSeed: UInt64 = 0,
        logger: Logger = Logger(label: "o1coder.inference.openai", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(OpenAIBackendError) {
        try configuration.validate()
        self.configuration = configuration
        self.clock = clock
        let client = OpenAIHTTPClient(configuration: configuration, clock: clock, jitterSeed: jitterSeed, logger: logger)
        self.client = client
        tokenPrompts = configuration.promptEncoding == .tokenIDs ? TokenPromptEncoder(client: client, model: configuration.model) : nil
    }

    /// Most HTTP requests this model has had in flight at once.
    public var peakConcurrentRequests: Int { get async { await client.peakConcurrentRequests } }

    /// The served model's id (`/v1/models`) and context size (llama-server's `/props`), one
    /// attempt each; the configured name and context 0 when the server does not say.
    public var info: ModelInfo {
        get async {
            let models = try? await client.getJSON("/v1/models", as: OpenAIWire.ModelList.self, retrying: false)
            let props = try? await client.getJSON("/props", as: OpenAIWire.Props.self, retrying: false)
            return ModelInfo(
                name: models?.data.first?.id ?? configuration.model, sha256: nil, path: props?.modelPath,
                contextLength: props?.defaultGenerationSettings?.nCtx ?? 0,
                backend: "openai-http \(configuration.url("").absoluteString)")
        }
    }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        guard request.n >= 1 else { throw OpenAIBackendError.invalidRequest("n must be ≥ 1 (is \(request.n))") }
        var completions: [Int: Completion] = [:]
        var usage = TokenUsage()
        // Encoded once: every batch and retry round sends the same prompt.
        let encoded = try await encodedPrompt(request)
        // Each round asks for every missing sample, in batches; a round that adds nothing means
        // the server keeps returning no choices, which is malformed.
        while completions.count < request.n {
            let missing = (0..<request.n).filter { completions[$0] == nil }
            let batches = Self.batches(missing, size: configuration.maxChoicesPerRequest)
            let results = try await withThrowingTaskGroup(of: (Int, [Completion], TokenUsage).self) { group in
                for batch in batches {
                    group.addTask { try await self.requestBatch(request, encoded: encoded, first: batch.first, count: batch.count) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            var added = 0
            for (first, batchCompletions, batchUsage) in results {
                usage = usage + batchUsage
                for (offset, completion) in batchCompletions.enumerated() where completions[first + offset] == nil {
                    completions[first + offset] = completion
                    added += 1
                }
            }
            if added == 0 {
                throw OpenAIBackendError.malformedResponse(
                    url: configuration.url(Self.path(for: request.prompt, encoded: encoded)).absoluteString,
                    reason: "the server returned no choices", bodyExcerpt: "")
            }
        }
        return GenerationResult(completions: (0..<request.n).compactMap { completions[$0] }, usage: usage)
    }

    /// Streams one completion (`request.n` must be 1) over server-sent events.
    public func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let result = try await self.streamOne(request) { continuation.yield(.text($0)) }
                    continuation.yield(.finished(result))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A pooled embedding from `/v1/embeddings`. llama-server serves it only when started with
    /// `--embeddings --pooling mean` (SmolLM2's own pooling type is `none`, which the OpenAI
    /// route rejects); completions keep working on such a server. Otherwise this throws
    /// `.unsupported` with the server's words.
    public func embed(_ text: String) async throws -> [Float] {
        let body = OpenAIWire.EmbeddingBody(model: configuration.model, input: text)
        let response: OpenAIWire.EmbeddingResponse
        do {
            response = try await client.postJSON("/v1/embeddings", body: body, as: OpenAIWire.EmbeddingResponse.self)
        } catch let OpenAIBackendError.httpStatus(_, status, _, excerpt) where (400..<500).contains(status) || status == 501 {
            throw OpenAIBackendError.unsupported(
                feature: "embeddings",
                reason: "HTTP \(status): \(excerpt) (llama-server needs --embeddings and a pooling type other than none, e.g. --pooling mean)")
        }
        guard let vector = response.data.first?.embedding, !vector.isEmpty else {
            throw OpenAIBackendError.malformedResponse(
                url: configuration.url("/v1/embeddings").absoluteString, reason: "no embedding in data[0]", bodyExcerpt: "")
        }
        return vector
    }

    // MARK: - Requests

    /// The route of a prompt: chat messages, or text and token ids (`encoded`) on completions.
    static func path(for prompt: PromptInput, encoded: TokenPromptEncoder.Encoded? = nil) -> String {
        switch prompt {
        case .chat where encoded == nil: return "/v1/chat/completions"
        case .chat, .text: return "/v1/completions"
        }
    }

    static func batches(_ indices: [Int], size: Int) -> [(first: Int, count: Int)] {
        // Missing samples are contiguous in practice; a gap starts a new batch.
        var result: [(first: Int, count: Int)] = []
        for index in indices {
            if let last = result.last, last.first + last.count == index, last.count < size {
                result[result.count - 1].count += 1
            } else {
                result.append((index, 1))
            }
        }
        return result
    }

    /// The chat prompt as token ids, when the configuration sends them (nil otherwise).
    func encodedPrompt(_ request: GenerationRequest) async throws -> TokenPromptEncoder.Encoded? {
        guard let tokenPrompts, case let .chat(messages) = request.prompt else { return nil }
        return try await tokenPrompts.encode(messages)
    }

    /// The request body for samples `first ..< first + count` (seed `seed + first`); with
    /// `tokens`, a `/v1/completions` body whose prompt is those ids (log-probs always asked for,
    /// since they carry the generated ids that later prompts reuse).
    func body(
        for request: GenerationRequest, first: Int, count: Int, streaming: Bool, tokens: TokenPromptEncoder.Encoded? = nil
    ) -> OpenAIWire.CompletionBody {
        let parameters = request.parameters
        var body = OpenAIWire.CompletionBody(
            model: configuration.model, n: count > 1 ? count : nil, maxTokens: parameters.maxTokens,
            temperature: parameters.temperature, topP: parameters.topP, topK: parameters.topK, minP: parameters.minP,
            seed: (parameters.seed &+ UInt64(first)) % (UInt64(1) << 31),
            stop: parameters.stop.isEmpty ? nil : parameters.stop)
        switch request.prompt {
        case .chat where tokens != nil:
            body.prompt = .tokens(tokens?.ids ?? [])
            body.logprobs = .completions(top: 1)
            if tokens?.dialect == .vllm { body.returnTokensAsTokenIds = true }
        case let .chat(messages):
            body.messages = OpenAIWire.messages(messages)
            if request.wantsLogProbs {
                body.logprobs = .chat
                body.topLogprobs = 1
            }
            if messages.last?.role == .assistant {
                body.continueFinalMessage = true
                body.addGenerationPrompt = false
            }
        case let .text(text):
            body.prompt = .text(text)
            if request.wantsLogProbs { body.logprobs = .completions(top: 1) }
        }
        if streaming {
            body.stream = true
            body.streamOptions = .init(includeUsage: true)
        }
        return body
    }

    private func requestBatch(
        _ request: GenerationRequest, encoded: TokenPromptEncoder.Encoded?, first: Int, count: Int
    ) async throws -> (Int, [Completion], TokenUsage) {
        let path = Self.path(for: request.prompt, encoded: encoded)
        let body = body(for: request, first: first, count: count, streaming: false, tokens: encoded)
        var response: OpenAIWire.CompletionResponse?
        let elapsed = try await clock.measure {
            response = try await client.postJSON(path, body: body, as: OpenAIWire.CompletionResponse.self)
        }
        guard let response else { return (first, [], TokenUsage()) }
        let ordered = response.choices.enumerated()
            .sorted { ($0.element.index ?? $0.offset) < ($1.element.index ?? $1.offset) }
            .prefix(count).map(\.element)
        let choices = ordered
            .map {
                // The server cannot be stopped mid-answer: the guard cuts the text afterwards.
                Self.completion(
                    from: $0, stop: request.parameters.stop, prefill: encoded == nil ? Self.prefill(of: request.prompt) : nil
                ).applying(request.parameters.repetitionGuard)
            }
        if let encoded, let tokenPrompts {
            for (choice, completion) in zip(ordered, choices) {
                let entries = choice.logprobs?.content ?? []
                let pieces = entries.compactMap(\.token)
                let spelled = !entries.isEmpty && pieces.count == entries.count
                // Without pieces the ids may hold a stop string or end-of-sequence token the
                // text does not: only a completion cut at the token cap is known to match.
                await tokenPrompts.remember(
                    encoded, generated: completion.tokens.map(\.rawValue), pieces: spelled ? pieces : nil,
                    text: spelled || completion.stopReason == .maxTokens ? completion.text : "")
            }
        }
        var usage = Self.usage(response.usage)
        // llama-server (b1-0c1e570) counts only one choice's tokens in `usage` when n > 1; the
        // per-token log-probs, when present, give the true count.
        usage.generatedTokens = max(usage.generatedTokens, choices.reduce(0) { $0 + $1.logProbs.count })
        usage.seconds = OpenAIHTTPClient.seconds(elapsed)
        return (first, Array(choices), usage)
    }

    private func streamOne(_ request: GenerationRequest, onText: @Sendable (String) -> Void) async throws -> GenerationResult {
        guard request.n == 1 else {
            throw OpenAIBackendError.invalidRequest("stream produces one completion; n is \(request.n) (use generate for n > 1)")
        }
        let encoded = try await encodedPrompt(request)
        let path = Self.path(for: request.prompt, encoded: encoded)
        let body = body(for: request, first: 0, count: 1, streaming: true, tokens: encoded)
        var accumulator = StreamAccumulator(stop: request.parameters.stop)
        var parser = ServerSentEventParser()
        let url = configuration.url(path).absoluteString
        let elapsed = try await clock.measure {
            try await client.stream(path, body: body) { chunk in
                for payload in parser.consume(chunk) where !accumulator.done {
                    try accumulator.consume(payload, url: url, onText: onText)
                }
            }
            for payload in parser.finish() where !accumulator.done {
                try accumulator.consume(payload, url: url, onText: onText)
            }
        }
        var result = accumulator.result
        result.completions = result.completions.map { $0.applying(request.parameters.repetitionGuard) }
        result.usage.seconds = OpenAIHTTPClient.seconds(elapsed)
        return result
    }

    // MARK: - Response conversion

    /// The content of a final assistant message that the request continues.
    static func prefill(of prompt: PromptInput) -> String? {
        guard case let .chat(messages) = prompt, let last = messages.last, last.role == .assistant else { return nil }
        return last.content
    }

    /// - Parameter prefill: the continued assistant message, if any. llama-server (b1-0c1e570)
    ///   puts it in front of a non-streamed `message.content` (its stream deltas and logprobs hold
    ///   only the new text); vLLM returns only the new text. It is removed when the content starts
    ///   with it, unless the reported token pieces already spell the whole content.
    static func completion(from choice: OpenAIWire.Choice, stop: [String], prefill: String? = nil) -> Completion {
        var text = choice.message?.content ?? choice.text ?? ""
        let entries = choice.logprobs?.content ?? []
        if let prefill, !prefill.isEmpty, text.hasPrefix(prefill) {
            let pieces = entries.compactMap(\.token)
            if pieces.count != entries.count || entries.isEmpty || pieces.joined() != text {
                text = String(text.dropFirst(prefill.count))
            }
        }
        let logProbs = entries.isEmpty ? (choice.logprobs?.tokenLogprobs ?? []).compactMap { $0 } : entries.map(\.logprob)
        var ids = entries.compactMap(\.id)
        if entries.isEmpty, let names = choice.logprobs?.tokens {
            // vLLM with `return_tokens_as_token_ids`: each token is named `token_id:N`.
            ids = names.compactMap { $0.hasPrefix("token_id:") ? Int32($0.dropFirst(9)) : nil }
            if ids.count != names.count { ids = [] }
        }
        let tokens = ids.count == entries.count || entries.isEmpty ? ids.map(Token.init(rawValue:)) : []
        return Completion(
            text: text, tokens: tokens, logProbs: logProbs,
            stopReason: stopReason(finish: choice.finishReason, field: choice.stopReason, stop: stop))
    }

    static func stopReason(finish: String?, field: OpenAIWire.StopReasonField?, stop: [String]) -> StopReason {
        switch finish {
        case "length": return .maxTokens
        case "stop":
            switch field {
            case .sequence: return .stopSequence
            case .other: return .endOfSequence
            case nil: return stop.isEmpty ? .endOfSequence : .stopSequence
            }
        default: return .endOfSequence
        }
    }

    static func usage(_ usage: OpenAIWire.Usage?) -> TokenUsage {
        guard let usage else { return TokenUsage() }
        let cached = min(usage.promptTokensDetails?.cachedTokens ?? 0, usage.promptTokens)
        return TokenUsage(
            promptTokensEvaluated: usage.promptTokens - cached, promptTokensReused: cached,
            generatedTokens: usage.completionTokens)
    }
}
