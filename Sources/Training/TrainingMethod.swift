/// What `o1coder train` can fit: supervised fine-tuning on chat traces or direct preference
/// optimisation on chosen/rejected pairs, both as LoRA adapters through TRL.
public enum TrainingMethod: String, Codable, Sendable, CaseIterable {
    case sft
    case dpo

    /// The fields a data record must have (checked by the runner, named in its errors).
    public var dataShape: String {
        switch self {
        case .sft: "messages (o1coder export sft) or prompt/completion"
        case .dpo: "prompt/chosen/rejected (o1coder export dpo)"
        }
    }
}
