/// A small, fast, seedable generator (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", 2014). `SystemRandomNumberGenerator` cannot be seeded; every random choice in
/// search, test selection, test generation and training data goes through one of these, so a run
/// is reproducible from its recorded seed (sub-task seeds come from ``SeedDerivation``).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over UTF-8: a stable string hash (Swift's `hashValue` is seeded per process).
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01B3
        }
        return h
    }
}
