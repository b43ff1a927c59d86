import RunStorage

/// How complete traces are ranked when preference (DPO) pairs are formed.
public enum TraceRanking: Codable, Sendable, Hashable {
    /// The terminal's outcome reward R (the reward tests' pass fraction, compile bonus included).
    case outcome
    /// φ(R, r¹…rᵐ) of spec 6.9 at training step `step`. The process rewards are, per step of the
    /// path (the code step included, as the released code does): the PRM's P(+) where
    /// ``SearchedProblem/processRewards`` has one, else the tree's value (Q/N; a terminal's own
    /// reward), a Monte Carlo estimate of the same quantity.
    case aggregated(RewardAggregator, step: Int)
}

extension SearchedProblem {
    /// The score `ranking` gives the complete trace ending at `terminal`.
    func score(_ terminal: NodeRecord, by ranking: TraceRanking) -> Double {
        let outcome = terminal.reward ?? 0
        switch ranking {
        case .outcome:
            return outcome
        case .aggregated(let phi, let step):
            let process = path(to: terminal.nodeIndex).map { n in
                processRewards[n.nodeIndex] ?? (n.isTerminal ? (n.reward ?? 0) : n.meanValue)
            }
            return phi.reward(outcome: outcome, process: process, step: step)
        }
    }
}
