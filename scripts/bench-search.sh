#!/usr/bin/env bash
# MCTS vs best-of-N sampling at equal generated tokens, on the same MBPP test problems, in one
# run (the issue's setting: 50 problems with Qwen2.5-Coder-0.5B; hours on 2 cores — set
# SEARCH_PROBLEMS lower for a quick look). The MCTS half is resumable: rerun with
# SEARCH_RESUME=<run id> after an interruption. Writes bench/results/search.json.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
N="${SEARCH_PROBLEMS:-50}"
shared="${O1CODER_SHARED_DATASETS:-../shared/datasets}"
if [ -f "$shared/mbpp/mbpp.jsonl" ]; then
  data=(--dataset mbpp --path "$shared/mbpp/mbpp.jsonl" --split test)
else
  echo "[bench-search] ../shared/datasets not found: using HumanEval" >&2
  data=(--dataset humaneval)
fi
resume=()
[ -n "${SEARCH_RESUME:-}" ] && resume=(--resume "$SEARCH_RESUME")
.build/release/o1coder bench-search "${data[@]}" --limit "$N" --model "$MODEL" \
  --rollouts "${SEARCH_ROLLOUTS:-15}" --max-tokens "${SEARCH_MAX_TOKENS:-384}" "${resume[@]}" \
  --out bench/results/search.json >/dev/null
python3 - <<'PY'
import json
r = json.load(open("bench/results/search.json"))
m, b = r["mcts"], r["bestOfN"]
print(f"{r['problems']} problems, {r['model']}")
print(f"MCTS      solved {m['solved']:3d} ({m['solvedRate']:.1%})  tokens {m['generatedTokens']}")
print(f"best-of-N solved {b['solved']:3d} ({b['solvedRate']:.1%})  tokens {b['generatedTokens']}")
ratio = (m['solved'] / b['solved']) if b['solved'] else float('inf')
print(f"ratio MCTS/best-of-N solved: {ratio:.2f}")
PY
