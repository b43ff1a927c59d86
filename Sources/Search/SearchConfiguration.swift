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
    /// Back up every terminal an expansion rewarded, best first, before the rollout descends
    /// further or the search stops. Without it a solution found by an expansion whose rollout
    /// then descends into a sibling never reaches its ancestors' values (the original's behaviour).
    public var backUpEvaluatedTerminals: Bool
    /// Extra attempts, each with a fresh derived seed, when an expansion yields no usable step;
    /// only then is the node given up (exhausted).
    public var expansionRetries: Int
    /// Mix the node's identity into its expansion seed, so duplicate siblings (kept when
    /// duplicates are not merged) do not grow byte-identical subtrees.
    public var expansionSeedsIncludeNode: Bool

    public init(
        rollouts: Int, maxDepth: Int, width: Int, selection: SelectionPolicy,
        schedule: ExplorationSchedule = .constant, stopAtPerfectSolution: Bool,
        treatTerminalsAsExhausted: Bool, mergeDuplicateSteps: Bool, keepOnlyBestTerminal: Bool,
        randomUnvisitedChoice: Bool, forceCodeAtMaxDepth: Bool, tokenBudget: Int? = nil, seed: UInt64 = 42,
        backUpEvaluatedTerminals: Bool = true, expansionRetries: Int = 2, expansionSeedsIncludeNode: Bool = false
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
        self.backUpEvaluatedTerminals = backUpEvaluatedTerminals
        self.expansionRetries = expansionRetries
        self.expansionSeedsIncludeNode = expansionSeedsIncludeNode
    }

    /// O1-CODER's defaults: 15 rollouts, depth 5, width 3, UCT c = 2.0, with its quirks on.
    public static let faithful = SearchConfiguration(
        rollouts: 15, maxDepth: 5, width: 3, selection: .uct(exploration: 2.0), schedule: .constant,
        stopAtPerfectSolution: false, treatTerminalsAsExhausted: false, mergeDuplicateSteps: false,
        keepOnlyBestTerminal: true, randomUnvisitedChoice: true, forceCodeAtMaxDepth: false,
        backUpEvaluatedTerminals: false, expansionRetries: 2, expansionSeedsIncludeNode: true)

    /// Ours: same budget shape, c = 1 (rewards are in [0, 1]), terminals exhausted, duplicates
    /// merged, all distinct candidates kept, code forced at the depth cap, early stop on success.
    public static let standard = SearchConfiguration(
        rollouts: 15, maxDepth: 5, width: 3, selection: .uct(exploration: 1.0), schedule: .constant,
        stopAtPerfectSolution: true, treatTerminalsAsExhausted: true, mergeDuplicateSteps: true,
        keepOnlyBestTerminal: false, randomUnvisitedChoice: false, forceCodeAtMaxDepth: true,
        backUpEvaluatedTerminals: true, expansionRetries: 2, expansionSeedsIncludeNode: false)

    /// Problems with the configuration, all at once (empty when valid).
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if rollouts < 1 { errors.append("rollouts must be at least 1 (got \(rollouts))") }
        if maxDepth < 1 { errors.append("maxDepth must be at least 1 (got \(maxDepth))") }
        if width < 1 { errors.append("width must be at least 1 (got \(width))") }
        if selection.exploration < 0 { errors.append("the exploration constant must be ≥ 0") }
        if let b = tokenBudget, b < 1 { errors.append("tokenBudget must be positive (got \(b))") }
        if expansionRetries < 0 { errors.append("expansionRetries must be ≥ 0 (got \(expansionRetries))") }
        return errors
    }
}

extension SearchConfiguration {
    private enum CodingKeys: String, CodingKey {
        case rollouts, maxDepth, width, selection, schedule, stopAtPerfectSolution, treatTerminalsAsExhausted
        case mergeDuplicateSteps, keepOnlyBestTerminal, randomUnvisitedChoice, forceCodeAtMaxDepth, tokenBudget, seed
        case backUpEvaluatedTerminals, expansionRetries, expansionSeedsIncludeNode
    }

    /// Configurations recorded before a switch existed decode with the behaviour they ran with
    /// (no terminal back-up, no retries, prefix-only seeds), so a resumed run continues as it began.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rollouts: try c.decode(Int.self, forKey: .rollouts), maxDepth: try c.decode(Int.self, forKey: .maxDepth),
            width: try c.decode(Int.self, forKey: .width), selection: try c.decode(SelectionPolicy.self, forKey: .selection),
            schedule: try c.decode(ExplorationSchedule.self, forKey: .schedule),
            stopAtPerfectSolution: try c.decode(Bool.self, forKey: .stopAtPerfectSolution),
            treatTerminalsAsExhausted: try c.decode(Bool.self, forKey: .treatTerminalsAsExhausted),
            mergeDuplicateSteps: try c.decode(Bool.self, forKey: .mergeDuplicateSteps),
            keepOnlyBestTerminal: try c.decode(Bool.self, forKey: .keepOnlyBestTerminal),
            randomUnvisitedChoice: try c.decode(Bool.self, forKey: .randomUnvisitedChoice),
            forceCodeAtMaxDepth: try c.decode(Bool.self, forKey: .forceCodeAtMaxDepth),
            tokenBudget: try c.decodeIfPresent(Int.self, forKey: .tokenBudget),
            seed: try c.decode(UInt64.self, forKey: .seed),
            backUpEvaluatedTerminals: try c.decodeIfPresent(Bool.self, forKey: .backUpEvaluatedTerminals) ?? false,
            expansionRetries: try c.decodeIfPresent(Int.self, forKey: .expansionRetries) ?? 0,
            expansionSeedsIncludeNode: try c.decodeIfPresent(Bool.self, forKey: .expansionSeedsIncludeNode) ?? false)
    }
}
