public import ArgumentParser
public import CodeSearch
public import Inference

/// One command's defaults for ``SamplingOptions`` (the rest are the same everywhere).
public protocol SamplingDefaults: Sendable {
    static var temperature: Double { get }
    static var maxTokens: Int { get }
    /// What `--max-tokens` limits in this command.
    static var maxTokensHelp: String { get }
}

/// `--temperature`, `--top-p`, `--top-k`, `--seed`, `--max-tokens`: shared by every command that
/// samples, each with its own ``SamplingDefaults``.
public struct SamplingOptions<Defaults: SamplingDefaults>: ParsableArguments, Sendable {
    public init() {}

    @Option(help: "Sampling temperature; 0 is greedy.") public var temperature: Double = Defaults.temperature
    @Option(help: "Top-p (nucleus) cut-off; 1 disables.") public var topP: Double = 0.95
    @Option(help: ArgumentHelp("Top-k cut-off (0 disables).", valueName: "k")) public var topK: Int = 40
    @Option(help: "Run seed; every request's seed derives from it.") public var seed: UInt64 = 42
    @Option(help: ArgumentHelp(Defaults.maxTokensHelp, valueName: "tokens")) public var maxTokens: Int = Defaults.maxTokens

    public func validate() throws {
        guard temperature >= 0 else { throw ValidationError("--temperature must not be negative.") }
        guard (0...1).contains(topP) else { throw ValidationError("--top-p must be in [0, 1].") }
        guard topK >= 0 else { throw ValidationError("--top-k must not be negative.") }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1.") }
    }

    /// The flags over `base`, whose other fields (stop strings, min-p, the guard) stay.
    public func parameters(over base: SamplingParameters = SamplingParameters()) -> SamplingParameters {
        var p = base
        p.temperature = temperature
        p.topK = topK > 0 ? topK : nil
        p.topP = topP < 1 ? topP : nil
        p.seed = seed
        p.maxTokens = maxTokens
        return p
    }
}

/// Whole answers or one reasoning step (`o1coder sample`).
public enum AnswerSampling: SamplingDefaults {
    public static let temperature = 0.8
    public static let maxTokens = 768
    public static let maxTokensHelp = "Token limit of a whole answer or one reasoning step."
}

/// One search step (`o1coder search`, `bench-search`), the presets' values.
public enum StepSampling: SamplingDefaults {
    public static let temperature = 0.8
    public static let maxTokens = 512
    public static let maxTokensHelp = "Token limit of one reasoning step (an answer may use depth × this)."
}

/// One completion of `o1coder generate`.
public enum CompletionSampling: SamplingDefaults {
    public static let temperature = 0.8
    public static let maxTokens = 512
    public static let maxTokensHelp = "Maximum generated tokens per sample."
}

/// One block of tests (`o1coder tcg generate`), a little cooler for well-formed blocks.
public enum TestSampling: SamplingDefaults {
    public static let temperature = 0.7
    public static let maxTokens = 512
    public static let maxTokensHelp = "Maximum generated tokens per completion."
}

extension SamplingOptions {
    /// `configuration` sampling with these flags over its own parameters, its search on the same seed.
    public func applied(to configuration: CodeSearchConfiguration) -> CodeSearchConfiguration {
        configuration.sampling(parameters(over: configuration.sampling))
    }
}
