"""Few-shot copying vs pass@1 from two or more `o1coder sample` runs (make bench-fewshot).

usage: fewshot_copy.py OUT.json RUN_DIR [RUN_DIR ...]   (the first run is the baseline)
Per run: problems, greedy pass@1 with a 95% Wilson interval, the mean few-shot overlap of the
reasoning (share of word 6-grams found in the library's two examples; the same reference texts
whatever the prompt showed) with a 95% bootstrap interval over problems, and the texts at least
half copied. Against the baseline, on the problems both finished: the paired pass difference
with McNemar's exact test, and the paired overlap difference with a bootstrap interval.
Standard library only.
"""
import json
import math
import os
import random
import sys


def load(directory):
    manifest = json.load(open(os.path.join(directory, "run.json")))
    records = {}
    for line in open(os.path.join(directory, "problems.jsonl"), encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        completions = [c for p in r["prefixes"] for c in p["completions"]]
        rates = r.get("fewShotOverlap") or []
        records[r["taskID"]] = {
            "passed": bool(completions) and completions[0]["passed"],
            "overlap": sum(rates) / len(rates) if rates else None,
            "copied": sum(1 for x in rates if x >= 0.5),
            "texts": len(rates),
        }
    return manifest, records


def wilson(k, n, z=1.959964):
    if n == 0:
        return [None, None]
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def bootstrap(values, seed=7, rounds=10000):
    if not values:
        return [None, None]
    rng = random.Random(seed)
    means = sorted(sum(rng.choice(values) for _ in values) / len(values) for _ in range(rounds))
    return [round(means[int(0.025 * rounds)], 4), round(means[int(0.975 * rounds) - 1], 4)]


def mcnemar_exact(b, c):
    """Two-sided exact p-value for b vs c discordant pairs."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(0, min(b, c) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def main(out, directories):
    runs = [(d,) + load(d) for d in directories]
    base_dir, _, base = runs[0]
    result = {"runs": [], "comparisons": [], "notes": (
        "Greedy (temperature 0), one answer per problem, pseudocode style. Overlap is measured against the "
        "library's two examples for the problem's shape whatever the prompt showed, so a zero-shot run's rate "
        "is the phrasing (step tags, 'FUNCTION ... RETURN') that overlaps by chance. Solved = the answer passes "
        "the problem's tests (MBPP: all three asserts); no reward is involved.")}
    for directory, manifest, records in runs:
        overlaps = [r["overlap"] for r in records.values() if r["overlap"] is not None]
        passed = sum(r["passed"] for r in records.values())
        result["runs"].append({
            "directory": directory, "few_shot": manifest["configuration"]["fewShotExamples"],
            "examples": (manifest["configuration"].get("fewShotFile") or {}).get("path", "bundled"),
            "model": manifest["model"]["name"], "problems": len(records), "seed": manifest["configuration"]["sampling"]["seed"],
            "passed": passed, "pass_at_1": round(passed / len(records), 4) if records else None,
            "pass_at_1_interval95": wilson(passed, len(records)),
            "mean_overlap": round(sum(overlaps) / len(overlaps), 4) if overlaps else None,
            "mean_overlap_interval95": bootstrap(overlaps),
            "texts": sum(r["texts"] for r in records.values()), "texts_half_copied": sum(r["copied"] for r in records.values()),
        })
    for directory, manifest, records in runs[1:]:
        shared = sorted(set(base) & set(records))
        b = sum(1 for t in shared if base[t]["passed"] and not records[t]["passed"])
        c = sum(1 for t in shared if records[t]["passed"] and not base[t]["passed"])
        diffs = [records[t]["overlap"] - base[t]["overlap"] for t in shared
                 if records[t]["overlap"] is not None and base[t]["overlap"] is not None]
        result["comparisons"].append({
            "baseline": base_dir, "run": directory, "paired_problems": len(shared),
            "only_baseline_passes": b, "only_run_passes": c, "mcnemar_exact_p": float("%.3g" % mcnemar_exact(b, c)),
            "pass_at_1_difference": round((c - b) / len(shared), 4) if shared else None,
            "mean_overlap_difference": round(sum(diffs) / len(diffs), 4) if diffs else None,
            "mean_overlap_difference_interval95": bootstrap(diffs),
        })
    with open(out, "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    for r in result["runs"]:
        print("%s × %d: %d problems, pass@1 %.1f%% %s, overlap %.1f%% %s, %d/%d texts half copied" % (
            r["examples"], r["few_shot"], r["problems"], 100 * r["pass_at_1"], r["pass_at_1_interval95"], 100 * (r["mean_overlap"] or 0),
            r["mean_overlap_interval95"], r["texts_half_copied"], r["texts"]))
    for c in result["comparisons"]:
        print("vs baseline: pass %+.1f points (only baseline %d, only run %d, McNemar p=%.3g); overlap %+.1f points %s" % (
            100 * c["pass_at_1_difference"], c["only_baseline_passes"], c["only_run_passes"], c["mcnemar_exact_p"],
            100 * (c["mean_overlap_difference"] or 0), c["mean_overlap_difference_interval95"]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
