public import O1CoderCore

/// One verified code step of a search tree, seen as a completion of its parent prefix (the tree
/// ASPR's unit: the prefix is the path up to the code step's parent).
public struct TreePrefixObservation: Sendable, Hashable {
    public var problem: ProblemID
    /// The parent node's index in its problem's tree.
    public var parentNode: Int
    /// Whether the code step passed the full (hidden) suite.
    public var passed: Bool
}

extension RunStore {
    /// Every terminal node of `run` that was verified on the full suite, as an observation of its
    /// parent prefix.
    public func treePrefixObservations(run: RunID) throws -> [TreePrefixObservation] {
        var observations: [TreePrefixObservation] = []
        for p in try problems(run: run) {
            let full = Dictionary(
                try executions(run: run, problem: p.problemId).filter { $0.scope == .full }
                    .map { ($0.nodeIndex, $0.verdict == .passed) }, uniquingKeysWith: { a, _ in a })
            for n in try nodes(run: run, problem: p.problemId) where n.isTerminal {
                guard let parent = n.parentIndex, let passed = full[n.nodeIndex] else { continue }
                observations.append(TreePrefixObservation(problem: p.problemId, parentNode: parent, passed: passed))
            }
        }
        return observations
    }
}
