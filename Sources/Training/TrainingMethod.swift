/// What `o1coder train` can fit, each as a LoRA adapter: supervised fine-tuning on chat traces
/// and direct preference optimisation on chosen/rejected pairs (TRL), and a generative process
/// reward model (our trainer on transformers: P(" +") vs P(" -") at a tag after every step).
public enum TrainingMethod: String, Codable, Sendable, CaseIterable {
    case sft
    case dpo
    case prm

    /// The fields a data record must have (checked by the runner, named in its errors).
    public var dataShape: String {
        switch self {
        case .sft: "messages (o1coder export sft) or prompt/completion"
        case .dpo: "prompt/chosen/rejected (o1coder export dpo)"
        case .prm: "prompt/completions/labels/values/problemId (o1coder export prm)"
        }
    }
}
