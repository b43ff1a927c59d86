import ArgumentParser
import Datasets
import Execution
import Foundation
import Logging
import O1CoderCore
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

        @Option(help: "Record kind.")
        var kind: TCGDataKind

        @Option(help: ArgumentHelp("Output JSONL file.", valueName: "path"))
        var out: String

        @Option(help: ArgumentHelp("Ground-truth tests per example.", valueName: "n"))
        var testsPerExample: Int = 5

        @Option(help: ArgumentHelp("Distinct examples (test samples) per problem.", valueName: "n"))
        var examplesPerProblem: Int = 1

        @Option(help: "Completion format of the examples: full (inputs and outputs) or inputs-only.")
        var mode: TestGenerationMode = .full

        @Option(help: ArgumentHelp(
            "DPO: known-wrong mutants per problem whose outputs make wrong-solution negatives (0: none, no sandbox).",
            valueName: "n"))
        var wrongSolutions: Int = 2

        @Flag(help: "TACO: also use rows whose stored outputs were not verified against a solution.")
        var includeUnverified = false

        @Option(help: "Seed of the test sampling and of the negatives.")
        var seed: UInt64 = 42

        func validate() throws {
            guard testsPerExample >= 1 else { throw ValidationError("--tests-per-example must be at least 1.") }
            guard examplesPerProblem >= 1 else { throw ValidationError("--examples-per-problem must be at least 1.") }
            guard wrongSolutions >= 0 else { throw ValidationError("--wrong-solutions must not be negative.") }
            if kind == .dpo, mode != .full {
                throw ValidationError("--kind dpo needs --mode full (the pairs differ in their outputs).")
            }
        }

        var options: TCGTrainingOptions {
            TCGTrainingOptions(testsPerExample: testsPerExample, examplesPerProblem: examplesPerProblem, mode: mode)
        }

        /// Problems whose ground truth can be trusted (unverified TACO rows are left out unless asked).
        func usable(_ problems: [Problem]) -> [Problem] {
            problems.filter { problem in
                includeUnverified || problem.dataset != .taco || problem.metadata["verification"] == "pass"
            }
        }

        func run() async throws {
            let loaded = try selection.loadFile()
            let problems = usable(loaded.problems)
            if problems.count < loaded.problems.count {
                StandardError.write(
                    "left out \(loaded.problems.count - problems.count) unverified TACO rows (--include-unverified keeps them)")
            }
            var lines = ""
            var count = 0
            var withoutTests = 0
            var byNegative: [DPONegativeKind: Int] = [:]
            switch kind {
            case .sft:
                for problem in problems {
                    var rng = SplitMix64.derived(seed: seed, key: problem.id.rawValue)
                    let records = TCGTrainingData.sftExamples(for: problem, options: options, using: &rng)
                    if records.isEmpty { withoutTests += 1 }
                    count += records.count
                    lines += try JSONLEncoding.encode(records)
                }
            case .dpo:
                let sandbox = wrongSolutions > 0
                    ? try await ProcessSandbox(configuration: sandboxOptions.configuration(), logger: Logger(label: "o1coder.sandbox"))
                    : nil
                do {
                    for (index, problem) in problems.enumerated() {
                        let wrong = try await wrongOutputs(for: problem, sandbox: sandbox)
                        var rng = SplitMix64.derived(seed: seed, key: problem.id.rawValue)
                        let pairs = TCGTrainingData.dpoPairs(for: problem, wrongOutputs: wrong, options: options, using: &rng)
                        if pairs.isEmpty { withoutTests += 1 }
                        for pair in pairs { byNegative[pair.negative, default: 0] += 1 }
                        count += pairs.count
                        lines += try JSONLEncoding.encode(pairs.map(\.record))
                        if sandbox != nil, (index + 1) % 10 == 0 || index + 1 == problems.count {
                            StandardError.write("[\(index + 1)/\(problems.count)] \(count) pairs so far")
                        }
                    }
                } catch {
                    await sandbox?.shutdown()
                    throw error
                }
                await sandbox?.shutdown()
            }
            try JSONLEncoding.writeAtomically(lines, to: out)
            let negatives = byNegative.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            StandardError.write(
                "\(problems.count) problems, \(withoutTests) without usable ground-truth tests"
                    + (negatives.isEmpty ? "" : "; negatives: " + negatives.joined(separator: ", ")))
            print("wrote \(count) \(kind.rawValue) records to \(out)")
        }

        /// Outputs of known-wrong mutants of the reference on the ground-truth inputs.
        func wrongOutputs(for problem: Problem, sandbox: (any Sandbox)?) async throws -> [WrongSolutionOutputs] {
            guard let sandbox, problem.referenceSolution != nil else { return [] }
            let limits = sandboxOptions.limits()
            let mutants = try await MutantGenerator(sandbox: sandbox, limits: limits).knownWrongMutants(
                of: problem, maxKnownWrong: wrongSolutions, maxEvaluations: wrongSolutions * 4,
                seed: TCGFormat.derivedSeed(seed, key: problem.id.rawValue))
            return try await TCGTrainingData.wrongOutputs(
                of: mutants.knownWrong, problem: problem, runner: ReferenceRunner(sandbox: sandbox, limits: limits))
        }
    }
}
