import Inference
public import O1CoderCore

extension TestGenerationConfiguration {
    /// These settings for one problem: its sampling seed derived from `sampling.seed` (the run's)
    /// and the problem id, so a problem's tests do not depend on which others run or in what order.
    public func seeded(for problem: ProblemID) -> TestGenerationConfiguration {
        var copy = self
        copy.sampling.seed = SplitMix64.seed(deriving: sampling.seed, key: problem.rawValue)
        return copy
    }
}

extension SplitMix64 {
    /// A seed for `key` from `seed`: the first draw of ``SplitMix64/derived(seed:key:)``.
    static func seed(deriving seed: UInt64, key: String) -> UInt64 {
        var rng = SplitMix64.derived(seed: seed, key: key)
        return rng.next()
    }
}
