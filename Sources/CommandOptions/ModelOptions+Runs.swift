public import CodeSearch
public import Inference
public import Sampling

extension ModelOptions {
    /// These options with a run's recorded model and engine sizing (a resumed run replays its own).
    public func replaying(_ config: SearchRunConfiguration) -> ModelOptions {
        var options = self
        options.model = config.model
        options.contextLength = config.contextLength
        options.threads = config.threads
        return options
    }

    /// The PRM that shapes PUCT's priors, when there is one (same engine settings, no adapters).
    public func processRewardModel(for guidance: ProcessRewardGuidance?) async throws -> (any ProcessRewardModel)? {
        guard let guidance else { return nil }
        var options = self
        options.model = guidance.model
        options.adapters = []
        let model = LlamaProcessRewardModel(engine: try await options.makeLlamaEngine(parallel: 1))
        StandardError.write("PRM \(guidance.model) shapes the priors (weight \(guidance.weight))")
        return model
    }

    /// The model's name, file and sha256 (hashing the file when the registry does not know it);
    /// a server's model by name and URLs.
    public func identity() throws -> ArtifactIdentity {
        guard backend == .llama else { return ArtifactIdentity(name: model, path: url.joined(separator: ","), sha256: nil) }
        return try ArtifactIdentity(model: modelSpec())
    }
}
