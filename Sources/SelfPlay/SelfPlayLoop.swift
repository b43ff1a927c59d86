public import CodeSearch
public import Execution
public import Inference
public import O1CoderCore
public import Reasoning
public import RunStorage
public import Training
public import TestGeneration
import Datasets
import Foundation
import Search
import TrainingData

/// The self-play loop of O1-CODER (spec 1.3): each round the current policy searches the
/// training problems, the search's verified traces train the next policy (SFT, then DPO on
/// pairs of a verified-correct against a verified-failing trace, ranked by φ), and every
/// policy is evaluated on held-out problems (greedy pass@1 on their hidden tests). Each stage is
/// recorded in ``SelfPlayState`` when it finishes and is itself resumable (the search run in
/// the store, the trainer's checkpoints, the evaluation's ledger), so a run killed anywhere
/// continues where it stopped, and a later run with more rounds extends it.
public struct SelfPlayLoop: Sendable {
    public typealias ModelProvider = @Sendable (String) async throws -> any LanguageModel
    public typealias ProcessRewardProvider = @Sendable (String) async throws -> any ProcessRewardModel

    public let configuration: SelfPlayConfiguration
    public let rewardTests: RewardTests
    /// Loads a policy by name (a registry or trained model).
    public let models: ModelProvider
    /// Loads a trained PRM by name (needed with ``SelfPlayConfiguration/processReward``).
    public let processRewardModels: ProcessRewardProvider?
    public let sandbox: any Sandbox
    public let store: RunStore
    public let trainer: any PolicyTrainer
    /// Holds `selfplay.json`, `configuration.json` and each round's data and evaluation ledger.
    public let directory: String
    /// The search's prompts (few-shot); exports and evaluation are zero-shot.
    public let searchPrompts: PromptBuilder
    public let zeroShot: PromptBuilder

    public init(
        configuration: SelfPlayConfiguration, rewardTests: RewardTests = .public, models: @escaping ModelProvider,
        processRewardModels: ProcessRewardProvider? = nil, sandbox: any Sandbox, store: RunStore, trainer: any PolicyTrainer,
        directory: String
    ) throws {
        self.configuration = configuration
        self.rewardTests = rewardTests
        self.models = models
        self.processRewardModels = processRewardModels
        self.sandbox = sandbox
        self.store = store
        self.trainer = trainer
        self.directory = directory
        let library = try FewShotLibrary.bundled()
        searchPrompts = PromptBuilder(library: library)
        zeroShot = PromptBuilder(library: library, maxExamples: 0)
    }

    public enum Event: Sendable {
        case stage(round: Int, String)
        case generatedTests(round: Int, TCGGenerationProgress)
        case searched(round: Int, ProblemID, solved: Bool, finished: Int, total: Int)
        case training(round: Int, TrainingPhase)
        case evaluated(round: Int, SelfPlayState.Evaluation)
    }

    var statePath: String { directory + "/selfplay.json" }

    /// The saved state, nil for a new directory.
    public func savedState() throws -> SelfPlayState? {
        guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
        return try JSONDecoder().decode(SelfPlayState.self, from: data)
    }

