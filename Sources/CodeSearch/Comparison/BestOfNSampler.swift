public import Execution
import Inference
public import O1CoderCore
public import Reasoning
import Foundation
import Search

/// The sampling arms of the compute-matched comparison: whole answers, `batch` at a time, until
/// the token budget is spent or an answer passes every reward test (the stop rule MCTS uses);
/// the answer with the best reward (ties to the first) is verified on the full suite. Rewards,
/// reward tests, shaping and caps are the search's, so only the way tokens are spent differs.
public struct BestOfNSampler: Sendable {
    public let generator: AnswerGenerator
    public let sandbox: any Sandbox
    public let configuration: CodeSearchConfiguration
    public let style: PromptStyle
    public let rewardTests: RewardTests
    /// Samples per request (the search's expansion width by default, for the same prefix sharing).
    public let batch: Int
    /// Requests at most (nil: until the budget); 1 with temperature 0 is the greedy baseline.
    public let maxBatches: Int?

    public init(
        generator: AnswerGenerator, sandbox: any Sandbox, configuration: CodeSearchConfiguration,
        style: PromptStyle = .pseudocode, rewardTests: RewardTests = .public, batch: Int? = nil, maxBatches: Int? = nil
    ) {
        self.generator = generator
        self.sandbox = sandbox
        self.configuration = configuration
        self.style = style
        self.rewardTests = rewardTests
        self.batch = max(1, batch ?? configuration.search.width)
        self.maxBatches = maxBatches
    }

    /// Greedy decoding, one answer: the reference point every other arm must beat.
    public static func greedy(
        generator: AnswerGenerator, sandbox: any Sandbox, configuration: CodeSearchConfiguration,
        style: PromptStyle = .direct, rewardTests: RewardTests = .public
    ) -> BestOfNSampler {
        var c = configuration
        c.sampling.temperature = 0
        return BestOfNSampler(
            generator: generator, sandbox: sandbox, configuration: c, style: style, rewardTests: rewardTests, batch: 1,
            maxBatches: 1)
    }

    /// Why sampling stopped.
    public enum Stop: String, Codable, Sendable, Hashable {
        /// An answer passed every reward test.
        case rewardPassed = "reward_passed"
        case tokenBudget = "token_budget"
        /// The request limit (the greedy baseline's single answer).
        case requestLimit = "request_limit"
    }

    public struct Result: Codable, Sendable, Hashable {
        public var problemID: ProblemID
        public var samples: Int
        public var generatedTokens: Int
        /// The chosen answer passes every ground-truth test.
        public var isSolved: Bool
        /// Some sample passed every reward test.
        public var anyPassesRewardTests: Bool
        /// The chosen answer's reward.
        public var bestReward: Double
        public var stop: Stop
        /// Answers cut at the token cap.
        public var truncatedAnswers: Int
        public var rewardTestCount: Int
        /// The chosen program (nil when no sample had code).
        public var answer: String?
    }

    /// Samples until `tokenBudget` generated tokens are spent (at least one request), or until a
    /// sample passes the reward tests when the configuration stops at a perfect solution.
    public func run(_ problem: Problem, tokenBudget: Int) async throws -> Result {
        let suite = rewardTests.suite(for: problem, configuration: configuration)
        // One answer may be as long as a whole search path: depth × the step cap.
        var parameters = configuration.sampling
        let answerCap = configuration.sampling.maxTokens * configuration.search.maxDepth
        parameters.maxTokens = answerCap
        var tokens = 0
        var samples = 0
        var truncated = 0
        var requests = 0
        var best: (reward: Double, code: String)?
        var anyPass = false
        var reports: [String: ProgramReport] = [:]
        var stop = Stop.tokenBudget
        sampling: while true {
            if let maxBatches, requests >= maxBatches {
                stop = .requestLimit
                break
            }
            if requests > 0, tokens >= tokenBudget { break }
            parameters.seed = SeedDerivation.seed(configuration.sampling.seed, problem: problem.id, index: requests)
            // No request may spend more than what is left of the budget (the greedy arm has none).
            if maxBatches == nil {
                let left = max(1, (tokenBudget - tokens + batch - 1) / batch)
                parameters.maxTokens = min(answerCap, left)
            }
            requests += 1
            let answers = try await generator.sample(for: problem, style: style, count: batch, parameters: parameters).answers
            // Every generated answer is paid for, also those after one that passes.
            tokens += answers.reduce(0) { $0 + $1.tokenCount }
            samples += answers.count
            truncated += answers.filter { $0.stopReason == .maxTokens }.count
            for answer in answers {
                guard let code = answer.code.code?.code else { continue }
                let report: ProgramReport
                if let known = reports[code] {
                    report = known
                } else {
                    report = try await sandbox.evaluate(solution: code, for: problem, suite: suite, limits: configuration.limits)
                    reports[code] = report
                }
                let reward = configuration.reward(passRate: report.passRate, compiles: CodeReasoningDomain.compiles(report))
                anyPass = anyPass || (report.verdict.isPassed && !suite.cases.isEmpty)
                if best == nil || reward > best?.reward ?? 0 { best = (reward, code) }
                if configuration.search.stopAtPerfectSolution, reward >= 1 {
                    stop = .rewardPassed
                    break sampling
                }
            }
        }
        var solved = false
        if let best {
            let full = try await sandbox.evaluate(
                solution: best.code, for: problem, suite: problem.tests, limits: configuration.limits)
            solved = full.verdict.isPassed
        }
        return Result(
            problemID: problem.id, samples: samples, generatedTokens: tokens, isSolved: solved,
            anyPassesRewardTests: anyPass, bestReward: best?.reward ?? 0, stop: stop, truncatedAnswers: truncated,
            rewardTestCount: suite.cases.count, answer: best?.code)
    }
}
