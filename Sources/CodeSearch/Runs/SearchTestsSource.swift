/// The tests that reward the search (`--reward-tests`), as a run records them. The suites
/// themselves are ``RewardTests``, resolved by ``SearchRunConfiguration/rewardTests(for:log:)``.
public enum SearchTestsSource: String, CaseIterable, Codable, Sendable {
    /// The tests the statement shows (docstring examples, the prompt's assert, sample I/O).
    case `public`
    /// Tests from `o1coder tcg generate` (`--generated-tests FILE`).
    case generated
    case publicAndGenerated = "public+generated"
    /// A seeded subset of the ground-truth tests (O1-CODER's setting): oracle-assisted.
    case oracle

    /// Runs recorded before public tests existed said `ground-truth`: the oracle.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = raw == "ground-truth" ? .oracle : Self(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown reward tests \(raw)"))
        }
        self = value
    }

    /// Whether the source reads a tests file written by `tcg generate`.
    public var needsGeneratedTests: Bool { self == .generated || self == .publicAndGenerated }
}
