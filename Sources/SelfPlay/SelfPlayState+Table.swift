import TestGeneration
import Foundation
import O1CoderCore

extension SelfPlayState {
    /// One row per round: policy, searched problems solved, SFT records and the held-out pass@1
    /// with its 95% Wilson interval; a round's note goes on the line after it.
    public var table: [String] {
        var lines = ["round  policy                          searched-solved  sft  held-out pass@1 (95% Wilson)"]
        for r in rounds {
            let searched = r.data.map { "\($0.solvedProblems)/\($0.searchedProblems)" } ?? "-"
            let evaluation = r.evaluation.map {
                String(format: "%d/%d = %.1f%% [%.1f, %.1f]", $0.solved, $0.problems, 100 * Double($0.solved) / Double(max(1, $0.problems)),
                       100 * $0.interval.lower, 100 * $0.interval.upper)
            } ?? "-"
            lines.append(String(r.index).padding(toLength: 7, withPad: " ", startingAt: 0)
                + (r.policy ?? "-").padding(toLength: 32, withPad: " ", startingAt: 0)
                + searched.padding(toLength: 17, withPad: " ", startingAt: 0)
                + String(r.data?.sftRecords ?? 0).padding(toLength: 5, withPad: " ", startingAt: 0) + evaluation)
            if let e = r.evaluation, e.aspr != nil || e.search != nil {
                var more: [String] = []
                if let a = e.aspr {
                    more.append(
                        "held-out ASPR m=\(a.prefixes) n=\(a.completions): " + (a.value.map { String(format: "%.1f%%", 100 * $0) } ?? "n/a")
                            + " (\(a.problemsWithCorrectPrefix)/\(a.problems) problems with a correct prefix)")
                }
                if let m = e.search {
                    more.append(
                        String(format: "MCTS at %d tokens: %d/%d = %.1f%% [%.1f, %.1f]", m.budget, m.solved, m.problems,
                               100 * Double(m.solved) / Double(max(1, m.problems)), 100 * m.interval.lower, 100 * m.interval.upper))
                }
                lines.append("       " + more.joined(separator: " · "))
            }
            if let t = r.tests {
                lines.append("       TCG: \(t.tests) tests by \(t.generator) for \(t.problemsWithTests)/\(t.problems) training problems")
            }
            if let m = r.data?.rewardAgreement, m.total > 0 {
                func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", 100 * $0) } ?? "n/a" }
                lines.append(
                    "       reward vs hidden tests over \(m.total) terminals: precision \(percent(m.precision)), recall \(percent(m.recall))")
            }
            if let note = r.note { lines.append("       \(note)") }
        }
        return lines
    }
}