    /// Runs (or resumes, or extends to) `rounds` rounds from `basePolicy`.
    @discardableResult
    public func run(
        rounds: Int, basePolicy: String, train: [Problem], evaluate: [Problem], progress: @escaping @Sendable (Event) -> Void = { _ in }
    ) async throws -> SelfPlayState {
        let shared = Set(train.map(\.id)).intersection(evaluate.map(\.id)).sorted()
        guard shared.isEmpty else {
            throw SelfPlayError(
                "\(shared.count) held-out problems are also training problems (\(shared.prefix(3).map(\.rawValue).joined(separator: ", "))…): "
                    + "a policy trained on them is not evaluated on held-out ones. Choose held-out problems the loop does not train on "
                    + "(MBPP+ holds MBPP train tasks: with --train mbpp:train, evaluate on humaneval-plus or mbpp-plus:test).")
        }
        try checkConfiguration()
        var state = try savedState() ?? SelfPlayState(basePolicy: basePolicy)
        guard state.basePolicy == basePolicy else {
            throw SelfPlayError("\(directory) holds a self-play run from \(state.basePolicy), not \(basePolicy). Use another --out.")
        }
        if state.rounds.isEmpty {
            var zero = SelfPlayState.Round(index: 0, searchPolicy: basePolicy)
            zero.searchFinished = true
            zero.trainingDone = true
            zero.policy = basePolicy
            state.rounds.append(zero)
            try save(state)
        }
        // Screened on first need: a finished run's rerun starts no reference executions.
        var trainProblems: [Problem]?
        for index in 0...rounds {
            if index >= state.rounds.count {
                let previous = state.rounds[index - 1].policy ?? basePolicy
                state.rounds.append(SelfPlayState.Round(index: index, searchPolicy: previous))
                try save(state)
            }
            var round = state.rounds[index]
            func finish(_ stage: SelfPlayState.Round) throws {
                round = stage
                state.rounds[index] = stage
                try save(state)
            }
            // Round 0 only evaluates the base policy.
            if index > 0 {
                if !round.searchFinished {
                    if trainProblems == nil {
                        trainProblems = try await rewardTests.prepare(train, sandbox: sandbox, limits: configuration.search.limits).problems
                    }
                    let problems = trainProblems ?? []
                    let dropped = try curriculumDropped(problems, before: index, in: state)
                    if let settings = configuration.testGeneration, round.tests == nil {
                        progress(.stage(round: index, "tests by \(round.searchPolicy)"))
                        var tested = round
                        tested.tests = try await generateTests(
                            round, problems: problems.filter { !dropped.contains($0.id) }, settings: settings, progress: progress)
                        try finish(tested)
                    }
                    progress(.stage(round: index, "search with \(round.searchPolicy)"))
                    var searching = round
                    if !dropped.isEmpty { searching.curriculumDropped = dropped.sorted() }
                    try finish(
                        try await search(
                            searching, problems: problems.filter { !dropped.contains($0.id) }, prm: state.rounds[index - 1].prm?.model,
                            progress: progress))
                }
                if round.data == nil {
                    progress(.stage(round: index, "export"))
                    var exported = round
                    exported.data = try await export(round, prm: state.rounds[index - 1].prm?.model)
                    try finish(exported)
                }
                if !round.trainingDone, round.sftModel == nil {
                    progress(.stage(round: index, "train (SFT)"))
                    try finish(try await update(round, progress: progress))
                }
                if !round.trainingDone {
                    progress(.stage(round: index, "train (DPO)"))
                    try finish(try await preferenceUpdate(round, progress: progress))
                }
                if configuration.processReward != nil, round.prm == nil {
                    progress(.stage(round: index, "train PRM"))
                    var trained = round
                    trained.prm = try await trainProcessReward(round, in: state, progress: progress)
                    try finish(trained)
                }
            }
            if round.evaluation == nil, let policy = round.policy {
                progress(.stage(round: index, "evaluate \(policy)"))
                var evaluated = round
                evaluated.evaluation = try await self.evaluate(policy, round: index, problems: evaluate)
                try finish(evaluated)
                if let evaluation = evaluated.evaluation { progress(.evaluated(round: index, evaluation)) }
            }
        }
        return state
    }

    /// The search settings of a round: the configured ones, plus the previous round's PRM on
    /// PUCT's priors when the loop has one.
    func searchConfiguration(prm: String?) -> CodeSearchConfiguration {
        var c = configuration.search
        if let prm, let settings = configuration.processReward {
            c.processReward = ProcessRewardGuidance(model: prm, weight: settings.weight)
            c.search.selection = TreePolicy.selection(nil, preset: c.search.selection, exploration: nil, hasProcessReward: true)
        }
        return c
    }

    func search(
        _ round: SelfPlayState.Round, problems: [Problem], prm: String?, progress: @escaping @Sendable (Event) -> Void
    ) async throws -> SelfPlayState.Round {
        var round = round
        let settings = searchConfiguration(prm: prm)
        var processRewards: (any ProcessRewardModel)?
        if let guidance = settings.processReward {
            guard let processRewardModels else { throw SelfPlayError("round \(round.index) searches with the PRM \(guidance.model), but no PRM loader was given") }
            processRewards = try await processRewardModels(guidance.model)
        }
        let runID: RunID
        if let existing = round.searchRun {
            runID = existing
        } else {
            let record = try store.createRun(
                .starting(
                    .selfplaySearch, configuration: settings, seed: settings.search.seed,
                    toolVersion: "selfplay round \(round.index)", modelName: round.searchPolicy,
                    datasetName: problems.first?.dataset.rawValue ?? "", datasetPath: directory))
            runID = record.id ?? 0
            round.searchRun = runID
        }
        let model = try await models(round.searchPolicy)
        let searcher = ProblemSearcher(
            generator: StepGenerator(model: model, prompts: searchPrompts), sandbox: sandbox, configuration: settings,
            rewardTests: try rewardTests(for: round), processRewards: processRewards)
        let index = round.index
        try await SearchRunner(searcher: searcher, store: store).run(runID, problems: problems) { id, result, finished, total in
            progress(.searched(round: index, id, solved: result.isSolved, finished: finished, total: total))
        }
        try store.setStatus(.finished, run: runID)
        round.searchFinished = true
        return round
    }

