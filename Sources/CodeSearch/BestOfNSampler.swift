public import Execution
import Inference
public import O1CoderCore
public import Reasoning
import Foundation
import Search

/// The compute-matched baseline for search: sample whole pseudocode answers, `batch` at a time,
/// until a token budget is spent; pick the answer with the best reward on the same search tests
/// the MCTS sees, and verify it on the full suite. Only the budget differs per problem, so the
/// comparison with MCTS is at equal generated tokens.
public struct BestOfNSampler: Sendable {
    public let generator: AnswerGenerator
    public let sandbox: any Sandbox
    public let configuration: CodeSearchConfiguration
    public let style: PromptStyle

    public init(generator: AnswerGenerator, sandbox: any Sandbox, configuration: CodeSearchConfiguration, style: PromptStyle = .pseudocode) {
        self.generator = generator
        self.sandbox = sandbox
        self.configuration = configuration
        self.style = style
    }

    public struct Result: Codable, Sendable, Hashable {
        public var problemID: ProblemID
        public var samples: Int
        public var generatedTokens: Int
        /// The chosen answer passes every test.
        public var isSolved: Bool
        /// Some sample passes every search test (an oracle upper bound for selection).
        public var anyPassesSearchTests: Bool
        public var bestReward: Double
    }

    /// Samples until `tokenBudget` generated tokens (at least one batch).
    public func run(_ problem: Problem, tokenBudget: Int) async throws -> Result {
        let searchTests = SearchTestSelection.subset(
            of: problem.tests, limit: configuration.searchTestLimit, seed: configuration.search.seed, problem: problem.id)
        var tokens = 0
        var samples = 0
        var round: UInt64 = 0
        var best: (reward: Double, code: String)?
        var anyPass = false
        var reports: [String: ProgramReport] = [:]
        repeat {
            var parameters = configuration.sampling
            parameters.seed = configuration.sampling.seed &+ round &* 1000
            round += 1
            let batch = try await generator.sample(
                for: problem, style: style, count: configuration.search.width, parameters: parameters)
            tokens += batch.answers.reduce(0) { $0 + $1.tokenCount }
            samples += batch.answers.count
            for answer in batch.answers {
                guard let code = answer.code.code?.code else { continue }
                let report: ProgramReport
                if let known = reports[code] {
                    report = known
                } else {
                    report = try await sandbox.evaluate(
                        solution: code, for: problem, suite: searchTests, limits: configuration.limits)
                    reports[code] = report
                }
                let reward = configuration.reward(passRate: report.passRate, compiles: CodeReasoningDomain.compiles(report))
                anyPass = anyPass || report.verdict.isPassed
                if best == nil || reward > best?.reward ?? 0 { best = (reward, code) }
            }
        } while tokens < tokenBudget
        var solved = false
        if let best {
            let full = try await sandbox.evaluate(
                solution: best.code, for: problem, suite: problem.tests, limits: configuration.limits)
            solved = full.verdict.isPassed
        }
        return Result(
            problemID: problem.id, samples: samples, generatedTokens: tokens, isSolved: solved,
            anyPassesSearchTests: anyPass, bestReward: best?.reward ?? 0)
    }
}
