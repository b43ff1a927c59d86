import Foundation
import O1CoderCore
import TestGeneration

/// The ``GenerationReport`` counts of many problems added up (parse failures included).
struct TCGGenerationTotals: Codable, Sendable, Equatable {
    var problems = 0
    /// Problems skipped by the generator (e.g. inputs-only without a reference solution).
    var skipped = 0
    /// Problems with at least one kept test.
    var problemsWithTests = 0
    var completions = 0
    var proposed = 0
    var parsed = 0
    var unparsable = 0
    var unparsableByReason: [String: Int] = [:]
    var duplicates = 0
    var rejectedByReference = 0
    var referenceCrashes = 0
    var referenceTimeouts = 0
    var referenceUnrepresentable = 0
    var sandboxFailures = 0
    var overLimit = 0
    var kept = 0
    var byMode: [String: Int] = [:]

    init() {}

    init(_ reports: [GenerationReport]) {
        for report in reports { add(report) }
    }

    mutating func add(_ r: GenerationReport) {
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
    var parseRate: Double? { proposed == 0 ? nil : Double(parsed) / Double(proposed) }

    var line: String {
        let reasons = unparsableByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(problems) problems (\(problemsWithTests) with tests, \(skipped) skipped) · proposed \(proposed) · "
            + "parsed \(parsed) (\(TCGFormat.percent(parseRate))) · unparsable \(unparsable)"
            + (reasons.isEmpty ? "" : " [\(reasons)]")
            + " · duplicates \(duplicates) · rejected by reference \(rejectedByReference) (crash \(referenceCrashes), "
            + "timeout \(referenceTimeouts), unrepresentable \(referenceUnrepresentable), sandbox \(sandboxFailures)) · "
            + "over limit \(overLimit) · kept \(kept)"
    }
}

/// What `tcg eval` reports: the generation counts and the quality metrics, per problem and overall.
struct TCGEvaluation: Codable, Sendable {
    var dataset: String
    var testsFile: String
    var samplesFile: String?
    /// Problems of the selection that have no record in the tests file.
    var missingProblems: [String]
    var generation: TCGGenerationTotals
    var quality: TestQualitySummary
    var mutantsGenerated: Int
    var mutantsEvaluated: Int
    var seconds: Double
    var problems: [TestQualityRecord]

    init(
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
    var table: String {
        let p = quality.passRate
        let d = quality.discrimination
        let a = quality.agreement
        let bySource = WrongSolutionSource.allCases.map { "\($0.rawValue) \(TCGFormat.percent(d.microBySource[$0]))" }
            .joined(separator: ", ")
        var lines = [
            "TCG quality · \(dataset) · \(problems.count) problems · tests \(testsFile)"
                + (samplesFile.map { " · samples \($0)" } ?? ""),
            "generation   \(generation.line)",
            "pass rate on reference (\(p.problems) problems, \(p.evaluated) tests run, \(p.passed) passed, "
                + "\(p.unparsable) unparsable):",
            "  strict  micro \(TCGFormat.percent(p.strictMicro))  macro \(TCGFormat.percent(p.strictMacro))"
                + "   (unparsable proposals count as failures)",
            "  lenient micro \(TCGFormat.percent(p.lenientMicro))  macro \(TCGFormat.percent(p.lenientMacro))",
            "discrimination: \(d.rejected)/\(d.wrongSolutions) known-wrong solutions rejected · micro "
                + "\(TCGFormat.percent(d.micro)) · macro \(TCGFormat.percent(d.macro)) · by source: \(bySource)"
                + " (mutants generated \(mutantsGenerated), evaluated \(mutantsEvaluated))",
            "agreement with ground truth over \(a.total) programs: TP \(a.truePositives) FP \(a.falsePositives) "
                + "FN \(a.falseNegatives) TN \(a.trueNegatives) · agreement \(TCGFormat.percent(a.agreement)) · "
                + "precision \(TCGFormat.percent(a.precision)) · recall \(TCGFormat.percent(a.recall))",
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
