"""Self-play against its base model (make bench-selfplay) from the run's selfplay.json.

usage: selfplay_summary.py OUT.json SELFPLAY_DIR [EXTRA_EVAL_NAME=SAMPLE_RUN_DIR ...]
Per round: the policy, the training search's solved count, the data sizes, and on each held-out
set the greedy pass@1 with a 95% Wilson interval and, against round 0 (the base model with the
same evaluation), the paired difference on the problems both have with McNemar's exact test.
The loop's own held-out set comes from selfplay.json; extra sets are `o1coder sample` runs of
each round's policy (directories named <NAME>-r<round>, greedy, one answer per problem).
Standard library only.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fewshot_copy import mcnemar_exact, wilson  # noqa: E402


def sample_outcomes(directory):
    """problem id → whether its first answer passed, from a sample run's problems.jsonl."""
    outcomes = {}
    path = os.path.join(directory, "problems.jsonl")
    if not os.path.exists(path):
        return None
    for line in open(path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            completions = [c for p in r["prefixes"] for c in p["completions"]]
            outcomes[r["taskID"]] = bool(completions) and completions[0]["passed"]
    return outcomes


def compare(outcomes, base):
    """pass@1 of `outcomes` with its interval and, when `base` is given, the paired comparison."""
    n, k = len(outcomes), sum(outcomes.values())
    result = {"problems": n, "solved": k, "pass_at_1": k / n if n else None, "wilson95": wilson(k, n)}
    if base is not None:
        shared = sorted(set(outcomes) & set(base))
        only_new = sum(1 for p in shared if outcomes[p] and not base[p])
        only_base = sum(1 for p in shared if base[p] and not outcomes[p])
        result["vs_round_0"] = {
            "problems": len(shared),
            "difference_points": 100 * (sum(outcomes[p] for p in shared) - sum(base[p] for p in shared)) / len(shared) if shared else None,
            "only_this_round": only_new, "only_round_0": only_base, "mcnemar_p": mcnemar_exact(only_new, only_base),
        }
    return result


def summarize(state, extra):
    rounds = []
    base = {}
    for r in state["rounds"]:
        index = r["index"]
        row = {"round": index, "policy": r.get("policy"), "searched_with": r.get("searchPolicy"), "note": r.get("note")}
        data = r.get("data")
        if data:
            row["train_search"] = {"solved": data["solvedProblems"], "problems": data["searchedProblems"],
                                   "sft_records": data["sftRecords"], "dpo_records": data["dpoRecords"]}
        if r.get("prm"):
            row["prm"] = {"model": r["prm"].get("model"), "records": r["prm"]["records"]}
        evaluations = {}
        e = r.get("evaluation")
        if e:
            evaluations["selfplay_eval"] = compare(e["outcomes"], base.get("selfplay_eval"))
            if index == 0:
                base["selfplay_eval"] = e["outcomes"]
            for key in ("aspr", "search"):
                if e.get(key):
                    evaluations[key] = {k: v for k, v in e[key].items() if k not in ("perProblem", "outcomes")}
        for name, directory in extra.items():
            outcomes = sample_outcomes(f"{directory}-r{index}")
            if outcomes is None:
                continue
            evaluations[name] = compare(outcomes, base.get(name))
            if index == 0:
                base[name] = outcomes
        row["evaluations"] = evaluations
        rounds.append(row)
    return {"base_policy": state["basePolicy"], "rounds": rounds,
            "note": "greedy pass@1 on hidden tests; vs_round_0 pairs each round with the base model on the same problems "
                    "(McNemar's exact test); intervals are 95% Wilson"}


def main(argv):
    out, directory, *pairs = argv
    extra = dict(p.split("=", 1) for p in pairs)
    state = json.load(open(os.path.join(directory, "selfplay.json")))
    summary = summarize(state, extra)
    summary["configuration"] = json.load(open(os.path.join(directory, "configuration.json")))
    json.dump(summary, open(out, "w"), indent=2, sort_keys=True)
    for row in summary["rounds"]:
        parts = [f"round {row['round']}: {row['policy']}"]
        for name, ev in row["evaluations"].items():
            if "pass_at_1" not in ev or not ev["problems"]:
                continue
            lo, hi = ev["wilson95"]
            text = f"{name} {ev['solved']}/{ev['problems']} [{100 * lo:.1f}, {100 * hi:.1f}]"
            vs = ev.get("vs_round_0")
            if vs and vs["problems"]:
                text += f" ({vs['difference_points']:+.1f} pts vs round 0, {vs['only_this_round']} vs {vs['only_round_0']}, p = {vs['mcnemar_p']:.3g})"
            parts.append(text)
        print(" · ".join(parts))
    print(f"→ {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
