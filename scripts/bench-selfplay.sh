#!/usr/bin/env bash
# Self-play against its base model (make bench-selfplay): SELFPLAY_ROUNDS rounds (2) of
# `o1coder selfplay` from BENCH_MODEL on MBPP train (SELFPLAY_TRAIN_LIMIT problems, 100; public-test
# rewards; SELFPLAY_TCG=1 adds the policy's own tests), SFT then DPO on φ-ranked pairs, a PRM in the loop (SELFPLAY_PRM=0 leaves it out),
# each policy evaluated greedily on HumanEval+ (SELFPLAY_EVAL_LIMIT, 164; base + plus tests) by
# the loop, and on MBPP+'s test-split tasks (SELFPLAY_MBPP_PLUS_LIMIT, all 224; 0 skips) by `o1coder sample`, greedy,
# zero-shot, direct. Round 0 is the base model under the same evaluations and seeds, so every
# round is compared with it problem by problem (McNemar). Everything resumes: rerun after a kill,
# or with more rounds to extend. Hours of CPU per round on 2 cores.
# Writes bench/results/selfplay-run/ (state, data, report.html) and bench/results/selfplay.json.
. "$(dirname "$0")/bench-common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
DIR="${SELFPLAY_DIR:-bench/results/selfplay-run}"
OUT="${SELFPLAY_OUT:-bench/results/selfplay.json}"
ROUNDS="${SELFPLAY_ROUNDS:-2}"
MBPP_PLUS_LIMIT="${SELFPLAY_MBPP_PLUS_LIMIT:-224}"
EVALPLUS="$SHARED/evalplus"
[ -f "$MBPP" ] && [ -d "$EVALPLUS" ] || { echo "error: bench-selfplay needs MBPP and EvalPlus in $SHARED (../shared/datasets)" >&2; exit 1; }
prm=(); [ "${SELFPLAY_PRM:-1}" = 1 ] && prm=(--prm)
# SELFPLAY_TCG=1: the policy writes tests for the training problems before each search (--tcg).
[ "${SELFPLAY_TCG:-0}" = 1 ] && prm+=(--tcg)
"$O1CODER" selfplay --model "$MODEL" --train mbpp:train --train-limit "${SELFPLAY_TRAIN_LIMIT:-100}" \
  --eval humaneval-plus --eval-limit "${SELFPLAY_EVAL_LIMIT:-164}" --rounds "$ROUNDS" --out "$DIR" \
  --rollouts "${SELFPLAY_ROLLOUTS:-8}" --steps "${SELFPLAY_STEPS:-40}" --threads "${THREADS:-2}" --seed "${SEED:-42}" "${prm[@]}" \
  --store "$DIR/listing.sqlite"
extra=()
if [ "$MBPP_PLUS_LIMIT" -gt 0 ]; then
  # MBPP+ holds 108 tasks of MBPP's train split, which the loop trains on: only its test-split
  # tasks (ids 11-510, 224 of 378) are held out.
  # Every round's policy, as the state names it, on MBPP+ test.
  while read -r round policy; do
    "$O1CODER" sample --dataset mbpp-plus --path "$EVALPLUS/MbppPlus-v0.2.0.jsonl.gz" --split test --limit "$MBPP_PLUS_LIMIT" --style direct -n 1 \
      --temperature 0 --few-shot 0 --model "$policy" --threads "${THREADS:-2}" --out "$DIR/mbpp-plus-r$round" \
      --store "$DIR/listing.sqlite" > /dev/null
  done < <(/usr/bin/python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["rounds"]:
    if r.get("policy") and r.get("evaluation"): print(r["index"], r["policy"])' "$DIR/selfplay.json")
  extra=("mbpp-plus=$DIR/mbpp-plus")
fi
/usr/bin/python3 bench/selfplay_summary.py "$OUT" "$DIR" "${extra[@]}"
