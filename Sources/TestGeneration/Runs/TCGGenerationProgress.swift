import Foundation

/// One problem of a ``TCGGenerationRun`` done.
public struct TCGGenerationProgress: Sendable {
    public var report: GenerationReport
    /// 1-based position among the pending problems.
    public var index: Int
    public var count: Int
    public var seconds: Double
    /// Seconds left at the mean pace so far.
    public var eta: Double

    /// The log line: counts of this problem, its time and the ETA.
    public var line: String {
        let r = report
        var line = "[\(index)/\(count)] \(r.problemID) \(r.mode.rawValue): kept \(r.kept) of \(r.proposed) proposed"
            + " (unparsable \(r.unparsable), duplicates \(r.duplicates), rejected by reference \(r.rejectedByReference))"
        if let reason = r.skippedReason { line += " · skipped: \(reason)" }
        return line + String(format: " · %.1f s · ETA %.0f s", seconds, eta)
    }
}
