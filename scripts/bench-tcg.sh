#!/usr/bin/env bash
# TCG benchmark: `o1coder tcg generate` + `tcg eval` with one model, measured as the paper measures
# it: full mode (the model writes inputs and outputs) on problems with a reference, the MBPP test
# split and, when ../shared/datasets has them, the TACO subset's verified rows; pass on reference =
# the share of generated tests whose stated output the reference reproduces. Full mode on the APPS
# subset too (no references there: no pass rate). Agreement and recall with ground truth come from
# real samples: SAMPLES direct answers per problem from the same model (`o1coder sample`, T 0.8),
# kept in bench/results/tcg/ and passed to `tcg eval --samples`, besides mutants of the reference.
# INPUTS_ONLY_LIMIT > 0 adds an inputs-only MBPP set (the pipeline's default mode; its pass rate on
# the reference is 100% by construction, so it is never compared with the paper's).
# Generated tests and samples are kept in bench/results/tcg/ (reruns resume them); metrics go to
# bench/results/tcg.json and a summary to stdout.
# Usage: scripts/bench-tcg.sh [MODEL]
#   MBPP_LIMIT (30; 500 = the whole test split), TACO_LIMIT (10; 0 skips), APPS_LIMIT (10; 0 skips),
#   INPUTS_ONLY_LIMIT (0), TESTS (tests asked per problem, 5), MAX_TOKENS (384), SAMPLES (4; 0 = none),
#   MUTANTS (known-wrong mutants per problem, 10), THREADS (nproc), SEED (42), SAMPLES_MODEL (the
#   model whose direct answers are the real programs, MODEL; set it to the base model when MODEL is
#   a trained TCG, so every TCG is judged on the same programs),
#   O1CODER (.build/release/o1coder), OUT (bench/results/tcg.json).
. "$(dirname "$0")/common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
MBPP_LIMIT="${MBPP_LIMIT:-30}"
TACO_LIMIT="${TACO_LIMIT:-10}"
APPS_LIMIT="${APPS_LIMIT:-10}"
INPUTS_ONLY_LIMIT="${INPUTS_ONLY_LIMIT:-0}"
TESTS="${TESTS:-5}"
MAX_TOKENS="${MAX_TOKENS:-384}"
SAMPLES="${SAMPLES:-4}"
MUTANTS="${MUTANTS:-10}"
THREADS="${THREADS:-$(nproc)}"
SEED="${SEED:-42}"
SAMPLES_MODEL="${SAMPLES_MODEL:-$MODEL}"
O1CODER="${O1CODER:-.build/release/o1coder}"
OUT="${OUT:-bench/results/tcg.json}"
SHARED="${O1CODER_SHARED_DATASETS:-../shared/datasets}"
WORK="$(dirname "$OUT")/tcg"
[ -x "$O1CODER" ] || die "$O1CODER missing; run make release"
mkdir -p "$WORK"
sets=()

# run_set NAME MODE LIMIT SELECTION... : tests, then samples of the same problems (both resumable),
# then the evaluation.
run_set() {
  local name="$1" mode="$2" limit="$3"; shift 3
  local tests="$WORK/$name-$MODEL-tests.jsonl" samples="$WORK/samples-${name%%-*}-$SAMPLES_MODEL" start end extra=() ids=() a
  log "$name: generating tests ($mode) for $limit problems with $MODEL"
  start=$(date +%s)
  "$O1CODER" tcg generate "$@" --limit "$limit" --mode "$mode" --model "$MODEL" --threads "$THREADS" -n "$TESTS" \
    --max-tokens "$MAX_TOKENS" --seed "$SEED" --out "$tests" --store "$WORK/runs.sqlite" >&2
  end=$(date +%s)
  if [ "$SAMPLES" -gt 0 ] && [ "$SAMPLES_MODEL" != "$MODEL" ] && [ -s "$samples/samples.jsonl" ]; then
    # Another model's programs, made by its own run of this script: reused as they are.
    log "$name: reusing $SAMPLES_MODEL's samples in $samples"
    extra=(--samples "$samples/samples.jsonl")
  elif [ "$SAMPLES" -gt 0 ]; then
    # The problems the tests cover, by id (`sample` has no --verified-only).
    local selection=()
    for a in "$@"; do [ "$a" = --verified-only ] || selection+=("$a"); done
    while read -r a; do ids+=(--problem "$a"); done < <(python3 -c \
      'import json, sys; [print(json.loads(l)["problemID"]) for l in open(sys.argv[1]) if l.strip()]' "$tests")
    log "$name: $SAMPLES direct samples per problem from $SAMPLES_MODEL for $((${#ids[@]} / 2)) problems"
    "$O1CODER" sample "${selection[@]}" "${ids[@]}" --style direct -n "$SAMPLES" --model "$SAMPLES_MODEL" --threads "$THREADS" \
      --seed "$SEED" --out "$samples" --store "$WORK/runs.sqlite" > /dev/null
    extra=(--samples "$samples/samples.jsonl")
  fi
  log "$name: evaluating"
  "$O1CODER" tcg eval "$@" --limit "$limit" --tests "$tests" "${extra[@]}" --max-mutants "$MUTANTS" --seed "$SEED" \
    --out "$WORK/$name-$MODEL-eval.json" --store "$WORK/runs.sqlite" >&2
  printf '{"name": "%s", "mode": "%s", "samples_per_problem": %d, "generate_wall_seconds": %d}\n' \
    "$name" "$mode" "$SAMPLES" "$((end - start))" > "$WORK/$name-$MODEL-timing.json"
  sets+=("$name")
}

run_set mbpp-full full "$MBPP_LIMIT" --dataset mbpp --split test
[ "$INPUTS_ONLY_LIMIT" -gt 0 ] && run_set mbpp-inputs-only inputs-only "$INPUTS_ONLY_LIMIT" --dataset mbpp --split test
if [ "$TACO_LIMIT" -gt 0 ] && [ -f "$SHARED/taco/taco_train_subset.jsonl" ]; then
  run_set taco-full full "$TACO_LIMIT" --dataset taco --path "$SHARED/taco/taco_train_subset.jsonl" --verified-only
else
  log "TACO subset skipped (TACO_LIMIT=0 or $SHARED/taco missing)"
fi
if [ "$APPS_LIMIT" -gt 0 ] && [ -f "$SHARED/apps/apps_selected_subset.jsonl" ]; then
  run_set apps-full full "$APPS_LIMIT" --dataset apps --path "$SHARED/apps/apps_selected_subset.jsonl"
else
  log "APPS subset skipped (APPS_LIMIT=0 or $SHARED/apps missing)"
fi

python3 bench/tcg_summary.py "$WORK" "$MODEL" "$OUT" "$TESTS" "$MAX_TOKENS" "$MUTANTS" "$SEED" "${sets[@]}"
