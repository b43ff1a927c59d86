public import O1CoderCore

/// Options shared by all loaders.
public struct LoadOptions: Sendable, Hashable {
    /// Skip records that are not JSON or lack required fields, collecting a warning for each,
    /// instead of failing on the first one.
    public var skipMalformed: Bool
    /// MBPP only: keep these upstream splits (`nil`: all 974 problems).
    public var mbppSplits: Set<MBPPSplit>?
    /// MBPP only: also add `challenge_test_list` asserts (11 problems have them).
    public var includeChallengeTests: Bool
    /// Dated datasets (LiveCodeBench): keep problems dated on or after this day (`YYYY-MM-DD`),
    /// for a contamination window after a model's training cut-off.
    public var since: String?
    /// Dated datasets: keep problems dated on or before this day.
    public var until: String?

    public init(
        skipMalformed: Bool = false, mbppSplits: Set<MBPPSplit>? = nil, includeChallengeTests: Bool = false,
        since: String? = nil, until: String? = nil
    ) {
        self.skipMalformed = skipMalformed
        self.mbppSplits = mbppSplits
        self.includeChallengeTests = includeChallengeTests
        self.since = since
        self.until = until
    }

    /// Whether a problem dated `date` (`YYYY-MM-DD`, nil: undated) is inside the window.
    func admits(date: String?) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let date else { return false }
        if let since, date < since { return false }
        if let until, date > until { return false }
        return true
    }
}

/// What a loader produced from one file, before the file hash is attached.
public struct LoadedProblems: Sendable {
    public var problems: [Problem]
    public var warnings: [DatasetWarning]
    /// EvalPlus argument lists whose expected outputs must be computed by running the reference
    /// solution (see `ExpectedOutputOracle` in Evaluation). Empty for other datasets.
    public var evalPlusInputs: [ProblemID: EvalPlusInputs]

    public init(problems: [Problem], warnings: [DatasetWarning] = [], evalPlusInputs: [ProblemID: EvalPlusInputs] = [:]) {
        self.problems = problems
        self.warnings = warnings
        self.evalPlusInputs = evalPlusInputs
    }
}

/// The problems of one dataset file, with the file's identity for run records.
public struct LoadResult: Sendable {
    public var dataset: DatasetName
    public var path: String
    /// Lowercase hex SHA-256 of the file as stored (compressed bytes for `.gz`).
    public var sha256: String
    public var problems: [Problem]
    public var warnings: [DatasetWarning]
    /// See ``LoadedProblems/evalPlusInputs``.
    public var evalPlusInputs: [ProblemID: EvalPlusInputs]

    public init(
        dataset: DatasetName, path: String, sha256: String, problems: [Problem], warnings: [DatasetWarning] = [],
        evalPlusInputs: [ProblemID: EvalPlusInputs] = [:]
    ) {
        self.dataset = dataset
        self.path = path
        self.sha256 = sha256
        self.problems = problems
        self.warnings = warnings
        self.evalPlusInputs = evalPlusInputs
    }

    /// Whether expected outputs must still be computed (EvalPlus).
    public var needsOracle: Bool { !evalPlusInputs.isEmpty }

    /// Name, path, hash and count: what a run record stores about its dataset.
    public var identity: DatasetIdentity {
        DatasetIdentity(dataset: dataset, path: path, sha256: sha256, problemCount: problems.count)
    }
}

/// Identifies the dataset a run used.
public struct DatasetIdentity: Codable, Sendable, Hashable {
    public var dataset: DatasetName
    public var path: String
    public var sha256: String
    public var problemCount: Int
}

/// The entry point of the `Datasets` module: loads any supported dataset file into ``Problem``s.
///
/// ```swift
/// let result = try DatasetLoader().loadProblems(dataset: .humaneval, path: "HumanEval.jsonl.gz")
/// print(result.problems.count, result.sha256)   // 164 b796127e…
/// ```
public struct DatasetLoader: Sendable {
    public init() {}

    /// Loads `path` as `dataset`.
    /// - Throws: ``DatasetError`` naming the file (and line) when it cannot be read or a record
    ///   is malformed and `options.skipMalformed` is off.
    public func loadProblems(dataset: DatasetName, path: String, options: LoadOptions = .init()) throws -> LoadResult {
        let loaded: LoadedProblems
        switch dataset {
        case .humaneval: loaded = try HumanEvalLoader().load(path: path, options: options)
        case .mbpp: loaded = try MBPPLoader().load(path: path, options: options)
        case .mbppSanitized: loaded = try SanitizedMBPPLoader().load(path: path, options: options)
        case .humanevalPlus, .mbppPlus:
            loaded = try EvalPlusLoader(dataset: dataset).load(path: path, options: options)
        case .taco: loaded = try TACOLoader().load(path: path, options: options)
        case .apps: loaded = try APPSLoader().load(path: path, options: options)
        case .livecodebench: loaded = try LiveCodeBenchLoader().load(path: path, options: options)
        case .codecontests: loaded = try CodeContestsLoader().load(path: path, options: options)
        }
        if loaded.problems.isEmpty {
            let filtered = options.mbppSplits != nil || options.since != nil || options.until != nil
            let detail = !loaded.warnings.isEmpty ? "all \(loaded.warnings.count) records were skipped"
                : filtered ? "none in the selected splits or dates" : "no records"
            throw DatasetError(.empty, path: path, detail: detail)
        }
        // A loader that knows its public tests (LiveCodeBench, CodeContests) keeps them; for
        // the others they are the tests the statement shows.
        let problems = loaded.problems.map { problem in
            guard problem.publicTests.cases.isEmpty else { return problem }
            var p = problem
            p.publicTests = PublicTests.suite(for: problem)
            return p
        }
        let digest: String
        do { digest = try SHA256.hex(ofFile: path) } catch { throw DatasetError(.unreadable, path: path, detail: error.reason) }
        return LoadResult(
            dataset: dataset, path: path, sha256: digest, problems: problems,
            warnings: loaded.warnings, evalPlusInputs: loaded.evalPlusInputs)
    }

}
