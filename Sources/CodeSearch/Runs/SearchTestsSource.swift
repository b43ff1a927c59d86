public import O1CoderCore
import TestGeneration

/// The tests that reward the search (`--reward-tests`), as a run records them. The suites
/// themselves are ``RewardTests``, resolved by ``load(generatedTests:recordedSHA256:for:log:)``.
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

    /// The suites of this source for `problems`, reading the generated tests file when the source
    /// needs one. A file whose sha256 is no longer `recordedSHA256` is warned about, not refused.
    /// - Parameter log: warnings and the line saying how many problems have reward tests.
    /// - Throws: ``SearchRunError`` or `TestGenerationError` (both usage errors) when the tests
    ///   file is not given, missing or empty.
    public func load(
        generatedTests path: String?, recordedSHA256: String? = nil, for problems: [Problem], log: (String) -> Void
    ) throws -> RewardTests {
        let rewardTests: RewardTests
        switch self {
        case .oracle: return .oracle
        case .public: rewardTests = .public
        case .generated, .publicAndGenerated:
            guard let path else { throw SearchRunError.missingGeneratedTests }
            let suites = try TCGTestsFile.suites(path)
            if let recordedSHA256, let now = try? SHA256.hex(ofFile: path), recordedSHA256 != now {
                log("warning: \(path) changed since the run started (sha256 \(recordedSHA256.prefix(12))… → \(now.prefix(12))…)")
            }
            rewardTests = self == .generated ? .generated(suites) : .publicAndGenerated(suites)
        }
        let without = problems.filter { !rewardTests.hasTests(for: $0) }.count
        log(
            "reward: \(rewardTests.name) tests (\(problems.count - without) problems with tests"
                + (without > 0 ? ", \(without) without: no test reward there" : "") + ")")
        return rewardTests
    }
}
