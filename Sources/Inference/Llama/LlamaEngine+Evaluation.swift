internal import CLlama
internal import Logging

extension LlamaEngine {
    /// The working sequence that holds the prompt; branches are forked from it.
    static let promptSequence: Int32 = 0

    /// Puts `tokens` into the prompt sequence, reusing the longest cached prefix, and evaluates the
    /// rest in chunks of the context's `n_batch`. Positions `>= outputsFrom` produce logits; `onOutput(position,
    /// batchIndex)` is called for each right after its chunk is decoded (before the next overwrites
    /// them). Returns (evaluated, reused) prompt-token counts.
    func evaluate(_ tokens: [Token], outputsFrom: Int, onOutput: (Int, Int32) throws -> Void) throws -> (evaluated: Int, reused: Int) {
        assertOnEngineQueue()
        precondition(outputsFrom < tokens.count, "at least the last token must produce logits")
        let seq = Self.promptSequence
        context.removeSequence(seq)
        var reused = 0
        if let match = prefixCache.bestMatch(for: tokens) {
            reused = min(match.length, outputsFrom)
            if reused > 0 {
                context.copySequence(match.slot, to: seq, length: Int32(reused))
                prefixCache.touch(match.slot)
                stats.prefixCacheHits += 1
            }
        }
        // llama.cpp may clamp n_batch (e.g. to a small n_ctx); chunk by what the context accepts.
        let chunk = max(1, context.batchSize)
        var batch = BatchHandle(capacity: chunk)
        var start = reused
        while start < tokens.count {
            let end = min(start + chunk, tokens.count)
            batch.clear()
            for p in start..<end {
                batch.append(tokens[p], position: Int32(p), sequence: seq, wantsLogits: p >= outputsFrom)
            }
            try decode(batch)
            for p in max(start, outputsFrom)..<max(end, outputsFrom) { try onOutput(p, Int32(p - start)) }
            start = end
        }
        return (tokens.count - reused, reused)
    }

    /// Decodes `batch`, evicting cached prefixes while the KV cache is full.
    func decode(_ batch: borrowing BatchHandle) throws {
        while true {
            let status = batch.decode(on: context)
            if status == .decoded { return }
            if status == .noKVSlot, let slot = prefixCache.evictLeastRecentlyUsed() {
                context.removeSequence(slot)
                stats.prefixCacheEvictions += 1
                logger.debug("evicted a cached prefix to free KV cells", metadata: ["llm.slot": "\(slot)"])
                continue
            }
            if status == .noKVSlot {
                throw InferenceError(.contextOverflow, "The KV cache (\(context.contextLength) cells) is full; lower n or max tokens, or raise --ctx.")
            }
            throw InferenceError(.engineFailure, "llama_decode failed with status \(status.description).")
        }
    }

    /// Keeps the first `count` tokens of the prompt sequence as a cached prefix.
    func rememberPrefix(_ tokens: ArraySlice<Token>) {
        guard let slot = prefixCache.slotForStoring(Array(tokens)) else { return }
        context.removeSequence(slot)
        context.copySequence(Self.promptSequence, to: slot, length: Int32(tokens.count))
    }

    /// Frees the working sequences of the finished request (cached prefixes stay).
    func releaseWorkingSequences() {
        for s in 0..<Int32(configuration.parallelSequences) { context.removeSequence(s) }
    }

    /// Natural-log probability of `token` under the raw logits of output `index` (log-softmax).
    func logProbability(of token: Token, at index: Int32) -> Double {
        guard let logits = context.logits(at: index) else { return -.infinity }
        let n = model.vocabularySize
        var maxLogit = -Float.infinity
        for i in 0..<n where logits[i] > maxLogit { maxLogit = logits[i] }
        var sum: Double = 0
        for i in 0..<n { sum += Double(expf(logits[i] - maxLogit)) }
        return Double(logits[Int(token.rawValue)] - maxLogit) - log(sum)
    }
}

#if canImport(Glibc)
import Glibc
#endif
