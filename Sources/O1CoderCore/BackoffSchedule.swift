internal import Synchronization

/// Exponential back-off with seeded jitter: the delay before retry `k` (0-based) is
/// `min(maxBackoff, initialBackoff · 2^k)` times a factor in [0.5, 1) ("equal jitter"), so
/// concurrent clients spread out while the delay still grows. The jitter comes from a SplitMix64
/// generator seeded by the caller, so a run's retry timing is reproducible given its failures.
public final class BackoffSchedule: Sendable {
    public let initial: Duration
    public let maximum: Duration
    private let state: Mutex<UInt64>

    public init(initial: Duration, maximum: Duration, seed: UInt64) {
        self.initial = initial
        self.maximum = maximum
        self.state = Mutex(seed)
    }

    /// The delay before retry number `retry` (0 for the first retry).
    public func delay(beforeRetry retry: Int) -> Duration {
        var base = initial
        for _ in 0..<min(retry, 62) {
            base = base * 2
            if base >= maximum { break }
        }
        base = min(base, maximum)
        let unit = state.withLock { seed -> Double in
            // SplitMix64 (Steele, Lea & Flood 2014), 53 random bits → [0, 1).
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(UInt64(1) << 53)
        }
        return base * (0.5 + 0.5 * unit)
    }
}
