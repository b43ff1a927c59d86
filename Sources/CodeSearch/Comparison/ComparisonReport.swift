public import Foundation
import O1CoderCore
import Reports

/// What `bench-search` publishes from a ledger: the summary overall and per dataset, the
/// settings, and what the numbers do not mean; as JSON, a text table and an HTML chart.
public struct ComparisonReport: Codable, Sendable {
    public var date: String
    public var rewardTests: String
    public var oracle: Bool
    public var manifest: ComparisonManifest?
    public var ledger: String
    public var arms: [ComparisonArm]
    public var budgets: [Int]
    public var overall: ComparisonSummary
    public var byDataset: [String: ComparisonSummary]
    public var notes: [String]
    /// Every cell, sorted by key: what a later run on a fresh clone resumes from
    /// (``restore(_:fromReportAt:)``), since the ledger itself stays out of git.
    public var records: [ComparisonRecord]

    public init(
        records: [ComparisonRecord], arms: [ComparisonArm], budgets: [Int], rewardTests: String,
        manifest: ComparisonManifest?, ledger: String, date: Date = Date()
    ) {
        self.date = ISO8601DateFormatter().string(from: date)
        self.rewardTests = rewardTests
        oracle = rewardTests == "oracle"
        self.manifest = manifest
        self.ledger = ledger
        self.arms = arms.sorted()
        self.budgets = budgets.sorted()
        self.records = records.sorted { $0.key < $1.key }
        overall = ComparisonSummary(records: records, arms: arms, budgets: budgets)
        let groups = Dictionary(grouping: records) { String($0.problem.rawValue.split(separator: "/").first ?? "") }
        byDataset = groups.mapValues { ComparisonSummary(records: $0, arms: arms, budgets: budgets) }
        notes = [
            "solved = the chosen answer passes the problem's full ground-truth suite; the reward used \(rewardTests) tests"
                + (oracle ? " (ORACLE: the reward saw the tests that decide solved)" : ", never the hidden ones"),
            "intervals are 95% percentile bootstraps over problems; the paired test is McNemar's exact test on the problems every arm finished",
            "an arm may overshoot its budget by up to one request or rollout; mean tokens show what each really spent",
            "greedy-direct runs once per problem and is repeated at every budget",
            "one model, one seed: the spread across seeds is not measured here",
            "records holds every cell; bench-search refills a missing ledger from this file and goes on from there",
        ]
    }

    public func json() throws -> String {
        let encoder = JSONCoding.encoder(.document)
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f", x * 100) }

    /// A plain table, one row per budget and arm.
    public func text() -> String {
        var lines = ["reward tests: \(rewardTests)\(oracle ? " (ORACLE)" : "") · problems with every cell: \(overall.completeProblems)"]
        lines.append("budget  arm                    solved        rate   95% CI         mean tokens  mean s")
        for c in overall.cells {
            lines.append(
                String(format: "%6d  ", c.budget) + c.arm.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + String(
                        format: " %4d/%-4d  %5@%%  [%5@, %5@]  %11.0f  %6.1f", c.solved, c.problems,
                        Self.percent(c.rate) as NSString, Self.percent(c.interval.lower) as NSString,
                        Self.percent(c.interval.upper) as NSString, c.meanTokens, c.meanSeconds))
        }
        for p in overall.paired {
            lines.append(
                "budget \(p.budget): \(p.first.rawValue) vs \(p.second.rawValue) on \(p.problems) problems: only first \(p.test.onlyFirst), only second \(p.test.onlySecond), McNemar p = \(String(format: "%.3g", p.test.pValue))")
        }
        return lines.joined(separator: "\n")
    }

    /// A self-contained page: the chart, the table and the notes.
    public func html() -> String {
        let series = arms.sorted().map { arm in
            BudgetCurveChart.Series(
                name: arm.rawValue,
                points: overall.cells.filter { $0.arm == arm && $0.problems > 0 }.map {
                    .init(budget: $0.budget, rate: $0.rate, lower: $0.interval.lower, upper: $0.interval.upper)
                })
        }
        let chart = BudgetCurveChart(
            title: "Solved (hidden tests) vs generated-token budget, \(overall.completeProblems) problems, reward: \(rewardTests)",
            series: series)
        let rows = overall.cells.map { c in
            "<tr><td>\(c.budget)</td><td>\(c.arm.rawValue)</td><td>\(c.solved)/\(c.problems)</td><td>\(Self.percent(c.rate))%</td><td>[\(Self.percent(c.interval.lower)), \(Self.percent(c.interval.upper))]</td><td>\(Int(c.meanTokens))</td></tr>"
        }.joined()
        let notesHTML = notes.map { "<li>\(HTMLEscaping.escape($0))</li>" }.joined()
        return """
            <!doctype html><html><head><meta charset="utf-8"><title>O1Coder compute-matched comparison</title>
            <style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>
            <h1>Compute-matched comparison</h1>\(chart.svg())
            <table><tr><th>budget</th><th>arm</th><th>solved</th><th>rate</th><th>95% CI</th><th>mean tokens</th></tr>\(rows)</table>
            <ul>\(notesHTML)</ul></body></html>

            """
    }
}
