import ArgumentParser
import Foundation
import O1CoderCore
import Reports
import RunStorage
import TrainingData

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a search run with every problem's tree.",
        discussion: "Nodes are coloured by value (red 0 → green 1) and sized by visits; select one to see its step and verdicts.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Run id.") var runID: Int64
    @Option(help: ArgumentHelp("Output HTML file.", valueName: "path")) var html: String = "report.html"

    func run() throws {
        let store = try storeOptions.open()
        let record = try storeOptions.run(runID, in: store)
        let report = try RunReportAssembly.treeReport(run: record, store: store)
        try JSONLEncoding.writeAtomically(try HTMLReport.render(report), to: html)
        StandardError.write("wrote \(html) (\(report.problems.count) problems)")
        print(html)
    }
}

/// Builds report values from store records (the CLI is where concrete pieces meet).
enum RunReportAssembly {
    static func treeReport(run: RunRecord, store: RunStore) throws -> TreeReport {
        let id = run.id ?? 0
        let problems = try store.problems(run: id)
        let solved = problems.filter(\.solved).count
        let tokens = problems.reduce(0) { $0 + $1.generatedTokens }
        let evaluated = problems.reduce(0) { $0 + $1.promptTokensEvaluated }
        let reused = problems.reduce(0) { $0 + $1.promptTokensReused }
        let summary: [TreeReport.SummaryItem] = [
            .init("run", "\(id) (\(run.kind), \(run.status.rawValue))"),
            .init("model", "\(run.modelName) \(run.modelSHA256.map { "sha256 " + $0.prefix(12) } ?? "")"),
            .init("dataset", "\(run.datasetName) \(run.datasetPath)"),
            .init("solved", "\(solved) / \(problems.count)"),
            .init("generated tokens", "\(tokens)"),
            .init("prompt tokens evaluated / reused", "\(evaluated) / \(reused)"),
            .init("seed", "\(UInt64(bitPattern: run.seed))"),
            .init("configuration", run.configuration),
        ]
        let trees = try problems.map { p in
            let executions = try store.executions(run: id, problem: p.problemId)
            let nodes = try store.nodes(run: id, problem: p.problemId).map { n in
                TreeReport.Node(
                    index: n.nodeIndex, parent: n.parentIndex, depth: n.depth, action: n.action, text: n.text,
                    visits: n.visits, value: n.meanValue, reward: n.reward, isTerminal: n.isTerminal,
                    verdicts: executions.filter { $0.nodeIndex == n.nodeIndex }.map {
                        "\($0.scope.rawValue) tests: \($0.verdict) (pass rate \(String(format: "%.2f", $0.passRate)))"
                    })
            }
            let prompt = (try? JSONDecoder().decode(Problem.self, from: Data(p.problem.utf8)))?.prompt ?? ""
            return TreeReport.ProblemTree(
                id: p.problemId, prompt: prompt, solved: p.solved, bestReward: p.bestReward, rollouts: p.rollouts,
                generatedTokens: p.generatedTokens, nodes: nodes)
        }
        return TreeReport(title: "O1Coder run \(id)", summary: summary, problems: trees)
    }
}
