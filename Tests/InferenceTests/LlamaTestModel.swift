import Foundation
import Inference

/// Locates the small test model (SmolLM2-135M, installed by `scripts/setup-models.sh`, which
/// `make test` runs). Tests that need it are gated on `isAvailable` and say so when skipped.
enum LlamaTestModel {
    static let descriptor = ModelRegistry.descriptor(for: ModelRegistry.testModel)
    static var path: String? {
        if let p = ProcessInfo.processInfo.environment["O1CODER_TEST_MODEL"] { return p }
        return descriptor.map { ModelStore.standard().path(for: $0) }
    }
    static var isAvailable: Bool {
        let ok = path.map { FileManager.default.fileExists(atPath: $0) } ?? false
        if !ok { print("[InferenceTests] SmolLM2 test model missing; run scripts/setup-models.sh smollm2-135m-instruct (make test does). Skipping model tests.") }
        return ok
    }
    static var spec: ModelSpec {
        ModelSpec(name: "smollm2-135m-instruct", basePath: path ?? "/nonexistent")
    }
    static func engine(contextLength: Int = 512, prefixCacheSlots: Int = 2) throws -> LlamaEngine {
        try LlamaEngine(spec: spec, configuration: LlamaConfiguration(
            contextLength: contextLength, threads: 2, batchSize: 256, parallelSequences: 4,
            prefixCacheSlots: prefixCacheSlots, embeddingContextLength: 128))
    }
    static let question = PromptInput.chat([.user("Write a Python function that adds two numbers.")])
    static func greedy(_ maxTokens: Int, stop: [String] = []) -> SamplingParameters {
        var p = SamplingParameters.greedy
        p.maxTokens = maxTokens
        p.stop = stop
        return p
    }
    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).gguf"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
