/// What `o1coder train` was asked: fit `method` on `data` starting from `base`, and register the
/// result as `name`. A second request with the same name, data and settings resumes the first.
public struct TrainingRequest: Codable, Sendable, Equatable {
    public var method: TrainingMethod
    public var data: String
    public var base: String
    public var name: String
    public var hyperparameters: TrainingHyperparameters
    /// GRPO: the `o1coder serve` server that scores completions (not part of the run's identity:
    /// a resumed run may use another server).
    public var rewardURL: String?
    /// SFT and DPO: what is trained, checked against the data (nil: not checked, as before `--for`).
    public var purpose: TrainingPurpose?
    /// The `--config` file the hyper-parameters were resolved with, if any (provenance only: the
    /// resolved values are in ``hyperparameters``).
    public var configFile: String?

    public init(
        method: TrainingMethod, data: String, base: String, name: String, hyperparameters: TrainingHyperparameters = .init(),
        rewardURL: String? = nil, purpose: TrainingPurpose? = nil, configFile: String? = nil
    ) {
        self.method = method
        self.data = data
        self.base = base
        self.name = name
        self.hyperparameters = hyperparameters
        self.rewardURL = rewardURL
        self.purpose = purpose
        self.configFile = configFile
    }

    /// The fields a data record must have, for the method and (PRM) its objective.
    public var dataShape: String {
        method == .prm && hyperparameters.prmObjective == .pairwise
            ? "prompt/prefix/chosen/rejected/problem_id (o1coder export --format prm-pairs)" : method.dataShape
    }

    /// What must match for a run directory to be resumed rather than refused.
    struct Identity: Codable, Equatable {
        var method: TrainingMethod
        var dataSHA256: String
        var base: String
        var hyperparameters: TrainingHyperparameters
    }

    /// Why `name` cannot name a model; nil when it can.
    public static func problem(withName name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        if name.isEmpty || name.hasPrefix(".") || !name.allSatisfy(allowed.contains) {
            return "--out '\(name)' must be a name of letters, digits, '.', '_' or '-' (not a path)"
        }
        return nil
    }
}

/// Where a training run is, for progress lines.
public enum TrainingPhase: Sendable, Equatable {
    case convertingBase
    case training(step: Int, total: Int, loss: Double?)
    case exporting
}
