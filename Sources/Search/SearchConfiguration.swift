/// Every knob of the search, recorded with each run. Two presets: ``faithful`` reproduces
/// O1-CODER's released defaults and quirks (spec §4.10, D14); ``standard`` is ours.
public struct SearchConfiguration: Codable, Sendable, Hashable {
    /// Rollout budget per problem.
    public var rollouts: Int
    /// Maximum number of steps on a path (the root is depth 0).
    public var maxDepth: Int
    /// Candidates sampled per expansion.
    public var width: Int
    public var selection: SelectionPolicy
    public var schedule: ExplorationSchedule
    /// Stop the search once a terminal reaches reward 1 (all search tests pass).
    public var stopAtPerfectSolution: Bool
    /// Exclude evaluated terminals (and fully explored subtrees) from selection. The original
    /// re-selects terminals, spending a rollout on re-backing-up a known reward (D14).
    public var treatTerminalsAsExhausted: Bool
    /// Merge identical sibling steps (the original keeps duplicates).
    public var mergeDuplicateSteps: Bool
    /// When any candidate is terminal, keep only the best-rewarded terminal and drop the
    /// pseudocode siblings (the original's pruning rule, §4.3).
    public var keepOnlyBestTerminal: Bool
    /// In the original, children never visited are chosen uniformly at random before UCT applies.
    public var randomUnvisitedChoice: Bool
    /// At the depth cap, ask the policy for a code step instead of giving the path reward 0.
    public var forceCodeAtMaxDepth: Bool
    /// Stop once this many tokens have been generated for the problem (nil: no budget).
    public var tokenBudget: Int?
    public var seed: UInt64

    public init(
        rollouts: Int, maxDepth: Int, width: Int, selection: SelectionPolicy,
        schedule: ExplorationSchedule = .constant, stopAtPerfectSolution: Bool,
        treatTerminalsAsExhausted: Bool, mergeDuplicateSteps: Bool, keepOnlyBestTerminal: Bool,
        randomUnvisitedChoice: Bool, forceCodeAtMaxDepth: Bool, tokenBudget: Int? = nil, seed: UInt64 = 42
    ) {
        self.rollouts = rollouts
        self.maxDepth = maxDepth
        self.width = width
        self.selection = selection
        self.schedule = schedule
        self.stopAtPerfectSolution = stopAtPerfectSolution
        self.treatTerminalsAsExhausted = treatTerminalsAsExhausted
        self.mergeDuplicateSteps = mergeDuplicateSteps
        self.keepOnlyBestTerminal = keepOnlyBestTerminal
        self.randomUnvisitedChoice = randomUnvisitedChoice
        self.forceCodeAtMaxDepth = forceCodeAtMaxDepth
        self.tokenBudget = tokenBudget
        self.seed = seed
    }

    /// O1-CODER's defaults: 15 rollouts, depth 5, width 3, UCT c = 2.0, with its quirks on.
    public static let faithful = SearchConfiguration(
        rollouts: 15, maxDepth: 5, width: 3, selection: .uct(exploration: 2.0), schedule: .constant,
        stopAtPerfectSolution: false, treatTerminalsAsExhausted: false, mergeDuplicateSteps: false,
        keepOnlyBestTerminal: true, randomUnvisitedChoice: true, forceCodeAtMaxDepth: false)

    /// Ours: same budget shape, c = 1 (rewards are in [0, 1]), terminals exhausted, duplicates
    /// merged, all distinct candidates kept, code forced at the depth cap, early stop on success.
    public static let standard = SearchConfiguration(
        rollouts: 15, maxDepth: 5, width: 3, selection: .uct(exploration: 1.0), schedule: .constant,
        stopAtPerfectSolution: true, treatTerminalsAsExhausted: true, mergeDuplicateSteps: true,
        keepOnlyBestTerminal: false, randomUnvisitedChoice: false, forceCodeAtMaxDepth: true)

    /// Problems with the configuration, all at once (empty when valid).
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if rollouts < 1 { errors.append("rollouts must be at least 1 (got \(rollouts))") }
        if maxDepth < 1 { errors.append("maxDepth must be at least 1 (got \(maxDepth))") }
        if width < 1 { errors.append("width must be at least 1 (got \(width))") }
        if selection.exploration < 0 { errors.append("the exploration constant must be ≥ 0") }
        if let b = tokenBudget, b < 1 { errors.append("tokenBudget must be positive (got \(b))") }
        return errors
    }
}
