public import Datasets
public import O1CoderCore
public import Reasoning
import TestGeneration

/// What a search run records so that `--resume` continues it exactly: the resolved search
/// settings, the problem selection and the model, as canonical JSON in the run record.
public struct SearchRunConfiguration: Codable, Sendable, Equatable {
    public var preset: SearchPreset
    public var codeSearch: CodeSearchConfiguration
    public var dataset: DatasetName
    /// The dataset file, absolute (so `--resume` works from any directory).
    public var path: String
    public var split: [MBPPSplit]
    public var limit: Int?
    public var problems: [String]
    public var model: String
    public var contextLength: Int
    public var threads: Int
    /// Reward tests (nil in runs recorded before `--tests` existed: the oracle).
    public var rewardTests: SearchTestsSource?
    public var generatedTestsPath: String?
    public var generatedTestsSHA256: String?
    /// The prompts' few-shot examples from this file (absolute), nil for the bundled ones.
    public var fewShotPath: String?
    public var fewShotSHA256: String?

    public init(
        preset: SearchPreset, codeSearch: CodeSearchConfiguration, dataset: DatasetName, path: String, split: [MBPPSplit],
        limit: Int?, problems: [String], model: String, contextLength: Int, threads: Int, rewardTests: SearchTestsSource?,
        generatedTestsPath: String?, generatedTestsSHA256: String?, fewShotPath: String? = nil, fewShotSHA256: String? = nil
    ) {
        self.preset = preset
        self.codeSearch = codeSearch
        self.dataset = dataset
        self.path = path
        self.split = split
        self.limit = limit
        self.problems = problems
        self.model = model
        self.contextLength = contextLength
        self.threads = threads
        self.rewardTests = rewardTests
        self.generatedTestsPath = generatedTestsPath
        self.generatedTestsSHA256 = generatedTestsSHA256
        self.fewShotPath = fewShotPath
        self.fewShotSHA256 = fewShotSHA256
    }

    /// The few-shot examples the run's prompts show: the recorded file or the bundled ones. A
    /// file that changed since the run started is warned about, not refused (as generated tests).
    public func fewShotLibrary(log: (String) -> Void) throws -> FewShotLibrary {
        guard let fewShotPath else { return try FewShotLibrary.bundled() }
        if let fewShotSHA256, let now = try? SHA256.hex(ofFile: fewShotPath), now != fewShotSHA256 {
            log("warning: \(fewShotPath) changed since the run started (sha256 \(fewShotSHA256.prefix(12))… → \(now.prefix(12))…)")
        }
        return try FewShotLibrary.load(path: fewShotPath)
    }

    /// The run's problems: its recorded dataset, file, splits, ids and limit, read with `options`'s
    /// other settings (malformed records, challenge tests, dates are not recorded).
    public func selection(options: LoadOptions) -> DatasetSelection {
        var options = options
        options.mbppSplits = split.isEmpty ? nil : Set(split)
        return DatasetSelection(dataset: dataset, path: path, options: options, problemIDs: problems, limit: limit)
    }

    /// The reward tests of the run (runs recorded before the choice existed used the oracle).
    /// A generated tests file that changed since the run started is warned about, not refused.
    /// - Parameter log: warnings and the line saying how many problems have reward tests.
    /// - Throws: ``SearchRunError`` or `TestGenerationError` (both usage errors) when the tests
    ///   file is not recorded, missing or empty.
    public func rewardTests(for problems: [Problem], log: (String) -> Void) throws -> RewardTests {
        try (rewardTests ?? .oracle).load(
            generatedTests: generatedTestsPath, recordedSHA256: generatedTestsSHA256, for: problems, log: log)
    }
}
