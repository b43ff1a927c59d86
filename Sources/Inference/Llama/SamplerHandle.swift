internal import CLlama

/// Owns one sampler chain (`llama_sampler*`): greedy, or top-k → top-p → min-p → temperature →
/// seeded distribution. Independent of any context.
final class SamplerHandle {
    let raw: UnsafeMutablePointer<llama_sampler>
    /// Greedy decoding takes the first maximal logit directly: llama.cpp's greedy sampler first
    /// copies the whole vocabulary into a candidate array, which costs ~5% of a token's time on
    /// small models with large vocabularies (Qwen: 151,936 entries).
    private let isGreedy: Bool

    init(_ p: SamplingParameters, seed: UInt64) throws(InferenceError) {
        guard let chain = llama_sampler_chain_init(llama_sampler_chain_default_params()) else {
            throw InferenceError(.engineFailure, "llama.cpp could not create a sampler chain.")
        }
        isGreedy = p.temperature <= 0
        if isGreedy {
            llama_sampler_chain_add(chain, llama_sampler_init_greedy())
        } else {
            if let k = p.topK, k > 0 { llama_sampler_chain_add(chain, llama_sampler_init_top_k(Int32(k))) }
            if let tp = p.topP, tp < 1 { llama_sampler_chain_add(chain, llama_sampler_init_top_p(Float(tp), 1)) }
            if let mp = p.minP, mp > 0 { llama_sampler_chain_add(chain, llama_sampler_init_min_p(Float(mp), 1)) }
            llama_sampler_chain_add(chain, llama_sampler_init_temp(Float(p.temperature)))
            llama_sampler_chain_add(chain, llama_sampler_init_dist(UInt32(truncatingIfNeeded: seed)))
        }
        raw = chain
    }

    deinit { llama_sampler_free(raw) }

    /// Samples from output `index` of the last decode and records the token in the chain.
    func sample(context: ContextHandle, index: Int32) -> Token {
        if isGreedy, let logits = context.logits(at: index) {
            let n = context.model.vocabularySize
            var best = 0
            var bestLogit = -Float.infinity
            for i in 0..<n where logits[i] > bestLogit {
                best = i
                bestLogit = logits[i]
            }
            let token = Int32(best)
            llama_sampler_accept(raw, token)
            return Token(rawValue: token)
        }
        return Token(rawValue: llama_sampler_sample(raw, context.raw, index))
    }
}
