"""Sums up make bench-tcg-train: the TCG before training, after SFT and after DPO, each measured by
`make bench-tcg` on the same held-out problems, compared with the base problem by problem.

Rates are ratios of sums over problems; a difference's interval is a paired percentile bootstrap
(the same resampled problems for both models), and the sign test counts the problems whose rate
went up against those whose rate went down (exact, two-sided). Problems missing from either side
are left out of the pairing and counted.
Usage: tcg_train_summary.py OUT SEED LABEL=DIR/SET-MODEL-eval.json[,...] ...
  (one LABEL=... per model, base first; each names its sets' eval reports, comma-separated)
"""
import datetime
import json
import math
import os
import random
import sys

import tcg_summary

RESAMPLES = 2000


def pass_pair(p):
    """(passed, stated) of one problem's pass on reference, unparsable proposals counted as failures."""
    r = p.get("passRate")
    return None if r is None else (r["passed"], r["evaluated"] + r["unparsable"])


def disc_pair(p):
    d = p.get("discrimination")
    return None if d is None else (d["rejected"], d["wrongSolutions"])


def sign_test(up, down):
    """Exact two-sided binomial p-value of `up` vs `down` at one half."""
    n = up + down
    if n == 0:
        return 1.0
    k = min(up, down)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def ratio(pairs):
    den = sum(d for _, d in pairs)
    return sum(n for n, _ in pairs) / den if den else None


def paired(base, other, metric, seed):
    """The paired comparison of `metric` between two eval reports' problems."""
    a = {p["problemID"]: metric(p) for p in base["problems"]}
    b = {p["problemID"]: metric(p) for p in other["problems"]}
    ids = sorted(i for i in a if i in b and a[i] is not None and b[i] is not None and a[i][1] and b[i][1])
    if not ids:
        return {"problems": 0}
    pa, pb = [a[i] for i in ids], [b[i] for i in ids]
    rng = random.Random(seed)
    diffs = []
    for _ in range(RESAMPLES):
        draw = [rng.randrange(len(ids)) for _ in ids]
        ra, rb = ratio([pa[j] for j in draw]), ratio([pb[j] for j in draw])
        if ra is not None and rb is not None:
            diffs.append(rb - ra)
    diffs.sort()
    up = sum(1 for x, y in zip(pa, pb) if y[0] / y[1] > x[0] / x[1])
    down = sum(1 for x, y in zip(pa, pb) if y[0] / y[1] < x[0] / x[1])
    return {"problems": len(ids), "left_out": len(set(a) | set(b)) - len(ids), "base": ratio(pa), "other": ratio(pb),
            "difference": ratio(pb) - ratio(pa),
            "interval": [diffs[int(0.025 * len(diffs))], diffs[min(len(diffs) - 1, int(0.975 * len(diffs)))]],
            "up": up, "down": down, "sign_test_p": sign_test(up, down)}


def headline(ev):
    q = ev["quality"]
    return {"problems": len(ev["problems"]), "pass_rate_strict_micro": q["passRate"].get("strictMicro"),
            "discrimination_micro": q["discrimination"].get("micro"), "intervals": tcg_summary.intervals(ev["problems"])}


def main(argv):
    out, seed, *specs = argv
    seed = int(seed)
    models = []
    for spec in specs:
        label, files = spec.split("=", 1)
        models.append((label, {os.path.basename(f).split("-")[0]: json.load(open(f)) for f in files.split(",")}))
    base_label, base = models[0]
    result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "base": base_label, "models": {}}
    lines = [f"TCG before and after training (base: {base_label})"]
    for label, sets in models:
        entry = {}
        for name, ev in sorted(sets.items()):
            entry[name] = headline(ev)
            line = f"{label:28} {name:6} pass on reference {tcg_summary.pct(entry[name]['pass_rate_strict_micro'])}" \
                   f"{tcg_summary.span(entry[name]['intervals']['pass_rate_strict_micro'])}" \
                   f" · discrimination {tcg_summary.pct(entry[name]['discrimination_micro'])}"
            if label != base_label and name in base:
                entry[name]["vs_base"] = {"pass_rate": paired(base[name], ev, pass_pair, seed),
                                          "discrimination": paired(base[name], ev, disc_pair, seed)}
                c = entry[name]["vs_base"]["pass_rate"]
                if c["problems"]:
                    line += (f" · vs base {100 * c['difference']:+.1f} points [{100 * c['interval'][0]:+.1f}, "
                             f"{100 * c['interval'][1]:+.1f}] on {c['problems']} problems, {c['up']} up / {c['down']} down, "
                             f"p = {c['sign_test_p']:.3g}")
            lines.append(line)
        result["models"][label] = entry
    json.dump(result, open(out, "w"), indent=2, sort_keys=True)
    print("\n".join(lines))
    print(f"→ {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
