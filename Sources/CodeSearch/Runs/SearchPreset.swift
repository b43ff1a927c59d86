/// The search presets of `--preset`.
public enum SearchPreset: String, CaseIterable, Codable, Sendable {
    /// O1-CODER's released defaults and quirks (15 rollouts, depth 5, width 3, c = 2.0, α = 0).
    case faithful
    /// Ours (see README: terminals exhausted, duplicates merged, early stop, α = 0.1, c = 1).
    case standard

    public var configuration: CodeSearchConfiguration { self == .faithful ? .faithful : .standard }
}
