import O1CoderCore

extension ReferenceCheckReport {
    /// What `datasets check` prints: the pass count, the skipped count and one line per failure
    /// (failing references are results, not errors).
    public func summaryLines(dataset: String) -> [String] {
        var lines = ["\(dataset): \(passedCount)/\(checkedCount) reference solutions pass"]
        if !skipped.isEmpty { lines.append("skipped: \(skipped.count) (no reference solution or no tests)") }
        for failure in failures {
            let detail = failure.basePassed ? "base passed, plus \(failure.report.verdict.name)" : failure.report.verdict.name
            lines.append("FAIL \(failure.id): \(detail)")
        }
        return lines
    }
}
