internal import CLlama

/// Owns one `llama_batch` allocated by `llama_batch_init` (one sequence id per token).
struct BatchHandle: ~Copyable {
    private var raw: llama_batch
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "batch capacity must be positive")
        raw = llama_batch_init(Int32(capacity), 0, 1)
        self.capacity = capacity
    }

    deinit { llama_batch_free(raw) }

    var count: Int { Int(raw.n_tokens) }

    mutating func clear() { raw.n_tokens = 0 }

    /// Appends `token` at `position` of `sequence`; `wantsLogits` marks it as an output.
    mutating func append(_ token: Token, position: Int32, sequence: Int32, wantsLogits: Bool) {
        let i = Int(raw.n_tokens)
        precondition(i < capacity, "batch overflow")
        raw.token[i] = token.rawValue
        raw.pos[i] = position
        raw.n_seq_id[i] = 1
        raw.seq_id[i]?[0] = sequence
        raw.logits[i] = wantsLogits ? 1 : 0
        raw.n_tokens += 1
    }

    /// Runs `llama_decode`.
    func decode(on context: ContextHandle) -> DecodeStatus {
        DecodeStatus(llama_decode(context.raw, raw))
    }
}
