#!/usr/bin/env bash
# The process reward model on real search data (make bench-prm): BENCH_MODEL searches the first
# PRM_PROBLEMS MBPP train problems (standard MCTS, PRM_ROLLOUTS rollouts, public-test rewards,
# terminals verified on the hidden tests), its trees are exported as point-wise step labels and
# sibling pairs, and a PRM is trained from the same model on each (LoRA, PRM_STEPS steps). The
# trainer holds out whole problems (20%) and scores them before and after: ROC-AUC and step
# accuracy (point-wise), pair accuracy (pair-wise). The search resumes (rerun after a kill; a
# larger PRM_PROBLEMS starts a new run; PRM_SEARCH=0 trains on what the run has finished).
# Writes bench/results/prm-run/ and bench/results/prm.json.
. "$(dirname "$0")/bench-common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
DIR="${PRM_DIR:-bench/results/prm-run}"
N="${PRM_PROBLEMS:-40}"
[ -f "$MBPP" ] || { echo "error: bench-prm needs MBPP at $MBPP (../shared/datasets)" >&2; exit 1; }
mkdir -p "$DIR"
store="$DIR/runs.sqlite"
# The run for these settings: resumed when it exists, else started.
run=$(/usr/bin/python3 - "$store" "$N" <<'PY'
import json, os, sqlite3, sys
store, n = sys.argv[1], int(sys.argv[2])
if os.path.exists(store):
    db = sqlite3.connect(store)
    for rid, config in db.execute("select id, configuration from run where kind = 'search' order by id"):
        if json.loads(config).get("limit") == n:
            print(rid)
            break
PY
)
if [ -n "$run" ] && [ "${PRM_SEARCH:-1}" = 0 ]; then
  echo "[bench-prm] PRM_SEARCH=0: using the problems run $run has finished" >&2
elif [ -n "$run" ]; then
  "$O1CODER" search --resume "$run" --store "$store" --threads "${THREADS:-2}" >&2
else
  "$O1CODER" search --dataset mbpp --path "$MBPP" --split train --limit "$N" --model "$MODEL" --threads "${THREADS:-2}" \
    --rollouts "${PRM_ROLLOUTS:-8}" --store "$store" >&2
  run=$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select max(id) from run where kind = ?", ("search",)).fetchone()[0])' "$store")
fi
"$O1CODER" export "$run" --format prm --out "$DIR/prm.jsonl" --store "$store" >&2
"$O1CODER" export "$run" --format prm-pairs --out "$DIR/prm-pairs.jsonl" --store "$store" >&2
steps="${PRM_STEPS:-60}"
"$O1CODER" train prm --data "$DIR/prm.jsonl" --base "$MODEL" --out "prm-bench-pointwise-$N" --steps "$steps" \
  --threads "${THREADS:-2}" --json > "$DIR/pointwise.json"
if [ -s "$DIR/prm-pairs.jsonl" ]; then
  "$O1CODER" train prm --objective pairwise --data "$DIR/prm-pairs.jsonl" --base "$MODEL" --out "prm-bench-pairwise-$N" \
    --steps "$steps" --threads "${THREADS:-2}" --json > "$DIR/pairwise.json"
else
  echo '{"skipped": "the search produced no sibling pairs with the export margin"}' > "$DIR/pairwise.json"
fi
/usr/bin/python3 - "$DIR" "$store" "$run" "${PRM_OUT:-bench/results/prm.json}" <<'PY'
import json, sqlite3, sys
d, store, run, out = sys.argv[1:]
db = sqlite3.connect(store)
solved, problems = db.execute("select sum(solved), count(*) from problem where runId = ?", (int(run),)).fetchone()
def lines(p):
    return [json.loads(l) for l in open(p) if l.strip()]
prm, pairs = lines(f"{d}/prm.jsonl"), lines(f"{d}/prm-pairs.jsonl")
steps = [l for r in prm for l in r["labels"]]
result = {"search": {"run": int(run), "problems": problems, "solved_hidden": solved},
          "pointwise_data": {"paths": len(prm), "steps": len(steps), "good_steps": sum(steps),
                             "problems": len({r["problem_id"] for r in prm})},
          "pairwise_data": {"pairs": len(pairs), "problems": len({r["problem_id"] for r in pairs})}}
for name in ("pointwise", "pairwise"):
    record = json.load(open(f"{d}/{name}.json"))
    result[name] = record if "skipped" in record else {"model": record["name"], "steps": record["steps"], "metrics": record["metrics"]}
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
m, q = result["pointwise"]["metrics"], result["pairwise"].get("metrics", {})
print(f"search: {problems} problems, {solved} solved (hidden tests); {len(prm)} paths, {len(steps)} steps ({sum(steps)} good), {len(pairs)} pairs")
print(f"point-wise PRM, held-out problems: ROC-AUC {m.get('base_eval_roc_auc')} -> {m.get('eval_roc_auc')}, "
      f"step accuracy {m.get('base_eval_step_accuracy')} -> {m.get('eval_step_accuracy')}")
print(f"pair-wise PRM, held-out problems: pair accuracy {q.get('base_eval_pair_accuracy')} -> {q.get('eval_pair_accuracy')}")
print(f"-> {out}")
PY
