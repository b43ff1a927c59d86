public import TrainingData

/// How a self-play round ranks the traces its DPO pairs are made from.
public enum PairRanking: Codable, Sendable, Equatable {
    /// The outcome reward alone (directories recorded before φ ranking existed).
    case outcome
    /// φ (spec 6.9) with t = round × `stepsPerRound` (D5 leaves t open; iterative DPO's round is
    /// its natural clock): α falls from 1 on the outcome towards the process rewards each round.
    case phi(RewardAggregator, stepsPerRound: Int)

    /// The default of new runs: φ with α = 0.75, 0.5, 0.25, then 0.1 from round 4.
    public static let standard = PairRanking.phi(RewardAggregator(), stepsPerRound: 25)

    /// The exporter's ranking in round `round`.
    public func ranking(round: Int) -> TraceRanking {
        switch self {
        case .outcome: .outcome
        case .phi(let aggregator, let steps): .aggregated(aggregator, step: round * steps)
        }
    }
}
