import ArgumentParser
import CommandOptions
import O1CoderCore
import RunStorage
import Execution
import Inference
import TestGeneration

extension TCGCommand {
    /// `o1coder tcg generate`: tests per problem from a model, validated in the sandbox.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate tests for each problem with a model (JSONL, one line per problem; resumable).",
            discussion: """
                inputs-only (default when the problem has a reference solution): the model writes inputs, the \
                reference run in the sandbox gives the expected outputs; inputs it crashes or times out on are \
                dropped and counted. full (default without a reference, e.g. APPS): the model writes outputs too.
                Problems already in --out are skipped, so a killed run continues where it stopped.
                Example:
                  o1coder tcg generate --dataset mbpp --split test --limit 30 --model qwen2.5-coder-0.5b-instruct \\
                    -n 5 --out tests.jsonl
                """)

        @OptionGroup var selection: DatasetSelectionOptions
        @OptionGroup var modelOptions: ModelOptions
        @OptionGroup var sandboxOptions: SandboxOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .short, help: ArgumentHelp("Tests asked for in each prompt.", valueName: "k")) var n: Int = 5
        @Option(help: ArgumentHelp("Completions sampled per problem (sample i uses seed + i).", valueName: "c"))
        var completions: Int = 1
        @Option(help: ArgumentHelp("Keep at most this many tests per problem.", valueName: "n")) var maxTests: Int = 20
        @Option(help: "inputs-only or full (default: inputs-only when a reference solution exists, else full).")
        var mode: TestGenerationMode?
        @OptionGroup var sampling: SamplingOptions<TestSampling>
        @Flag(help: "Leave the reference solution out of the prompt.") var hideReference = false
        @Option(help: ArgumentHelp("Tests JSONL to write (appended to; problems already there are skipped).", valueName: "path"))
        var out: String
        @Flag(help: "TACO: only rows whose outputs were verified (verification.result == \"pass\"), before --limit.")
        var verifiedOnly = false

        func validate() throws {
            guard n >= 1 else { throw ValidationError("-n must be at least 1.") }
            guard completions >= 1 else { throw ValidationError("--completions must be at least 1.") }
            guard maxTests >= 1 else { throw ValidationError("--max-tests must be at least 1.") }
            guard sampling.maxTokens >= 16 else { throw ValidationError("--max-tokens must be at least 16.") }
        }

        /// The generator settings of the run (each problem derives its own seed from `--seed`).
        var generationConfiguration: TestGenerationConfiguration {
            TestGenerationConfiguration(
                testsPerCompletion: n, completionsPerProblem: completions, maxTests: maxTests, sampling: sampling.parameters(),
                includeReference: !hideReference, limits: sandboxOptions.limits())
        }

        func run() async throws {
            let loaded = try selection.loadFile(verifiedOnly: verifiedOnly)
            let existing = try TCGTestsFile.read(out)
            if !existing.malformedLines.isEmpty {
                StandardError.write("warning: \(out): unreadable line(s) \(existing.malformedLines) ignored (a killed run?)")
            }
            let logger = modelOptions.logger
            let totals = try await storeOptions.listing(
                .tcgGenerate, output: out, configuration: generationConfiguration, seed: sampling.seed, model: modelOptions.model,
                dataset: loaded
            ) { try await sandboxOptions.withSandbox(logger: logger) { sandbox in
                let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
                let reporter = ProgressReporter(label: "tcg generate")
                let generation = TCGGenerationRun(problems: problems, testsFile: out, existing: existing)
                StandardError.write("tcg generate: \(generation.plan), isolation \(sandbox.isolation.rawValue)")
                return try await UsageErrors.mapped {
                    try await generation.run(
                        configuration: generationConfiguration, mode: mode, sandbox: sandbox,
                        model: { try await modelOptions.makeLanguageModel(parallel: completions) },
                        progress: { reporter.update($0) })
                }
            } }
            print("tcg generate: \(totals.line) → \(out)")
        }
    }
}
