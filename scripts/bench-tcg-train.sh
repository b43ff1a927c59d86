#!/usr/bin/env bash
# The test case generator before and after training (make bench-tcg-train), the paper's
# 80.8% → 89.2% shape: TCG data from MBPP's train split (`o1coder tcg data`, full mode: inputs and
# outputs), SFT of BENCH_MODEL on it (`train sft --for tcg`), then DPO from the SFT model
# (`train dpo --for tcg`, chosen = ground-truth tests, rejected = the same inputs with wrong
# outputs). The base, the SFT and the DPO model are then measured by scripts/bench-tcg.sh on the
# same held-out problems (MBPP test, MBPP_LIMIT, 100; TACO's verified rows, TACO_LIMIT, 29), judged
# on the same real programs (the base model's direct samples), and compared with the base problem
# by problem. Every stage resumes (data files are kept, a killed training resumes from its last
# checkpoint, generated tests and samples are kept). Two to three hours on 2 cores.
# Writes bench/results/tcg-training/ and bench/results/tcg-training.json.
#   SFT_STEPS (100), DPO_STEPS (40), LEARNING_RATE (1e-4), MAX_LENGTH (768: TCG records, with the one-shot example and the reference, run to 450–600 tokens), EXAMPLES (examples per
#   training problem, 2), TRAIN_LIMIT (MBPP train problems, all 374), THREADS (2), SEED (42),
#   TCG_TRAIN_DIR, TCG_TRAIN_OUT.
. "$(dirname "$0")/bench-common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
DIR="${TCG_TRAIN_DIR:-bench/results/tcg-training}"
OUT="${TCG_TRAIN_OUT:-bench/results/tcg-training.json}"
THREADS="${THREADS:-2}"
SEED="${SEED:-42}"
MBPP_LIMIT="${MBPP_LIMIT:-100}"
TACO_LIMIT="${TACO_LIMIT:-29}"
SFT="tcg-sft-$MODEL"
DPO="tcg-dpo-$MODEL"
[ -f "$MBPP" ] || { echo "error: bench-tcg-train needs MBPP at $MBPP (../shared/datasets)" >&2; exit 1; }
mkdir -p "$DIR"
log() { echo "[bench-tcg-train] $*" >&2; }

# Training data from the train split only: the evaluation's MBPP problems are the test split's.
limit=(); [ -n "${TRAIN_LIMIT:-}" ] && limit=(--limit "$TRAIN_LIMIT")
for kind in sft dpo; do
  if [ ! -s "$DIR/tcg-$kind.jsonl" ]; then
    log "tcg data --kind $kind (MBPP train)"
    "$O1CODER" tcg data --kind "$kind" --dataset mbpp --path "$MBPP" --split train "${limit[@]}" --mode full \
      --examples-per-problem "${EXAMPLES:-2}" --seed "$SEED" --out "$DIR/tcg-$kind.jsonl" >&2  # written atomically
  fi
done
hyper=(--learning-rate "${LEARNING_RATE:-1e-4}" --max-length "${MAX_LENGTH:-768}" --seed "$SEED" --threads "$THREADS"
  --store "$DIR/runs.sqlite" --json)
log "train sft --for tcg → $SFT"
"$O1CODER" train sft --for tcg --data "$DIR/tcg-sft.jsonl" --base "$MODEL" --out "$SFT" --steps "${SFT_STEPS:-100}" \
  "${hyper[@]}" > "$DIR/sft.json"
log "train dpo --for tcg from $SFT → $DPO"
"$O1CODER" train dpo --for tcg --data "$DIR/tcg-dpo.jsonl" --base "$SFT" --out "$DPO" --steps "${DPO_STEPS:-40}" \
  "${hyper[@]}" > "$DIR/dpo.json"

specs=()
for model in "$MODEL" "$SFT" "$DPO"; do
  log "measuring $model"
  OUT="$DIR/$model.json" SAMPLES_MODEL="$MODEL" MBPP_LIMIT="$MBPP_LIMIT" TACO_LIMIT="$TACO_LIMIT" APPS_LIMIT=0 \
    THREADS="$THREADS" SEED="$SEED" O1CODER="$O1CODER" scripts/bench-tcg.sh "$model" >&2
  files="$DIR/tcg/mbpp-full-$model-eval.json"
  [ -f "$DIR/tcg/taco-full-$model-eval.json" ] && files+=",$DIR/tcg/taco-full-$model-eval.json"
  specs+=("$model=$files")
done
/usr/bin/python3 bench/tcg_train_summary.py "$OUT" "$SEED" "${specs[@]}"
