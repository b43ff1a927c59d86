public import O1CoderCore

/// One arm's result on one problem at one budget: a line of the comparison's ledger.
public struct ComparisonRecord: Codable, Sendable, Hashable {
    public var arm: ComparisonArm
    /// Generated tokens allowed per problem (0 for the budget-free greedy arm).
    public var budget: Int
    public var problem: ProblemID
    /// The chosen answer passes the problem's full ground-truth suite.
    public var solved: Bool
    public var generatedTokens: Int
    public var seconds: Double
    /// `reward_passed`, `token_budget`, `request_limit`, `rollout_budget`, `perfect_solution`, `exhausted`.
    public var stop: String
    /// Answers sampled (best-of-N) or rollouts (MCTS).
    public var attempts: Int
    public var bestReward: Double
    public var rewardTestCount: Int
    /// The rollout that first found a reward-1 answer (MCTS only).
    public var firstSolutionRollout: Int?

    public init(
        arm: ComparisonArm, budget: Int, problem: ProblemID, solved: Bool, generatedTokens: Int, seconds: Double,
        stop: String, attempts: Int, bestReward: Double, rewardTestCount: Int, firstSolutionRollout: Int? = nil
    ) {
        self.arm = arm
        self.budget = budget
        self.problem = problem
        self.solved = solved
        self.generatedTokens = generatedTokens
        self.seconds = seconds
        self.stop = stop
        self.attempts = attempts
        self.bestReward = bestReward
        self.rewardTestCount = rewardTestCount
        self.firstSolutionRollout = firstSolutionRollout
    }

    /// The ledger key: a record is never computed twice.
    public var key: String { Self.key(arm, budget, problem) }

    /// The key of the cell (arm, budget, problem), shared by the runner and the summary.
    static func key(_ arm: ComparisonArm, _ budget: Int, _ problem: ProblemID) -> String {
        "\(arm.rawValue)|\(budget)|\(problem.rawValue)"
    }
}

extension ComparisonRecord {
    /// The cell on one progress line: problem, arm at budget, outcome, tokens, stop reason.
    public var progressDetail: String {
        "\(problem) \(arm.rawValue)@\(budget) \(solved ? "solved" : "unsolved") · \(generatedTokens) tok · \(stop)"
    }
}
