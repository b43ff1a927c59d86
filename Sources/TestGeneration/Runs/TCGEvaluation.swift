import Foundation

/// What `tcg eval` reports: the generation counts and the quality metrics, per problem and
/// overall (Codable: `--out` and `--json` write it as is).
public struct TCGEvaluation: Codable, Sendable {
    public var dataset: String
    public var testsFile: String
    public var samplesFile: String?
    /// Problems of the selection that have no record in the tests file.
    public var missingProblems: [String]
    public var generation: TCGGenerationTotals
    public var quality: TestQualitySummary
    public var mutantsGenerated: Int
    public var mutantsEvaluated: Int
    public var seconds: Double
    public var problems: [TestQualityRecord]

    public init(
        dataset: String, testsFile: String, samplesFile: String?, missingProblems: [String],
        generation: TCGGenerationTotals, records: [TestQualityRecord], seconds: Double
    ) {
        self.dataset = dataset
        self.testsFile = testsFile
        self.samplesFile = samplesFile
        self.missingProblems = missingProblems
        self.generation = generation
        self.quality = TestQualitySummary(records)
        self.mutantsGenerated = records.reduce(0) { $0 + $1.mutantsGenerated }
        self.mutantsEvaluated = records.reduce(0) { $0 + $1.mutantsEvaluated }
        self.seconds = seconds
        self.problems = records
    }

    /// The human-readable report.
    public var table: String {
        let p = quality.passRate
        let d = quality.discrimination
        let a = quality.agreement
        let bySource = WrongSolutionSource.allCases.map { "\($0.rawValue) \(Percent.text(d.microBySource[$0]))" }
            .joined(separator: ", ")
        var lines = [
            "TCG quality · \(dataset) · \(problems.count) problems · tests \(testsFile)"
                + (samplesFile.map { " · samples \($0)" } ?? ""),
            "generation   \(generation.line)",
            "pass rate on reference (\(p.problems) problems, \(p.evaluated) tests run, \(p.passed) passed, "
                + "\(p.unparsable) unparsable):",
            "  strict  micro \(Percent.text(p.strictMicro))  macro \(Percent.text(p.strictMacro))"
                + "   (unparsable proposals count as failures)",
            "  lenient micro \(Percent.text(p.lenientMicro))  macro \(Percent.text(p.lenientMacro))",
            "discrimination: \(d.rejected)/\(d.wrongSolutions) known-wrong solutions rejected · micro "
                + "\(Percent.text(d.micro)) · macro \(Percent.text(d.macro)) · by source: \(bySource)"
                + " (mutants generated \(mutantsGenerated), evaluated \(mutantsEvaluated))",
            "agreement with ground truth over \(a.total) programs: TP \(a.truePositives) FP \(a.falsePositives) "
                + "FN \(a.falseNegatives) TN \(a.trueNegatives) · agreement \(Percent.text(a.agreement)) · "
                + "precision \(Percent.text(a.precision)) · recall \(Percent.text(a.recall))",
        ]
        if generation.byMode[TestGenerationMode.inputsOnly.rawValue, default: 0] > 0 {
            lines.append(
                "note: in inputs-only mode expected outputs come from the reference, so its pass rate is 1 unless "
                    + "it is non-deterministic; discrimination and agreement are the informative metrics there.")
        }
        if !missingProblems.isEmpty {
            lines.append("not in the tests file: \(missingProblems.count) problems (run `tcg generate` on them first)")
        }
        lines.append(String(format: "evaluated in %.1f s", seconds))
        return lines.joined(separator: "\n")
    }
}
