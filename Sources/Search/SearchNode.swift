/// Index of a node in a ``SearchTree`` arena. The root is always 0.
public struct NodeID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let root = NodeID(rawValue: 0)
    public static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "n\(rawValue)" }
}

/// One node of the search tree: the step that led here and its statistics.
///
/// `visits` (N) and `totalValue` (Q) are the MCTS statistics; `Q / N` is the step value exported
/// for process supervision (spec §4.8; D1: terminals report their raw reward, not reward / N).
public struct SearchNode<Step: Hashable & Sendable>: Sendable {
    public let id: NodeID
    public let parent: NodeID?
    /// The step that this node appends; nil for the root.
    public let step: Step?
    public let depth: Int
    public internal(set) var children: [NodeID] = []
    public internal(set) var visits: Int = 0
    public internal(set) var totalValue: Double = 0
    /// Prior probability for PUCT (from the policy's log-probability, later a PRM).
    public let prior: Double
    /// A terminal node ends the trace (a code step, or the depth cap).
    public let isTerminal: Bool
    /// Reward of a terminal node once evaluated (pass rate on the search tests, with shaping).
    public internal(set) var reward: Double?
    /// Whether the node's children have been generated.
    public internal(set) var isExpanded = false
    /// No further rollout through this node can add information (terminal, or all children exhausted).
    public internal(set) var isExhausted = false
    /// The rollout during which the node was created.
    public let createdInRollout: Int
    /// Tokens generated to produce this step (for token budgets and reports).
    public let generatedTokens: Int

    /// Mean value Q/N; a terminal reports its reward (spec D1 fix), an unvisited node 0.
    public var meanValue: Double {
        if isTerminal, let reward { return reward }
        return visits > 0 ? totalValue / Double(visits) : 0
    }
}
