public import ArgumentParser
public import CodeSearch
import CommandOptions
import Datasets
import Execution
import Foundation
import Inference
import Models
import O1CoderCore
import RunStorage
import Reasoning
import Search

extension ComparisonArm: ExpressibleByArgument {}

/// Hidden `o1coder bench-search`: the compute-matched comparison of MCTS with sampling
/// (``ComputeMatchedComparison``), resumable through its ledger; JSON and an HTML chart out.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "MCTS vs greedy and best-of-N at equal generated-token budgets; JSON, ledger and HTML chart.",
        discussion: """
            Every arm gets the same per-problem token budget, stop rule (an answer passes every reward \
            test), reward tests, answer selection and caps. Results are appended to --ledger as they \
            finish: rerun the same command to resume, or with more problems, arms or budgets to extend it. \
            The --out report holds every cell too: when the ledger is missing (a fresh clone), its cells \
            are restored from there first.
            """,
        shouldDisplay: false)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(parsing: .upToNextOption, help: "Arms to run.")
    var arms: [ComparisonArm] = [.greedyDirect, .bestOfNDirect, .bestOfNPseudocode, .mctsStandard]
    @Option(parsing: .upToNextOption, help: "Generated-token budgets per problem.") var budgets: [Int] = [2000, 4000]
    @Option(help: "Reward tests: public, generated, public+generated or oracle.") var rewardTests: SearchTestsSource = .public
    @Option(help: ArgumentHelp("Tests JSONL from `o1coder tcg generate`.", valueName: "path")) var generatedTests: String?
    @OptionGroup var sampling: SamplingOptions<StepSampling>
    @Option(help: ArgumentHelp("Run only problems i with i % N == K.", valueName: "K/N")) var shard: String?
    @Option(help: "Ledger of finished cells (JSONL; resumable and extensible).")
    var ledger: String = "bench/results/search-ledger.jsonl"
    @Option(help: "Summary JSON.") var out: String = "bench/results/search.json"
    @Option(help: "HTML page with the accuracy-vs-budget chart.") var html: String = "bench/results/search.html"
    @Flag(help: "Only summarise the ledger; load no model.") var summaryOnly = false
    @Option(help: ArgumentHelp("The PRM of the mcts-puct-prm arm (o1coder train prm NAME), recorded in the ledger's manifest.", valueName: "name"))
    var prm: String?
    @Option(help: "Share of the mcts-puct-prm arm's prior the PRM decides.") var prmWeight = 0.5

    func validate() throws {
        guard budgets.allSatisfy({ $0 > 0 }) else { throw ValidationError("--budgets must be positive.") }
        if rewardTests.needsGeneratedTests, generatedTests == nil {
            throw ValidationError("--reward-tests \(rewardTests.rawValue) needs --generated-tests FILE.")
        }
        if let shard, ShardSpec(shard) == nil { throw ValidationError("--shard takes K/N with 0 ≤ K < N, e.g. 0/4.") }
        if arms.contains(.mctsPUCTPRM), prm == nil, !summaryOnly {
            throw ValidationError("--arms mcts-puct-prm searches with a PRM: pass --prm NAME (a model from `o1coder train prm`).")
        }
        if prm != nil, !arms.contains(.mctsPUCTPRM) { throw ValidationError("--prm is used by the mcts-puct-prm arm only: add it to --arms.") }
        guard (0...1).contains(prmWeight) else { throw ValidationError("--prm-weight must be in [0, 1].") }
    }

    func run() async throws {
        let book = JSONLLedger<ComparisonRecord>(path: ledger)
        // The ledger stays out of git: on a fresh clone the committed report brings its cells back.
        switch try ComparisonReport.restore(book, fromReportAt: out) {
        case .nothing, .restored(cells: 0): break
        case .restored(let cells): StandardError.write("[bench-search] \(cells) finished cells restored from \(out) into \(ledger)")
        case .conflicting(let differences):
            StandardError.write("[bench-search] \(out) was made with other settings than \(ledger) (\(differences.joined(separator: ", "))): not restored, and overwritten below")
        }
        if !summaryOnly { try await measure(into: book) }
        let report = ComparisonReport(
            records: try book.records(), arms: arms, budgets: budgets, rewardTests: rewardTests.rawValue,
            manifest: ComparisonManifest.recorded(forLedger: ledger), ledger: ledger)
        try OutputFile.write(report.json(), to: out)
        try OutputFile.write(report.html(), to: html)
        print(report.text())
    }

    /// A trained PRM's identity: the sha256 of its adapter files (its base is the policy's family).
    static func identity(ofPRM name: String) throws -> String {
        let spec = try ModelStore.standard().resolve(name)
        let files = spec.adapters.isEmpty ? [spec.basePath] : spec.adapters.map(\.path)
        return try files.map { try SHA256.hex(ofFile: $0) }.joined(separator: "+")
    }

    /// Runs the cells the ledger does not have yet, checking first that it was made with these settings.
    func measure(into book: JSONLLedger<ComparisonRecord>) async throws {
        let loaded = try selection.loadFile()
        var problems = loaded.problems
        if let spec = shard.flatMap(ShardSpec.init) { problems = spec.select(problems) }
        let c = sampling.applied(to: .standard)
        let spec = try modelOptions.modelSpec()
        let guidance = prm.map { ProcessRewardGuidance(model: $0, weight: prmWeight) }
        let manifest = ComparisonManifest(
            model: spec.name, modelSHA256: spec.sha256 ?? "", rewardTests: rewardTests.rawValue, configuration: c,
            toolVersion: O1CoderVersion.string, processReward: guidance, processRewardSHA256: try prm.map(Self.identity(ofPRM:)))
        let differences = try manifest.openOrCheck(ledger: ledger)
        guard differences.isEmpty else {
            throw ValidationError("\(ledger) was made with other settings (\(differences.joined(separator: ", "))); pass another --ledger.")
        }
        let tests = try UsageErrors.mapped {
            try rewardTests.load(generatedTests: generatedTests, for: problems, log: StandardError.write)
        }
        let model = try await modelOptions.makeLanguageModel(parallel: c.search.width)
        var processRewards: (model: any ProcessRewardModel, guidance: ProcessRewardGuidance)?
        if let guidance, let prm = try await modelOptions.processRewardModel(for: guidance) { processRewards = (prm, guidance) }
        try await storeOptions.listing(
            .benchSearch, output: ledger, configuration: manifest, seed: sampling.seed, model: spec.name,
            modelSHA256: spec.sha256, dataset: loaded
        ) { try await ProcessSandbox.with(logger: modelOptions.logger) { sandbox in
            // EvalPlus suites get their expected outputs first, so "solved" means base + plus tests.
            let completed = Dictionary(
                try await selection.completeTests(of: loaded, sandbox: sandbox, workers: 2).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let problems = problems.map { completed[$0.id] ?? $0 }
            let comparison = ComputeMatchedComparison(
                model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled()), sandbox: sandbox,
                configuration: c, rewardTests: tests,
                arms: arms, budgets: budgets, ledger: book, processRewards: processRewards)
            let progress = ProgressReporter(label: "bench-search")
            try await comparison.run(problems) { record, done, total in
                progress.update(done: done, total: total, detail: record.progressDetail)
            }
        } }
    }
}
