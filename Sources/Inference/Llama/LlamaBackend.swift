internal import CLlama
public import Logging
internal import Synchronization

/// Process-wide llama.cpp set-up: `llama_backend_init` exactly once, and the route of the
/// library's log into a `Logger` (errors and warnings at `.debug`, everything else dropped unless
/// the logger is at `.trace`). Never torn down: `llama_backend_free` is global and is not called
/// from any `deinit`.
public enum LlamaBackend {
    /// Where llama.cpp's log goes: the logger, the least level kept, and the level of the last
    /// message (continuation lines inherit it). Swift state, so the C shim keeps none.
    private struct Route {
        var logger: Logger?
        var minimum = GGML_LOG_LEVEL_ERROR.rawValue
        var lastLevel = GGML_LOG_LEVEL_NONE.rawValue
    }

    private static let route = Mutex(Route())
    private static let initialized = Mutex(false)

    /// Routes llama.cpp's log to `logger`. Call once from `main` before loading models; engines call
    /// `ensureInitialized()` themselves, which silences the library when no logger was given.
    public static func bootstrap(logger newLogger: Logger) {
        let minimum = newLogger.logLevel <= .trace ? GGML_LOG_LEVEL_DEBUG : GGML_LOG_LEVEL_WARN
        route.withLock { $0.logger = newLogger; $0.minimum = minimum.rawValue }
        llama_log_set(forward, nil)
        ensureInitialized()
    }

    static func ensureInitialized() {
        initialized.withLock { done in
            guard !done else { return }
            if route.withLock({ $0.logger == nil }) {
                // No logger: keep errors out of the user's terminal too; failures surface as InferenceError.
                llama_log_set(forward, nil)
            }
            llama_backend_init()
            done = true
        }
    }

    /// The C callback: a non-capturing Swift function, so it converts to `ggml_log_callback`.
    private static let forward: ggml_log_callback = { level, text, _ in
        guard let text else { return }
        let line = droppingTrailingNewlines(String(cString: text))
        route.withLock { route in
            // CONT lines continue the previous message and inherit its level.
            var effective = level.rawValue
            if level == GGML_LOG_LEVEL_CONT { effective = route.lastLevel } else { route.lastLevel = level.rawValue }
            guard effective >= route.minimum, let logger = route.logger, !line.isEmpty else { return }
            let swiftLevel: Logger.Level = effective >= GGML_LOG_LEVEL_WARN.rawValue ? .debug : .trace
            logger.log(level: swiftLevel, "llama.cpp", metadata: ["llama.log": .string(line)])
        }
    }
}

private func droppingTrailingNewlines(_ text: String) -> String {
    var s = Substring(text)
    while let last = s.last, last.isNewline { s.removeLast() }
    return String(s)
}
