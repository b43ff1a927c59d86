import Foundation
public import O1CoderCore

/// One problem of a ``TCGGenerationRun`` done.
public struct TCGGenerationProgress: ProgressStep {
    public var report: GenerationReport
    /// Problems of the selection done (those already in the tests file included) and its size.
    public var done: Int
    public var total: Int
    public var seconds: Double

    /// This problem's counts and time.
    public var detail: String {
        let r = report
        var line = "\(r.problemID) \(r.mode.rawValue): kept \(r.kept) of \(r.proposed) proposed"
            + " (unparsable \(r.unparsable), duplicates \(r.duplicates), rejected by reference \(r.rejectedByReference))"
        if let reason = r.skippedReason { line += " · skipped: \(reason)" }
        return line + String(format: " · %.1f s", seconds)
    }
}
