import TestGeneration
import O1CoderCore
import Foundation
public import Reports

/// The self-play run as a page: per-round curves (held-out greedy pass@1 with its Wilson
/// interval, sampled pass@k, ASPR, MCTS solved at a fixed budget, the training search's solved rate) and a lineage table (which
/// policy searched, what data it produced, which model that trained).
public struct SelfPlayReport: Sendable {
    public var state: SelfPlayState

    public init(state: SelfPlayState) { self.state = state }

    /// The curves' series, one point per round that has the number.
    public var series: [BudgetCurveChart.Series] {
        let rounds = state.rounds
        var result = [
            BudgetCurveChart.Series(
                name: "held-out pass@1 (greedy)",
                points: rounds.compactMap { r in
                    r.evaluation.map { e in
                        .init(budget: r.index, rate: Self.rate(e.solved, e.problems), lower: e.interval.lower, upper: e.interval.upper)
                    }
                }),
            BudgetCurveChart.Series(
                name: "train search solved",
                points: rounds.compactMap { r in
                    guard let d = r.data, d.searchedProblems > 0 else { return nil }
                    let interval = ProportionInterval.wilson(successes: d.solvedProblems, trials: d.searchedProblems)
                    return .init(
                        budget: r.index, rate: Self.rate(d.solvedProblems, d.searchedProblems), lower: interval.lower,
                        upper: interval.upper)
                }),
        ]
        result.append(
            BudgetCurveChart.Series(
                name: "held-out ASPR",
                points: rounds.compactMap { r in r.evaluation?.aspr?.value.map { .init(budget: r.index, rate: $0, lower: $0, upper: $0) } }))
        result.append(
            BudgetCurveChart.Series(
                name: "held-out MCTS solved (fixed budget)",
                points: rounds.compactMap { r in
                    r.evaluation?.search.map { m in
                        .init(budget: r.index, rate: Self.rate(m.solved, m.problems), lower: m.interval.lower, upper: m.interval.upper)
                    }
                }))
        // How far the search's reward (public tests, plus the TCG's with it in the loop) can be
        // trusted: P(passes hidden tests | passes the reward tests) over the round's terminals.
        result.append(
            BudgetCurveChart.Series(
                name: "train reward precision (vs hidden tests)",
                points: rounds.compactMap { r in
                    guard let m = r.data?.rewardAgreement, let p = m.precision else { return nil }
                    let interval = ProportionInterval.wilson(successes: m.truePositives, trials: m.truePositives + m.falsePositives)
                    return .init(budget: r.index, rate: p, lower: interval.lower, upper: interval.upper)
                }))
        let ks = Set(rounds.flatMap { $0.evaluation?.sampled?.passAtK.keys.map { $0 } ?? [] }).sorted()
        for k in ks {
            result.append(
                BudgetCurveChart.Series(
                    name: "held-out pass@\(k) (sampled)",
                    points: rounds.compactMap { r in
                        r.evaluation?.sampled?.passAtK[k].map { .init(budget: r.index, rate: $0, lower: $0, upper: $0) }
                    }))
        }
        return result.filter { !$0.points.isEmpty }
    }

    static func rate(_ successes: Int, _ trials: Int) -> Double { trials > 0 ? Double(successes) / Double(trials) : 0 }

    public func html() -> String {
        let chart = BudgetCurveChart(
            title: "Self-play from \(state.basePolicy): held-out and training rates per round", series: series, xLabel: "round")
        func cell(_ text: String?) -> String { "<td>\(HTMLEscaping.escape(text ?? "—"))</td>" }
        let rows = state.rounds.map { r in
            let e = r.evaluation
            let data = r.data.map { "\($0.sftRecords) SFT (\($0.sftSHA256.prefix(12))), \($0.dpoRecords) DPO (\($0.dpoSHA256.prefix(12)))" }
            return "<tr>" + cell("\(r.index)") + cell(r.searchPolicy) + cell(r.data.map { "\($0.solvedProblems)/\($0.searchedProblems)" })
                + cell(data) + cell(r.sftModel) + cell(r.trainedModel)
                + cell(r.prm.map { p in (p.model ?? "none") + " (\(p.records) records, \(p.sha256.prefix(12)))" }) + cell(r.policy)
                + cell(e.map { "\($0.solved)/\($0.problems) [\(Self.percent($0.interval.lower)), \(Self.percent($0.interval.upper))]" })
                + cell(e?.sampled.map { s in s.passAtK.sorted { $0.key < $1.key }.map { "@\($0.key) \(Self.percent($0.value))" }.joined(separator: " ") })
                + cell(e?.aspr.map { a in (a.value.map(Self.percent) ?? "n/a") + " [\(a.problemsWithCorrectPrefix)/\(a.problems)]" })
                + cell(e?.search.map { m in "\(m.solved)/\(m.problems) @ \(m.budget) tokens" })
                + cell(r.note) + "</tr>"
        }.joined()
        return """
            <!doctype html><html><head><meta charset="utf-8"><title>O1Coder self-play</title>
            <style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #ddd}</style></head><body>
            <h1>Self-play</h1>\(chart.svg())
            <table><tr><th>round</th><th>searched with</th><th>train solved</th><th>data</th><th>SFT model</th><th>trained</th><th>PRM</th>\
            <th>policy</th><th>held-out pass@1 (95% Wilson)</th><th>sampled pass@k</th><th>ASPR [problems with a correct prefix]</th>\
            <th>MCTS solved</th><th>note</th></tr>\(rows)</table>
            <p>Held-out numbers are on the evaluation problems' hidden tests; the search's rewards used public tests only.
            Round 0 is the base policy.</p></body></html>

            """
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
