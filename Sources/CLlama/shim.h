// CLlama: the llama.cpp C API (installed by scripts/setup-llama.sh, found through pkg-config "llama").
// No state and no helpers of our own: the log callback is a Swift @convention(c) function
// (LlamaBackend), as GRDB's shim keeps SQLite's callbacks in Swift.
#pragma once
#include <llama.h>
