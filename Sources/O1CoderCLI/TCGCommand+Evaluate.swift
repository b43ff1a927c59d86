import ArgumentParser
import Datasets
import Evaluation
import Execution
import Foundation
import Logging
import O1CoderCore
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

        @Option(help: ArgumentHelp("Tests JSONL written by `tcg generate`.", valueName: "path"))
        var tests: String

        @Option(help: ArgumentHelp(
            "Samples JSONL ({task_id, completion|solution}, as for `o1coder eval`): failing ones add known-wrong "
                + "solutions, all of them are agreement candidates.",
            valueName: "path"))
        var samples: String?

        @Option(help: ArgumentHelp("Known-wrong mutants per problem (0: none).", valueName: "n"))
        var maxMutants: Int = 10

        @Option(help: "Seed of the mutant order.")
        var seed: UInt64 = 0

        @Option(help: ArgumentHelp("Also write the full report (per-problem records) as JSON here.", valueName: "path"))
        var out: String?

        @Flag(help: "TACO: only rows whose outputs were verified (verification.result == \"pass\"), before --limit.")
        var verifiedOnly = false

        @Flag(help: "Print the report as JSON instead of a table.")
        var json = false

        func validate() throws {
            guard maxMutants >= 0 else { throw ValidationError("--max-mutants must not be negative.") }
        }

        func run() async throws {
            let loaded = try selection.loadFile(verifiedOnly: verifiedOnly)
            let contents = try TCGTestsFile.read(tests)
            guard !contents.records.isEmpty else {
                throw ValidationError("'\(tests)' has no generated tests. Write it with `o1coder tcg generate --out \(tests)`.")
            }
            let generatedByProblem = contents.byProblem
            let samplePrograms: [ProblemID: [Sample]] = try samples.map { path -> [ProblemID: [Sample]] in
                // Samples may cover more problems than --limit/--problem select: resolve their ids
                // against the whole file, then keep the selected ones.
                var whole = selection
                whole.limit = nil
                whole.problemIDs = []
                let all = try Sample.read(path: path, problems: try whole.loadFile().problems)
                let selected = Set(loaded.problems.map(\.id))
                return Dictionary(grouping: all.filter { selected.contains($0.taskID) }, by: \.taskID)
            } ?? [:]
            let logger = Logger(label: "o1coder.sandbox")
            let evaluation = try await sandboxOptions.withSandbox(logger: logger) { sandbox in
                let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
                return try await evaluate(problems: problems, generated: generatedByProblem, samples: samplePrograms, sandbox: sandbox)
            }
            if let out {
                try OutputFile.write(try StandardError.jsonString(evaluation), to: out)
                StandardError.write("wrote the report to \(out)")
            }
            print(json ? try StandardError.jsonString(evaluation) : evaluation.table)
        }

        func evaluate(
            problems: [Problem], generated: [ProblemID: GeneratedTests], samples: [ProblemID: [Sample]],
            sandbox: any Sandbox
        ) async throws -> TCGEvaluation {
            let evaluator = TestQualityEvaluator(sandbox: sandbox, limits: sandboxOptions.limits())
            let covered = problems.filter { generated[$0.id] != nil }
            let missing = problems.filter { generated[$0.id] == nil }.map(\.id.rawValue)
            if !missing.isEmpty {
                StandardError.write("warning: \(missing.count) selected problems are not in \(tests); they are left out")
            }
            let start = ContinuousClock.now
            var records: [TestQualityRecord] = []
            var totals = TCGGenerationTotals()
            for (index, problem) in covered.enumerated() {
                guard let tests = generated[problem.id] else { continue }
                let programs = (samples[problem.id] ?? []).map { $0.program(for: problem) }
                let record = try await evaluator.evaluate(
                    problem: problem, generated: tests, failingSamples: programs, candidates: programs,
                    maxMutants: maxMutants, seed: seed)
                records.append(record)
                totals.add(tests.report)
                StandardError.write(
                    "[\(index + 1)/\(covered.count)] \(problem.id): \(tests.suite.cases.count) tests · reference passes "
                        + "\(record.passRate.map { "\($0.passed)/\($0.evaluated)" } ?? "n/a") · rejects "
                        + "\(record.discrimination.rejected)/\(record.discrimination.wrongSolutions) wrong")
            }
            return TCGEvaluation(
                dataset: selection.dataset.rawValue, testsFile: tests, samplesFile: samples.isEmpty ? nil : self.samples,
                missingProblems: missing, generation: totals, records: records,
                seconds: TCGFormat.seconds(since: start))
        }
    }
}
