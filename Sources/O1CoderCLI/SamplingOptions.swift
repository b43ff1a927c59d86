import ArgumentParser
import Inference

/// One command's defaults for ``SamplingOptions`` (the rest are the same everywhere).
protocol SamplingDefaults: Sendable {
    static var temperature: Double { get }
    static var maxTokens: Int { get }
    /// What `--max-tokens` limits in this command.
    static var maxTokensHelp: String { get }
}

/// `--temperature`, `--top-p`, `--top-k`, `--seed`, `--max-tokens`: shared by every command that
/// samples, each with its own ``SamplingDefaults``.
struct SamplingOptions<Defaults: SamplingDefaults>: ParsableArguments, Sendable {
    @Option(help: "Sampling temperature; 0 is greedy.") var temperature: Double = Defaults.temperature
    @Option(help: "Top-p (nucleus) cut-off; 1 disables.") var topP: Double = 0.95
    @Option(help: ArgumentHelp("Top-k cut-off (0 disables).", valueName: "k")) var topK: Int = 40
    @Option(help: "Run seed; every request's seed derives from it.") var seed: UInt64 = 42
    @Option(help: ArgumentHelp(Defaults.maxTokensHelp, valueName: "tokens")) var maxTokens: Int = Defaults.maxTokens

    func validate() throws {
        guard temperature >= 0 else { throw ValidationError("--temperature must not be negative.") }
        guard (0...1).contains(topP) else { throw ValidationError("--top-p must be in [0, 1].") }
        guard topK >= 0 else { throw ValidationError("--top-k must not be negative.") }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1.") }
    }

    /// The flags over `base`, whose other fields (stop strings, min-p, the guard) stay.
    func parameters(over base: SamplingParameters = SamplingParameters()) -> SamplingParameters {
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
enum AnswerSampling: SamplingDefaults {
    static let temperature = 0.8
    static let maxTokens = 768
    static let maxTokensHelp = "Token limit of a whole answer or one reasoning step."
}

/// One search step (`o1coder search`, `bench-search`), the presets' values.
enum StepSampling: SamplingDefaults {
    static let temperature = 0.8
    static let maxTokens = 512
    static let maxTokensHelp = "Token limit of one reasoning step (an answer may use depth × this)."
}

/// One completion of `o1coder generate`.
enum CompletionSampling: SamplingDefaults {
    static let temperature = 0.8
    static let maxTokens = 512
    static let maxTokensHelp = "Maximum generated tokens per sample."
}

/// One block of tests (`o1coder tcg generate`), a little cooler for well-formed blocks.
enum TestSampling: SamplingDefaults {
    static let temperature = 0.7
    static let maxTokens = 512
    static let maxTokensHelp = "Maximum generated tokens per completion."
}
