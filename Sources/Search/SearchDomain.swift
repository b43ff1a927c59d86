/// The world the search explores: a policy that proposes next steps and a reward for finished
/// paths. The code-reasoning domain implements it with a language model and the sandbox; tests
/// use scripted domains. Errors thrown here are tool failures and end the search.
public protocol SearchDomain: Sendable {
    associatedtype Step: Hashable & Sendable

    /// Up to `count` candidate next steps after `steps`. `mustTerminate` asks for a final step
    /// (the code) because the depth cap is reached. `variant` is 0 for the first proposal at a
    /// prefix; otherwise the domain mixes it into its sampling seed (a retry after a failed
    /// expansion, or a duplicate sibling's own subtree), so the same prefix samples differently.
    /// `tokenLimit`, when set, is the most tokens one sample may generate: what is left of the
    /// token budget shared among the `count` samples, so no expansion overspends the budget.
    func propose(
        after steps: [Step], count: Int, mustTerminate: Bool, variant: UInt64, tokenLimit: Int?
    ) async throws -> Proposal<Step>

    /// Reward in [0, 1] of a terminal path (pass rate on the search tests, with optional shaping).
    func reward(of steps: [Step]) async throws -> Double
}

/// What one expansion produced: the usable candidates, and every token spent on the request
/// (including samples that could not be parsed into a step).
public struct Proposal<Step: Hashable & Sendable>: Sendable {
    public var candidates: [SearchTree<Step>.Candidate]
    public var generatedTokens: Int
    public init(candidates: [SearchTree<Step>.Candidate], generatedTokens: Int? = nil) {
        self.candidates = candidates
        self.generatedTokens = generatedTokens ?? candidates.reduce(0) { $0 + $1.generatedTokens }
    }
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
    /// Expansion requests that yielded no usable step (each retried while retries remain).
    public var failedExpansions = 0
    /// The rollout (1-based) in which a terminal with reward 1 was first found.
    public var firstSolutionRollout: Int?
    public var bestReward: Double = 0
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case rollouts, expansions, generatedTokens, rewardEvaluations, failedExpansions, firstSolutionRollout, bestReward
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rollouts = try c.decode(Int.self, forKey: .rollouts)
        expansions = try c.decode(Int.self, forKey: .expansions)
        generatedTokens = try c.decode(Int.self, forKey: .generatedTokens)
        rewardEvaluations = try c.decode(Int.self, forKey: .rewardEvaluations)
        failedExpansions = try c.decodeIfPresent(Int.self, forKey: .failedExpansions) ?? 0
        firstSolutionRollout = try c.decodeIfPresent(Int.self, forKey: .firstSolutionRollout)
        bestReward = try c.decode(Double.self, forKey: .bestReward)
    }
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
