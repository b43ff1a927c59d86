#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// McNemar's exact test for two methods on the same problems: only the discordant pairs count
/// (A solved and B not, B solved and A not); under "no difference" each is a fair coin flip.
public struct McNemarTest: Codable, Sendable, Hashable {
    /// Problems only the first method solved.
    public var onlyFirst: Int
    /// Problems only the second method solved.
    public var onlySecond: Int
    /// Two-sided exact binomial p-value (1 when there is no discordant pair).
    public var pValue: Double

    public init(first: [Bool], second: [Bool]) {
        precondition(first.count == second.count, "McNemar's test pairs outcomes problem by problem")
        onlyFirst = zip(first, second).filter { $0 && !$1 }.count
        onlySecond = zip(first, second).filter { !$0 && $1 }.count
        pValue = Self.exactPValue(onlyFirst, onlySecond)
    }

    /// From the discordant counts. With "problems where the first scores higher" and "where the
    /// second does" (ties dropped) this is the exact sign test of paired per-problem values.
    public init(onlyFirst: Int, onlySecond: Int) {
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        pValue = Self.exactPValue(onlyFirst, onlySecond)
    }

    static func exactPValue(_ b: Int, _ c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        let k = min(b, c)
        // P(X ≤ k) for X ~ Binomial(n, 1/2), in log space so large n does not overflow.
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1)) - Double(n) * log(2.0))
        }
        return min(1, 2 * tail)
    }
}
