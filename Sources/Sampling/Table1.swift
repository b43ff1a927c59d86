import Foundation
public import O1CoderCore
import Inference
import Reasoning

/// A metric value in percent, with where it came from.
public struct Table1Cell: Codable, Sendable, Hashable {
    /// Percent (0–100); nil when undefined (e.g. no problem with a correct prefix).
    public var percent: Double?
    /// Problems behind the value (nil for the paper's numbers).
    public var problems: Int?
    /// The run directory (nil for the paper's numbers).
    public var run: String?
    /// 95% percentile bootstrap over the problems behind the value, as fractions (nil for the
    /// paper's numbers).
    public var interval: ProportionInterval?

    public init(percent: Double?, problems: Int? = nil, run: String? = nil, interval: ProportionInterval? = nil) {
        self.percent = percent
        self.problems = problems
        self.run = run
        self.interval = interval
    }

    /// A cell of ours: the mean of per-problem values, with its interval.
    init(values: [Double], run: String) {
        self.init(
            percent: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) * 100, problems: values.count, run: run,
            interval: values.isEmpty ? nil : .bootstrap(means: values))
    }
}

/// Pseudocode minus vanilla on the problems both runs have, problem by problem.
public struct Table1Difference: Codable, Sendable, Hashable {
    /// Problems in both runs (for ASPR: with a correct prefix in both).
    public var problems: Int
    /// Mean of the per-problem differences, in points.
    public var points: Double
    /// 95% paired bootstrap of the mean difference, as fractions.
    public var interval: ProportionInterval
    /// Exact sign test: `onlyFirst` = problems where pseudocode scores higher, `onlySecond` =
    /// where vanilla does; ties dropped.
    public var signTest: McNemarTest

    /// Nil when no problem is in both.
    public init?(pseudocode: [ProblemID: Double], vanilla: [ProblemID: Double]) {
        let shared = pseudocode.keys.filter { vanilla[$0] != nil }.sorted()
        guard !shared.isEmpty else { return nil }
        let differences = shared.map { pseudocode[$0]! - vanilla[$0]! }
        problems = shared.count
        points = differences.reduce(0, +) / Double(shared.count) * 100
        interval = .bootstrap(means: differences)
        signTest = McNemarTest(onlyFirst: differences.count { $0 > 0 }, onlySecond: differences.count { $0 < 0 })
    }
}

/// One row: a model on a dataset, with and without pseudocode.
public struct Table1Row: Codable, Sendable, Hashable {
    public var model: String
    public var dataset: String
    /// "paper" (O1-CODER Table 1, for context) or "ours".
    public var source: String
    public var passAt1Vanilla: Table1Cell?
    public var passAt1Pseudocode: Table1Cell?
    public var asprVanilla: Table1Cell?
    public var asprPseudocode: Table1Cell?
    /// Paired comparisons of ours (nil for the paper's row, or when the runs share no problem).
    public var passAt1Difference: Table1Difference?
    public var asprDifference: Table1Difference?
}

/// The shape of O1-CODER's Table 1 (spec §3.7): model × {vanilla, pseudocode} × {Pass@1, ASPR}.
///
/// "Vanilla" is the chain-of-thought style (the paper compares regular CoT with CoT plus
/// pseudocode). Pass@1 comes from an independent-sampling run of the style when there is one,
/// else from the ASPR run's programs (mean pass fraction over m × n programs per problem); ASPR
/// from ASPR runs. Direct-style runs are listed in the notes only.
public struct Table1: Codable, Sendable, Hashable {
    public var rows: [Table1Row]
    public var notes: [String]

    /// O1-CODER Table 1, Qwen2.5-Coder-7B (MBPP; split and sampling not given by the paper).
    public static let paperRow = Table1Row(
        model: "Qwen2.5-Coder-7B", dataset: "MBPP", source: "paper",
        passAt1Vanilla: Table1Cell(percent: 57.7), passAt1Pseudocode: Table1Cell(percent: 58.2),
        asprVanilla: Table1Cell(percent: 49.3), asprPseudocode: Table1Cell(percent: 74.9))

    public init(rows: [Table1Row], notes: [String]) {
        self.rows = rows
        self.notes = notes
    }

