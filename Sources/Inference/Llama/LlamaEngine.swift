public import Models
internal import CLlama
internal import Dispatch
public import Logging

/// The embedded llama.cpp engine. The context is confined to this actor, whose executor is a
/// private serial queue, so blocking `llama_decode` calls never run on Swift's cooperative pool.
/// Every public method does its KV-cache work in one synchronous stretch (no `await` between
/// touching the cache and finishing), so requests never interleave.
///
/// Sequence layout: ids `0..<parallelSequences` are working sequences of the current request;
/// the next `prefixCacheSlots` ids keep evaluated prompts (LRU) for later requests that extend them.
public actor LlamaEngine: LanguageModel {
    private let executor: QueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public nonisolated let info: ModelInfo
    public nonisolated let spec: ModelSpec
    public nonisolated let configuration: LlamaConfiguration
    /// Embedding width of the model (`llama_model_n_embd`).
    public nonisolated let embeddingDimension: Int
    let logger: Logger

    let model: SharedModel
    let context: ContextHandle
    let template: ChatTemplate
    var embeddingContext: ContextHandle?
    var prefixCache: PrefixCache
    var stats = EngineStatistics()

    /// Loads the base model and its adapters and creates the context. Blocks the calling thread
    /// for the load (about a second); from async code prefer `load(_:configuration:logger:)`.
    public init(spec: ModelSpec, configuration: LlamaConfiguration = .init(), logger: Logger = LlamaEngine.silentLogger) throws(InferenceError) {
        try configuration.validate()
        let model = try SharedModel(path: spec.basePath)
        guard configuration.contextLength <= model.trainingContextLength else {
            throw InferenceError(.modelDoesNotFit, "A context of \(configuration.contextLength) tokens exceeds what '\(spec.name)' was trained for (\(model.trainingContextLength)); lower --ctx.")
        }
        let kvBytes = configuration.contextLength * model.layerCount * 2 * model.kvHeadCount
            * (model.embeddingDimension / max(1, model.headCount)) * 2
        if let available = ProcessorCount.availableMemory, kvBytes + model.byteCount > available {
            throw InferenceError(.modelDoesNotFit, "'\(spec.name)' with a \(configuration.contextLength)-token context needs about \((kvBytes + model.byteCount) >> 20) MiB but only \(available >> 20) MiB are available; lower --ctx or use a smaller model.")
        }
        var adapters: [LoRAAdapterHandle] = []
        for a in spec.adapters { adapters.append(try LoRAAdapterHandle(model: model, adapter: a)) }
        var params = llama_context_default_params()
        params.n_ctx = UInt32(configuration.contextLength)
        params.n_batch = UInt32(configuration.batchSize)
        params.n_ubatch = UInt32(min(configuration.batchSize, 512))
        params.n_seq_max = UInt32(configuration.parallelSequences + configuration.prefixCacheSlots)
        params.n_threads = Int32(configuration.threads)
        params.n_threads_batch = Int32(configuration.threads)
        params.kv_unified = true
        params.no_perf = true
        self.context = try ContextHandle(model: model, params: params, adapters: adapters)
        self.model = model
        self.template = ChatTemplate(source: model.chatTemplate ?? "chatml")
        let first = Int32(configuration.parallelSequences)
        self.prefixCache = PrefixCache(slots: (0..<Int32(configuration.prefixCacheSlots)).map { first + $0 })
        self.spec = spec
        self.configuration = configuration
        self.embeddingDimension = model.embeddingDimension
        self.logger = logger
        self.info = ModelInfo(name: spec.name, sha256: spec.sha256, path: spec.basePath,
                              contextLength: context.contextLength, backend: "llama.cpp")
        self.executor = QueueExecutor(label: "o1coder.inference.llama")
    }

    /// Loads on a background thread, then returns the engine.
    public static func load(_ spec: ModelSpec, configuration: LlamaConfiguration = .init(), logger: Logger = LlamaEngine.silentLogger) async throws -> LlamaEngine {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<LlamaEngine, any Error>) in
            DispatchQueue.global(qos: .userInitiated).async {
                do { c.resume(returning: try LlamaEngine(spec: spec, configuration: configuration, logger: logger)) } catch { c.resume(throwing: error) }
            }
        }
    }

    public static let silentLogger = Logger(label: "o1coder.inference.silent", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Totals since the engine was created.
    public var statistics: EngineStatistics { stats }

    /// Tokens of `text` as the engine would read them (special tokens parsed).
    public func tokenize(_ text: String, addSpecial: Bool = true) throws(InferenceError) -> [Token] {
        try model.tokenize(text, addSpecial: addSpecial, parseSpecial: true)
    }

    /// The exact prompt text the chat template produces for `input`.
    public func renderPrompt(_ input: PromptInput) throws(InferenceError) -> String {
        try template.prompt(for: input)
    }

    /// Drops all cached prefixes (the next request reads its prompt from scratch).
    public func clearPrefixCache() {
        context.clearMemory()
        prefixCache.removeAll()
    }

    func promptTokens(_ input: PromptInput) throws(InferenceError) -> [Token] {
        let text = try template.prompt(for: input)
        let tokens = try model.tokenize(text, addSpecial: true, parseSpecial: true)
        guard !tokens.isEmpty else { throw InferenceError(.invalidRequest, "The prompt is empty after tokenization.") }
        return tokens
    }

    func assertOnEngineQueue() {
        dispatchPrecondition(condition: .onQueue(executor.queue))
    }
}
