internal import CLlama

extension LlamaEngine {
    /// Log-probability of each token of `continuation` after `prompt` (the prompt is rendered as
    /// for generation; the continuation is tokenized on its own, without special tokens).
    public func score(prompt: PromptInput, continuation: String) throws -> ScoredText {
        assertOnEngineQueue()
        let promptTokens = try promptTokens(prompt)
        let continuationTokens = try model.tokenize(continuation, addSpecial: false, parseSpecial: false)
        let all = promptTokens + continuationTokens
        guard all.count <= context.contextLength else {
            throw InferenceError(.contextOverflow, "Prompt plus continuation (\(all.count) tokens) exceed the context of \(context.contextLength) tokens; raise --ctx.")
        }
        guard !continuationTokens.isEmpty else { return ScoredText(tokens: [], logProbs: []) }
        defer { releaseWorkingSequences() }
        var logProbs: [Double] = []
        let (evaluated, reused) = try evaluate(all, outputsFrom: promptTokens.count - 1) { position, index in
            guard position + 1 < all.count else { return }
            logProbs.append(logProbability(of: all[position + 1], at: index))
        }
        rememberPrefix(all[..<promptTokens.count])
        stats.requests += 1
        stats.usage = stats.usage + TokenUsage(promptTokensEvaluated: evaluated, promptTokensReused: reused)
        return ScoredText(tokens: continuationTokens, logProbs: logProbs)
    }

    /// Mean-pooled embedding of `text` (a second context with embeddings on, created on first use).
    public func embed(_ text: String) throws -> [Float] {
        assertOnEngineQueue()
        let tokens = try model.tokenize(text, addSpecial: true, parseSpecial: false)
        guard !tokens.isEmpty else { throw InferenceError(.invalidRequest, "Cannot embed empty text.") }
        let n = configuration.embeddingContextLength
        guard tokens.count <= n else {
            throw InferenceError(.contextOverflow, "The text to embed has \(tokens.count) tokens; the embedding context holds \(n). Shorten it or raise embeddingContextLength.")
        }
        let ctx = try embeddingContextHandle()
        ctx.clearMemory()
        var batch = BatchHandle(capacity: n)
        for (i, t) in tokens.enumerated() { batch.append(t, position: Int32(i), sequence: 0, wantsLogits: true) }
        let status = batch.decode(on: ctx)
        guard status == .decoded else {
            throw InferenceError(.engineFailure, "llama_decode failed with status \(status.description) while embedding.")
        }
        guard let v = llama_get_embeddings_seq(ctx.raw, 0) else {
            throw InferenceError(.engineFailure, "llama.cpp returned no pooled embedding.")
        }
        return Array(UnsafeBufferPointer(start: v, count: model.embeddingDimension))
    }

    private func embeddingContextHandle() throws(InferenceError) -> ContextHandle {
        if let embeddingContext { return embeddingContext }
        var params = llama_context_default_params()
        let n = UInt32(configuration.embeddingContextLength)
        params.n_ctx = n
        params.n_batch = n
        params.n_ubatch = n
        params.n_seq_max = 1
        params.n_threads = Int32(configuration.threads)
        params.n_threads_batch = Int32(configuration.threads)
        params.embeddings = true
        params.pooling_type = LLAMA_POOLING_TYPE_MEAN
        params.no_perf = true
        let ctx = try ContextHandle(model: model, params: params, adapters: context.adapters)
        embeddingContext = ctx
        return ctx
    }
}
