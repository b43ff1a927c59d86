public import O1CoderCore

/// Counts of what happened to the model's proposals for one problem. Invariants (checked in
/// tests): `proposed == parsed + unparsable` and
/// `parsed == duplicates + rejectedByReference + overLimit + kept`.
public struct GenerationReport: Codable, Sendable, Hashable {
    public var problemID: ProblemID
    public var mode: TestGenerationMode
    /// Model completions read.
    public var completions: Int
    /// Test blocks found (a completion with none counts as one unparsable proposal).
    public var proposed: Int
    public var parsed: Int
    public var unparsable: Int
    public var unparsableByReason: [TestParseFailure: Int]
    /// Parsed tests whose input repeats an earlier one.
    public var duplicates: Int
    /// Inputs on which the reference crashed, timed out, gave no literal result, or the sandbox
    /// failed (inputs-only mode; always 0 in full mode).
    public var rejectedByReference: Int
    public var referenceCrashes: Int
    public var referenceTimeouts: Int
    public var referenceUnrepresentable: Int
    public var sandboxFailures: Int
    /// Valid tests dropped because `maxTests` was reached.
    public var overLimit: Int
    public var kept: Int
    /// Why nothing was generated, when the problem was skipped (e.g. inputs-only mode without a
    /// reference solution).
    public var skippedReason: String?

    public init(problemID: ProblemID, mode: TestGenerationMode) {
        self.problemID = problemID
        self.mode = mode
        completions = 0
        proposed = 0
        parsed = 0
        unparsable = 0
        unparsableByReason = [:]
        duplicates = 0
        rejectedByReference = 0
        referenceCrashes = 0
        referenceTimeouts = 0
        referenceUnrepresentable = 0
        sandboxFailures = 0
        overLimit = 0
        kept = 0
        skippedReason = nil
    }

    mutating func record(_ failure: TestParseFailure) {
        unparsable += 1
        unparsableByReason[failure, default: 0] += 1
    }

    mutating func record(_ result: ReferenceResult) {
        switch result {
        case .output: return
        case .crashed: referenceCrashes += 1
        case .timedOut: referenceTimeouts += 1
        case .unrepresentable: referenceUnrepresentable += 1
        case .sandboxFailed: sandboxFailures += 1
        }
        rejectedByReference += 1
    }

    /// Whether the counts add up (see the type's invariants).
    public var isConsistent: Bool {
        proposed == parsed + unparsable
            && parsed == duplicates + rejectedByReference + overLimit + kept
            && rejectedByReference == referenceCrashes + referenceTimeouts + referenceUnrepresentable + sandboxFailures
            && unparsable == unparsableByReason.values.reduce(0, +)
    }
}

extension TestParseFailure: CodingKeyRepresentable {}
