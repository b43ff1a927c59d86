public import Models
public import Logging

/// The prefix-sharing comparison of `bench-inference`: `branches` continuations forked from one
/// evaluated prompt, against as many one-sample requests on an engine without a prefix cache,
/// each of which evaluates the prompt again.
public struct PrefixSharingBenchmark: Sendable {
    public var promptTokens: Int
    public var branches: Int
    public var branchTokens: Int

    public init(promptTokens: Int, branches: Int, branchTokens: Int) {
        self.promptTokens = promptTokens
        self.branches = branches
        self.branchTokens = branchTokens
    }

    /// Runs both sides: forked on `engine`, naive on a second engine loaded from `spec` with
    /// one sequence and no prefix cache.
    public func run(on engine: LlamaEngine, spec: ModelSpec, logger: Logger) async throws -> (forked: TokenUsage, naive: TokenUsage) {
        let prompt = try await Self.syntheticPrompt(tokens: promptTokens, engine: engine)
        let parameters = SamplingParameters(temperature: 0.8, seed: 1, maxTokens: branchTokens)
        await engine.clearPrefixCache()
        let forked = try await engine.generate(
            GenerationRequest(prompt: prompt, parameters: parameters, n: branches, wantsLogProbs: true), ignoringEndOfSequence: true)
        var naiveConfig = engine.configuration
        naiveConfig.prefixCacheSlots = 0
        naiveConfig.parallelSequences = 1
        let naiveEngine = try await LlamaEngine.load(spec, configuration: naiveConfig, logger: logger)
        var total = TokenUsage()
        for i in 0..<branches {
            var p = parameters
            p.seed = parameters.seed &+ UInt64(i)
            let r = try await naiveEngine.generate(
                GenerationRequest(prompt: prompt, parameters: p, n: 1, wantsLogProbs: true), ignoringEndOfSequence: true)
            total = total + r.usage
        }
        return (forked.usage, total)
    }

    /// Python source text cut to exactly `tokens` tokens (as a raw-text prompt).
    static func syntheticPrompt(tokens: Int, engine: LlamaEngine) async throws -> PromptInput {
        var text = ""
        var i = 0
        while try await engine.tokenize(text).count < tokens + 8 {
            text += "def helper_\(i)(values):\n    total = 0\n    for v in values:\n        total += v * \(i % 7 + 1)\n    return total\n\n"
            i += 1
        }
        // Shrink to at most `tokens` tokens (a few characters at a time).
        var cut = text
        while try await engine.tokenize(cut).count > tokens { cut.removeLast(4) }
        return .text(cut)
    }
}