    /// Builds the table from runs (any order); rows sorted by dataset then model.
    public init(runs: [Table1Run]) {
        var rows: [String: Table1Row] = [:]
        var notes: [String] = []
        var passSource: [String: Bool] = [:]  // key+style → taken from an independent run
        for run in runs.sorted(by: { $0.directory < $1.directory }) {
            let m = run.manifest
            let dataset = Self.datasetLabel(m)
            let key = m.model.name + "\u{1}" + dataset
            let c = m.configuration
            let describe = "\(run.directory): \(m.model.name), \(dataset), \(c.style.rawValue), "
                + Self.protocolLabel(c.samplingProtocol) + ", T=\(c.sampling.temperature), seed \(m.seed), "
                + "\(run.summary.problems)/\(m.problemCount) problems"
            guard c.style != .direct else {
                notes.append(describe + " (direct, not in the table): pass@1 " + Self.format(run.summary.passAt1.map { $0 * 100 }))
                continue
            }
            notes.append(describe)
            var row = rows[key] ?? Table1Row(model: m.model.name, dataset: dataset, source: "ours")
            let isPseudo = c.style == .pseudocode
            let independent = !c.samplingProtocol.measuresASPR
            let styleKey = key + (isPseudo ? "p" : "v")
            if independent || passSource[styleKey] != true {
                let cell = Table1Cell(values: run.outcomes.map(\.passFraction), run: run.directory)
                if isPseudo { row.passAt1Pseudocode = cell } else { row.passAt1Vanilla = cell }
                passSource[styleKey] = independent
            }
            if c.samplingProtocol.measuresASPR {
                let cell = Table1Cell(values: run.outcomes.compactMap(\.aspr), run: run.directory)
                if isPseudo { row.asprPseudocode = cell } else { row.asprVanilla = cell }
            }
            rows[key] = row
        }
        let byDirectory = Dictionary(runs.map { ($0.directory, $0.outcomes) }, uniquingKeysWith: { first, _ in first })
        func values(_ cell: Table1Cell?, _ value: (Table1Run.Outcome) -> Double?) -> [ProblemID: Double] {
            let outcomes = cell?.run.flatMap { byDirectory[$0] } ?? []
            return Dictionary(outcomes.compactMap { o in value(o).map { (o.problem, $0) } }, uniquingKeysWith: { first, _ in first })
        }
        for key in rows.keys {
            guard var row = rows[key] else { continue }
            row.passAt1Difference = Table1Difference(
                pseudocode: values(row.passAt1Pseudocode, \.passFraction), vanilla: values(row.passAt1Vanilla, \.passFraction))
            row.asprDifference = Table1Difference(pseudocode: values(row.asprPseudocode, \.aspr), vanilla: values(row.asprVanilla, \.aspr))
            rows[key] = row
        }
        let ours = rows.values.sorted { ($0.dataset, $0.model) < ($1.dataset, $1.model) }
        self.init(rows: [Self.paperRow] + ours, notes: notes)
    }

    /// The Markdown table, deltas of pseudocode over vanilla in parentheses, then the notes.
    public var markdown: String {
        var lines = [
            "| Model | Dataset | Source | Pass@1 Vanilla | Pass@1 Pseudocode | ASPR Vanilla | ASPR Pseudocode |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            let cells = [
                Self.cell(row.passAt1Vanilla, base: nil), Self.cell(row.passAt1Pseudocode, base: row.passAt1Vanilla),
                Self.cell(row.asprVanilla, base: nil), Self.cell(row.asprPseudocode, base: row.asprVanilla),
            ]
            lines.append("| \(row.model) | \(row.dataset) | \(row.source) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(
            "Percent. Vanilla = plain chain-of-thought. [n=…] = problems behind an ours cell: all sampled problems for "
                + "Pass@1, problems with a correct prefix for ASPR; a–b = 95% percentile bootstrap over those problems. "
                + "The paper row is O1-CODER Table 1 (Qwen2.5-Coder-7B, MBPP).")
        for row in rows {
            for (metric, difference) in [("Pass@1", row.passAt1Difference), ("ASPR", row.asprDifference)] {
                guard let d = difference else { continue }
                lines.append("")
                lines.append(
                    "Paired, \(row.model) \(row.dataset) \(metric): pseudocode − vanilla = \(Self.signed(d.points)) points "
                        + "(95% paired bootstrap \(Self.signed(d.interval.lower * 100)) to \(Self.signed(d.interval.upper * 100))) on \(d.problems) problem\(d.problems == 1 ? "" : "s") "
                        + "\(metric == "ASPR" ? "with a correct prefix in both" : "in both")"
                        + "; higher with pseudocode on \(d.signTest.onlyFirst), with vanilla on \(d.signTest.onlySecond), "
                        + "exact sign test p = \(Self.pValue(d.signTest.pValue)).")
            }
        }
        lines.append("")
        lines += notes.map { "- " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ cell: Table1Cell?, base: Table1Cell?) -> String {
        guard let cell else { return "–" }
        var text = format(cell.percent)
        if let value = cell.percent, let reference = base?.percent {
            let delta = value - reference
            text += " (" + (delta >= 0 ? "+" : "−") + format(abs(delta)) + ")"
        }
        var bracket: [String] = []
        if let interval = cell.interval { bracket.append(format(interval.lower * 100) + "–" + format(interval.upper * 100)) }
        if let problems = cell.problems { bracket.append("n=\(problems)") }
        if !bracket.isEmpty { text += " [" + bracket.joined(separator: ", ") + "]" }
        return text
    }

    static func signed(_ value: Double) -> String { (value < 0 ? "−" : "+") + format(abs(value)) }

    static func pValue(_ p: Double) -> String {
        let digits = p < 0.001 ? "%.1e" : "%.3f"
        return String(format: digits, p)
    }

    static func format(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func datasetLabel(_ m: RunManifest) -> String {
        let splits = m.selection.splits.isEmpty ? "" : " " + m.selection.splits.joined(separator: "+")
        return m.datasetName.rawValue + splits
    }

    static func protocolLabel(_ p: SamplingProtocol) -> String {
        switch p {
        case .independent(let n): "independent n=\(n)"
        case .aspr(let m, let n): "ASPR m=\(m) n=\(n)"
        }
    }
}
