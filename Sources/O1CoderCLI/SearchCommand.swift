import ArgumentParser
import CodeSearch
import Datasets
import Execution
import Foundation
import Inference
import Logging
import O1CoderCore
import Reasoning
import RunStorage
import Search
import TestGeneration

/// The search presets of `--preset`.
enum SearchPreset: String, ExpressibleByArgument, CaseIterable, Codable, Sendable {
    /// O1-CODER's released defaults and quirks (15 rollouts, depth 5, width 3, c = 2.0, α = 0).
    case faithful
    /// Ours (see README: terminals exhausted, duplicates merged, early stop, α = 0.1, c = 1).
    case standard

    var configuration: CodeSearchConfiguration { self == .faithful ? .faithful : .standard }
}

/// The tests that reward the search (`--reward-tests`).
enum SearchTestsSource: String, ExpressibleByArgument, CaseIterable, Codable, Sendable {
    /// The tests the statement shows (docstring examples, the prompt's assert, sample I/O).
    case `public`
    /// Tests from `o1coder tcg generate` (`--generated-tests FILE`).
    case generated
    case publicAndGenerated = "public+generated"
    /// A seeded subset of the ground-truth tests (O1-CODER's setting): oracle-assisted.
    case oracle

    /// Runs recorded before public tests existed said `ground-truth`: the oracle.
    init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = raw == "ground-truth" ? .oracle : Self(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown reward tests \(raw)"))
        }
        self = value
    }

    var needsGeneratedTests: Bool { self == .generated || self == .publicAndGenerated }
}

/// `--selection`.
enum TreePolicy: String, ExpressibleByArgument, CaseIterable, Sendable {
    case uct
    case puct
}

