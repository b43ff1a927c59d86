internal import CLlama

/// Owns one `llama_context*`; holds its model (and adapters), so they outlive it.
final class ContextHandle {
    let model: SharedModel
    let adapters: [LoRAAdapterHandle]
    let raw: OpaquePointer
    let memory: OpaquePointer?

    init(model: SharedModel, params: llama_context_params, adapters: [LoRAAdapterHandle]) throws(InferenceError) {
        guard let ctx = llama_init_from_model(model.raw, params) else {
            throw InferenceError(.contextCreationFailed, "llama.cpp could not create a context of \(params.n_ctx) tokens; lower --ctx or free memory.")
        }
        if !adapters.isEmpty {
            var pointers: [OpaquePointer?] = adapters.map { $0.raw }
            var scales = adapters.map(\.scale)
            let status = llama_set_adapters_lora(ctx, &pointers, pointers.count, &scales)
            guard status == 0 else {
                llama_free(ctx)
                throw InferenceError(.invalidAdapter, "llama.cpp could not apply the LoRA adapters (status \(status)).")
            }
        }
        self.model = model
        self.adapters = adapters
        self.raw = ctx
        self.memory = llama_get_memory(ctx)
    }

    deinit { llama_free(raw) }

    var contextLength: Int { Int(llama_n_ctx(raw)) }
    var batchSize: Int { Int(llama_n_batch(raw)) }

    /// Removes positions `[from, to)` of `sequence` (`to == nil`: to the end).
    func removeSequence(_ sequence: Int32, from: Int32 = -1, to: Int32 = -1) {
        _ = llama_memory_seq_rm(memory, sequence, from, to)
    }

    /// Shares the KV cells of `[0, length)` from `source` with `destination` (no copy of data).
    func copySequence(_ source: Int32, to destination: Int32, length: Int32) {
        llama_memory_seq_cp(memory, source, destination, 0, length)
    }

    func lastPosition(of sequence: Int32) -> Int32 { llama_memory_seq_pos_max(memory, sequence) }

    func clearMemory() { llama_memory_clear(memory, true) }

    /// Raw logits of output `index` of the last decode (`vocabularySize` floats).
    func logits(at index: Int32) -> UnsafeMutablePointer<Float>? { llama_get_logits_ith(raw, index) }
}
