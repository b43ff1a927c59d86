/// The one rule that derives a seed from a run's seed and the place of what uses it (a problem,
/// an expansion prefix; a stage and an index within it): SplitMix64's finaliser over the run
/// seed, FNV-1a of the key, the stage and the index in turn. A seed depends on nothing else, so
/// skipping finished problems on resume, or running them in another order, changes no other
/// seed. Values fit 31 bits, what every engine's seed takes (llama.cpp's uint32, OpenAI servers').
public enum SeedDerivation {
    public static func seed(_ base: UInt64, key: String, stage: Int = 0, index: Int = 0) -> UInt64 {
        var z = mix(base)
        z = mix(z ^ SplitMix64.fnv1a(key))
        z = mix(z ^ UInt64(truncatingIfNeeded: stage))
        z = mix(z ^ UInt64(truncatingIfNeeded: index))
        return z & 0x7fff_ffff
    }

    public static func seed(_ base: UInt64, problem: ProblemID, stage: Int = 0, index: Int = 0) -> UInt64 {
        seed(base, key: problem.rawValue, stage: stage, index: index)
    }

    /// A generator for `key`'s random choices (a test subset, a shuffle), seeded by the rule.
    public static func generator(_ base: UInt64, key: String, stage: Int = 0) -> SplitMix64 {
        SplitMix64(seed: seed(base, key: key, stage: stage))
    }

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Which rule derived a recorded search's seeds, so that resuming a run reproduces it. A search
/// configuration records it; one recorded before ``SeedDerivation`` was the only rule has none,
/// which reads as ``xorFNV1a``.
public enum SeedRule: String, Codable, Sendable, Hashable {
    /// `seed ^ fnv1a(key)`: searches recorded before configuration version 2 (2026-12-04).
    case xorFNV1a = "xor-fnv1a"
    /// ``SeedDerivation``: every run recorded since.
    case derivation

    /// The seed for `key` under this rule.
    public func seed(_ base: UInt64, key: String) -> UInt64 {
        switch self {
        case .xorFNV1a: base ^ SplitMix64.fnv1a(key)
        case .derivation: SeedDerivation.seed(base, key: key)
        }
    }
}
