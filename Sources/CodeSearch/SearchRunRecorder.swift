public import O1CoderCore
import Inference
import Reasoning
public import RunStorage
import Search
public import Foundation

/// Turns a problem's search result into run-store records (pure).
public enum SearchRunRecorder {
    public static func records(
        for result: ProblemSearchResult, run: RunID, finishedAt: Date
    ) -> (problem: ProblemRecord, nodes: [NodeRecord], executions: [ExecutionRecord]) {
        let pid = result.problem.id
        let tree = result.outcome.tree
        let nodes = tree.nodes.map { n in
            NodeRecord(
                runId: run, problemId: pid, nodeIndex: n.id.rawValue, parentIndex: n.parent?.rawValue, depth: n.depth,
                action: n.step?.action, text: n.step?.text, visits: n.visits, totalValue: n.totalValue,
                reward: n.reward, prior: n.prior, generatedTokens: n.generatedTokens, logProb: n.logProb,
                isTerminal: n.isTerminal, createdInRollout: n.createdInRollout)
        }
        var executions: [ExecutionRecord] = []
        func record(_ id: NodeID, _ report: ProgramReport, _ scope: ExecutionScope) -> ExecutionRecord {
            ExecutionRecord(
                runId: run, problemId: pid, nodeIndex: id.rawValue, scope: scope, verdict: report.verdict.kind,
                passRate: report.passRate, tests: report.tests, code: result.codes[id] ?? "")
        }
        for (id, report) in result.searchReports.sorted(by: { $0.key < $1.key }) {
            executions.append(record(id, report, .search))
        }
        for (id, report) in result.fullReports.sorted(by: { $0.key < $1.key }) {
            executions.append(record(id, report, .full))
        }
        let stats = result.outcome.statistics
        var bare = result.problem
        bare.tests = TestSuite(cases: [])
        let problem = ProblemRecord(
            runId: run, problemId: pid, problem: bare, solved: result.isSolved, bestReward: stats.bestReward, rollouts: stats.rollouts,
            generatedTokens: stats.generatedTokens, promptTokensEvaluated: result.usage.promptTokensEvaluated,
            promptTokensReused: result.usage.promptTokensReused, firstSolutionRollout: stats.firstSolutionRollout,
            stopReason: result.outcome.stopReason.rawValue, seconds: result.seconds, finishedAt: finishedAt)
        return (problem, nodes, executions)
    }
}
