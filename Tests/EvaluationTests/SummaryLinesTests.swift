@testable import Evaluation
import O1CoderCore
import Testing

@Suite struct SummaryLinesTests {
    @Test("Oracle notes: the cache warning first, then where the outputs came from and what was skipped")
    func oracleNotes() {
        #expect(OracleCompletion(problems: [], usedCache: true).notes == ["expected outputs from cache"])
        let completion = OracleCompletion(problems: [], skippedInputs: ["a": 2, "b": 1], usedCache: false, cacheWarning: "read-only")
        #expect(completion.notes == [
            "warning: expected outputs not cached: read-only",
            "expected outputs computed; 3 inputs skipped (reference raised or timed out)",
        ])
    }

    @Test("datasets check lines: pass count, skipped count, one line per failure")
    func referenceCheckLines() {
        let failed = ProgramReport(verdict: .failed(test: 0, message: nil), tests: [], elapsedSeconds: 0)
        let report = ReferenceCheckReport(
            results: [.init(id: "p/1", report: failed, basePassed: true, plusPassed: false)],
            skipped: [.init(id: "p/2", reason: .noReference)])
        let lines = report.summaryLines(dataset: "mbpp")
        #expect(lines.count == 3)
        #expect(lines[0] == "mbpp: 0/1 reference solutions pass")
        #expect(lines[1] == "skipped: 1 (no reference solution or no tests)")
        #expect(lines[2].hasPrefix("FAIL p/1: base passed, plus "))
    }
}
