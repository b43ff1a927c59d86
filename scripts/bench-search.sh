#!/usr/bin/env bash
# The compute-matched comparison (o1coder bench-search): greedy direct, best-of-N direct,
# best-of-N pseudocode and MCTS at equal generated-token budgets, public-test rewards, on MBPP
# test (SEARCH_MBPP problems) and HumanEval (SEARCH_HUMANEVAL problems). Results are appended to
# bench/results/search-ledger.jsonl as each cell finishes: rerun to resume, or with larger
# counts, more budgets or SEARCH_ARMS to extend. On 2 cores this is hours: run it in the
# background (nohup make bench-search &). Writes bench/results/search.{json,html}.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
O1CODER="${O1CODER:-.build/release/o1coder}"
read -r -a budgets <<<"${SEARCH_BUDGETS:-2000 4000}"
# SEARCH_PRM=NAME (a model from `o1coder train prm`) adds the PRM ablation: MCTS with PUCT
# priors, without (mcts-puct) and with (mcts-puct-prm) the PRM blended in at SEARCH_PRM_WEIGHT.
default_arms="greedy-direct best-of-n-direct best-of-n-pseudocode mcts-standard${SEARCH_PRM:+ mcts-puct mcts-puct-prm}"
read -r -a arms <<<"${SEARCH_ARMS:-$default_arms}"
common=(--model "$MODEL" --threads "${THREADS:-2}" --budgets "${budgets[@]}" --arms "${arms[@]}" --reward-tests "${SEARCH_REWARD:-public}"
  --ledger bench/results/search-ledger.jsonl --out bench/results/search.json --html bench/results/search.html)
[ -n "${SEARCH_SHARD:-}" ] && common+=(--shard "$SEARCH_SHARD")
[ -n "${SEARCH_PRM:-}" ] && common+=(--prm "$SEARCH_PRM" --prm-weight "${SEARCH_PRM_WEIGHT:-0.5}")
shared="${O1CODER_SHARED_DATASETS:-../shared/datasets}"
if [ -f "$shared/mbpp/mbpp.jsonl" ]; then
  "$O1CODER" bench-search --dataset mbpp --path "$shared/mbpp/mbpp.jsonl" --split test \
    --limit "${SEARCH_MBPP:-60}" "${common[@]}" >/dev/null
else
  echo "[bench-search] ../shared/datasets not found: HumanEval only" >&2
fi
"$O1CODER" bench-search --dataset humaneval --limit "${SEARCH_HUMANEVAL:-60}" "${common[@]}"
