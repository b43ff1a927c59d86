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

    public init() {}

    /// The runner's names for these fields (training/runner.py reads them from the job file).
    enum CodingKeys: String, CodingKey {
        case maxSteps = "max_steps", learningRate = "learning_rate", batchSize = "batch_size"
        case gradientAccumulationSteps = "gradient_accumulation_steps", maxLength = "max_length"
        case warmupSteps = "warmup_steps", saveSteps = "save_steps", loraRank = "lora_r", loraAlpha = "lora_alpha"
        case loraDropout = "lora_dropout", beta, seed, threads, prmTargets = "prm_labels", evalFraction = "eval_fraction"
        case generations = "num_generations", maxCompletionLength = "max_completion_length", temperature
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
            if generations < 2 { return "--generations must be at least 2 (GRPO compares completions within a group)" }
            if batchSize % generations != 0 { return "--batch-size must be a multiple of --generations" }
        }
        if let maxCompletionLength, maxCompletionLength < 1 { return "--max-completion-length must be at least 1" }
        if let temperature, temperature <= 0 { return "--temperature must be positive" }
        return nil
    }
}

/// Which labels a PRM is fitted to (spec 6.3–6.4): hard 0/1 step labels or soft values in [0, 1].
public enum PRMTargets: String, Codable, Sendable, CaseIterable {
    case hard, soft
}
