/// The tree as a value: nodes in an array arena (no class graph, no global id counter).
/// Selection, expansion and backpropagation are synchronous and pure; ``MCTS`` drives them.
public struct SearchTree<Step: Hashable & Sendable>: Sendable {
    public private(set) var nodes: [SearchNode<Step>]

    public init() {
        nodes = [
            SearchNode(
                id: .root, parent: nil, step: nil, depth: 0, prior: 1, isTerminal: false,
                createdInRollout: 0, generatedTokens: 0)
        ]
    }

    public subscript(id: NodeID) -> SearchNode<Step> { nodes[id.rawValue] }
    public var root: SearchNode<Step> { nodes[0] }
    public var count: Int { nodes.count }

    /// Steps from the root to `id` (the root contributes none).
    public func steps(to id: NodeID) -> [Step] { path(to: id).dropFirst().compactMap { self[$0].step } }

    /// Node ids from the root to `id`, inclusive.
    public func path(to id: NodeID) -> [NodeID] {
        var result = [id]
        var current = self[id].parent
        while let p = current {
            result.append(p)
            current = self[p].parent
        }
        return result.reversed()
    }

    /// A candidate child produced by the policy.
    public struct Candidate: Sendable {
        public var step: Step
        public var prior: Double
        public var isTerminal: Bool
        public var generatedTokens: Int
        public init(step: Step, prior: Double = 1, isTerminal: Bool, generatedTokens: Int = 0) {
            self.step = step
            self.prior = prior
            self.isTerminal = isTerminal
            self.generatedTokens = generatedTokens
        }
    }

    /// Adds children to `parent` and marks it expanded. With `mergeDuplicates`, a step identical
    /// to an existing sibling (or to an earlier candidate) is not added twice (spec D14).
    /// Returns the ids of the newly created children.
    @discardableResult
    public mutating func expand(
        _ parent: NodeID, with candidates: [Candidate], rollout: Int, mergeDuplicates: Bool = true
    ) -> [NodeID] {
        precondition(parent.rawValue < nodes.count, "unknown node \(parent)")
        var seen = Set(self[parent].children.compactMap { self[$0].step })
        var created: [NodeID] = []
        for c in candidates {
            if mergeDuplicates {
                guard seen.insert(c.step).inserted else { continue }
            }
            let id = NodeID(rawValue: nodes.count)
            nodes.append(
                SearchNode(
                    id: id, parent: parent, step: c.step, depth: self[parent].depth + 1, prior: c.prior,
                    isTerminal: c.isTerminal, createdInRollout: rollout, generatedTokens: c.generatedTokens))
            nodes[parent.rawValue].children.append(id)
            created.append(id)
        }
        nodes[parent.rawValue].isExpanded = true
        if nodes[parent.rawValue].children.isEmpty { markExhausted(parent) }
        return created
    }

    /// Records the reward of an evaluated terminal node.
    public mutating func setReward(_ reward: Double, for id: NodeID) {
        nodes[id.rawValue].reward = reward
    }

    /// Adds `reward` to Q and 1 to N of every node on `path` (discount 1: spec §4.7).
    public mutating func backpropagate(_ reward: Double, along path: [NodeID]) {
        for id in path {
            nodes[id.rawValue].visits += 1
            nodes[id.rawValue].totalValue += reward
        }
    }

    /// Marks `id` exhausted and propagates upwards to parents whose children are all exhausted.
    public mutating func markExhausted(_ id: NodeID) {
        var current: NodeID? = id
        while let c = current {
            nodes[c.rawValue].isExhausted = true
            guard let p = self[c].parent else { break }
            let parent = self[p]
            guard parent.isExpanded, parent.children.allSatisfy({ self[$0].isExhausted }) else { break }
            current = p
        }
    }

    /// Terminal nodes, in creation order.
    public var terminals: [SearchNode<Step>] { nodes.filter(\.isTerminal) }
}
