#!/usr/bin/env bash
# The main job on the embedded default model: MCTS over pseudocode steps on a few MBPP test
# problems (HumanEval when ../shared/datasets is absent), rewarded by the sandbox; then the
# process-data exports and the HTML tree report. Sized to finish in well under 15 minutes on
# 2 cores. Usage: scripts/demo.sh [MODEL]   (env: DEMO_PROBLEMS, DEMO_ROLLOUTS, O1CODER_DEMO_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
OUT="${O1CODER_DEMO_DIR:-o1coder-runs/demo}"
PROBLEMS="${DEMO_PROBLEMS:-3}"
ROLLOUTS="${DEMO_ROLLOUTS:-8}"
BIN=.build/release/o1coder
STORE="$OUT/runs.sqlite"
mkdir -p "$OUT"

shared="${O1CODER_SHARED_DATASETS:-../shared/datasets}"
if [ -f "$shared/mbpp/mbpp.jsonl" ]; then
  data=(--dataset mbpp --path "$shared/mbpp/mbpp.jsonl" --split test)
else
  echo "[demo] ../shared/datasets not found: using HumanEval from the set-up cache" >&2
  data=(--dataset humaneval)
fi

echo "[demo] searching $PROBLEMS problems with $MODEL ($ROLLOUTS rollouts each, early stop on a solution)" >&2
summary=$("$BIN" search "${data[@]}" --limit "$PROBLEMS" --model "$MODEL" --store "$STORE" \
  --rollouts "$ROLLOUTS" --max-tokens 384 --token-budget 6000)
echo "$summary"
run=$(sed -n 's/^run \([0-9][0-9]*\):.*/\1/p' <<<"$summary" | head -n1)
[ -n "$run" ] || { echo "[demo] could not read the run id from: $summary" >&2; exit 1; }

for format in sft prm prm-pairs dpo; do
  "$BIN" export "$run" --format "$format" --out "$OUT/run$run-$format.jsonl" --store "$STORE" >/dev/null
done
"$BIN" report "$run" --html "$OUT/run$run-report.html" --store "$STORE" >/dev/null
"$BIN" runs show "$run" --store "$STORE"
cat <<MSG

Results of run $run:
  store        $STORE   (o1coder runs show $run --store $STORE)
  tree report  $OUT/run$run-report.html
  SFT          $OUT/run$run-sft.jsonl
  PRM          $OUT/run$run-prm.jsonl, $OUT/run$run-prm-pairs.jsonl
  DPO          $OUT/run$run-dpo.jsonl
MSG
