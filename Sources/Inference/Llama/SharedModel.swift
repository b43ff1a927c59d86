import Models
internal import CLlama
#if canImport(Glibc)
internal import Glibc
#endif

/// Owns one `llama_model*` (immutable after loading, shared by the generation and embedding
/// contexts and by LoRA adapters, which hold a reference to it so they are freed first).
/// Also the home of vocabulary operations (tokenize, detokenize, end-of-generation test), which
/// llama.cpp documents as thread-safe.
final class SharedModel {
    let raw: OpaquePointer
    let vocab: OpaquePointer
    let path: String

    init(path: String) throws(InferenceError) {
        _ = try GGUFHeader.read(path: path)
        LlamaBackend.ensureInitialized()
        var params = llama_model_default_params()
        params.n_gpu_layers = 0
        params.load_mode = LLAMA_LOAD_MODE_NONE  // read into RAM: same speed as mmap, less RSS (reference §4)
        guard let model = llama_model_load_from_file(path, params) else {
            throw InferenceError(.invalidModelFile, "llama.cpp could not load '\(path)': the GGUF is truncated, corrupt or of an unsupported architecture. Re-download it (o1coder models pull) or pick another file.")
        }
        guard let vocab = llama_model_get_vocab(model) else {
            llama_model_free(model)
            throw InferenceError(.invalidModelFile, "The model at '\(path)' has no vocabulary; it cannot generate text.")
        }
        self.raw = model
        self.vocab = vocab
        self.path = path
    }

    deinit { llama_model_free(raw) }

    var trainingContextLength: Int { Int(llama_model_n_ctx_train(raw)) }
    var embeddingDimension: Int { Int(llama_model_n_embd(raw)) }
    var vocabularySize: Int { Int(llama_vocab_n_tokens(vocab)) }
    var layerCount: Int { Int(llama_model_n_layer(raw)) }
    var headCount: Int { Int(llama_model_n_head(raw)) }
    var kvHeadCount: Int { Int(llama_model_n_head_kv(raw)) }
    var byteCount: Int { Int(llama_model_size(raw)) }
    var beginningOfSequence: Token { Token(rawValue: llama_vocab_bos(vocab)) }

    func isEndOfGeneration(_ token: Token) -> Bool { llama_vocab_is_eog(vocab, token.rawValue) }

    /// The chat template stored in the GGUF (`tokenizer.chat_template`), if any.
    var chatTemplate: String? {
        guard let t = llama_model_chat_template(raw, nil) else { return nil }
        return String(cString: t)
    }

    /// Tokenizes with the buffer-size protocol: a negative result is the size needed.
    func tokenize(_ text: String, addSpecial: Bool, parseSpecial: Bool) throws(InferenceError) -> [Token] {
        let bytes = Array(text.utf8)
        var capacity = bytes.count + 8
        for _ in 0..<2 {
            var out = [llama_token](repeating: 0, count: capacity)
            let n = bytes.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { c in
                    llama_tokenize(vocab, c.baseAddress, Int32(c.count), &out, Int32(capacity), addSpecial, parseSpecial)
                }
            }
            if n >= 0 { return out.prefix(Int(n)).map { Token(rawValue: $0) } }
            guard n != Int32.min else { break }
            capacity = Int(-n)
        }
        throw InferenceError(.engineFailure, "Tokenization failed (text of \(bytes.count) bytes).")
    }

    /// The bytes of one token's text (special tokens render as empty).
    func piece(_ token: Token, initialCapacity: Int = 32) -> [UInt8] {
        var capacity = initialCapacity
        for _ in 0..<2 {
            var buf = [CChar](repeating: 0, count: capacity)
            let n = llama_token_to_piece(vocab, token.rawValue, &buf, Int32(capacity), 0, false)
            if n >= 0 { return buf.prefix(Int(n)).map { UInt8(bitPattern: $0) } }
            capacity = Int(-n)
        }
        return []
    }
}

/// Owns one `llama_adapter_lora*`; holds the model it was created for, so it is freed before it.
final class LoRAAdapterHandle {
    let model: SharedModel
    let raw: OpaquePointer
    let scale: Float

    init(model: SharedModel, adapter: LoRAAdapter) throws(InferenceError) {
        guard access(adapter.path, R_OK) == 0 else {
            throw InferenceError(.invalidAdapter, "LoRA adapter not found at '\(adapter.path)'. Check the path in the model spec (--lora).")
        }
        do {
            _ = try GGUFHeader.read(path: adapter.path)
        } catch {
            throw InferenceError(.invalidAdapter, "The LoRA adapter at '\(adapter.path)' is not a GGUF file; convert it with convert_lora_to_gguf.py.")
        }
        guard let a = llama_adapter_lora_init(model.raw, adapter.path) else {
            throw InferenceError(.invalidAdapter, "llama.cpp rejected the LoRA adapter at '\(adapter.path)': it is corrupt or was trained for a different base model.")
        }
        self.model = model
        self.raw = a
        self.scale = adapter.scale
    }

    deinit { llama_adapter_lora_free(raw) }
}
