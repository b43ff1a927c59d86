import Inference
public import O1CoderCore

extension TestGenerationConfiguration {
    /// These settings for one problem: its sampling seed derived from `sampling.seed` (the run's)
    /// and the problem id, so a problem's tests do not depend on which others run or in what order.
    public func seeded(for problem: ProblemID) -> TestGenerationConfiguration {
        var copy = self
        copy.sampling.seed = SeedDerivation.seed(sampling.seed, problem: problem)
        return copy
    }
}
