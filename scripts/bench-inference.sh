#!/usr/bin/env bash
# Compares the embedded engine (o1coder bench-inference) with llama-bench from the same llama.cpp
# build on the same model and threads (pp512, tg128), and measures prefix sharing (8 forked
# continuations of 128 tokens from a 1,000-token prompt vs 8 requests that each re-read it).
# The machine is shared and noisy: runs alternate ours/llama-bench REPEATS times; medians reported.
# Usage: scripts/bench-inference.sh [MODEL] [REPEATS]   → bench/results/inference.json
. "$(dirname "$0")/common.sh"
MODEL="${1:-qwen2.5-coder-0.5b-instruct}"
REPEATS="${2:-3}"
THREADS="${THREADS:-$(nproc)}"
LLAMA_PREFIX="${LLAMA_PREFIX:-$O1CODER_CACHE/llama.cpp/llama-cpp-python-0.3.36}"
O1CODER="${O1CODER:-.build/release/o1coder}"
OUT="${OUT:-bench/results/inference.json}"
[ -x "$LLAMA_PREFIX/bin/llama-bench" ] || die "llama-bench missing; run scripts/setup-llama.sh"
[ -x "$O1CODER" ] || die "$O1CODER missing; run make release"
GGUF=$("$O1CODER" models list --json | python3 -c "import json,sys; print(next(r['path'] for r in json.load(sys.stdin) if r['name']=='$MODEL'))")
[ -f "$GGUF" ] || die "model $MODEL not cached; run scripts/setup-models.sh $MODEL"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$REPEATS"); do
  log "round $i/$REPEATS: llama-bench"
  "$LLAMA_PREFIX/bin/llama-bench" -m "$GGUF" -t "$THREADS" -p 512 -n 128 -r 1 -o json > "$work/llama-$i.json" 2>/dev/null
  log "round $i/$REPEATS: o1coder bench-inference"
  shared=0; [ "$i" -eq "$REPEATS" ] && shared=1000   # prefix sharing once, in the last round (it is slow)
  "$O1CODER" bench-inference --model "$MODEL" --threads "$THREADS" --repetitions 1 --shared-prompt "$shared" > "$work/ours-$i.json"
done
mkdir -p "$(dirname "$OUT")"
python3 - "$work" "$REPEATS" "$MODEL" "$THREADS" "$OUT" <<'PY'
import json, statistics, sys, glob, platform, datetime
work, repeats, model, threads, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
ref_pp, ref_tg, our_pp, our_tg, sharing = [], [], [], [], []
for i in range(1, repeats + 1):
    for row in json.load(open(f"{work}/llama-{i}.json")):
        (ref_pp if row["n_prompt"] > 0 else ref_tg).append(row["avg_ts"])
    ours = json.load(open(f"{work}/ours-{i}.json"))
    our_pp += ours["throughput"]["promptTokensPerSecond"]
    our_tg += ours["throughput"]["generationTokensPerSecond"]
    if ours.get("forked"):
        sharing.append({"forked": ours["forked"], "naive": ours["naive"]})
med = statistics.median
result = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "model": model, "threads": threads, "host": platform.node(), "repeats": repeats,
    "note": "shared 2-vCPU VM; timings are noisy, medians of alternating runs",
    "llama_bench": {"pp512_tok_s": ref_pp, "tg128_tok_s": ref_tg},
    "ours": {"pp512_tok_s": our_pp, "tg128_tok_s": our_tg},
    "median": {"llama_bench_pp512": med(ref_pp), "llama_bench_tg128": med(ref_tg),
               "ours_pp512": med(our_pp), "ours_tg128": med(our_tg)},
    "ratio": {"pp512": med(our_pp) / med(ref_pp), "tg128": med(our_tg) / med(ref_tg)},
    "prefix_sharing": [],
}
for s in sharing:
    f, n = s["forked"], s["naive"]
    result["prefix_sharing"].append({
        "prompt_tokens": f["promptTokensEvaluated"] + f["promptTokensReused"], "continuations": 8,
        "forked": f, "naive": n,
        "prompt_tokens_evaluated_ratio": n["promptTokensEvaluated"] / max(1, f["promptTokensEvaluated"]),
        "wall_time_speedup": n["seconds"] / f["seconds"]})
json.dump(result, open(out, "w"), indent=2)
m, r = result["median"], result["ratio"]
print(f"model {model}, {threads} threads, {repeats} rounds (medians)")
print(f"pp512: ours {m['ours_pp512']:.1f} tok/s, llama-bench {m['llama_bench_pp512']:.1f} tok/s, ratio {r['pp512']:.3f}")
print(f"tg128: ours {m['ours_tg128']:.1f} tok/s, llama-bench {m['llama_bench_tg128']:.1f} tok/s, ratio {r['tg128']:.3f}")
for p in result["prefix_sharing"]:
    print(f"prefix sharing: prompt evaluated forked {p['forked']['promptTokensEvaluated']} vs naive {p['naive']['promptTokensEvaluated']} "
          f"({p['prompt_tokens_evaluated_ratio']:.1f}x); wall forked {p['forked']['seconds']:.1f} s vs naive {p['naive']['seconds']:.1f} s "
          f"({p['wall_time_speedup']:.2f}x)")
print(f"saved {out}")
PY
