/// The world the search explores: a policy that proposes next steps and a reward for finished
/// paths. The code-reasoning domain implements it with a language model and the sandbox; tests
/// use scripted domains. Errors thrown here are tool failures and end the search.
public protocol SearchDomain: Sendable {
    associatedtype Step: Hashable & Sendable

    /// Up to `count` candidate next steps after `steps`. `mustTerminate` asks for a final step
    /// (the code) because the depth cap is reached.
    func propose(after steps: [Step], count: Int, mustTerminate: Bool) async throws -> [SearchTree<Step>.Candidate]

    /// Reward in [0, 1] of a terminal path (pass rate on the search tests, with optional shaping).
    func reward(of steps: [Step]) async throws -> Double
}

/// Why a search ended.
public enum SearchStopReason: String, Codable, Sendable, Hashable {
    case rolloutBudget = "rollout_budget"
    case tokenBudget = "token_budget"
    case perfectSolution = "perfect_solution"
    case exhausted
}

/// Counters of one search.
public struct SearchStatistics: Codable, Sendable, Hashable {
    public var rollouts = 0
    public var expansions = 0
    public var generatedTokens = 0
    public var rewardEvaluations = 0
    /// The rollout (1-based) in which a terminal with reward 1 was first found.
    public var firstSolutionRollout: Int?
    public var bestReward: Double = 0
    public init() {}
}

/// The finished search: the tree plus how and why it stopped.
public struct SearchOutcome<Step: Hashable & Sendable>: Sendable {
    public var tree: SearchTree<Step>
    public var statistics: SearchStatistics
    public var stopReason: SearchStopReason
    /// The terminal with the highest reward (earliest on ties), if any.
    public var best: SearchNode<Step>? {
        tree.terminals.filter { $0.reward != nil }.max { ($0.reward ?? 0, -$0.id.rawValue) < ($1.reward ?? 0, -$1.id.rawValue) }
    }
}
