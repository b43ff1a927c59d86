#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A confidence interval for a rate (a fraction of problems solved), with how it was made.
public struct ProportionInterval: Codable, Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    /// Coverage, e.g. 0.95.
    public var level: Double
    /// `wilson` or `bootstrap(R resamples, seed S)`.
    public var method: String

    public init(lower: Double, upper: Double, level: Double, method: String) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.method = method
    }

    /// Wilson's score interval at 95% (good at small n and at rates near 0 or 1).
    public static func wilson(successes: Int, trials: Int) -> ProportionInterval {
        guard trials > 0 else { return ProportionInterval(lower: 0, upper: 1, level: 0.95, method: "wilson") }
        let z = 1.959963984540054
        let n = Double(trials)
        let p = Double(successes) / n
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
        return ProportionInterval(lower: max(0, centre - half), upper: min(1, centre + half), level: 0.95, method: "wilson")
    }

    /// Percentile bootstrap at 95% over problems, seeded so the interval is reproducible.
    public static func bootstrap(_ outcomes: [Bool], resamples: Int = 2000, seed: UInt64 = 42) -> ProportionInterval {
        bootstrap(means: outcomes.map { $0 ? 1 : 0 }, resamples: resamples, seed: seed)
    }

    /// Percentile bootstrap at 95% of the mean of per-problem values (pass fractions, or paired
    /// differences of them, which may be negative), resampling problems; seeded.
    public static func bootstrap(means values: [Double], resamples: Int = 2000, seed: UInt64 = 42) -> ProportionInterval {
        let method = "bootstrap(\(resamples) resamples, seed \(seed))"
        guard !values.isEmpty, resamples > 0 else { return ProportionInterval(lower: 0, upper: 1, level: 0.95, method: method) }
        var rng = SplitMix64(seed: seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in values.indices { sum += values[Int.random(in: 0..<values.count, using: &rng)] }
            means.append(sum / Double(values.count))
        }
        means.sort()
        func quantile(_ q: Double) -> Double { means[min(means.count - 1, max(0, Int((q * Double(means.count)).rounded(.down))))] }
        return ProportionInterval(lower: quantile(0.025), upper: quantile(0.975), level: 0.95, method: method)
    }
}
