import Foundation
import Inference
import Models
import O1CoderTestSupport

/// The small test model (SmolLM2-135M) at `TestEnvironment.testModelPath`, which `make test`
/// installs. Tests that need it carry `.requires(.testModel)`.
enum LlamaTestModel {
    static var path: String { TestEnvironment.testModelPath }
    static var spec: ModelSpec {
        ModelSpec(name: ModelRegistry.testModel.rawValue, basePath: path)
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
