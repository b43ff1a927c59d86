public import O1CoderCore
public import TestGeneration

/// The outcome of a finished ``SearchRun``, as `o1coder search` prints it.
public struct SearchRunSummary: Sendable {
    public var run: RunID
    public var solved: Int
    public var problems: Int
    public var generatedTokens: Int
    public var rewardTests: RewardTests
    /// Reward vs ground truth over every stored terminal (nil for the oracle, which is ground truth).
    public var agreement: AgreementMatrix?

    /// The result lines; `store` is the store's path, for the commands that read the run next.
    public func lines(store: String) -> [String] {
        let oracle = rewardTests.isOracle ? " (oracle: the reward saw hidden tests)" : ""
        var lines = ["run \(run): solved \(solved)/\(problems)\(oracle) · reward tests \(rewardTests.name) · generated tokens \(generatedTokens) · store \(store)"]
        if let agreement { lines.append("run \(run): \(RewardAgreement.summary(agreement))") }
        return lines
    }
}
