import Inference
public import O1CoderCore

/// A file the results depend on, identified by content.
public struct ArtifactIdentity: Codable, Sendable, Hashable {
    public var name: String
    public var path: String
    /// Lowercase hex sha256 of the file (nil only when it could not be computed).
    public var sha256: String?

    public init(name: String, path: String, sha256: String?) {
        self.name = name
        self.path = path
        self.sha256 = sha256
    }
}

/// Which problems of the dataset file the run covers.
public struct ProblemSelection: Codable, Sendable, Hashable {
    /// MBPP upstream splits kept (empty: all).
    public var splits: [String]
    public var limit: Int?
    /// Explicit problem ids (empty: all).
    public var problemIDs: [String]

    public init(splits: [String] = [], limit: Int? = nil, problemIDs: [String] = []) {
        self.splits = splits
        self.limit = limit
        self.problemIDs = problemIDs
    }
}

/// `run.json`: everything needed to reproduce a sampling run and to check that a rerun into the
/// same directory continues the same experiment.
public struct RunManifest: Codable, Sendable, Hashable {
    public var kind: String
    public var configuration: SamplingConfiguration
    public var dataset: ArtifactIdentity
    public var datasetName: DatasetName
    public var selection: ProblemSelection
    /// Problems selected (after the split, ids and limit).
    public var problemCount: Int
    public var model: ArtifactIdentity
    /// The run seed (also `configuration.sampling.seed`); every request's seed derives from it.
    public var seed: UInt64
    public var toolVersion: String
    /// ISO 8601 time of the first start (not compared on resume).
    public var createdAt: String
    /// The command line that started the run (not compared on resume).
    public var command: String

    public init(
        configuration: SamplingConfiguration, dataset: ArtifactIdentity, datasetName: DatasetName,
        selection: ProblemSelection, problemCount: Int, model: ArtifactIdentity, toolVersion: String, createdAt: String,
        command: String
    ) {
        kind = "sample"
        self.configuration = configuration
        self.dataset = dataset
        self.datasetName = datasetName
        self.selection = selection
        self.problemCount = problemCount
        self.model = model
        seed = configuration.sampling.seed
        self.toolVersion = toolVersion
        self.createdAt = createdAt
        self.command = command
    }

    /// What differs between this recorded run and `other` in ways that change results (empty when
    /// `other` may resume it). Paths and names may differ; contents (sha256) may not. The problem
    /// selection may change too (e.g. a larger `--limit` extends a run): per-problem results do not
    /// depend on it.
    public func differences(from other: RunManifest) -> [String] {
        var out: [String] = []
        if configuration != other.configuration { out.append("sampling configuration") }
        if dataset.sha256 != other.dataset.sha256 || datasetName != other.datasetName { out.append("dataset file") }
        if model.sha256 != other.model.sha256 { out.append("model file") }
        return out
    }
}
