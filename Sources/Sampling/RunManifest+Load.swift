public import Datasets
import Foundation
import O1CoderCore

extension RunManifest {
    /// The manifest of a new sampling run over `loaded` (its file's name, path and sha256, and
    /// how many problems were selected), created now.
    public init(
        configuration: SamplingConfiguration, loaded: LoadResult, selection: ProblemSelection, model: ArtifactIdentity,
        toolVersion: String, command: String
    ) {
        self.init(
            configuration: configuration,
            dataset: ArtifactIdentity(name: loaded.dataset.rawValue, path: loaded.path, sha256: loaded.sha256),
            datasetName: loaded.dataset, selection: selection, problemCount: loaded.problems.count, model: model,
            toolVersion: toolVersion, createdAt: ISO8601DateFormatter().string(from: Date()), command: command)
    }
}
