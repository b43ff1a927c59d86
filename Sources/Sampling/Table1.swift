import O1CoderCore
import Inference
import Reasoning

/// One finished (or partial) run as the report sees it.
public struct Table1Run: Codable, Sendable, Hashable {
    public var directory: String
    public var manifest: RunManifest
    public var summary: SamplingSummary

    public init(directory: String, manifest: RunManifest, summary: SamplingSummary) {
        self.directory = directory
        self.manifest = manifest
        self.summary = summary
    }
}

/// A metric value in percent, with where it came from.
public struct Table1Cell: Codable, Sendable, Hashable {
    /// Percent (0–100); nil when undefined (e.g. no problem with a correct prefix).
    public var percent: Double?
    /// Problems behind the value (nil for the paper's numbers).
    public var problems: Int?
    /// The run directory (nil for the paper's numbers).
    public var run: String?

    public init(percent: Double?, problems: Int? = nil, run: String? = nil) {
        self.percent = percent
        self.problems = problems
        self.run = run
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
                let cell = Table1Cell(percent: run.summary.passAt1.map { $0 * 100 }, problems: run.summary.problems, run: run.directory)
                if isPseudo { row.passAt1Pseudocode = cell } else { row.passAt1Vanilla = cell }
                passSource[styleKey] = independent
            }
            if let aspr = run.summary.aspr {
                let cell = Table1Cell(percent: aspr.value.map { $0 * 100 }, problems: aspr.problemsWithCorrectPrefix, run: run.directory)
                if isPseudo { row.asprPseudocode = cell } else { row.asprVanilla = cell }
            }
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
                + "Pass@1, problems with a correct prefix for ASPR. The paper row is O1-CODER Table 1 (Qwen2.5-Coder-7B, MBPP).")
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
        if let problems = cell.problems { text += " [n=\(problems)]" }
        return text
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
