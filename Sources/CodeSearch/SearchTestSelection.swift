public import O1CoderCore
public import Search

/// The seeded subset of a problem's tests that rewards the search (the full suite verifies).
public enum SearchTestSelection {
    /// At most `limit` cases of `suite`, drawn without replacement by a generator seeded with
    /// `seed` and the problem id, kept in suite order. The same inputs always give the same subset.
    public static func subset(of suite: TestSuite, limit: Int?, seed: UInt64, problem: ProblemID) -> TestSuite {
        guard let limit, suite.cases.count > limit else { return suite }
        var rng = SplitMix64(seed: seed ^ fnv1a(problem.rawValue))
        var indices = Array(suite.cases.indices)
        indices.shuffle(using: &rng)
        let chosen = indices.prefix(limit).sorted()
        var result = suite
        result.cases = chosen.map { suite.cases[$0] }
        return result
    }

    /// FNV-1a over UTF-8: a stable string hash (Swift's `hashValue` is randomly seeded per process).
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
