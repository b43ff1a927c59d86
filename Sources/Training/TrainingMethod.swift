/// What `o1coder train` can fit, each as a LoRA adapter: supervised fine-tuning on chat traces,
/// direct preference optimisation on chosen/rejected pairs, and GRPO and RLOO with sandbox rewards (TRL),
/// and a generative process reward model (our trainer on transformers: P(" +") vs P(" -") at a
/// tag after every step).
public enum TrainingMethod: String, Codable, Sendable, CaseIterable {
    case sft
    case dpo
    case prm
    /// Group-relative policy optimisation (TRL's GRPOTrainer), every completion rewarded by the
    /// sandbox through `o1coder serve`.
    case grpo
    /// REINFORCE leave-one-out (TRL's RLOOTrainer): each completion's baseline is the mean
    /// reward of the other completions of its prompt; the same data and sandbox rewards as GRPO.
    case rloo

    /// Whether the method samples completions and scores them in the sandbox while it trains.
    public var isOnline: Bool { self == .grpo || self == .rloo }

    /// The fields a data record must have (checked by the runner, named in its errors).
    public var dataShape: String {
        switch self {
        case .sft: "messages (o1coder export sft) or prompt/completion"
        case .dpo: "prompt/chosen/rejected (o1coder export dpo)"
        case .prm: "prompt/completions/labels/values/problem_id (o1coder export --format prm)"
        case .grpo, .rloo: "prompt/ground_truth (o1coder export --format verl, .jsonl or .parquet)"
        }
    }
}
