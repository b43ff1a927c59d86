#!/usr/bin/env bash
# The sandbox service against the in-process sandbox (make bench-serve): the same HumanEval (+ MBPP
# when ../shared is there) canonical solutions judged on their full test suites,
#   in process:  o1coder eval --canonical (WORKERS warm workers);
#   as service:  POST /evaluate (one request per program with all its tests) from a concurrent
#                loopback client, to o1coder serve with the same workers;
#   SandboxFusion's /run_code (one request per program, tests inlined), for its latency.
# ROUNDS alternated rounds. Writes bench/results/serve.json.
. "$(dirname "$0")/bench-common.sh"
WORKERS="${WORKERS:-2}"
CONCURRENCY="${CONCURRENCY:-8}"
ROUNDS="${ROUNDS:-3}"
WORK="$(mktemp -d)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

"$O1CODER" export --format verl --dataset humaneval --path "$HUMANEVAL" --out "$WORK/humaneval.jsonl" >/dev/null 2>&1
sets=(humaneval)
if [ -f "$MBPP" ]; then
  "$O1CODER" export --format verl --dataset mbpp --path "$MBPP" --out "$WORK/mbpp.jsonl" >/dev/null 2>&1
  sets+=(mbpp)
fi
/usr/bin/python3 - "$HUMANEVAL" "$MBPP" "$WORK" <<'PY'
import gzip, json, os, sys
humaneval, mbpp, work = sys.argv[1:4]
solutions = {}
for line in gzip.open(humaneval, "rt"):
    p = json.loads(line)
    solutions[p["task_id"]] = (p["prompt"] + p["canonical_solution"], p["test"] + "\ncheck(%s)\n" % p["entry_point"])
if os.path.exists(mbpp):
    for line in open(mbpp):
        p = json.loads(line)
        solutions["Mbpp/%d" % p["task_id"]] = (p["code"], (p.get("test_setup_code") or "") + "\n" + "\n".join(p["test_list"]) + "\n")
with open(os.path.join(work, "evaluate.jsonl"), "w") as e, open(os.path.join(work, "run_code.jsonl"), "w") as r:
    for name in ("humaneval", "mbpp"):
        path = os.path.join(work, name + ".jsonl")
        if not os.path.exists(path):
            continue
        for line in open(path):
            row = json.loads(line)
            code, tests = solutions[row["extra_info"]["problem_id"]]
            e.write(json.dumps({"program": code, "ground_truth": row["ground_truth"]}) + "\n")
            r.write(json.dumps({"code": code + "\n" + tests, "language": "python", "run_timeout": 10}) + "\n")
PY
COUNT=$(wc -l < "$WORK/evaluate.jsonl")
echo "[bench-serve] $COUNT programs (${sets[*]}), $WORKERS workers, client concurrency $CONCURRENCY, $ROUNDS rounds" >&2

start_server "$WORK" "$WORKERS"

: > "$WORK/rounds.jsonl"
for round in $(seq "$ROUNDS"); do
  # The command's fixed cost (start, loading, sandbox warm-up), measured on one problem, is
  # reported so the in-process rate can also be read without it (the server is already warm).
  start=$(date +%s.%N)
  "$O1CODER" eval --canonical --dataset humaneval --path "$HUMANEVAL" --limit 1 --workers "$WORKERS" --json > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "{\"round\": $round, \"arm\": \"startup\", \"seconds\": $(/usr/bin/python3 -c "print($end - $start)")}" >> "$WORK/rounds.jsonl"
  for name in "${sets[@]}"; do
    path="$HUMANEVAL"; [ "$name" = mbpp ] && path="$MBPP"
    start=$(date +%s.%N)
    "$O1CODER" eval --canonical --dataset "$name" --path "$path" --workers "$WORKERS" --json > "$WORK/eval-$name.json" 2>/dev/null
    end=$(date +%s.%N)
    /usr/bin/python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(json.dumps({"round": int(sys.argv[2]), "arm": "in-process", "set": sys.argv[3], "seconds": float(sys.argv[5])-float(sys.argv[4]), "pass_at_1": s["pass_at_k"][0]["base"]}))' "$WORK/eval-$name.json" "$round" "$name" "$start" "$end" >> "$WORK/rounds.jsonl"
  done
  echo "{\"round\": $round, \"arm\": \"evaluate\", \"client\": $(/usr/bin/python3 bench/serve_client.py "$URL" "$WORK/evaluate.jsonl" evaluate "$CONCURRENCY")}" >> "$WORK/rounds.jsonl"
  echo "{\"round\": $round, \"arm\": \"run_code\", \"client\": $(/usr/bin/python3 bench/serve_client.py "$URL" "$WORK/run_code.jsonl" run_code "$CONCURRENCY")}" >> "$WORK/rounds.jsonl"
  echo "[bench-serve] round $round done" >&2
