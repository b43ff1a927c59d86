/// What `o1coder train` can fit, each as a LoRA adapter: supervised fine-tuning on chat traces,
/// direct preference optimisation on chosen/rejected pairs and GRPO with sandbox rewards (TRL),
/// and a generative process reward model (our trainer on transformers: P(" +") vs P(" -") at a
/// tag after every step).
public enum TrainingMethod: String, Codable, Sendable, CaseIterable {
    case sft
    case dpo
    case prm
    /// Group-relative policy optimisation (TRL's GRPOTrainer), every completion rewarded by the
    /// sandbox through `o1coder serve`.
    case grpo

    /// The fields a data record must have (checked by the runner, named in its errors).
    public var dataShape: String {
        switch self {
        case .sft: "messages (o1coder export sft) or prompt/completion"
        case .dpo: "prompt/chosen/rejected (o1coder export dpo)"
        case .prm: "prompt/completions/labels/values/problem_id (o1coder export --format prm)"
        case .grpo: "prompt/ground_truth (o1coder export --format verl, .jsonl or .parquet)"
        }
    }
}
