import ArgumentParser
import Foundation
import Inference
import Logging

/// Which implementation of `LanguageModel` serves the requests.
enum ModelBackend: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// llama.cpp in process (`LlamaEngine`).
    case llama
    /// An OpenAI-compatible HTTP server (vLLM, SGLang, llama-server) at `--url`.
    case openai
}

/// `--backend`, `--model`, `--threads`, `--ctx`, `--lora`: shared by every command that needs a model.
/// Converts itself into library types; libraries never see ArgumentParser.
struct ModelOptions: ParsableArguments, Sendable {
    @Option(help: "Inference backend.")
    var backend: ModelBackend = .llama

    @Option(help: ArgumentHelp(
        "Base URL of the OpenAI-compatible server, e.g. http://127.0.0.1:8080 (with --backend openai).",
        valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp(
        "Environment variable holding the server's API key (with --backend openai; never logged).", valueName: "name"))
    var apiKeyEnv: String?

    @Option(help: ArgumentHelp("Registry model name (see `o1coder models list`) or path to a .gguf file.", valueName: "name|path"))
    var model: String = ModelRegistry.defaultModel.rawValue

    @Option(help: ArgumentHelp("CPU threads for llama.cpp.", valueName: "n"))
    var threads: Int = LlamaConfiguration.defaultThreads

    @Option(name: .customLong("ctx"), help: ArgumentHelp("Context size in tokens (KV cells shared by all samples).", valueName: "tokens"))
    var contextLength: Int = 4096

    @Option(name: .customLong("lora"), help: ArgumentHelp("LoRA adapter to apply, as PATH or PATH:SCALE (repeatable).", valueName: "path[:scale]"))
    var adapters: [String] = []

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
        guard contextLength >= 16 else { throw ValidationError("--ctx must be at least 16 tokens.") }
        for a in adapters where a.isEmpty { throw ValidationError("--lora needs a path.") }
        if backend == .openai {
            guard let url, URL(string: url)?.scheme != nil else {
                throw ValidationError("--backend openai needs --url http://HOST:PORT of the server.")
            }
        } else if url != nil {
            throw ValidationError("--url is only used with --backend openai.")
        }
    }

    /// Engine sizing from the flags; `parallel` is how many samples decode together.
    func llamaConfiguration(parallel: Int = 8) -> LlamaConfiguration {
        LlamaConfiguration(contextLength: contextLength, threads: threads, parallelSequences: max(1, min(parallel, 32)))
    }

    func loraAdapters() -> [LoRAAdapter] {
        adapters.map { arg in
            if let colon = arg.lastIndex(of: ":"), let scale = Float(arg[arg.index(after: colon)...]) {
                return LoRAAdapter(path: String(arg[..<colon]), scale: scale)
            }
            return LoRAAdapter(path: arg, scale: 1)
        }
    }

    /// The resolved model: a registry entry (must be pulled) or a file path, plus adapters.
    func modelSpec(store: ModelStore = .standard()) throws -> ModelSpec {
        try store.resolve(model, adapters: loraAdapters())
    }

    /// The embedded engine for these options.
    func makeLlamaEngine(parallel: Int = 8, logger: Logger) async throws -> LlamaEngine {
        LlamaBackend.bootstrap(logger: logger)
        return try await LlamaEngine.load(modelSpec(), configuration: llamaConfiguration(parallel: parallel), logger: logger)
    }

    /// The language model for these options, whichever backend serves it.
    func makeLanguageModel(parallel: Int = 8, logger: Logger) async throws -> any LanguageModel {
        switch backend {
        case .llama:
            return try await makeLlamaEngine(parallel: parallel, logger: logger)
        case .openai:
            guard let url, let base = URL(string: url) else {
                throw ValidationError("--backend openai needs --url http://HOST:PORT of the server.")
            }
            return try OpenAIModel(
                configuration: OpenAIConfiguration(
                    baseURL: base, model: model, apiKeyEnvironmentVariable: apiKeyEnv,
                    maxChoicesPerRequest: max(1, parallel)),
                logger: logger)
        }
    }
}

enum CLILogger {
    /// A logger on stderr; `verbose` shows llama.cpp's own log lines too.
    static func make(verbose: Bool) -> Logger {
        var logger = Logger(label: "o1coder") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .trace : .warning
        return logger
    }
}
