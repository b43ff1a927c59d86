/// How the embedded engine sizes its context. Defaults suit the 2-core project machines.
public struct LlamaConfiguration: Codable, Sendable, Hashable {
    /// Total KV-cache cells shared by all sequences (kv_unified); prompt + max tokens must fit.
    /// Corresponds to `llama_context_params.n_ctx`.
    public var contextLength: Int
    public var threads: Int
    /// Tokens per `llama_decode` call while reading a prompt (`n_batch`).
    public var batchSize: Int
    /// Samples decoded together in one batch per step (larger `n` runs in rounds).
    public var parallelSequences: Int
    /// Spare sequences that keep evaluated prompts for reuse (0 disables the prefix cache).
    public var prefixCacheSlots: Int
    /// Context of the lazily created embedding context; longer texts are an error.
    public var embeddingContextLength: Int

    public init(contextLength: Int = 4096, threads: Int = LlamaConfiguration.defaultThreads, batchSize: Int = 512,
                parallelSequences: Int = 8, prefixCacheSlots: Int = 4, embeddingContextLength: Int = 512) {
        self.contextLength = contextLength
        self.threads = threads
        self.batchSize = batchSize
        self.parallelSequences = parallelSequences
        self.prefixCacheSlots = prefixCacheSlots
        self.embeddingContextLength = embeddingContextLength
    }

    public static var defaultThreads: Int { max(1, ProcessorCount.online) }

    func validate() throws(InferenceError) {
        guard contextLength >= 16, threads >= 1, batchSize >= 1, parallelSequences >= 1, prefixCacheSlots >= 0,
              embeddingContextLength >= 8, parallelSequences + prefixCacheSlots <= 64 else {
            throw InferenceError(.invalidRequest, "Invalid engine configuration: context ≥ 16, threads ≥ 1, batch ≥ 1, 1–64 sequences in total.")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

enum ProcessorCount {
    static var online: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// `MemAvailable` from /proc/meminfo in bytes (nil when unreadable).
    static var availableMemory: Int? {
        guard let f = fopen("/proc/meminfo", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, f) != nil {
            let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if s.hasPrefix("MemAvailable:") {
                let kb = s.split(separator: " ").compactMap { Int($0) }.first
                return kb.map { $0 * 1024 }
            }
        }
        return nil
    }
}
