internal import CLlama
public import Logging
internal import Synchronization

/// Process-wide llama.cpp set-up: `llama_backend_init` exactly once, and the route of the
/// library's log into a `Logger` (errors and warnings at `.debug`, everything else dropped unless
/// the logger is at `.trace`). Never torn down: `llama_backend_free` is global and is not called
/// from any `deinit`.
public enum LlamaBackend {
    private static let logger = Mutex<Logger?>(nil)
    private static let initialized = Mutex(false)

    /// Routes llama.cpp's log to `logger`. Call once from `main` before loading models; engines call
    /// `ensureInitialized()` themselves, which silences the library when no logger was given.
    public static func bootstrap(logger newLogger: Logger) {
        logger.withLock { $0 = newLogger }
        let minimum = newLogger.logLevel <= .trace ? GGML_LOG_LEVEL_DEBUG : GGML_LOG_LEVEL_WARN
        cllama_log_route(forward, Int32(minimum.rawValue))
        ensureInitialized()
    }

    static func ensureInitialized() {
        initialized.withLock { done in
            guard !done else { return }
            if logger.withLock({ $0 == nil }) {
                // No logger: keep errors out of the user's terminal too; failures surface as InferenceError.
                cllama_log_route(nil, Int32(GGML_LOG_LEVEL_ERROR.rawValue))
            }
            llama_backend_init()
            done = true
        }
    }

    private static let forward: cllama_log_sink = { level, text in
        guard let text else { return }
        let line = droppingTrailingNewlines(String(cString: text))
        guard !line.isEmpty else { return }
        LlamaBackend.logger.withLock { logger in
            guard let logger else { return }
            let swiftLevel: Logger.Level = level >= Int32(GGML_LOG_LEVEL_WARN.rawValue) ? .debug : .trace
            logger.log(level: swiftLevel, "llama.cpp", metadata: ["llama.log": .string(line)])
        }
    }
}

private func droppingTrailingNewlines(_ text: String) -> String {
    var s = Substring(text)
    while let last = s.last, last.isNewline { s.removeLast() }
    return String(s)
}
