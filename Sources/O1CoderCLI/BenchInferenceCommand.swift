import O1CoderCore
import ArgumentParser
import CommandOptions
import Foundation
import Inference
import Models

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
        var model: String
        var path: String?
        var threads: Int
        var throughput: ThroughputMeasurement
        var forked: TokenUsage?
        var naive: TokenUsage?
    }

    func run() async throws {
        let spec = try modelOptions.modelSpec()
        var config = modelOptions.llamaConfiguration(parallel: branches)
        config.contextLength = max(config.contextLength, pp + tg, sharedPrompt + branches * branchTokens + 64)
        let engine = try await modelOptions.makeLlamaEngine(configuration: config)
        let throughput = try await engine.measureThroughput(promptTokens: pp, generatedTokens: tg, repetitions: repetitions)
        var report = Report(model: spec.name, path: spec.basePath, threads: config.threads, throughput: throughput)
        if sharedPrompt > 0 {
            let sharing = PrefixSharingBenchmark(promptTokens: sharedPrompt, branches: branches, branchTokens: branchTokens)
            (report.forked, report.naive) = try await sharing.run(on: engine, spec: spec, logger: modelOptions.logger)
        }
        let encoder = JSONCoding.encoder(.document)
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
