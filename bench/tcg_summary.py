"""Sums up `o1coder tcg eval` reports for bench/results/tcg.json (make bench-tcg).

Rates are ratios of sums over problems (micro), each with a 95% percentile bootstrap interval
that resamples problems (tests, samples and mutants cluster by problem), seeded.
Usage: tcg_summary.py WORK MODEL OUT TESTS MAX_TOKENS MUTANTS SEED SET...
"""
import datetime
import json
import platform
import random
import sys

RESAMPLES = 2000


def ratio_interval(pairs, seed=42):
    """(lower, upper) of sum(num) / sum(den) over problems resampled with replacement; None when
    no problem has a denominator."""
    if not pairs or sum(d for _, d in pairs) == 0:
        return None
    rng = random.Random(seed)
    values = []
    for _ in range(RESAMPLES):
        draw = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        den = sum(d for _, d in draw)
        if den:
            values.append(sum(n for n, _ in draw) / den)
    values.sort()
    return [values[int(0.025 * len(values))], values[min(len(values) - 1, int(0.975 * len(values)))]]


def intervals(problems):
    """Bootstrap intervals of the headline rates from an eval report's per-problem rows."""
    pass_rate = [(p["passRate"]["passed"], p["passRate"]["evaluated"] + p["passRate"]["unparsable"])
                 for p in problems if "passRate" in p]
    disc = [(p["discrimination"]["rejected"], p["discrimination"]["wrongSolutions"])
            for p in problems if "discrimination" in p]
    agree = [p["agreement"] for p in problems if "agreement" in p]
    recall = [(a["truePositives"], a["truePositives"] + a["falseNegatives"]) for a in agree]
    precision = [(a["truePositives"], a["truePositives"] + a["falsePositives"]) for a in agree]
    return {"pass_rate_strict_micro": ratio_interval(pass_rate), "discrimination_micro": ratio_interval(disc),
            "recall": ratio_interval(recall), "precision": ratio_interval(precision),
            "method": f"percentile bootstrap over problems, {RESAMPLES} resamples, seed 42"}


def pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def span(i):
    return "" if i is None else f" [{100 * i[0]:.1f}, {100 * i[1]:.1f}]"


def main(argv):
    work, model, out, tests, max_tokens, mutants, seed, *sets = argv
    result = {
        "model": model, "date": datetime.datetime.now().isoformat(timespec="seconds"), "host": platform.node(),
        "settings": {"tests_per_prompt": int(tests), "max_tokens": int(max_tokens), "mutants_per_problem": int(mutants),
                     "seed": int(seed)},
        "sets": {},
    }
    lines = [f"TCG bench · {model}"]
    for name in sets:
        ev = json.load(open(f"{work}/{name}-{model}-eval.json"))
        timing = json.load(open(f"{work}/{name}-{model}-timing.json"))
        g, q = ev["generation"], ev["quality"]
        p, d, a = q["passRate"], q["discrimination"], q["agreement"]
        tp, fp, fn, tn = a["truePositives"], a["falsePositives"], a["falseNegatives"], a["trueNegatives"]
        agreement = {
            "matrix": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
            "agreement": (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else None,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
        }
        ci = intervals(ev["problems"])
        result["sets"][name] = {
            "mode": timing.get("mode"), "samples_per_problem": timing.get("samples_per_problem"),
            "problems": len(ev["problems"]), "generate_wall_seconds": timing["generate_wall_seconds"],
            "generation": g, "pass_rate": p, "discrimination": d, "agreement": agreement, "intervals": ci,
            "mutants_generated": ev["mutantsGenerated"], "mutants_evaluated": ev["mutantsEvaluated"],
        }
        parse = g["parsed"] / g["proposed"] if g["proposed"] else None
        lines.append(
            f"{name:16} {len(ev['problems']):3} problems ({', '.join(f'{k} {v}' for k, v in sorted(g['byMode'].items()))}) · "
            f"{timing['generate_wall_seconds']} s · proposed {g['proposed']} · parsed {pct(parse)} · kept {g['kept']} "
            f"({g['problemsWithTests']} problems with tests) · rejected by reference {g['rejectedByReference']}")
        lines.append(
            f"      pass rate on reference strict micro {pct(p.get('strictMicro'))}{span(ci['pass_rate_strict_micro'])} "
            f"macro {pct(p.get('strictMacro'))} · lenient micro {pct(p.get('lenientMicro'))} macro {pct(p.get('lenientMacro'))}")
        lines.append(
            f"      discrimination {d['rejected']}/{d['wrongSolutions']} = {pct(d.get('micro'))}{span(ci['discrimination_micro'])} "
            f"(macro {pct(d.get('macro'))}) · agreement {pct(agreement['agreement'])} · "
            f"precision {pct(agreement['precision'])}{span(ci['precision'])} · recall {pct(agreement['recall'])}{span(ci['recall'])}")
    json.dump(result, open(out, "w"), indent=2, sort_keys=True)
    print("\n".join(lines))
    print(f"→ {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
