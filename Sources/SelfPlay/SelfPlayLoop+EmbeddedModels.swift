public import Logging
public import Models
import Inference

extension SelfPlayLoop {
    /// Policies by name (registry, trained or .gguf) from `store`, each loaded into the embedded
    /// engine when a stage asks for it, with the context and parallelism search and evaluation use.
    public static func embeddedModels(store: ModelStore, threads: Int, logger: Logger) -> ModelProvider {
        { name in
            LlamaBackend.bootstrap(logger: logger)
            return try await LlamaEngine.load(
                store.resolve(name), configuration: LlamaConfiguration(contextLength: 4096, threads: threads, parallelSequences: 8),
                logger: logger)
        }
    }

    /// Trained PRMs by name from `store`, each in its own embedded engine (one path at a time).
    public static func embeddedProcessRewardModels(store: ModelStore, threads: Int, logger: Logger) -> ProcessRewardProvider {
        { name in
            LlamaBackend.bootstrap(logger: logger)
            let engine = try await LlamaEngine.load(
                store.resolve(name), configuration: LlamaConfiguration(contextLength: 4096, threads: threads, parallelSequences: 1),
                logger: logger)
            return LlamaProcessRewardModel(engine: engine)
        }
    }
}
