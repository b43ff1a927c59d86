import ArgumentParser
import CommandOptions
import Datasets
import Execution
import TestGeneration
import TrainingData

extension TCGCommand {
    /// `o1coder tcg data`: SFT or DPO records for training the TCG, from ground-truth tests.
    struct TrainingData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data",
            abstract: "Build TCG training data (TRL JSONL) from problems with ground-truth tests.",
            discussion: """
                sft: {prompt, completion}: the TCG prompt with the reference solution → blocks of sampled \
                ground-truth tests. dpo: {prompt, chosen, rejected}: chosen = ground-truth tests, rejected = the \
                same inputs with inconsistent outputs (a derangement of the outputs, the outputs of a known-wrong \
                mutant, a near-miss perturbation), never equal to the chosen block.
                TACO rows are used only when verified (verification.result == "pass") unless --include-unverified.
                Examples:
                  o1coder tcg data --kind sft --dataset mbpp --split train --out tcg-sft.jsonl
                  o1coder tcg data --kind dpo --dataset taco --out tcg-dpo.jsonl --wrong-solutions 2
                """)

        @OptionGroup var selection: DatasetSelectionOptions
        @OptionGroup var sandboxOptions: SandboxOptions
        @Option(help: "Record kind.") var kind: TCGDataKind
        @Option(help: ArgumentHelp("Output JSONL file.", valueName: "path")) var out: String
        @Option(help: ArgumentHelp("Ground-truth tests per example.", valueName: "n")) var testsPerExample: Int = 5
        @Option(help: ArgumentHelp("Distinct examples (test samples) per problem.", valueName: "n")) var examplesPerProblem: Int = 1
        @Option(help: "Completion format of the examples: full (inputs and outputs) or inputs-only.")
        var mode: TestGenerationMode = .full
        @Option(help: ArgumentHelp(
            "DPO: known-wrong mutants per problem whose outputs make wrong-solution negatives (0: none, no sandbox).",
            valueName: "n"))
        var wrongSolutions: Int = 2
        @Flag(help: "TACO: also use rows whose stored outputs were not verified against a solution.") var includeUnverified = false
        @Option(help: "Seed of the test sampling and of the negatives.") var seed: UInt64 = 42

        func validate() throws {
            guard testsPerExample >= 1 else { throw ValidationError("--tests-per-example must be at least 1.") }
            guard examplesPerProblem >= 1 else { throw ValidationError("--examples-per-problem must be at least 1.") }
            guard wrongSolutions >= 0 else { throw ValidationError("--wrong-solutions must not be negative.") }
            if kind == .dpo, mode != .full {
                throw ValidationError("--kind dpo needs --mode full (the pairs differ in their outputs).")
            }
        }

        var build: TCGDataBuild {
            TCGDataBuild(
                kind: kind,
                options: TCGTrainingOptions(testsPerExample: testsPerExample, examplesPerProblem: examplesPerProblem, mode: mode),
                wrongSolutions: wrongSolutions, seed: seed, limits: sandboxOptions.limits())
        }

        func run() async throws {
            let loaded = try selection.loadFile()
            let problems = TCGDataBuild.usable(loaded.problems, includeUnverified: includeUnverified)
            if problems.count < loaded.problems.count {
                StandardError.write(
                    "left out \(loaded.problems.count - problems.count) unverified TACO rows (--include-unverified keeps them)")
            }
            let build = self.build
            let progress: (String) -> Void = { StandardError.write($0) }
            let dataset = build.needsSandbox
                ? try await ProcessSandbox.with(configuration: sandboxOptions.configuration()) { sandbox in
                    try await build.build(problems, sandbox: sandbox, progress: progress)
                }
                : try await build.build(problems, sandbox: nil, progress: progress)
            try JSONLEncoding.writeAtomically(dataset.jsonl, to: out)
            StandardError.write(dataset.summary)
            print("wrote \(dataset.count) \(kind.rawValue) records to \(out)")
        }
    }
}
