import ArgumentParser
import CommandOptions
import Datasets
import Evaluation
import Logging
import O1CoderCore
import RunStorage
import TestGeneration

extension TCGCommand {
    /// `o1coder tcg eval`: quality of generated tests against the reference, known-wrong
    /// solutions and ground truth.
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure generated tests: pass rate on the reference, discrimination, agreement with ground truth.",
            discussion: """
                Pass rate: generated tests passed by the reference solution, micro (over tests) and macro (over \
                problems); strict counts unparsable proposals as failures, lenient leaves them out.
                Discrimination: the fraction of known-wrong solutions (mutants of the reference that fail ground \
                truth, and --samples programs that fail ground truth) rejected by the generated tests.
                Agreement: verdict on generated tests vs verdict on ground truth, over the samples, the reference \
                and the wrong solutions; precision = P(correct | passes generated), recall = P(passes generated | correct).
                Example:
                  o1coder tcg eval --dataset mbpp --split test --limit 30 --tests tests.jsonl --samples samples.jsonl
                """)

        @OptionGroup var selection: DatasetSelectionOptions
        @OptionGroup var sandboxOptions: SandboxOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("Tests JSONL written by `tcg generate`.", valueName: "path")) var tests: String
        @Option(help: ArgumentHelp(
            "Samples JSONL ({task_id, completion|solution}, as for `o1coder eval`): failing ones add known-wrong "
                + "solutions, all of them are agreement candidates.",
            valueName: "path"))
        var samples: String?
        @Option(help: ArgumentHelp("Known-wrong mutants per problem (0: none).", valueName: "n")) var maxMutants: Int = 10
        @Option(help: "Seed of the mutant order.") var seed: UInt64 = 0
        @Option(help: ArgumentHelp("Also write the full report (per-problem records) as JSON here.", valueName: "path"))
        var out: String?
        @Flag(help: "TACO: only rows whose outputs were verified (verification.result == \"pass\"), before --limit.")
        var verifiedOnly = false
        @Flag(help: "Print the report as JSON instead of a table.") var json = false

        func validate() throws {
            guard maxMutants >= 0 else { throw ValidationError("--max-mutants must not be negative.") }
        }

        func run() async throws {
            let loaded = try selection.loadFile(verifiedOnly: verifiedOnly)
            let contents = try TCGTestsFile.read(tests)
            guard !contents.records.isEmpty else {
                throw ValidationError("'\(tests)' has no generated tests. Write it with `o1coder tcg generate --out \(tests)`.")
            }
            let samplePrograms = try samples.map { try selection.samples(at: $0, for: loaded.problems) } ?? [:]
            let source = TCGQualityRun.Source(dataset: selection.dataset.rawValue, testsFile: tests, samplesFile: samplePrograms.isEmpty ? nil : samples)
            let settings = ["tests": tests, "samples": samples ?? "-", "max-mutants": String(maxMutants), "seed": String(seed)]
            let evaluation = try await storeOptions.listing(
                .tcgEval, output: out ?? tests, configuration: settings, seed: seed, model: "-", dataset: loaded
            ) { try await sandboxOptions.withSandbox(logger: Logger(label: "o1coder.sandbox")) { sandbox in
                let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
                let reporter = ProgressReporter(label: "tcg eval")
                let quality = TCGQualityRun(sandbox: sandbox, limits: sandboxOptions.limits(), maxMutants: maxMutants, seed: seed)
                return try await quality.evaluate(
                    problems, tests: contents, samples: samplePrograms, source: source, log: StandardError.write,
                    progress: { reporter.update($0) })
            } }
            if let out {
                try OutputFile.write(try StandardError.jsonString(evaluation), to: out)
                StandardError.write("wrote the report to \(out)")
            }
            print(json ? try StandardError.jsonString(evaluation) : evaluation.table)
        }
    }
}
