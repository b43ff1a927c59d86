import Evaluation
import Foundation
public import O1CoderCore
public import RunStorage

/// A stored run summed up for `o1coder runs`: a tab-separated list line, or `runs show`'s
/// lines (provenance, totals, reward tests, rollouts to a first solution, tree ASPR).
public struct StoredRunSummary: Sendable {
    public var id: RunID
    public var record: RunRecord
    public var totals: RunTotals
    /// Rollout of each solved problem's first reward-1 answer, ascending.
    public var firstSolutionRollouts: [Int]

    public init(_ record: RunRecord, in store: RunStore) throws {
        id = record.id ?? 0
        self.record = record
        let rows = try store.problems(run: id)
        totals = RunTotals(rows)
        firstSolutionRollouts = rows.compactMap(\.firstSolutionRollout).sorted()
    }

    /// The run's recorded search configuration (nil for a run of another kind, or one this
    /// version cannot read).
    public var searchConfiguration: SearchRunConfiguration? {
        try? JSONCoding.decoder().decode(SearchRunConfiguration.self, from: Data(record.configuration.utf8))
    }

    /// id, kind, status, model, dataset, and solved/problems (a search) or where the results are.
    public var listLine: String {
        let result = record.kind.isStoredSearch ? "\(totals.solved)/\(totals.problems) solved" : record.output ?? "-"
        return "\(id)\t\(record.kind.rawValue)\t\(record.statusDescription)\t\(record.modelName)\t\(record.datasetName)\t\(result)"
    }

    /// `runs show`'s lines; the tree ASPR is read from the stored trees of `store`.
    public func lines(store: RunStore) throws -> [String] {
        let r = record
        let t = totals
        var lines = [
            "run \(id) · \(r.kind.rawValue) · \(r.statusDescription) · created \(r.createdAt)",
            "model \(r.modelName) sha256 \(r.modelSHA256 ?? "-")",
            "dataset \(r.datasetName) \(r.datasetPath) sha256 \(r.datasetSHA256 ?? "-")",
            "seed \(UInt64(bitPattern: r.seed)) · tool \(r.toolVersion)",
        ]
        lines.append(
            r.kind.isStoredSearch
                ? "problems \(t.problems) · solved \(t.solved) · generated tokens \(t.generatedTokens) · prompt tokens evaluated \(t.promptTokensEvaluated), reused \(t.promptTokensReused)"
                : "results in \(r.output ?? "-") (configuration: runs show --config)")
        if let search = searchConfiguration {
            let width = search.settings.map(\.0.count).max() ?? 0
            lines += search.settings.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        }
        let firsts = firstSolutionRollouts
        if !firsts.isEmpty {
            lines.append("rollouts to the first reward-1 answer: median \(firsts[firsts.count / 2]), mean \(String(format: "%.1f", Double(firsts.reduce(0, +)) / Double(firsts.count))) over \(firsts.count) problems")
        }
        let observations = try store.treePrefixObservations(run: id).map {
            (problem: $0.problem, prefix: PrefixID("n\($0.parentNode)"), passed: $0.passed)
        }
        let aspr = ASPR.compute(ASPRSamples(observations: observations))
        lines.append("tree ASPR \(aspr.value.map { String(format: "%.1f", $0 * 100) } ?? "n/a") over \(aspr.problemsWithCorrectPrefix) problems with a correct prefix (prefix = the parent of verified code steps)")
        return lines
    }
}