    /// The training problems round `index` leaves out: none, or what the curriculum drops given
    /// the earlier rounds' stored search results (fixed once those rounds finished, so a resumed
    /// search sees the same list).
    func curriculumDropped(_ problems: [Problem], before index: Int, in state: SelfPlayState) throws -> Set<ProblemID> {
        guard let curriculum = configuration.curriculum else { return [] }
        let history = try state.rounds.prefix(index).compactMap(\.searchRun).map { run in
            Dictionary(try store.problems(run: run).map { ($0.problemId, $0.solved) }, uniquingKeysWith: { first, _ in first })
        }
        return curriculum.dropped(problems.map(\.id), history: history)
    }

    /// The round's SFT traces and DPO pairs. With φ ranking, a DPO stage and a PRM from the
    /// previous round (the one its search used), φ's process rewards are that PRM's step scores;
    /// otherwise the tree's values.
    func export(_ round: SelfPlayState.Round, prm: String?) async throws -> SelfPlayState.DataFiles {
        guard let run = round.searchRun else { throw SelfPlayError("round \(round.index) has no search run to export") }
        var exporter = ProcessDataExporter()
        exporter.dpoRanking = configuration.pairRanking.ranking(round: round.index)
        let folder = roundDirectory(round.index)
        let sft = try exporter.export(run: run, from: store, format: .sft, prompts: zeroShot)
        let dpo: (jsonl: String, count: Int)
        var scoredBy: String?
        if case .aggregated = exporter.dpoRanking, configuration.preferenceUpdate, configuration.processReward != nil, let prm {
            guard let processRewardModels else { throw SelfPlayError("round \(round.index) ranks its pairs with the PRM \(prm), but no PRM loader was given") }
            dpo = try await exporter.export(run: run, from: store, format: .dpo, prompts: zeroShot, processRewards: try await processRewardModels(prm))
            scoredBy = prm
        } else {
            dpo = try exporter.export(run: run, from: store, format: .dpo, prompts: zeroShot)
        }
        try OutputFile.write(sft.jsonl, to: folder + "/sft.jsonl")
        try OutputFile.write(dpo.jsonl, to: folder + "/dpo.jsonl")
        let rows = try store.problems(run: run)
        return SelfPlayState.DataFiles(
            sft: folder + "/sft.jsonl", sftRecords: sft.count, sftSHA256: SHA256.hex(of: Array(sft.jsonl.utf8)),
            dpo: folder + "/dpo.jsonl", dpoRecords: dpo.count, dpoSHA256: SHA256.hex(of: Array(dpo.jsonl.utf8)),
            solvedProblems: rows.filter(\.solved).count, searchedProblems: rows.count, dpoScoredBy: scoredBy,
            rewardAgreement: try rows.reduce(AgreementMatrix()) { $0 + RewardAgreement.matrix(executions: try store.executions(run: run, problem: $1.problemId)) })
    }

    /// SFT on the round's correct traces. When DPO follows, the SFT model is an intermediate
    /// (`-sft`) and the round is not done yet; otherwise it is the round's policy.
    func update(_ round: SelfPlayState.Round, progress: @escaping @Sendable (Event) -> Void) async throws -> SelfPlayState.Round {
        var round = round
        guard let data = round.data, data.sftRecords > 0 else {
            round.note = "no verified correct trace in this round's search: the policy is unchanged"
            round.policy = round.searchPolicy
            round.trainingDone = true
            return round
        }
        let index = round.index
        let preference = configuration.preferenceUpdate && data.dpoRecords > 0
        let name = "\(configuration.namePrefix)-r\(index)" + (preference ? "-sft" : "")
        let model = try await trainer.train(
            TrainingRequest(method: .sft, data: data.sft, base: round.searchPolicy, name: name, hyperparameters: configuration.training),
            restart: false
        ) { phase in progress(.training(round: index, phase)) }
        if preference {
            round.sftModel = model.name
        } else {
            if configuration.preferenceUpdate { round.note = "no preference pair (a correct and a verified-failing trace): SFT only" }
            round.trainedModel = model.name
            round.policy = model.name
            round.trainingDone = true
        }
        return round
    }

