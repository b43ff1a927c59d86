public import ArgumentParser
public import CodeSearch
import CommandOptions
import Datasets
import Execution
import Foundation
import Inference
import Logging
import O1CoderCore
import Reasoning
import RunStorage
import Search

extension SearchPreset: ExpressibleByArgument {}
extension SearchTestsSource: ExpressibleByArgument {}
extension TreePolicy: ExpressibleByArgument {}

/// `o1coder search`: MCTS runs into the store (``SearchRun``), new or resumed.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "MCTS over pseudocode reasoning steps, rewarded by sandboxed tests; writes a run to the store.",
        discussion: """
            Each problem's tree is stored in one transaction when it finishes: a run killed at any \
            moment resumes with `o1coder search --resume RUN` without losing or repeating finished problems.
            Examples:
              o1coder search --dataset mbpp --split test --limit 5 --model qwen2.5-coder-0.5b-instruct
              o1coder search --preset faithful --dataset humaneval --limit 2
              o1coder search --resume 3
              o1coder search --dataset mbpp --split test --limit 5 --reward-tests generated --generated-tests tests.jsonl
            The reward never sees the tests that decide "solved" unless --reward-tests oracle is given (the \
            original O1-CODER setting; its results are labelled oracle). With a non-oracle reward every terminal \
            is also verified on the ground truth, and the run reports the reward's precision and recall.
            """)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(help: "Search preset.") var preset: SearchPreset = .standard
    @Option(help: "Rollouts per problem (preset default 15).") var rollouts: Int?
    @Option(help: "Maximum steps per path (preset default 5).") var maxDepth: Int?
    @Option(help: "Samples per expansion (preset default 3).") var width: Int?
    @Option(help: "UCT exploration constant (faithful 2.0, standard 1.0).") var exploration: Double?
    @Option(
        name: .customLong("selection"),
        help: "Tree policy: uct, or puct with the policy's length-normalised log-probability as prior (preset default uct).")
    var treePolicy: TreePolicy?
    @Option(help: "Stop a problem after this many generated tokens.") var tokenBudget: Int?
    @OptionGroup var sampling: SamplingOptions<StepSampling>
    @Option(help: "Problems searched at once (sandbox runs overlap with generation).") var problemsInFlight: Int = 2
    @Option(help: "Resume this run id (its recorded configuration is used; other options are ignored).") var resume: RunID?
    @Option(
        name: [.customLong("reward-tests"), .customLong("tests")],
        help: "Tests that reward the search: public (shown in the statement), generated (TCG), public+generated, or oracle (a seeded subset of the hidden tests).")
    var tests: SearchTestsSource = .public
    @Option(help: ArgumentHelp("Tests JSONL from `o1coder tcg generate` (with --tests generated).", valueName: "path"))
    var generatedTests: String?
    @Option(help: ArgumentHelp("A process reward model (o1coder train prm NAME) that shapes PUCT's priors (implies --selection puct).", valueName: "name"))
    var prm: String?
    @Option(help: "Share of the prior the PRM decides (0: the policy's alone, 1: the PRM's alone).") var prmWeight = 0.5
    @Option(help: ArgumentHelp("Few-shot examples from this file (the bundled format) instead of the bundled ones.", valueName: "path"))
    var fewShotFile: String?

    func validate() throws {
        if prm != nil, treePolicy == .uct {
            throw ValidationError("--prm shapes PUCT's priors, which UCT ignores: drop --selection uct.")
        }
        guard (0...1).contains(prmWeight) else { throw ValidationError("--prm-weight must be in [0, 1].") }
        if tests.needsGeneratedTests, generatedTests == nil, resume == nil {
            throw ValidationError("--reward-tests \(tests.rawValue) needs --generated-tests FILE (written by `o1coder tcg generate`).")
        }
        if !tests.needsGeneratedTests, generatedTests != nil {
            throw ValidationError("--generated-tests is only used with --reward-tests generated or public+generated.")
        }
    }

    func configurationFromOptions(datasetPath: String) -> SearchRunConfiguration {
        var c = sampling.applied(to: preset.configuration)
        if let rollouts { c.search.rollouts = rollouts }
        if let maxDepth { c.search.maxDepth = maxDepth }
        if let width { c.search.width = width }
        c.search.selection = TreePolicy.selection(
            treePolicy, preset: c.search.selection, exploration: exploration, hasProcessReward: prm != nil)
        if let prm { c.processReward = ProcessRewardGuidance(model: prm, weight: prmWeight) }
        if let tokenBudget { c.search.tokenBudget = tokenBudget }
        c.limits = sandboxOptions.limits()
        return SearchRunConfiguration(
            preset: preset, codeSearch: c, dataset: selection.dataset, path: datasetPath, split: selection.split,
            limit: selection.limit, problems: selection.problemIDs, model: modelOptions.model,
            contextLength: modelOptions.contextLength, threads: modelOptions.threads, rewardTests: tests,
            generatedTestsPath: generatedTests,
            generatedTestsSHA256: generatedTests.flatMap { try? SHA256.hex(ofFile: $0) },
            fewShotPath: fewShotFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            fewShotSHA256: fewShotFile.flatMap { try? SHA256.hex(ofFile: $0) })
    }

    func run() async throws {
        let logger = modelOptions.logger
        let store = try storeOptions.open()
        if let fewShotFile, resume == nil { try UsageErrors.requireExisting(fewShotFile, "few-shot file") }
        let run = try startOrResume(store: store)
        let config = run.configuration
        let options = modelOptions.replaying(config)
        let loaded = try UsageErrors.mapped {
            try config.selection(options: selection.selection().options).load(log: StandardError.write)
        }
        try UsageErrors.mapped { try run.validate() }
        let model = try await options.makeLanguageModel(parallel: config.codeSearch.search.width)
        let rewardTests = try UsageErrors.mapped { try config.rewardTests(for: loaded.problems, log: StandardError.write) }
        let fewShot = try UsageErrors.mapped { try config.fewShotLibrary(log: StandardError.write) }
        try await sandboxOptions.withSandbox(logger: logger) { sandbox in
            // EvalPlus suites get their expected outputs first, so "solved" means base + plus tests.
            let complete = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
            let problems = try await run.prepare(complete, rewardTests: rewardTests, sandbox: sandbox, log: StandardError.write)
            let searcher = ProblemSearcher(
                generator: StepGenerator(model: model, prompts: PromptBuilder(library: fewShot)),
                sandbox: sandbox, configuration: config.codeSearch, rewardTests: rewardTests,
                processRewards: try await options.processRewardModel(for: config.codeSearch.processReward))
            let interrupt = InterruptHandler { try? store.setStatus(.interrupted, run: run.id) }
            defer { interrupt.cancel() }
            let already = try run.finishedCount()
            StandardError.write("run \(run.id): \(problems.count) problems (\(already) already done) from \(loaded.path), isolation \(sandbox.isolation.rawValue)")
            let reporter = ProgressReporter(label: "search")
            try await run.search(problems, with: searcher, problemsInFlight: problemsInFlight) { reporter.update($0) }
        }
        for line in try run.finish(rewardTests: rewardTests).lines(store: storeOptions.store) { print(line) }
    }

    /// A new run from the options, or `--resume`'s recorded one.
    func startOrResume(store: RunStore) throws -> SearchRun {
        if let resume { return try SearchRun.resume(resume, in: store) }
        // Absolute, so that --resume works from any directory.
        let path = URL(fileURLWithPath: try UsageErrors.mapped { try selection.selection().resolvedPath() }).standardizedFileURL.path
        return try SearchRun.create(
            configurationFromOptions(datasetPath: path), seed: sampling.seed, model: try modelOptions.modelSpec(),
            toolVersion: O1CoderVersion.string, in: store)
    }

}
