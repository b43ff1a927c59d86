public import ArgumentParser
public import Foundation
public import Inference
public import Models
public import Logging
import O1CoderCore

extension OpenAIPromptEncoding: ExpressibleByArgument {}

/// Which implementation of `LanguageModel` serves the requests.
public enum ModelBackend: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// llama.cpp in process (`LlamaEngine`).
    case llama
    /// An OpenAI-compatible HTTP server (vLLM, SGLang, llama-server) at `--url`.
    case openai
}

/// `--backend`, `--model`, `--threads`, `--ctx`, `--lora`: shared by every command that needs a model.
/// Converts itself into library types; libraries never see ArgumentParser.
public struct ModelOptions: ParsableArguments, Sendable {
    public init() {}

    @Option(help: "Inference backend.")
    public var backend: ModelBackend = .llama

    @Option(help: ArgumentHelp(
        "Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080 (with --backend openai). Repeat it for "
            + "several servers: each problem sticks to one (its prefix cache), and a dead server's work moves to the others.",
        valueName: "url"))
    public var url: [String] = []

    @Option(help: ArgumentHelp("A file of server URLs, one per line (with --backend openai; added to --url).", valueName: "path"))
    public var urlsFile: String?

    @Option(help: ArgumentHelp(
        "Environment variable holding the server's API key (with --backend openai; never logged).", valueName: "name"))
    public var apiKeyEnv: String?

    @Option(help: ArgumentHelp(
        "How chat prompts reach the server (with --backend openai): messages, or token-ids on /v1/completions, which sends "
            + "text the model generated back as the ids it sampled so step boundaries are exact (llama-server, vLLM).",
        valueName: "encoding"))
    public var promptEncoding: OpenAIPromptEncoding = .messages

    @Option(help: ArgumentHelp("Registry model name (see `o1coder models list`) or path to a .gguf file.", valueName: "name|path"))
    public var model: String = ModelRegistry.defaultModel.rawValue

    @Option(help: ArgumentHelp("CPU threads for llama.cpp.", valueName: "n"))
    public var threads: Int = LlamaConfiguration.defaultThreads

    @Option(name: .customLong("ctx"), help: ArgumentHelp("Context size in tokens (KV cells shared by all samples).", valueName: "tokens"))
    public var contextLength: Int = 4096

    @Option(name: .customLong("lora"), help: ArgumentHelp("LoRA adapter to apply, as PATH or PATH:SCALE (repeatable).", valueName: "path[:scale]"))
    public var adapters: [String] = []

    @Flag(help: "Show llama.cpp's log on stderr.") public var verbose = false

    /// A logger on stderr; `--verbose` shows llama.cpp's own log lines too.
    public var logger: Logger { CLILogger.make(verbose: verbose) }

    public func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
        guard contextLength >= 16 else { throw ValidationError("--ctx must be at least 16 tokens.") }
        for a in adapters where a.isEmpty { throw ValidationError("--lora needs a path.") }
        if backend == .openai {
            let urls = try serverURLs()
            guard !urls.isEmpty else { throw ValidationError("--backend openai needs --url http://HOST:PORT of the server.") }
        } else if !url.isEmpty || urlsFile != nil || promptEncoding != .messages {
            throw ValidationError("--url, --urls-file and --prompt-encoding are only used with --backend openai.")
        }
    }

    /// Engine sizing from the flags; `parallel` is how many samples decode together.
    public func llamaConfiguration(parallel: Int = 8) -> LlamaConfiguration {
        LlamaConfiguration(contextLength: contextLength, threads: threads, parallelSequences: max(1, min(parallel, 32)))
    }

    /// The resolved model: a registry entry (must be pulled) or a file path, plus adapters.
    public func modelSpec(store: ModelStore = .standard()) throws -> ModelSpec {
        try store.resolve(model, adapters: adapters.map(LoRAAdapter.init(argument:)))
    }

    /// The embedded engine for these options (`configuration` replaces their sizing).
    public func makeLlamaEngine(parallel: Int = 8, configuration: LlamaConfiguration? = nil) async throws -> LlamaEngine {
        LlamaBackend.bootstrap(logger: logger)
        return try await LlamaEngine.load(
            modelSpec(), configuration: configuration ?? llamaConfiguration(parallel: parallel), logger: logger)
    }

    /// The language model for these options, whichever backend serves it.
    public func makeLanguageModel(parallel: Int = 8) async throws -> any LanguageModel {
        switch backend {
        case .llama:
            return try await makeLlamaEngine(parallel: parallel)
        case .openai:
            let urls = try serverURLs()
            guard !urls.isEmpty else { throw ValidationError("--backend openai needs --url http://HOST:PORT of the server.") }
            return try ServerPool.model(
                urls.map {
                    OpenAIConfiguration(
                        baseURL: $0, model: model, apiKeyEnvironmentVariable: apiKeyEnv, maxChoicesPerRequest: max(1, parallel),
                        promptEncoding: promptEncoding)
                }, logger: logger)
        }
    }

    /// `--url` and the lines of `--urls-file`, each checked.
    public func serverURLs() throws -> [URL] {
        try ServerAddress.urls(url, listPath: urlsFile).mapError { ValidationError($0.message) }.get()
    }
}

public enum CLILogger {
    /// A logger on stderr; `verbose` shows llama.cpp's own log lines too.
    public static func make(verbose: Bool) -> Logger {
        var logger = Logger(label: "o1coder") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .trace : .warning
        return logger
    }
}
