public import Execution
public import Inference
import O1CoderCore
public import Reasoning

/// How the samples of one problem are drawn.
public enum SamplingProtocol: Codable, Sendable, Hashable {
    /// `samples` whole answers, independently (the pass@k baseline).
    case independent(samples: Int)
    /// ASPR: `prefixes` reasoning prefixes, then `completions` code completions after each.
    case aspr(prefixes: Int, completions: Int)

    /// Programs graded per problem.
    public var samplesPerProblem: Int {
        switch self {
        case .independent(let samples): samples
        case .aspr(let prefixes, let completions): prefixes * completions
        }
    }

    /// Whether the run measures ASPR.
    public var measuresASPR: Bool {
        if case .aspr = self { return true }
        return false
    }
}

/// Everything that decides what a sampling run produces. Recorded in `run.json`; a rerun into the
/// same directory must present an equal configuration (``SamplingError/Code/configurationMismatch``).
public struct SamplingConfiguration: Codable, Sendable, Hashable {
    public var style: PromptStyle
    public var samplingProtocol: SamplingProtocol
    /// Sampling of whole answers and reasoning steps (its `seed` is the run seed; `maxTokens`
    /// bounds whole answers and single steps).
    public var sampling: SamplingParameters
    /// Token limit of one code completion (ASPR).
    public var codeMaxTokens: Int
    /// The most reasoning steps in a pseudocode prefix before the code step is forced.
    public var maxPrefixSteps: Int
    /// Few-shot examples per prompt.
    public var fewShotExamples: Int
    /// The examples, when not the bundled ones: a file in the bundled format, by path and sha256
    /// (nil: `Reasoning`'s bundled examples; runs recorded before the field have none).
    public var fewShotFile: ArtifactIdentity?
    /// Also run EvalPlus `plus` tests (a sample passes only if all run tests pass).
    public var includePlusTests: Bool
    /// Limits of one execution.
    public var limits: ExecutionLimits

    public init(
        style: PromptStyle, samplingProtocol: SamplingProtocol, sampling: SamplingParameters = SamplingParameters(),
        codeMaxTokens: Int = 512, maxPrefixSteps: Int = 4, fewShotExamples: Int = 2, includePlusTests: Bool = false,
        limits: ExecutionLimits = ExecutionLimits(), fewShotFile: ArtifactIdentity? = nil
    ) {
        self.fewShotFile = fewShotFile
        self.style = style
        self.samplingProtocol = samplingProtocol
        self.sampling = sampling
        self.codeMaxTokens = codeMaxTokens
        self.maxPrefixSteps = maxPrefixSteps
        self.fewShotExamples = fewShotExamples
        self.includePlusTests = includePlusTests
        self.limits = limits
    }

    /// Human-readable problems with this configuration (empty when valid).
    public func validationErrors() -> [String] {
        var errors: [String] = []
        switch samplingProtocol {
        case .independent(let samples):
            if samples < 1 { errors.append("-n must be at least 1.") }
        case .aspr(let prefixes, let completions):
            if prefixes < 1 { errors.append("--prefixes must be at least 1.") }
            if completions < 1 { errors.append("--completions must be at least 1.") }
            if style == .direct || style == .evalplus, prefixes != 1 {
                errors.append("--style \(style.rawValue) has no reasoning: its only prefix is empty, so use --prefixes 1.")
            }
        }
        if sampling.maxTokens < 1 || codeMaxTokens < 1 { errors.append("token limits must be at least 1.") }
        if maxPrefixSteps < 1 { errors.append("--max-prefix-steps must be at least 1.") }
        if fewShotExamples < 0 { errors.append("--few-shot must not be negative.") }
        return errors
    }
}
