import ArgumentParser
import Foundation
import Inference

/// Hidden `o1coder bench-inference`: pp/tg throughput measured like llama-bench, and the prefix-
/// sharing comparison (k forked continuations vs k requests that each re-read the prompt).
/// Prints one JSON object to stdout; scripts/bench-inference.sh compares it with llama-bench.
struct BenchInferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-inference",
        abstract: "Measure the embedded engine (pp/tg tok/s, prefix sharing); JSON on stdout.",
        shouldDisplay: false)

    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "Synthetic prompt tokens for the pp test.") var pp: Int = 512
    @Option(help: "Generated tokens for the tg test.") var tg: Int = 128
    @Option(help: "Repetitions of the pp/tg test.") var repetitions: Int = 3
    @Option(help: "Prompt tokens for the prefix-sharing test (0 skips it).") var sharedPrompt: Int = 1000
    @Option(help: "Continuations in the prefix-sharing test.") var branches: Int = 8
    @Option(help: "Tokens per continuation in the prefix-sharing test.") var branchTokens: Int = 128

    struct Report: Encodable {
        struct Run: Encodable {
            var promptTokensEvaluated: Int
            var promptTokensReused: Int
            var generatedTokens: Int
            var seconds: Double
        }
        var model: String
        var path: String?
        var threads: Int
        var throughput: ThroughputMeasurement
        var forked: Run?
        var naive: Run?
    }

    func run() async throws {
        let logger = CLILogger.make(verbose: false)
        let spec = try modelOptions.modelSpec()
        var config = modelOptions.llamaConfiguration(parallel: branches)
        config.contextLength = max(config.contextLength, pp + tg, sharedPrompt + branches * branchTokens + 64)
        LlamaBackend.bootstrap(logger: logger)
        let engine = try await LlamaEngine.load(spec, configuration: config, logger: logger)
        let throughput = try await engine.measureThroughput(promptTokens: pp, generatedTokens: tg, repetitions: repetitions)
        var report = Report(model: spec.name, path: spec.basePath, threads: config.threads, throughput: throughput)
        if sharedPrompt > 0 {
            let prompt = try await syntheticPrompt(tokens: sharedPrompt, engine: engine)
            let parameters = SamplingParameters(temperature: 0.8, seed: 1, maxTokens: branchTokens)
            await engine.clearPrefixCache()
            let forked = try await engine.generate(
                GenerationRequest(prompt: prompt, parameters: parameters, n: branches, wantsLogProbs: true), ignoringEndOfSequence: true)
            report.forked = Report.Run(usage: forked.usage)

            var naiveConfig = config
            naiveConfig.prefixCacheSlots = 0
            naiveConfig.parallelSequences = 1
            let naiveEngine = try await LlamaEngine.load(spec, configuration: naiveConfig, logger: logger)
            var total = TokenUsage()
            for i in 0..<branches {
                var p = parameters
                p.seed = parameters.seed &+ UInt64(i)
                let r = try await naiveEngine.generate(GenerationRequest(prompt: prompt, parameters: p, n: 1, wantsLogProbs: true), ignoringEndOfSequence: true)
                total = total + r.usage
            }
            report.naive = Report.Run(usage: total)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    /// Python source text cut to exactly `tokens` tokens (as a raw-text prompt).
    private func syntheticPrompt(tokens: Int, engine: LlamaEngine) async throws -> PromptInput {
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

extension BenchInferenceCommand.Report.Run {
    init(usage: TokenUsage) {
        self.init(promptTokensEvaluated: usage.promptTokensEvaluated, promptTokensReused: usage.promptTokensReused,
                  generatedTokens: usage.generatedTokens, seconds: usage.seconds)
    }
}
