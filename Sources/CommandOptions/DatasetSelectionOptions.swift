public import ArgumentParser
public import Datasets
public import Evaluation
public import Execution
import Foundation
public import O1CoderCore

extension DatasetName: ExpressibleByArgument {}
extension MBPPSplit: ExpressibleByArgument {}

/// `--dataset`, `--path`, `--split`, `--limit`, `--problem`: which problems a command works on.
public struct DatasetSelectionOptions: ParsableArguments, Sendable {
    public init() {}

    @Option(help: ArgumentHelp("Dataset format of --path.", valueName: "name")) public var dataset: DatasetName = .humaneval
    @Option(help: ArgumentHelp(
        "Dataset file (.jsonl, .jsonl.gz or .json). Default: HumanEval from the set-up cache; the others from "
            + "$O1CODER_SHARED_DATASETS or ../shared/datasets.",
        valueName: "path"))
    public var path: String?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("MBPP and MBPP+ only: keep these upstream splits, by task id (default: all).", valueName: "split"))
    public var split: [MBPPSplit] = []
    @Option(help: ArgumentHelp("Use only the first N selected problems.", valueName: "n")) public var limit: Int?
    @Option(name: .customLong("problem"), help: ArgumentHelp("Only these problem ids (repeatable).", valueName: "id"))
    public var problemIDs: [String] = []
    @Flag(help: "Skip malformed records with a warning instead of failing.") public var skipMalformed = false
    @Flag(help: "MBPP only: add the challenge_test_list asserts.") public var challengeTests = false
    @Option(help: ArgumentHelp("LiveCodeBench only: problems dated on or after this day (contamination window).", valueName: "YYYY-MM-DD"))
    public var since: String?
    @Option(help: ArgumentHelp("LiveCodeBench only: problems dated on or before this day.", valueName: "YYYY-MM-DD"))
    public var until: String?

    public func validate() throws {
        if !split.isEmpty, dataset != .mbpp, dataset != .mbppPlus {
            throw ValidationError("--split applies to --dataset mbpp and mbpp-plus only.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        for (flag, day) in [("--since", since), ("--until", until)] {
            guard let day else { continue }
            guard dataset == .livecodebench else { throw ValidationError("\(flag) applies to --dataset livecodebench only.") }
            guard day.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { throw ValidationError("\(flag) takes a day as YYYY-MM-DD, not '\(day)'.") }
        }
    }

    /// The selection these flags ask for (`verifiedOnly`: TACO's verified rows, before `--limit`).
    public func selection(verifiedOnly: Bool = false) -> DatasetSelection {
        let options = LoadOptions(
            skipMalformed: skipMalformed, mbppSplits: split.isEmpty ? nil : Set(split),
            includeChallengeTests: challengeTests, since: since, until: until)
        return DatasetSelection(
            dataset: dataset, path: path, options: options, problemIDs: problemIDs, verifiedOnly: verifiedOnly, limit: limit)
    }

    /// Loads the file (before any sandbox starts, so a bad path fails fast); messages to stderr.
    public func loadFile(verifiedOnly: Bool = false) throws -> LoadResult {
        try UsageErrors.mapped { try selection(verifiedOnly: verifiedOnly).load(log: StandardError.write) }
    }

    /// The problems with EvalPlus suites completed by the expected-output oracle.
    public func completeTests(of result: LoadResult, sandbox: any Sandbox, workers: Int) async throws -> [Problem] {
        try await Self.completeTests(of: result, sandbox: sandbox, workers: workers)
    }

    /// The problems of `result` (loaded by any selection) with EvalPlus suites completed by the
    /// expected-output oracle; progress and notes on stderr.
    public static func completeTests(of result: LoadResult, sandbox: any Sandbox, workers: Int) async throws -> [Problem] {
        guard result.needsOracle else { return result.problems }
        let completion = try await ExpectedOutputOracle(sandbox: sandbox, workers: workers)
            .complete(result, progress: StandardError.progress)
        for note in completion.notes { StandardError.write(note) }
        return completion.problems
    }
}

extension DatasetSelectionOptions {
    /// The samples of `path` for `selected`, by problem. Samples may cover more problems than
    /// --limit/--problem select: their ids are resolved against the whole file.
    public func samples(at path: String, for selected: [Problem]) throws -> [ProblemID: [Sample]] {
        var whole = self
        whole.limit = nil
        whole.problemIDs = []
        let all = try Sample.read(path: path, problems: try whole.loadFile().problems)
        let ids = Set(selected.map(\.id))
        return Dictionary(grouping: all.filter { ids.contains($0.taskID) }, by: \.taskID)
    }
}
