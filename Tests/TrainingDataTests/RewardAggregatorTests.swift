import Testing
@testable import TrainingData

@Suite struct RewardAggregatorTests {
    static let process = [0.9, 0.8, 0.7, 0.9, 0.95]

    @Test("The published test vectors of spec 6.9", arguments: [(1, 1.0, 0.99693279), (50, 0.0, 0.3466395), (200, 0.5, 0.6739511)])
    func vectors(step: Int, outcome: Double, expected: Double) {
        #expect(abs(RewardAggregator().reward(outcome: outcome, process: Self.process, step: step) - expected) < 1e-7)
    }

    @Test("α decays linearly to its floor; the paper's exponent gives its own value; no steps gives R")
    func schedule() {
        let phi = RewardAggregator()
        #expect(phi.alpha(at: 0) == 1)
        #expect(abs(phi.alpha(at: 50) - 0.5) < 1e-12)
        #expect(phi.alpha(at: 1000) == 0.1)
        var paper = RewardAggregator()
        paper.discountsFirstStep = true
        #expect(abs(paper.reward(outcome: 1, process: Self.process, step: 1) - 0.996239511) < 1e-7)
        #expect(phi.reward(outcome: 0.25, process: [], step: 3) == 0.25)
    }
}
