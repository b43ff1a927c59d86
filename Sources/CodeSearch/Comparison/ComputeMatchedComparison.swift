public import Execution
public import Inference
public import O1CoderCore
public import Reasoning
import RunStorage
import Foundation
import Search

/// The compute-matched comparison of search against sampling: every arm gets the same
/// per-problem budget of generated tokens, the same stop rule (stop once an answer passes every
/// reward test), the same reward tests, the same answer selection (best reward, ties to the
/// first) and matching caps (a sampled answer may be as long as a search path). "Solved" is
/// always the chosen answer passing the full ground-truth suite.
///
/// Results go to a ``JSONLLedger`` one record at a time, so a killed run resumes, and a later run
/// with more problems, arms or budgets extends the same ledger.
public struct ComputeMatchedComparison: Sendable {
    public let model: any LanguageModel
    public let prompts: PromptBuilder
    public let sandbox: any Sandbox
    /// Sampling, limits and reward shaping of every arm; the standard search preset.
    public let configuration: CodeSearchConfiguration
    public let rewardTests: RewardTests
    public let arms: [ComparisonArm]
    public let budgets: [Int]
    public let ledger: JSONLLedger<ComparisonRecord>
    /// The PRM of the `mcts-puct-prm` arm and how it is blended into the priors.
    public let processRewards: (model: any ProcessRewardModel, guidance: ProcessRewardGuidance)?

    public init(
        model: any LanguageModel, prompts: PromptBuilder, sandbox: any Sandbox, configuration: CodeSearchConfiguration,
        rewardTests: RewardTests, arms: [ComparisonArm], budgets: [Int], ledger: JSONLLedger<ComparisonRecord>,
        processRewards: (model: any ProcessRewardModel, guidance: ProcessRewardGuidance)? = nil
    ) {
        self.processRewards = processRewards
        self.model = model
        self.prompts = prompts
        self.sandbox = sandbox
        self.configuration = configuration
        self.rewardTests = rewardTests
        self.arms = arms.sorted()
        self.budgets = budgets.sorted()
        self.ledger = ledger
    }

    /// The (arm, budget) cells of one problem, in the order they run.
    public var cells: [(arm: ComparisonArm, budget: Int)] {
        var result: [(ComparisonArm, Int)] = []
        for arm in arms where !arm.usesBudget { result.append((arm, 0)) }
        for budget in budgets {
            for arm in arms where arm.usesBudget { result.append((arm, budget)) }
        }
        return result
    }

    public typealias Progress = @Sendable (ComparisonRecord, _ done: Int, _ total: Int) -> Void

    /// Runs every missing cell of every problem, appending each result to the ledger.
    /// - Returns: the ledger's records for `problems` (old and new).
    @discardableResult
    public func run(_ loaded: [Problem], progress: Progress = { _, _, _ in }) async throws -> [ComparisonRecord] {
        let problems = try await rewardTests.prepare(loaded, sandbox: sandbox, limits: configuration.limits).problems
        var records = try ledger.records()
        var known = Set(records.map(\.key))
        let cells = self.cells
        let total = problems.count * cells.count
        var done = problems.reduce(0) { sum, p in sum + cells.filter { known.contains(ComparisonRecord.key($0.arm, $0.budget, p.id)) }.count }
        for problem in problems {
            for (arm, budget) in cells where !known.contains(ComparisonRecord.key(arm, budget, problem.id)) {
                try Task.checkCancellation()
                let record = try await run(arm, budget: budget, on: problem)
                try ledger.append(record)
                records.append(record)
                known.insert(record.key)
                done += 1
                progress(record, done, total)
            }
        }
        let wanted = Set(problems.map(\.id))
        return records.filter { wanted.contains($0.problem) }
    }

    /// One arm on one problem.
    public func run(_ arm: ComparisonArm, budget: Int, on problem: Problem) async throws -> ComparisonRecord {
        let start = ContinuousClock.now
        func seconds() -> Double { start.elapsedSeconds }
        let answers = AnswerGenerator(model: model, prompts: prompts)
        switch arm {
        case .greedyDirect, .bestOfNDirect, .bestOfNPseudocode:
            let sampler =
                arm == .greedyDirect
                ? BestOfNSampler.greedy(generator: answers, sandbox: sandbox, configuration: configuration, rewardTests: rewardTests)
                : BestOfNSampler(
                    generator: answers, sandbox: sandbox, configuration: configuration,
                    style: arm == .bestOfNDirect ? .direct : .pseudocode, rewardTests: rewardTests)
            let r = try await sampler.run(problem, tokenBudget: max(1, budget))
            return ComparisonRecord(
                arm: arm, budget: budget, problem: problem.id, solved: r.isSolved, generatedTokens: r.generatedTokens,
                seconds: seconds(), stop: r.stop.rawValue, attempts: r.samples, bestReward: r.bestReward,
                rewardTestCount: r.rewardTestCount)
        case .mctsStandard, .mctsFaithful, .mctsPUCT, .mctsPUCTPRM:
            if arm == .mctsPUCTPRM, processRewards == nil { throw SearchRunError.missingProcessRewardModel(arm: arm.rawValue) }
            let searcher = ProblemSearcher(
                generator: StepGenerator(model: model, prompts: prompts), sandbox: sandbox,
                configuration: searchConfiguration(arm, budget: budget), rewardTests: rewardTests,
                processRewards: arm == .mctsPUCTPRM ? processRewards?.model : nil)
            let r = try await searcher.search(problem)
            let stats = r.outcome.statistics
            return ComparisonRecord(
                arm: arm, budget: budget, problem: problem.id, solved: r.isSolved, generatedTokens: stats.generatedTokens,
                seconds: seconds(), stop: r.outcome.stopReason.rawValue, attempts: stats.rollouts,
                bestReward: stats.bestReward, rewardTestCount: rewardTests.suite(for: problem, configuration: configuration).cases.count,
                firstSolutionRollout: stats.firstSolutionRollout)
        }
    }

    /// The search configuration of an MCTS arm: its preset's tree policy, with the shared
    /// sampling, limits and stop rule, and the token budget as the only limit that binds.
    public func searchConfiguration(_ arm: ComparisonArm, budget: Int) -> CodeSearchConfiguration {
        var c = configuration
        if arm == .mctsFaithful {
            let seed = c.search.seed
            c.search = CodeSearchConfiguration.faithful.search
            c.search.seed = seed
        }
        if arm == .mctsPUCT || arm == .mctsPUCTPRM {
            c.search.selection = .puct(exploration: c.search.selection.exploration)
        }
        if arm == .mctsPUCTPRM { c.processReward = processRewards?.guidance }
        c.search.stopAtPerfectSolution = true
        c.search.tokenBudget = budget
        c.search.rollouts = 10_000
        return c
    }
}
