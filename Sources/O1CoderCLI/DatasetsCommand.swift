public import ArgumentParser
public import Datasets
import Evaluation
import Execution
import Foundation
import Logging
public import O1CoderCore

extension DatasetName: ExpressibleByArgument {}
extension MBPPSplit: ExpressibleByArgument {}

/// `o1coder datasets …`: inspect and validate dataset files.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Inspect and validate dataset files.",
        subcommands: [DatasetsCheckCommand.self])
}

/// Which dataset file to load and how.
struct DatasetSelectionOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Dataset format of --path.", valueName: "name"))
    var dataset: DatasetName

    @Option(help: ArgumentHelp("Dataset file (.jsonl, .jsonl.gz or .json).", valueName: "path"))
    var path: String

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("MBPP only: keep these upstream splits (default: all).", valueName: "split"))
    var split: [MBPPSplit] = []

    @Flag(help: "Skip malformed records with a warning instead of failing.")
    var skipMalformed = false

    @Flag(help: "MBPP only: add the challenge_test_list asserts.")
    var challengeTests = false

    func validate() throws {
        if !split.isEmpty, dataset != .mbpp {
            throw ValidationError("--split applies to --dataset mbpp only.")
        }
    }

    func loadOptions() -> LoadOptions {
        LoadOptions(
            skipMalformed: skipMalformed, mbppSplits: split.isEmpty ? nil : Set(split),
            includeChallengeTests: challengeTests)
    }

    /// Loads the file (before any sandbox starts, so a bad path fails fast); warnings to stderr.
    func loadFile() throws -> LoadResult {
        let result = try DatasetLoader().loadProblems(dataset: dataset, path: path, options: loadOptions())
        for warning in result.warnings { StandardError.write("warning: \(warning)") }
        StandardError.write("loaded \(result.problems.count) \(dataset.rawValue) problems (sha256 \(result.sha256.prefix(12))…)")
        return result
    }

    /// The problems with EvalPlus suites completed by the expected-output oracle.
    func completeTests(of result: LoadResult, sandbox: any Sandbox, workers: Int) async throws -> [Problem] {
        guard result.needsOracle else { return result.problems }
        let oracle = ExpectedOutputOracle(sandbox: sandbox, workers: workers)
        let completion = try await oracle.complete(result, progress: StandardError.progress)
        let skipped = completion.skippedInputs.values.reduce(0, +)
        StandardError.write(
            "expected outputs \(completion.usedCache ? "from cache" : "computed")"
                + (skipped > 0 ? "; \(skipped) inputs skipped (reference raised or timed out)" : ""))
        return completion.problems
    }
}

/// `o1coder datasets check`: runs every reference solution against its tests.
struct DatasetsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every reference solution against its tests and report failures.",
        discussion: """
            Example: o1coder datasets check --dataset mbpp --path ../shared/datasets/mbpp/mbpp.jsonl
            Exit code 0 even when some references fail (that is the result); 1 when the tool fails.
            """)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var sandboxOptions: SandboxOptions

    @Flag(help: "Print the report as JSON instead of a summary.")
    var json = false

    func run() async throws {
        let loaded = try selection.loadFile()
        let sandbox = try await ProcessSandbox(
            configuration: sandboxOptions.configuration(), logger: Logger(label: "o1coder.sandbox"))
        let report: ReferenceCheckReport
        do {
            let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
            let check = ReferenceCheck(sandbox: sandbox, limits: sandboxOptions.limits(), workers: sandboxOptions.workers)
            report = try await check.run(problems, progress: StandardError.progress)
        } catch {
            await sandbox.shutdown()
            throw error
        }
        await sandbox.shutdown()
        if json {
            print(try StandardError.jsonString(report))
            return
        }
        print("\(selection.dataset.rawValue): \(report.passedCount)/\(report.checkedCount) reference solutions pass")
        if !report.skipped.isEmpty { print("skipped: \(report.skipped.count) (no reference solution or no tests)") }
        for failure in report.failures {
            let detail = failure.basePassed ? "base passed, plus \(failure.report.verdict.name)" : failure.report.verdict.name
            print("FAIL \(failure.id): \(detail)")
        }
    }
}

/// Progress and warnings on stderr (stdout carries results only).
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints about every 5% (and the last item) as a plain log line.
    static let progress: ProgressHandler = { event in
        let step = max(1, event.total / 20)
        guard event.completed % step == 0 || event.completed == event.total else { return }
        write("\(event.phase): \(event.completed)/\(event.total)" + (event.failed > 0 ? " (\(event.failed) not passed)" : ""))
    }

    static func jsonString<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
