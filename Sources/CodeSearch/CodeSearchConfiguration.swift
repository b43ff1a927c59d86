public import Execution
public import Inference
public import O1CoderCore
public import Search

/// Everything that shapes a code-reasoning search, recorded with each run.
public struct CodeSearchConfiguration: Codable, Sendable, Hashable {
    public var search: SearchConfiguration
    /// Sampling for each expansion (the step-end stop string is added by the step generator).
    public var sampling: SamplingParameters
    /// Tests the search is rewarded with: at most this many, chosen by a seeded draw per problem
    /// (the original draws ≤ 10 by mutating shared state, D15). nil: all tests.
    public var searchTestLimit: Int?
    /// Reward shaping α: reward = α·compiles + (1 − α)·passRate (the paper's v; the code has α = 0).
    /// A compiling but wrong program never reaches 1 (D2).
    public var compileBonus: Double
    public var limits: ExecutionLimits
    /// A process reward model guiding PUCT's priors (`--prm NAME --prm-weight W`); nil: none.
    /// Optional, so configurations recorded before it existed decode unchanged.
    public var processReward: ProcessRewardGuidance?
    /// The rule of the search's derived seeds (expansions, the oracle's test subset). Presets and
    /// every new run use ``SeedRule/derivation``; a configuration recorded before the field
    /// existed (configuration version 1) has none and keeps its ``SeedRule/xorFNV1a`` on resume.
    public var seedRule: SeedRule?

    public init(
        search: SearchConfiguration, sampling: SamplingParameters, searchTestLimit: Int?, compileBonus: Double,
        limits: ExecutionLimits, seedRule: SeedRule = .derivation
    ) {
        self.search = search
        self.sampling = sampling
        self.searchTestLimit = searchTestLimit
        self.compileBonus = compileBonus
        self.limits = limits
        self.seedRule = seedRule
    }

    /// The rule in force: the recorded one, or for a configuration from before the field existed
    /// the XOR rule it was searched with.
    public var effectiveSeedRule: SeedRule { seedRule ?? .xorFNV1a }

    /// The seed for `key` (a problem, an expansion prefix) from `base` under the recorded rule.
    public func derivedSeed(_ base: UInt64, key: String) -> UInt64 { effectiveSeedRule.seed(base, key: key) }

    /// O1-CODER's released settings: T 0.8, top-p 0.95, top-k 40, ≤ 10 tests, α = 0,
    /// a 1 s per-test budget in the original (we give the whole program 4 s CPU).
    public static let faithful = CodeSearchConfiguration(
        search: .faithful, sampling: SamplingParameters(temperature: 0.8, topK: 40, topP: 0.95, maxTokens: 512),
        searchTestLimit: 10, compileBonus: 0, limits: ExecutionLimits(cpuSeconds: 4))

    /// Ours: the standard search preset, same sampling, α = 0.1 as a shaping signal.
    public static let standard = CodeSearchConfiguration(
        search: .standard, sampling: SamplingParameters(temperature: 0.8, topK: 40, topP: 0.95, maxTokens: 512),
        searchTestLimit: 10, compileBonus: 0.1, limits: ExecutionLimits(cpuSeconds: 4))

    /// The reward of a program's report under this configuration.
    public func reward(passRate: Double, compiles: Bool) -> Double {
        compileBonus * (compiles ? 1 : 0) + (1 - compileBonus) * passRate
    }

    /// These settings sampling with `parameters`; the search takes the same seed.
    public func sampling(_ parameters: SamplingParameters) -> CodeSearchConfiguration {
        var c = self
        c.sampling = parameters
        c.search.seed = parameters.seed
        return c
    }
}

/// How a PRM shapes the search: each candidate step's prior is
/// (1 − weight) · the policy's prior + weight · its PRM score normalised over the siblings.
public struct ProcessRewardGuidance: Codable, Sendable, Hashable {
    /// The PRM's model name (a trained `o1coder train prm` NAME), for the record.
    public var model: String
    public var weight: Double
    public init(model: String, weight: Double) {
        self.model = model
        self.weight = weight
    }
}
