public import O1CoderCore

/// The seeded subset of a problem's tests that rewards the search (the full suite verifies).
public enum SearchTestSelection {
    /// At most `limit` cases of `suite`, drawn without replacement by a generator seeded with
    /// `seed` and the problem id, kept in suite order. The same inputs always give the same subset.
    public static func subset(
        of suite: TestSuite, limit: Int?, seed: UInt64, problem: ProblemID, rule: SeedRule = .derivation
    ) -> TestSuite {
        guard let limit, suite.cases.count > limit else { return suite }
        var rng = SplitMix64(seed: rule.seed(seed, key: problem.rawValue))
        var indices = Array(suite.cases.indices)
        indices.shuffle(using: &rng)
        let chosen = indices.prefix(limit).sorted()
        var result = suite
        result.cases = chosen.map { suite.cases[$0] }
        return result
    }
}
