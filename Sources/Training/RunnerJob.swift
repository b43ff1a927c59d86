/// One job file for training/runner.py: the task, its paths and (for training) the
/// hyper-parameters, flattened into one JSON object with the runner's snake_case names.
public struct RunnerJob: Encodable, Sendable, Equatable {
    public enum Task: String, Encodable, Sendable {
        case convertBase = "convert-base"
        case sft, dpo, prm, grpo, rloo
        case exportAdapter = "export-adapter"
        case generate
        case prmScore = "prm-score"
        case exportBase = "export-base"
    }

    /// A path for `prm-score`: the problem and its steps.
    public struct Path: Codable, Sendable, Equatable {
        public var prompt: String
        public var steps: [String]
        public init(prompt: String, steps: [String]) {
            self.prompt = prompt
            self.steps = steps
        }
    }

    public var task: Task
    /// Paths and names the task reads (`gguf`, `out`, `base_dir`, `data`, `output_dir`,
    /// `adapter_dir`, `init_adapter`, `outfile`, `converter`).
    public var paths: [String: String]
    public var hyperparameters: TrainingHyperparameters?
    public var threads: Int?
    /// `generate`: raw prompts (no chat template is applied) and the greedy token cap.
    public var prompts: [String]?
    public var maxNewTokens: Int?
    public var pathsToScore: [Path]?

    public init(
        task: Task, paths: [String: String], hyperparameters: TrainingHyperparameters? = nil, threads: Int? = nil,
        prompts: [String]? = nil, maxNewTokens: Int? = nil, pathsToScore: [Path]? = nil
    ) {
        self.pathsToScore = pathsToScore
        self.task = task
        self.paths = paths
        self.hyperparameters = hyperparameters
        self.threads = threads
        self.prompts = prompts
        self.maxNewTokens = maxNewTokens
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        try hyperparameters?.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(task, forKey: Key("task"))
        for (k, v) in paths { try c.encode(v, forKey: Key(k)) }
        if hyperparameters == nil, let threads { try c.encode(threads, forKey: Key("threads")) }
        try c.encodeIfPresent(prompts, forKey: Key("prompts"))
        try c.encodeIfPresent(maxNewTokens, forKey: Key("max_new_tokens"))
        try c.encodeIfPresent(pathsToScore, forKey: Key("paths_to_score"))
    }
}
