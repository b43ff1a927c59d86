import Foundation
import Inference
import Search
public import O1CoderCore

/// One problem of a ``SearchRun`` finished.
public struct SearchProgress: ProgressStep {
    public var problem: ProblemID
    public var result: ProblemSearchResult
    /// Finished problems of the run so far (earlier processes included) and the run's total.
    public var done: Int
    public var total: Int

    /// Verdict, best reward, rollouts, tokens, prompt reuse, few-shot copying, and the reward's
    /// agreement with ground truth when the reward is not the oracle.
    public var detail: String {
        let s = result.outcome.statistics
        let usage = result.usage
        return "\(problem) \(result.isSolved ? "solved" : "unsolved") · best \(String(format: "%.2f", s.bestReward)) · \(s.rollouts) rollouts · \(s.generatedTokens) tokens · prompt reused \(usage.promptTokensReused)/\(usage.promptTokensReused + usage.promptTokensEvaluated) · few-shot copy \(Int((result.fewShotOverlap * 100).rounded()))% (\(result.copiedSteps) steps ≥ 50%)"
            + (result.rewardAgreement.map { " · \(RewardAgreement.summary($0))" } ?? "")
    }
}
