import ArgumentParser
import Datasets
import Execution
import Foundation
import Inference
import Logging
import O1CoderCore
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

        @Option(name: .short, help: ArgumentHelp("Tests asked for in each prompt.", valueName: "k"))
        var n: Int = 5

        @Option(help: ArgumentHelp("Completions sampled per problem (sample i uses seed + i).", valueName: "c"))
        var completions: Int = 1

        @Option(help: ArgumentHelp("Keep at most this many tests per problem.", valueName: "n"))
        var maxTests: Int = 20

        @Option(help: "inputs-only or full (default: inputs-only when a reference solution exists, else full).")
        var mode: TestGenerationMode?

        @Option(help: "Sampling temperature.")
        var temperature: Double = 0.7

        @Option(help: ArgumentHelp("Maximum generated tokens per completion.", valueName: "tokens"))
        var maxTokens: Int = 512

        @Option(help: "Seed (each problem's sampling seed is derived from it and the problem id).")
        var seed: UInt64 = 42

        @Flag(help: "Leave the reference solution out of the prompt.")
        var hideReference = false

        @Option(help: ArgumentHelp("Tests JSONL to write (appended to; problems already there are skipped).", valueName: "path"))
        var out: String

        @Flag(help: "TACO: only rows whose outputs were verified (verification.result == \"pass\"), before --limit.")
        var verifiedOnly = false

        @Flag(help: "Show llama.cpp's log.")
        var verbose = false

        func validate() throws {
            guard n >= 1 else { throw ValidationError("-n must be at least 1.") }
            guard completions >= 1 else { throw ValidationError("--completions must be at least 1.") }
            guard maxTests >= 1 else { throw ValidationError("--max-tests must be at least 1.") }
            guard maxTokens >= 16 else { throw ValidationError("--max-tokens must be at least 16.") }
            guard temperature >= 0 else { throw ValidationError("--temperature must not be negative.") }
        }

        /// The generator settings for one problem (its seed derived from `--seed` and the id).
        func generationConfiguration(for problem: ProblemID) -> TestGenerationConfiguration {
            let sampling = SamplingParameters(
                temperature: temperature, topK: 40, topP: 0.95, seed: TCGFormat.derivedSeed(seed, key: problem.rawValue),
                maxTokens: maxTokens)
            return TestGenerationConfiguration(
                testsPerCompletion: n, completionsPerProblem: completions, maxTests: maxTests, sampling: sampling,
                includeReference: !hideReference, limits: sandboxOptions.limits())
        }

        func run() async throws {
            let loaded = try selection.loadFile(verifiedOnly: verifiedOnly)
            let existing = try TCGTestsFile.read(out)
            if !existing.malformedLines.isEmpty {
                StandardError.write("warning: \(out): unreadable line(s) \(existing.malformedLines) ignored (a killed run?)")
            }
            let done = Set(existing.records.map(\.generated.problemID))
            var totals = TCGGenerationTotals(existing.records.filter { record in
                loaded.problems.contains { $0.id == record.generated.problemID }
            }.map(\.generated.report))
            let logger = CLILogger.make(verbose: verbose)
            try await sandboxOptions.withSandbox(logger: logger) { sandbox in
                let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
                let pending = problems.filter { !done.contains($0.id) }
                StandardError.write(
                    "tcg generate: \(pending.count) of \(problems.count) problems to do (\(problems.count - pending.count) "
                        + "already in \(out)), isolation \(sandbox.isolation.rawValue)")
                if !pending.isEmpty {
                    let model = try await modelOptions.makeLanguageModel(parallel: completions, logger: logger)
                    let modelName = await model.info.name
                    let appender = try TCGTestsFile.Appender(path: out)
                    let start = ContinuousClock.now
                    for (index, problem) in pending.enumerated() {
                        let configuration = generationConfiguration(for: problem.id)
                        let generator = TestCaseGenerator(model: model, sandbox: sandbox, configuration: configuration)
                        let problemStart = ContinuousClock.now
                        let generated = try await generator.generate(for: problem, mode: mode)
                        try appender.append(
                            TCGTestsRecord(generated: generated, model: modelName, seed: configuration.sampling.seed))
                        totals.add(generated.report)
                        let elapsed = TCGFormat.seconds(since: start)
                        let eta = elapsed / Double(index + 1) * Double(pending.count - index - 1)
                        StandardError.write(Self.progressLine(
                            generated.report, index: index + 1, count: pending.count,
                            seconds: TCGFormat.seconds(since: problemStart), eta: eta))
                    }
                }
            }
            print("tcg generate: \(totals.line) → \(out)")
        }

        static func progressLine(_ r: GenerationReport, index: Int, count: Int, seconds: Double, eta: Double) -> String {
            var line = "[\(index)/\(count)] \(r.problemID) \(r.mode.rawValue): kept \(r.kept) of \(r.proposed) proposed"
                + " (unparsable \(r.unparsable), duplicates \(r.duplicates), rejected by reference \(r.rejectedByReference))"
            if let reason = r.skippedReason { line += " · skipped: \(reason)" }
            return line + String(format: " · %.1f s · ETA %.0f s", seconds, eta)
        }
    }
}
