public import O1CoderCore

/// Which problems a command works on: a dataset file and the filters that pick problems out of
/// it, applied in this order: the loader's options (MBPP splits, date window), `problemIDs`,
/// `verifiedOnly`, then `limit` (so `limit: 10` with `verifiedOnly` gives ten verified rows).
public struct DatasetSelection: Sendable, Hashable {
    public var dataset: DatasetName
    /// The file; nil: ``DatasetLocator/defaultPath(for:)``.
    public var path: String?
    public var options: LoadOptions
    /// Only these problem ids (empty: all).
    public var problemIDs: [String]
    /// Drop TACO rows whose outputs were not verified (``Problem/hasVerifiedTests``).
    public var verifiedOnly: Bool
    /// The first `limit` problems left.
    public var limit: Int?

    public init(
        dataset: DatasetName, path: String? = nil, options: LoadOptions = .init(), problemIDs: [String] = [],
        verifiedOnly: Bool = false, limit: Int? = nil
    ) {
        self.dataset = dataset
        self.path = path
        self.options = options
        self.problemIDs = problemIDs
        self.verifiedOnly = verifiedOnly
        self.limit = limit
    }

    /// `DATASET` or `DATASET:SPLIT` (`mbpp:train`), the form of `selfplay --train` and `--eval`.
    public init(parsing spec: String, limit: Int? = nil) throws(DatasetSelectionError) {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let dataset = DatasetName(rawValue: first) else {
            throw .unknownDataset(spec)
        }
        var options = LoadOptions()
        if parts.count > 1 {
            guard dataset == .mbpp || dataset == .mbppPlus, let split = MBPPSplit(rawValue: parts[1]) else { throw .unknownSplit(spec) }
            options.mbppSplits = [split]
        }
        self.init(dataset: dataset, options: options, limit: limit)
    }

    /// The dataset file to read: `path`, or the default location of `dataset`.
    public func resolvedPath() throws(DatasetSelectionError) -> String {
        if let path { return path }
        guard let found = DatasetLocator.defaultPath(for: dataset) else { throw .noDefaultFile(dataset) }
        return found
    }

    /// Loads the file and applies the filters.
    /// - Parameter log: the loader's warnings, what `verifiedOnly` dropped, and a line with the
    ///   count and the file's sha256.
    /// - Throws: ``DatasetSelectionError`` (what was asked for does not exist) or ``DatasetError``
    ///   (the file is unreadable or malformed).
    public func load(log: (String) -> Void) throws -> LoadResult {
        var result = try DatasetLoader().loadProblems(dataset: dataset, path: try resolvedPath(), options: options)
        for warning in result.warnings { log("warning: \(warning)") }
        if !problemIDs.isEmpty {
            let wanted = Set(problemIDs)
            let missing = wanted.subtracting(result.problems.map(\.id.rawValue))
            guard missing.isEmpty else { throw DatasetSelectionError.unknownProblems(missing.sorted(), path: result.path) }
            result.problems = result.problems.filter { wanted.contains($0.id.rawValue) }
        }
        if verifiedOnly {
            let before = result.problems.count
            result.problems = result.problems.filter(\.hasVerifiedTests)
            log("verified rows only: \(before) → \(result.problems.count) problems")
        }
        if let limit { result.problems = Array(result.problems.prefix(limit)) }
        log("loaded \(result.problems.count) \(dataset.rawValue) problems (sha256 \(result.sha256.prefix(12))…)")
        return result
    }
}

/// A selection that asks for something the data does not have: a usage error, not a bad file.
public enum DatasetSelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownDataset(String)
    case unknownSplit(String)
    case noDefaultFile(DatasetName)
    case unknownProblems([String], path: String)

    public var description: String {
        switch self {
        case .unknownDataset(let spec):
            "'\(spec)' is not DATASET or mbpp[-plus]:SPLIT: datasets are \(DatasetName.allCases.map(\.rawValue).joined(separator: ", "))."
        case .unknownSplit(let spec):
            "'\(spec)': only mbpp and mbpp-plus have splits (\(MBPPSplit.allCases.map(\.rawValue).joined(separator: ", ")))."
        case .noDefaultFile(let dataset):
            "No default file for --dataset \(dataset.rawValue) here; pass --path (see ../shared/datasets/README.md)."
        case .unknownProblems(let ids, let path):
            "Unknown problem id(s) in \(path): \(ids.joined(separator: ", "))."
        }
    }
}
