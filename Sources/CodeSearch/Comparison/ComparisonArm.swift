/// One method of the compute-matched comparison (`o1coder bench-search`).
public enum ComparisonArm: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// One greedy direct answer (spends what it spends; the same at every budget).
    case greedyDirect = "greedy-direct"
    case bestOfNDirect = "best-of-n-direct"
    case bestOfNPseudocode = "best-of-n-pseudocode"
    /// MCTS over pseudocode steps, our preset.
    case mctsStandard = "mcts-standard"
    /// MCTS with O1-CODER's own defaults and quirks.
    case mctsFaithful = "mcts-faithful"
    /// Our preset with PUCT selection, the policy's length-normalised log-probability as prior:
    /// the baseline of the PRM arm (the two differ only in the PRM).
    case mctsPUCT = "mcts-puct"
    /// `mcts-puct` with a trained PRM's step scores blended into the priors (`--prm`, `--prm-weight`).
    case mctsPUCTPRM = "mcts-puct-prm"

    /// Whether the arm's result depends on the budget (greedy's does not: it runs once).
    public var usesBudget: Bool { self != .greedyDirect }
    public var isSearch: Bool { [.mctsStandard, .mctsFaithful, .mctsPUCT, .mctsPUCTPRM].contains(self) }

    public static func < (a: ComparisonArm, b: ComparisonArm) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
