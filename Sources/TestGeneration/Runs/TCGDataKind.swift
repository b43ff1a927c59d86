/// Which TCG training records `tcg data` writes.
public enum TCGDataKind: String, CaseIterable, Sendable {
    /// TRL prompt–completion records (problem + reference → ground-truth test blocks).
    case sft
    /// TRL preference records (chosen = consistent tests, rejected = inconsistent ones).
    case dpo
}
