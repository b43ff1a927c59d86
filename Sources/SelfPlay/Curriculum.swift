public import O1CoderCore

/// Which training problems the next search skips: one that each of the last `window` searches
/// solved, or that none of them did, teaches the policy little (the curriculum; in the
/// spirit of dropping all-correct and all-wrong groups in RL on verifiable rewards).
public struct Curriculum: Codable, Sendable, Equatable {
    /// Searches a problem must have had before it can be dropped (at least 1).
    public var window: Int

    public init(window: Int) { self.window = max(1, window) }

    /// The problem ids to drop, given per earlier search (oldest first) whether each problem was
    /// solved. A problem missing from any of the last `window` searches is kept.
    public func dropped(_ ids: [ProblemID], history: [[ProblemID: Bool]]) -> Set<ProblemID> {
        guard history.count >= window else { return [] }
        let recent = history.suffix(window)
        return Set(ids.filter { id in
            let outcomes = recent.compactMap { $0[id] }
            return outcomes.count == window && Set(outcomes).count == 1
        })
    }
}