done
curl -s "$URL/metrics" > "$WORK/metrics.json"

/usr/bin/python3 - "$WORK/rounds.jsonl" "$WORK/metrics.json" "$COUNT" "$WORKERS" "$CONCURRENCY" "$O1CODER" <<'PY'
import json, statistics, sys, datetime
rounds = [json.loads(l) for l in open(sys.argv[1])]
metrics = json.load(open(sys.argv[2]))
count, workers, concurrency, binary = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
inproc = {}
for r in rounds:
    if r["arm"] == "in-process":
        inproc.setdefault(r["round"], 0.0)
        inproc[r["round"]] += r["seconds"]
evaluate = {r["round"]: r["client"] for r in rounds if r["arm"] == "evaluate"}
run_code = {r["round"]: r["client"] for r in rounds if r["arm"] == "run_code"}
startup = {r["round"]: r["seconds"] for r in rounds if r["arm"] == "startup"}
sets = len({r["set"] for r in rounds if r["arm"] == "in-process"})
ratios = [(count / evaluate[k]["seconds"]) / (count / inproc[k]) for k in sorted(inproc)]
warm = [(count / evaluate[k]["seconds"]) / (count / (inproc[k] - sets * startup[k])) for k in sorted(inproc)]
result = {
    "date": datetime.date.today().isoformat(), "binary": binary, "programs": count, "workers": workers,
    "client_concurrency": concurrency, "rounds": len(ratios),
    "in_process_seconds": [round(inproc[k], 2) for k in sorted(inproc)],
    "in_process_per_second": round(statistics.median(count / s for s in inproc.values()), 2),
    "evaluate": [evaluate[k] for k in sorted(evaluate)],
    "evaluate_per_second": round(statistics.median(e["per_second"] for e in evaluate.values()), 2),
    "run_code": [run_code[k] for k in sorted(run_code)],
    "ratio_evaluate_vs_in_process": {"median": round(statistics.median(ratios), 3), "each": [round(x, 3) for x in ratios]},
    "startup_seconds": [round(startup[k], 2) for k in sorted(startup)],
    "ratio_evaluate_vs_in_process_without_startup": {"median": round(statistics.median(warm), 3), "each": [round(x, 3) for x in warm]},
    "goal": ">= 0.9 of in-process throughput with batch requests",
    "server_metrics": metrics,
    "notes": "Same programs and full test suites. The in-process time includes the eval command's start (loading, sandbox warm-up), the warm service's does not; the second ratio subtracts that start, measured on one problem. The client runs on the same 2 cores as the server.",
}
with open("bench/results/serve.json", "w") as f:
    json.dump(result, f, indent=2, sort_keys=True)
    f.write("\n")
print(json.dumps({k: result[k] for k in ("programs", "in_process_per_second", "evaluate_per_second", "ratio_evaluate_vs_in_process", "ratio_evaluate_vs_in_process_without_startup")}))
PY
