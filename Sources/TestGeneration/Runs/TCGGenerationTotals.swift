/// The ``GenerationReport`` counts of many problems added up (parse failures included): what
/// `tcg generate` prints at the end and `tcg eval` reports next to the quality metrics.
public struct TCGGenerationTotals: Codable, Sendable, Equatable {
    public var problems = 0
    /// Problems skipped by the generator (e.g. inputs-only without a reference solution).
    public var skipped = 0
    /// Problems with at least one kept test.
    public var problemsWithTests = 0
    public var completions = 0
    public var proposed = 0
    public var parsed = 0
    public var unparsable = 0
    /// Unparsable proposals by ``TestParseFailure`` raw value (string keys keep the JSON an object).
    public var unparsableByReason: [String: Int] = [:]
    public var duplicates = 0
    public var rejectedByReference = 0
    public var referenceCrashes = 0
    public var referenceTimeouts = 0
    public var referenceUnrepresentable = 0
    public var sandboxFailures = 0
    public var overLimit = 0
    public var kept = 0
    /// Problems by ``TestGenerationMode`` raw value.
    public var byMode: [String: Int] = [:]

    public init() {}

    public init(_ reports: [GenerationReport]) {
        for report in reports { add(report) }
    }

    public mutating func add(_ r: GenerationReport) {
        problems += 1
        if r.skippedReason != nil { skipped += 1 }
        if r.kept > 0 { problemsWithTests += 1 }
        completions += r.completions
        proposed += r.proposed
        parsed += r.parsed
        unparsable += r.unparsable
        for (reason, count) in r.unparsableByReason { unparsableByReason[reason.rawValue, default: 0] += count }
        duplicates += r.duplicates
        rejectedByReference += r.rejectedByReference
        referenceCrashes += r.referenceCrashes
        referenceTimeouts += r.referenceTimeouts
        referenceUnrepresentable += r.referenceUnrepresentable
        sandboxFailures += r.sandboxFailures
        overLimit += r.overLimit
        kept += r.kept
        byMode[r.mode.rawValue, default: 0] += 1
    }

    /// parsed / proposed: how much of what the model wrote could be read as tests.
    public var parseRate: Double? { proposed == 0 ? nil : Double(parsed) / Double(proposed) }

    /// One line with every count, for logs and the end of `tcg generate`.
    public var line: String {
        let reasons = unparsableByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(problems) problems (\(problemsWithTests) with tests, \(skipped) skipped) · proposed \(proposed) · "
            + "parsed \(parsed) (\(Percent.text(parseRate))) · unparsable \(unparsable)"
            + (reasons.isEmpty ? "" : " [\(reasons)]")
            + " · duplicates \(duplicates) · rejected by reference \(rejectedByReference) (crash \(referenceCrashes), "
            + "timeout \(referenceTimeouts), unrepresentable \(referenceUnrepresentable), sandbox \(sandboxFailures)) · "
            + "over limit \(overLimit) · kept \(kept)"
    }
}