    /// DPO from the round's SFT model on its preference pairs: the round's policy.
    func preferenceUpdate(_ round: SelfPlayState.Round, progress: @escaping @Sendable (Event) -> Void) async throws -> SelfPlayState.Round {
        var round = round
        guard let data = round.data, let base = round.sftModel else { throw SelfPlayError("round \(round.index) has no SFT model for DPO") }
        let index = round.index
        let model = try await trainer.train(
            TrainingRequest(
                method: .dpo, data: data.dpo, base: base, name: "\(configuration.namePrefix)-r\(index)",
                hyperparameters: configuration.training),
            restart: false
        ) { phase in progress(.training(round: index, phase)) }
        round.trainedModel = model.name
        round.policy = model.name
        round.trainingDone = true
        return round
    }

    func evaluate(_ policy: String, round: Int, problems: [Problem]) async throws -> SelfPlayState.Evaluation {
        let ledger = JSONLLedger<ComparisonRecord>(path: roundDirectory(round) + "/evaluation.jsonl")
        let model = try await models(policy)
        let comparison = ComputeMatchedComparison(
            model: model, prompts: zeroShot, sandbox: sandbox, configuration: configuration.search,
            rewardTests: rewardTests, arms: [.greedyDirect], budgets: [], ledger: ledger)
        let records = try await comparison.run(problems)
        let solved = records.filter(\.solved).count
        var aspr: SelfPlayState.ASPREvaluation?
        if let settings = configuration.evaluationASPR { aspr = try await asprEvaluation(model, settings, round: round, problems: problems) }
        var search: SelfPlayState.SearchEvaluation?
        if let budget = configuration.evaluationSearchBudget {
            search = try await searchEvaluation(model, budget: budget, round: round, problems: problems)
        }
        return SelfPlayState.Evaluation(
            policy: policy, solved: solved, problems: records.count,
            interval: .wilson(successes: solved, trials: records.count),
            outcomes: Dictionary(records.map { ($0.problem.rawValue, $0.solved) }, uniquingKeysWith: { a, _ in a }),
            sampled: configuration.evaluationSamples > 0 ? try await sampledEvaluation(model, round: round, problems: problems) : nil,
            aspr: aspr, search: search)
    }

    func roundDirectory(_ index: Int) -> String { directory + "/round-\(index)" }

    /// The state and configuration files: readable, and stable under re-encoding.
    static var fileEncoder: JSONEncoder {
        let encoder = JSONCoding.encoder(.document)
        return encoder
    }

    /// Saves the state and refreshes `report.html` beside it.
    func save(_ state: SelfPlayState) throws {
        try OutputFile.write(Array(try Self.fileEncoder.encode(state)), to: statePath)
        try OutputFile.write(SelfPlayReport(state: state).html(), to: directory + "/report.html")
    }

    /// A directory belongs to one configuration: a resumed run must not change it midway.
    func checkConfiguration() throws {
        let path = directory + "/configuration.json"
        if let data = FileManager.default.contents(atPath: path) {
            let recorded = try JSONDecoder().decode(SelfPlayConfiguration.self, from: data)
            guard recorded == configuration else {
                var legacy = configuration
                legacy.search.seedRule = nil
                var byOutcome = configuration
                byOutcome.pairRanking = .outcome
                var legacyByOutcome = legacy
                legacyByOutcome.pairRanking = .outcome
                if recorded.search.seedRule == nil, recorded == legacy || recorded == legacyByOutcome {
                    // Same flags, but recorded before configuration version 2 (one seed rule).
                    throw SelfPlayError(
                        "\(directory) was started before configuration version 2: its searches derive seeds by the old rule (\(path) has no seedRule), "
                            + "and mixing the two rules would not reproduce. Finish it with the version that started it, or use another --out.")
                }
                if recorded == byOutcome {
                    throw SelfPlayError(
                        "\(directory) ranks its DPO pairs by outcome reward (it was started before φ ranking, or with --outcome-ranking): "
                            + "resume it with --outcome-ranking, or use another --out.")
                }
                throw SelfPlayError("\(directory) was started with other settings (\(path)). Resume with the same ones or use another --out.")
            }
        } else {
            try OutputFile.write(Array(try Self.fileEncoder.encode(configuration)), to: path)
        }
    }
}

/// A self-play tool failure, with what to do.
public struct SelfPlayError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
