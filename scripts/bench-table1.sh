#!/usr/bin/env bash
# Table 1 of O1-CODER at an honest size (make bench-table1): chain-of-thought against pseudocode
# on MBPP test, ASPR protocol (m = 2 reasoning prefixes, n = 4 code completions each), BENCH_MODEL,
# temperature 0.8, seed 42, the bundled few-shot examples (the default). TABLE1_LIMIT problems
# (default 100), grown in steps of TABLE1_STEP (default 10) with both styles at each step, so a
# run stopped anywhere leaves the two styles on (nearly) the same problems. Each run resumes and
# extends: rerun, or rerun with a larger limit. Writes bench/results/table1-runs/{cot,pseudocode}/
# and bench/results/table1.{md,json} (with 95% intervals and the paired difference).
# TABLE1_STYLES=cot or =pseudocode grows one style only: two such runs side by side (THREADS=1
# each) use both cores; either one refreshes the tables when the other's directory exists.
# TABLE1_FEW_SHOT_FILE=F (e.g. bench/fewshot/format-only.json) gives the pseudocode run F's
# examples instead of the bundled ones: its run is table1-runs/pseudocode-<F's name>, compared
# with the same chain-of-thought run in bench/results/table1-<F's name>/.
. "$(dirname "$0")/bench-common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
LIMIT="${TABLE1_LIMIT:-100}"
STEP="${TABLE1_STEP:-10}"
[ -f "$MBPP" ] || { echo "error: bench-table1 needs MBPP at $MBPP (../shared/datasets)" >&2; exit 1; }
FEW_SHOT="${TABLE1_FEW_SHOT_FILE:-}"
SUFFIX=""; REPORT=bench/results
if [ -n "$FEW_SHOT" ]; then
  [ -f "$FEW_SHOT" ] || { echo "error: TABLE1_FEW_SHOT_FILE $FEW_SHOT not found" >&2; exit 1; }
  SUFFIX="-$(basename "$FEW_SHOT" .json)"; REPORT="bench/results/table1$SUFFIX"
fi
dir() { if [ "$1" = pseudocode ]; then echo "bench/results/table1-runs/pseudocode$SUFFIX"; else echo "bench/results/table1-runs/$1"; fi; }
run() {  # STYLE N
  extra=(); [ "$1" = pseudocode ] && [ -n "$FEW_SHOT" ] && extra=(--few-shot-file "$FEW_SHOT")
  "$O1CODER" sample --dataset mbpp --path "$MBPP" --split test --limit "$2" --style "$1" --prefixes 2 --completions 4 \
    --model "$MODEL" --threads "${THREADS:-2}" --out "$(dir "$1")" "${extra[@]}" \
    --store bench/results/table1-runs/runs.sqlite > /dev/null
}
report() {  # the tables, once both styles have a run
  [ -f "$(dir cot)/run.json" ] && [ -f "$(dir pseudocode)/run.json" ] || return 0
  "$O1CODER" sample-report "$(dir cot)" "$(dir pseudocode)" --out "$REPORT"
}
n=0
while [ "$n" -lt "$LIMIT" ]; do
  n=$((n + STEP)); [ "$n" -gt "$LIMIT" ] && n="$LIMIT"
  echo "[bench-table1] $n of $LIMIT problems" >&2
  for style in ${TABLE1_STYLES:-cot pseudocode}; do run "$style" "$n"; done
  report > /dev/null
done
report
