#!/usr/bin/env bash
# Few-shot copying (make bench-fewshot): greedy pseudocode answers on MBPP test (FEWSHOT_LIMIT
# problems) with the bundled two examples, with none (the format spec of the system prompt only),
# and with format-only examples (bench/fewshot/format-only.json: the same questions and code, no
# plan to copy). Each run resumes (rerun to continue or, with a larger limit, to extend).
# Writes bench/results/fewshot-runs/*/ and bench/results/fewshot-copy.json.
. "$(dirname "$0")/bench-common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
LIMIT="${FEWSHOT_LIMIT:-100}"
[ -f "$MBPP" ] || { echo "error: bench-fewshot needs MBPP at $MBPP (../shared/datasets)" >&2; exit 1; }
run() {  # NAME FEW-SHOT [FILE]
  local extra=()
  [ -n "${3:-}" ] && extra=(--few-shot-file "$3")
  "$O1CODER" sample --dataset mbpp --path "$MBPP" --split test --limit "$LIMIT" --style pseudocode -n 1 --temperature 0 \
    --model "$MODEL" --threads "${THREADS:-2}" --few-shot "$2" "${extra[@]}" --out "bench/results/fewshot-runs/$1" \
    --store bench/results/fewshot-runs/runs.sqlite > /dev/null
}
run fewshot-2 2
run fewshot-0 0
run format-only-2 2 bench/fewshot/format-only.json
/usr/bin/python3 bench/fewshot_copy.py bench/results/fewshot-copy.json \
  bench/results/fewshot-runs/fewshot-2 bench/results/fewshot-runs/fewshot-0 bench/results/fewshot-runs/format-only-2
