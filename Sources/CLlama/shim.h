// CLlama: the llama.cpp C API (installed by scripts/setup-llama.sh, found through pkg-config "llama")
// plus the few helpers Swift cannot express directly. Symbols we add carry the `cllama_` prefix.
#pragma once
#include <llama.h>
#include <string.h>

/// Receives llama.cpp / ggml log lines that passed the level filter. `level` is a ggml_log_level.
typedef void (*cllama_log_sink)(int level, const char *text);

static cllama_log_sink cllama_current_sink = 0;
static int cllama_min_level = GGML_LOG_LEVEL_WARN;
static int cllama_last_level = GGML_LOG_LEVEL_NONE;

static inline void cllama_log_trampoline(enum ggml_log_level level, const char *text, void *user_data) {
    (void)user_data;
    int effective = (int)level;
    // CONT lines continue the previous message and inherit its level.
    if (level == GGML_LOG_LEVEL_CONT) { effective = cllama_last_level; } else { cllama_last_level = (int)level; }
    if (effective < cllama_min_level || cllama_current_sink == 0 || text == 0) { return; }
    cllama_current_sink(effective, text);
}

/// Routes llama.cpp's (and ggml's) log through `sink`, dropping messages below `min_level`
/// (a ggml_log_level; GGML_LOG_LEVEL_WARN silences the INFO spam of model loading).
/// Passing a null sink silences the library completely. Call once, before loading models.
static inline void cllama_log_route(cllama_log_sink sink, int min_level) {
    cllama_current_sink = sink;
    cllama_min_level = min_level;
    llama_log_set(cllama_log_trampoline, 0);
}
