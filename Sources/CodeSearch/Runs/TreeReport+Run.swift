import Foundation
import O1CoderCore
public import Reports
public import RunStorage

extension TreeReport {
    /// The report of a stored search run: its provenance and totals, and every problem's tree
    /// with each node's verdicts (Reports stays pure; the store is read here).
    public init(run: RunRecord, store: RunStore) throws {
        let id = run.id ?? 0
        let problems = try store.problems(run: id)
        let totals = RunTotals(problems)
        var summary: [TreeReport.SummaryItem] = [
            .init("run", "\(id) (\(run.kind.rawValue), \(run.statusDescription))"),
            .init("model", "\(run.modelName) \(run.modelSHA256.map { "sha256 " + $0.prefix(12) } ?? "")"),
            .init("dataset", "\(run.datasetName) \(run.datasetPath)"),
            .init("solved", "\(totals.solved) / \(totals.problems)"),
            .init("generated tokens", "\(totals.generatedTokens)"),
            .init("prompt tokens evaluated / reused", "\(totals.promptTokensEvaluated) / \(totals.promptTokensReused)"),
            .init("seed", "\(UInt64(bitPattern: run.seed))"),
        ]
        // The recorded settings as rows; a configuration this version cannot read stays as its JSON.
        let settings = (try? JSONCoding.decoder().decode(SearchRunConfiguration.self, from: Data(run.configuration.utf8)))?.settings
        summary += settings?.map { TreeReport.SummaryItem($0.0, $0.1) } ?? [.init("configuration", run.configuration)]
        let trees = try problems.map { p in
            let executions = try store.executions(run: id, problem: p.problemId)
            let nodes = try store.nodes(run: id, problem: p.problemId).map { n in
                TreeReport.Node(
                    index: n.nodeIndex, parent: n.parentIndex, depth: n.depth, action: n.action, text: n.text,
                    visits: n.visits, value: n.meanValue, reward: n.reward, isTerminal: n.isTerminal,
                    verdicts: executions.filter { $0.nodeIndex == n.nodeIndex }.map {
                        "\($0.scope.rawValue) tests: \($0.verdict.rawValue) (pass rate \(String(format: "%.2f", $0.passRate)))"
                    })
            }
            let prompt = p.problem.prompt
            return TreeReport.ProblemTree(
                id: p.problemId, prompt: prompt, solved: p.solved, bestReward: p.bestReward, rollouts: p.rollouts,
                generatedTokens: p.generatedTokens, nodes: nodes)
        }
        self.init(title: "O1Coder run \(id)", summary: summary, problems: trees)
    }
}
