import ArgumentParser
import CodeSearch
import Datasets
import Execution
import Foundation
import Inference
import O1CoderCore
import Reasoning
import RunStorage
import Search

/// Hidden `o1coder bench-search`: MCTS against best-of-N sampling at the same generated-token
/// budget, on the same problems, in one run. The MCTS half is a normal search run in the store
/// (resumable); best-of-N then spends, per problem, the tokens the search spent there.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "MCTS vs best-of-N sampling at equal tokens; JSON on stdout and in --out.",
        shouldDisplay: false)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "Run store for the MCTS half (resumable).") var store: String = "o1coder-runs/bench-search.sqlite"
    @Option(help: "Resume this MCTS run id instead of starting one.") var resume: Int64?
    @Option(help: "Rollouts per problem.") var rollouts: Int = 15
    @Option(help: "Maximum tokens per step / per answer.") var maxTokens: Int = 384
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "Result file.") var out: String = "bench/results/search.json"

    struct Report: Encodable {
        struct Arm: Encodable {
            var solved: Int
            var solvedRate: Double
            var generatedTokens: Int
            var tokensPerSolved: Double?
        }
        var date: String
        var model: String
        var dataset: String
        var problems: Int
        var run: Int64
        var configuration: CodeSearchConfiguration
        var mcts: Arm
        var bestOfN: Arm
        var bestOfNAnyPassesSearchTests: Int
        var perProblem: [Row]
        struct Row: Encodable {
            var problem: String
            var mctsSolved: Bool
            var mctsTokens: Int
            var bestOfNSolved: Bool
            var bestOfNTokens: Int
            var bestOfNSamples: Int
        }
    }

    func run() async throws {
        let logger = CLILogger.make(verbose: false)
        let loaded = try selection.loadFile()
        var config = CodeSearchConfiguration.standard
        config.search.rollouts = rollouts
        config.search.seed = seed
        config.sampling.seed = seed
        config.sampling.maxTokens = maxTokens
        let runStore = try RunStore(path: store)
        let spec = try modelOptions.modelSpec()
        let model = try await modelOptions.makeLanguageModel(parallel: config.search.width, logger: logger)
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(), logger: logger)
        let prompts = PromptBuilder(library: try FewShotLibrary.bundled())

        let runID: Int64
        if let resume {
            runID = resume
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            runID = try runStore.createRun(
                RunRecord(
                    kind: "bench-search", status: .running, createdAt: Date(),
                    configuration: String(decoding: try encoder.encode(config), as: UTF8.self),
                    seed: Int64(bitPattern: seed), toolVersion: O1CoderVersion.string, modelName: spec.name,
                    modelSHA256: spec.sha256, datasetName: loaded.dataset.rawValue, datasetPath: loaded.path,
                    datasetSHA256: loaded.sha256)).id ?? 0
        }
        let searcher = ProblemSearcher(
            generator: StepGenerator(model: model, prompts: prompts), sandbox: sandbox, configuration: config)
        try await SearchRunner(searcher: searcher, store: runStore, problemsInFlight: 2).run(runID, problems: loaded.problems) {
            id, result, finished, total in
            StandardError.write("[mcts \(finished)/\(total)] \(id) \(result.isSolved ? "solved" : "unsolved") · \(result.outcome.statistics.generatedTokens) tokens")
        }
        try runStore.setStatus(.finished, run: runID)

        let searched = Dictionary(uniqueKeysWithValues: try runStore.problems(run: runID).map { ($0.problemId, $0) })
        let baseline = BestOfNSampler(generator: AnswerGenerator(model: model, prompts: prompts), sandbox: sandbox, configuration: config)
        var rows: [Report.Row] = []
        var anyPass = 0
        for (i, problem) in loaded.problems.enumerated() {
            guard let m = searched[problem.id.rawValue] else { continue }
            let b = try await baseline.run(problem, tokenBudget: max(1, m.generatedTokens))
            if b.anyPassesSearchTests { anyPass += 1 }
            rows.append(
                .init(
                    problem: problem.id.rawValue, mctsSolved: m.solved, mctsTokens: m.generatedTokens,
                    bestOfNSolved: b.isSolved, bestOfNTokens: b.generatedTokens, bestOfNSamples: b.samples))
            StandardError.write("[best-of-n \(i + 1)/\(loaded.problems.count)] \(problem.id) \(b.isSolved ? "solved" : "unsolved") · \(b.samples) samples · \(b.generatedTokens) tokens")
        }
        await sandbox.shutdown()

        func arm(_ solved: Int, _ tokens: Int) -> Report.Arm {
            Report.Arm(
                solved: solved, solvedRate: rows.isEmpty ? 0 : Double(solved) / Double(rows.count), generatedTokens: tokens,
                tokensPerSolved: solved > 0 ? Double(tokens) / Double(solved) : nil)
        }
        let report = Report(
            date: ISO8601DateFormatter().string(from: Date()), model: spec.name, dataset: loaded.path, problems: rows.count,
            run: runID, configuration: config,
            mcts: arm(rows.filter(\.mctsSolved).count, rows.reduce(0) { $0 + $1.mctsTokens }),
            bestOfN: arm(rows.filter(\.bestOfNSolved).count, rows.reduce(0) { $0 + $1.bestOfNTokens }),
            bestOfNAnyPassesSearchTests: anyPass, perProblem: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        try OutputFile.write(json, to: out)
        print(json)
        StandardError.write(
            "MCTS solved \(report.mcts.solved)/\(rows.count) with \(report.mcts.generatedTokens) tokens; best-of-N solved \(report.bestOfN.solved)/\(rows.count) with \(report.bestOfN.generatedTokens) tokens")
    }
}
