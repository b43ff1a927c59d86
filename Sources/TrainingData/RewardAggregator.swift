/// The reward aggregator φ of O1-CODER (spec 6.9): the outcome reward R (fraction of tests
/// passed) blended with the discounted mean of the process rewards r¹…rᵐ (the PRM's P(+) per
/// step, the code step included), with a weight α(t) on the outcome that decays with the
/// training step t so later rounds lean on the process reward.
public struct RewardAggregator: Codable, Sendable, Hashable {
    /// α(t) = max(α_min, α_max − decay·t), the released `linear_alpha`.
    public var alphaMax = 1.0
    public var alphaMin = 0.1
    public var decay = 0.01
    public var gamma = 0.9
    /// The released code discounts the first step by γ⁰; the paper's formula by γ¹.
    public var discountsFirstStep = false

    public init() {}

    public func alpha(at step: Int) -> Double { max(alphaMin, alphaMax - decay * Double(step)) }

    /// φ(R, r) at training step `step`; with no process rewards it is R.
    public func reward(outcome: Double, process: [Double], step: Int) -> Double {
        guard !process.isEmpty else { return outcome }
        let offset = discountsFirstStep ? 1 : 0
        var weighted = 0.0
        var discount = 1.0
        for _ in 0..<offset { discount *= gamma }
        for r in process {
            weighted += discount * r
            discount *= gamma
        }
        let a = alpha(at: step)
        return a * outcome + (1 - a) * weighted / Double(process.count)
    }
}
