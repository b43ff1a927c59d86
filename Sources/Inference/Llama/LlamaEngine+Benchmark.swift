import O1CoderCore
internal import CLlama

/// Prompt-processing and generation speed measured the way `llama-bench` does (pp: one batch of
/// synthetic random tokens into an empty cache; tg: single-token decode steps), but through this
/// engine's own evaluation and sampling code.
public struct ThroughputMeasurement: Codable, Sendable, Hashable {
    public var promptTokens: Int
    public var generatedTokens: Int
    /// One value per repetition, tokens per second.
    public var promptTokensPerSecond: [Double]
    public var generationTokensPerSecond: [Double]
}

extension LlamaEngine {
    public func measureThroughput(promptTokens: Int = 512, generatedTokens: Int = 128, repetitions: Int = 3, seed: UInt64 = 1) throws -> ThroughputMeasurement {
        assertOnEngineQueue()
        guard promptTokens >= 1, generatedTokens >= 1, promptTokens + generatedTokens <= context.contextLength else {
            throw InferenceError(.invalidRequest, "The benchmark needs prompt + generated tokens within the context (\(context.contextLength)).")
        }
        let clock = ContinuousClock()
        var rng = seed
        let vocab = UInt64(model.vocabularySize)
        var pp: [Double] = []
        var tg: [Double] = []
        for _ in 0..<repetitions {
            var tokens = [model.beginningOfSequence]
            while tokens.count < promptTokens { tokens.append(Token(rawValue: Int32(splitMix(&rng) % vocab))) }
            clearPrefixCache()
            let t0 = clock.now
            _ = try evaluate(tokens, outputsFrom: tokens.count - 1) { _, _ in }
            pp.append(Double(promptTokens) / (clock.now - t0).seconds)

            clearPrefixCache()
            var index: Int32 = 0
            _ = try evaluate([model.beginningOfSequence], outputsFrom: 0) { _, i in index = i }
            let sampler = try SamplerHandle(.greedy, seed: 0)
            var batch = BatchHandle(capacity: 1)
            let t1 = clock.now
            for step in 0..<generatedTokens {
                let token = sampler.sample(context: context, index: index)
                batch.clear()
                batch.append(token, position: Int32(1 + step), sequence: Self.promptSequence, wantsLogits: true)
                try decode(batch)
                index = 0
            }
            tg.append(Double(generatedTokens) / (clock.now - t1).seconds)
        }
        clearPrefixCache()
        return ThroughputMeasurement(promptTokens: promptTokens, generatedTokens: generatedTokens,
                                     promptTokensPerSecond: pp, generationTokensPerSecond: tg)
    }
}

private func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
