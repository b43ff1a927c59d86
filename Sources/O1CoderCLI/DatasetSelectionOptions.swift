public import ArgumentParser
public import Datasets
import Evaluation
import Execution
import Foundation
public import O1CoderCore

extension DatasetName: ExpressibleByArgument {}
extension MBPPSplit: ExpressibleByArgument {}

/// `--dataset`, `--path`, `--split`, `--limit`, `--problem`: which problems a command works on.
struct DatasetSelectionOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Dataset format of --path.", valueName: "name")) var dataset: DatasetName = .humaneval
    @Option(help: ArgumentHelp(
        "Dataset file (.jsonl, .jsonl.gz or .json). Default: HumanEval from the set-up cache; the others from "
            + "$O1CODER_SHARED_DATASETS or ../shared/datasets.",
        valueName: "path"))
    var path: String?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("MBPP only: keep these upstream splits (default: all).", valueName: "split"))
    var split: [MBPPSplit] = []
    @Option(help: ArgumentHelp("Use only the first N selected problems.", valueName: "n")) var limit: Int?
    @Option(name: .customLong("problem"), help: ArgumentHelp("Only these problem ids (repeatable).", valueName: "id"))
    var problemIDs: [String] = []
    @Flag(help: "Skip malformed records with a warning instead of failing.") var skipMalformed = false
    @Flag(help: "MBPP only: add the challenge_test_list asserts.") var challengeTests = false
    @Option(help: ArgumentHelp("LiveCodeBench only: problems dated on or after this day (contamination window).", valueName: "YYYY-MM-DD"))
    var since: String?
    @Option(help: ArgumentHelp("LiveCodeBench only: problems dated on or before this day.", valueName: "YYYY-MM-DD"))
    var until: String?

    func validate() throws {
        if !split.isEmpty, dataset != .mbpp {
            throw ValidationError("--split applies to --dataset mbpp only.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        for (flag, day) in [("--since", since), ("--until", until)] {
            guard let day else { continue }
            guard dataset == .livecodebench else { throw ValidationError("\(flag) applies to --dataset livecodebench only.") }
            guard day.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { throw ValidationError("\(flag) takes a day as YYYY-MM-DD, not '\(day)'.") }
        }
    }

    func loadOptions() -> LoadOptions {
        LoadOptions(
            skipMalformed: skipMalformed, mbppSplits: split.isEmpty ? nil : Set(split),
            includeChallengeTests: challengeTests, since: since, until: until)
    }

    /// The dataset file to read: `--path`, or the default location of `--dataset`.
    func resolvedPath() throws -> String {
        if let path { return path }
        if let found = DatasetLocator.defaultPath(for: dataset) { return found }
        throw ValidationError(
            "No default file for --dataset \(dataset.rawValue) here; pass --path (see ../shared/datasets/README.md).")
    }

    /// Loads the file (before any sandbox starts, so a bad path fails fast) and applies
    /// `--problem` and `--limit`; warnings to stderr.
    func loadFile() throws -> LoadResult {
        var result = try DatasetLoader().loadProblems(dataset: dataset, path: try resolvedPath(), options: loadOptions())
        for warning in result.warnings { StandardError.write("warning: \(warning)") }
        if !problemIDs.isEmpty {
            let wanted = Set(problemIDs)
            let missing = wanted.subtracting(result.problems.map(\.id.rawValue))
            if !missing.isEmpty {
                throw ValidationError("Unknown problem id(s) in \(result.path): \(missing.sorted().joined(separator: ", ")).")
            }
            result.problems = result.problems.filter { wanted.contains($0.id.rawValue) }
        }
        if let limit { result.problems = Array(result.problems.prefix(limit)) }
        StandardError.write("loaded \(result.problems.count) \(dataset.rawValue) problems (sha256 \(result.sha256.prefix(12))…)")
        return result
    }

    /// The problems with EvalPlus suites completed by the expected-output oracle.
    func completeTests(of result: LoadResult, sandbox: any Sandbox, workers: Int) async throws -> [Problem] {
        guard result.needsOracle else { return result.problems }
        let completion = try await ExpectedOutputOracle(sandbox: sandbox, workers: workers)
            .complete(result, progress: StandardError.progress)
        for note in completion.notes { StandardError.write(note) }
        return completion.problems
    }
}
