public import O1CoderCore
public import RunStorage

/// One problem's stored search tree with its executions: the input of every exporter.
public struct SearchedProblem: Sendable {
    public var problem: Problem
    public var nodes: [NodeRecord]
    public var executions: [ExecutionRecord]
    /// A process reward model's P(+) per step, by node index (empty without a PRM); used by
    /// ``TraceRanking/aggregated(_:step:)``.
    public var processRewards: [Int: Double]

    public init(problem: Problem, nodes: [NodeRecord], executions: [ExecutionRecord], processRewards: [Int: Double] = [:]) {
        self.problem = problem
        self.nodes = nodes.sorted { $0.nodeIndex < $1.nodeIndex }
        self.executions = executions
        self.processRewards = processRewards
    }

    func node(_ index: Int) -> NodeRecord? {
        nodes.indices.contains(index) && nodes[index].nodeIndex == index
            ? nodes[index] : nodes.first { $0.nodeIndex == index }
    }

    /// Nodes from the root's first child down to `index` (the root has no step).
    func path(to index: Int) -> [NodeRecord] {
        var result: [NodeRecord] = []
        var current = node(index)
        while let n = current, n.parentIndex != nil {
            result.append(n)
            current = n.parentIndex.flatMap(node)
        }
        return result.reversed()
    }

    func children(of index: Int) -> [NodeRecord] { nodes.filter { $0.parentIndex == index } }

    /// Whether the terminal `index` passed the full test suite (re-verified, D3).
    func passesAllTests(_ index: Int) -> Bool {
        executions.contains { $0.nodeIndex == index && $0.scope == .full && $0.verdict == .passed }
    }

    /// Whether the terminal `index` was verified on the full suite and failed it: only such a
    /// trace may be a rejected answer (an unverified one could be correct).
    func failsFullTests(_ index: Int) -> Bool {
        executions.contains { $0.nodeIndex == index && $0.scope == .full && $0.verdict != .passed }
    }

    /// Complete paths: terminals with a reward, in node order.
    var terminals: [NodeRecord] { nodes.filter { $0.isTerminal && $0.reward != nil } }
}
