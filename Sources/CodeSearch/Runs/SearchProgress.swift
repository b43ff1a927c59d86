import Foundation
import Inference
import Search
public import O1CoderCore

/// One problem of a ``SearchRun`` finished.
public struct SearchProgress: Sendable {
    public var problem: ProblemID
    public var result: ProblemSearchResult
    /// Finished problems of the run so far (earlier processes included) and the run's total.
    public var finished: Int
    public var total: Int
    /// Seconds left at this process's pace (0 until a problem finished here).
    public var eta: Double

    /// The log line: verdict, best reward, rollouts, tokens, prompt reuse, few-shot copying, ETA,
    /// and the reward's agreement with ground truth when the reward is not the oracle.
    public var line: String {
        let s = result.outcome.statistics
        let usage = result.usage
        return "[\(finished)/\(total)] \(problem) \(result.isSolved ? "solved" : "unsolved") · best \(String(format: "%.2f", s.bestReward)) · \(s.rollouts) rollouts · \(s.generatedTokens) tokens · prompt reused \(usage.promptTokensReused)/\(usage.promptTokensReused + usage.promptTokensEvaluated) · few-shot copy \(Int((result.fewShotOverlap * 100).rounded()))% (\(result.copiedSteps) steps ≥ 50%) · ETA \(Int(eta))s"
            + (result.rewardAgreement.map { " · \(RewardAgreement.summary($0))" } ?? "")
    }
}
