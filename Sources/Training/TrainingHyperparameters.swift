/// The knobs of one LoRA training run. Defaults fit a 2-core CPU (short sequences, a few steps
/// a minute); every one can be set from the command line and is recorded with the model.
public struct TrainingHyperparameters: Codable, Sendable, Hashable {
    public var maxSteps = 20
    public var learningRate = 1e-4
    public var batchSize = 2
    public var gradientAccumulationSteps = 1
    public var maxLength = 512
    public var warmupSteps = 0
    public var saveSteps = 10
    public var loraRank = 8
    public var loraAlpha = 16
    public var loraDropout = 0.0
    /// DPO's β (ignored by SFT).
    public var beta = 0.1
    public var seed: UInt64 = 42
    public var threads = 2
    /// PRM: train on hard labels (the export's thresholded ones) or soft ones (the step values).
    public var prmTargets = PRMTargets.hard
    /// PRM: the fraction of *problems* held out for its metrics (split by problem, never by step).
    public var evalFraction = 0.2
    /// GRPO: completions sampled per prompt (the group); nil: the runner's 2. Optional, like the
    /// next two, so that records written before GRPO existed decode and compare unchanged.
    public var generations: Int?
    /// GRPO: the token cap of each completion (nil: 128).
    public var maxCompletionLength: Int?
    /// GRPO: the sampling temperature (nil: 1.0).
    public var temperature: Double?
    /// PRM: the objective (nil: point-wise, as records written before the pair-wise one read).
    public var prmObjective: PRMObjective?
    /// Pair-wise PRM: which of the export's pairs train (nil: all of them).
    public var pairSelection: PRMPairSelection?
    /// Pair-wise PRM: the least value gap of a pair that trains, on top of the export's own
    /// `--margin` (nil: 0, every exported pair).
    public var pairMargin: Double?

    public init() {}

    /// The runner's names for these fields (training/runner.py reads them from the job file).
    enum CodingKeys: String, CodingKey {
        case maxSteps = "max_steps", learningRate = "learning_rate", batchSize = "batch_size"
        case gradientAccumulationSteps = "gradient_accumulation_steps", maxLength = "max_length"
        case warmupSteps = "warmup_steps", saveSteps = "save_steps", loraRank = "lora_r", loraAlpha = "lora_alpha"
        case loraDropout = "lora_dropout", beta, seed, threads, prmTargets = "prm_labels", evalFraction = "eval_fraction"
        case generations = "num_generations", maxCompletionLength = "max_completion_length", temperature
        case prmObjective = "prm_objective", pairSelection = "pair_selection", pairMargin = "pair_margin"
    }

    /// What is wrong with these values, in the words of the command-line flags; nil when valid.
    public var problem: String? {
        if maxSteps < 1 { return "--steps must be at least 1" }
        if !(learningRate > 0 && learningRate < 1) { return "--learning-rate must be in (0, 1)" }
        if batchSize < 1 || gradientAccumulationSteps < 1 { return "--batch-size and --gradient-accumulation must be at least 1" }
        if maxLength < 16 { return "--max-length must be at least 16 tokens" }
        if saveSteps < 1 { return "--save-steps must be at least 1" }
        if loraRank < 1 || loraAlpha < 1 { return "--lora-rank and --lora-alpha must be at least 1" }
        if !(0..<1).contains(loraDropout) { return "--lora-dropout must be in [0, 1)" }
        if beta <= 0 { return "--beta must be positive" }
        if threads < 1 { return "--threads must be at least 1" }
        if !(0..<1).contains(evalFraction) { return "--eval-fraction must be in [0, 1)" }
        if let generations {
            if generations < 2 { return "--generations must be at least 2 (GRPO and RLOO compare completions within a group)" }
            if batchSize % generations != 0 { return "--batch-size must be a multiple of --generations" }
        }
        if let maxCompletionLength, maxCompletionLength < 1 { return "--max-completion-length must be at least 1" }
        if let temperature, temperature <= 0 { return "--temperature must be positive" }
        if let pairMargin, !(pairMargin >= 0) { return "--pair-margin must not be negative" }
        if prmObjective == .pairwise, prmTargets == .soft {
            return "--labels is for --objective pointwise (pairs have no step labels; their order is the target)"
        }
        if prmObjective != .pairwise, pairSelection != nil || pairMargin != nil {
            return "--pair-selection and --pair-margin are for --objective pairwise"
        }
        return nil
    }
}

/// Which labels a PRM is fitted to (spec 6.3–6.4): hard 0/1 step labels or soft values in [0, 1].
public enum PRMTargets: String, Codable, Sendable, CaseIterable {
    case hard, soft
}

/// How a PRM is fitted (spec 6.1): point-wise on step labels, or pair-wise (Bradley–Terry) on
/// sibling steps after the same prefix, the better one first (`o1coder export --format prm-pairs`).
/// Both train the same generative model, read as P(+) at the tag after each step.
public enum PRMObjective: String, Codable, Sendable, CaseIterable {
    case pointwise, pairwise
}

/// Which exported pairs a pair-wise PRM trains on.
public enum PRMPairSelection: String, Codable, Sendable, CaseIterable {
    /// Every pair of the file (the export already kept only gaps of at least its `--margin`).
    case all
    /// rStar-Math's choice (Guan et al. 2025, §3.3): among the siblings after one prefix, the two
    /// best steps by value against the two worst.
    case topBottom2 = "top-bottom-2"
}