/// What a search run records so that `--resume` continues it exactly.
struct SearchRunConfiguration: Codable, Sendable, Equatable {
    var preset: SearchPreset
    var codeSearch: CodeSearchConfiguration
    var dataset: DatasetName
    var path: String
    var split: [MBPPSplit]
    var limit: Int?
    var problems: [String]
    var model: String
    var contextLength: Int
    var threads: Int
    /// Reward tests (nil in runs recorded before `--tests` existed: the oracle).
    var rewardTests: SearchTestsSource?
    var generatedTestsPath: String?
    var generatedTestsSHA256: String?
}

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
    @Option(help: "Sampling temperature (default 0.8).") var temperature: Double?
    @Option(help: "Maximum tokens per step (default 512).") var maxTokens: Int?
    @Option(help: "Seed of the search and of sampling.") var seed: UInt64 = 42
    @Option(help: "Problems searched at once (sandbox runs overlap with generation).") var problemsInFlight: Int = 2
    @Option(help: "Resume this run id (its recorded configuration is used; other options are ignored).")
    var resume: Int64?
    @Flag(help: "Show llama.cpp's log.") var verbose = false
    @Option(
        name: [.customLong("reward-tests"), .customLong("tests")],
        help: "Tests that reward the search: public (shown in the statement), generated (TCG), public+generated, or oracle (a seeded subset of the hidden tests).")
    var tests: SearchTestsSource = .public
    @Option(help: ArgumentHelp("Tests JSONL from `o1coder tcg generate` (with --tests generated).", valueName: "path"))
    var generatedTests: String?
    @Option(help: ArgumentHelp("A process reward model (o1coder train prm NAME) that shapes PUCT's priors (implies --selection puct).", valueName: "name"))
    var prm: String?
    @Option(help: "Share of the prior the PRM decides (0: the policy's alone, 1: the PRM's alone).") var prmWeight = 0.5

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
        var c = preset.configuration
        c.search.seed = seed
        c.sampling.seed = seed
        if let rollouts { c.search.rollouts = rollouts }
        if let maxDepth { c.search.maxDepth = maxDepth }
        if let width { c.search.width = width }
        let c0 = exploration ?? c.search.selection.exploration
        switch treePolicy {
        case .puct: c.search.selection = .puct(exploration: c0)
        case .uct: c.search.selection = .uct(exploration: c0)
        case nil:
            c.search.selection = prm != nil || c.search.selection == .puct(exploration: c.search.selection.exploration)
                ? .puct(exploration: c0) : .uct(exploration: c0)
        }
        if let prm { c.processReward = ProcessRewardGuidance(model: prm, weight: prmWeight) }
        if let tokenBudget { c.search.tokenBudget = tokenBudget }
        c.limits = sandboxOptions.limits()
        if let temperature { c.sampling.temperature = temperature }
        if let maxTokens { c.sampling.maxTokens = maxTokens }
        return SearchRunConfiguration(
            preset: preset, codeSearch: c, dataset: selection.dataset, path: datasetPath, split: selection.split,
            limit: selection.limit, problems: selection.problemIDs, model: modelOptions.model,
            contextLength: modelOptions.contextLength, threads: modelOptions.threads, rewardTests: tests,
            generatedTestsPath: generatedTests,
            generatedTestsSHA256: generatedTests.flatMap { try? DatasetLoader.sha256(ofFile: $0) })
    }

    func run() async throws {
        let logger = CLILogger.make(verbose: verbose)
        let store = try storeOptions.open()
        let (runID, config) = try resolveRun(store: store)
        var select = selection
        select.dataset = config.dataset
        select.path = config.path
        select.split = config.split
        select.limit = config.limit
        select.problemIDs = config.problems
        let loaded = try select.loadFile()
        let errors = config.codeSearch.search.validationErrors()
        guard errors.isEmpty else { throw ValidationError(errors.joined(separator: "; ")) }

        var options = modelOptions
        options.model = config.model
        options.contextLength = config.contextLength
        options.threads = config.threads
        let model = try await options.makeLanguageModel(parallel: config.codeSearch.search.width, logger: logger)
        let rewardTests = try Self.rewardTests(config, problems: loaded.problems)
        try await sandboxOptions.withSandbox(logger: logger) { sandbox in
            let generator = StepGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled()))
            let prepared = try await rewardTests.prepare(loaded.problems, sandbox: sandbox, limits: config.codeSearch.limits)
            let problems = prepared.problems
            if rewardTests.usesPublicTests {
                StandardError.write("public tests: \(prepared.dropped) dropped (the reference fails them); \(prepared.withoutTests) problems without any (compile-only reward there)")
            }
            var processRewards: (any ProcessRewardModel)?
            if let guidance = config.codeSearch.processReward {
                var prmOptions = options
                prmOptions.model = guidance.model
                prmOptions.adapters = []
                processRewards = LlamaProcessRewardModel(engine: try await prmOptions.makeLlamaEngine(parallel: 1, logger: logger))
                StandardError.write("PRM \(guidance.model) shapes the priors (weight \(guidance.weight))")
            }
            let searcher = ProblemSearcher(
                generator: generator, sandbox: sandbox, configuration: config.codeSearch, rewardTests: rewardTests,
                processRewards: processRewards)
            let runner = SearchRunner(searcher: searcher, store: store, problemsInFlight: problemsInFlight)

            let interrupt = InterruptHandler { try? store.setStatus(.interrupted, run: runID) }
            defer { interrupt.cancel() }
            let already = try store.finishedProblemIDs(run: runID).count
            StandardError.write("run \(runID): \(problems.count) problems (\(already) already done) from \(loaded.path), isolation \(sandbox.isolation.rawValue)")
            let start = ContinuousClock.now
            let startCount = already
            try await runner.run(runID, problems: problems) { id, result, finished, total in
                let elapsed = (ContinuousClock.now - start) / .seconds(1)
                let done = finished - startCount
                let eta = done > 0 ? elapsed / Double(done) * Double(total - finished) : 0
                let s = result.outcome.statistics
                StandardError.write(
                    "[\(finished)/\(total)] \(id) \(result.isSolved ? "solved" : "unsolved") · best \(String(format: "%.2f", s.bestReward)) · \(s.rollouts) rollouts · \(s.generatedTokens) tokens · prompt reused \(result.usage.promptTokensReused)/\(result.usage.promptTokensReused + result.usage.promptTokensEvaluated) · few-shot copy \(Int((result.fewShotOverlap * 100).rounded()))% (\(result.copiedSteps) steps ≥ 50%) · ETA \(Int(eta))s"
                        + (result.rewardAgreement.map { " · \(RewardAgreement.summary($0))" } ?? ""))
            }
        }
        try store.setStatus(.finished, run: runID)
        let rows = try store.problems(run: runID)
        let solved = rows.filter(\.solved).count
        print("run \(runID): solved \(solved)/\(rows.count)\(rewardTests.isOracle ? " (oracle: the reward saw hidden tests)" : "") · reward tests \(rewardTests.name) · generated tokens \(rows.reduce(0) { $0 + $1.generatedTokens }) · store \(storeOptions.store)")
        if !rewardTests.isOracle {
            var matrix = AgreementMatrix()
            for row in rows { matrix = matrix + RewardAgreement.matrix(executions: try store.executions(run: runID, problem: row.problemId)) }
            print("run \(runID): \(RewardAgreement.summary(matrix))")
        }
    }

    /// The reward tests of a run (runs recorded before the choice existed used the oracle).
    static func rewardTests(_ config: SearchRunConfiguration, problems: [Problem]) throws -> RewardTests {
        let source = config.rewardTests ?? .oracle
        let rewardTests: RewardTests
        switch source {
        case .oracle: return .oracle
        case .public: rewardTests = .public
        case .generated, .publicAndGenerated:
            guard let path = config.generatedTestsPath else {
                throw ValidationError("This run rewards with generated tests but recorded no --generated-tests file.")
            }
            let suites = try TCGTestsFile.suites(path)
            if let recorded = config.generatedTestsSHA256, let now = try? DatasetLoader.sha256(ofFile: path), recorded != now {
                StandardError.write("warning: \(path) changed since the run started (sha256 \(recorded.prefix(12))… → \(now.prefix(12))…)")
            }
            rewardTests = source == .generated ? .generated(suites) : .publicAndGenerated(suites)
        }
        let without = problems.filter { !rewardTests.hasTests(for: $0) }.count
        StandardError.write(
            "reward: \(rewardTests.name) tests (\(problems.count - without) problems with tests"
                + (without > 0 ? ", \(without) without: no test reward there" : "") + ")")
        return rewardTests
    }

    /// Creates a new run, or loads the recorded configuration of `--resume`.
    func resolveRun(store: RunStore) throws -> (Int64, SearchRunConfiguration) {
        if let resume {
            let run = try storeOptions.run(resume, in: store)
            let config = try JSONDecoder().decode(SearchRunConfiguration.self, from: Data(run.configuration.utf8))
            try store.setStatus(.running, run: resume)
            return (resume, config)
        }
        // Absolute, so that --resume works from any directory.
        let path = URL(fileURLWithPath: try selection.resolvedPath()).standardizedFileURL.path
        let config = configurationFromOptions(datasetPath: path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let spec = try modelOptions.modelSpec()
        let run = try store.createRun(
            RunRecord(
                kind: "search", status: .running, createdAt: Date(),
                configuration: String(decoding: try encoder.encode(config), as: UTF8.self),
                seed: Int64(bitPattern: seed), toolVersion: O1CoderVersion.string, modelName: spec.name,
                modelSHA256: spec.sha256, datasetName: config.dataset.rawValue, datasetPath: path,
                datasetSHA256: try DatasetLoader.sha256(ofFile: path)))
        return (run.id ?? 0, config)
    }
}

