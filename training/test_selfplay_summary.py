"""Tests of bench/selfplay_summary.py (the benchmark itself is `make bench-selfplay`)."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import selfplay_summary  # noqa: E402


def round_(index, outcomes, policy):
    return {"index": index, "policy": policy, "searchPolicy": "base",
            "evaluation": {"outcomes": outcomes, "solved": sum(outcomes.values()), "problems": len(outcomes)}}


class SelfPlaySummaryTests(unittest.TestCase):
    def test_rounds_pair_with_round_zero_on_shared_problems(self):
        state = {"basePolicy": "base", "rounds": [
            round_(0, {"a": True, "b": False, "c": False}, "base"),
            round_(1, {"a": False, "b": True, "c": True, "d": True}, "sp-r1"),
        ]}
        summary = selfplay_summary.summarize(state, {})
        zero, one = (r["evaluations"]["selfplay_eval"] for r in summary["rounds"])
        self.assertNotIn("vs_round_0", zero)
        vs = one["vs_round_0"]
        self.assertEqual(vs["problems"], 3, "d is not in round 0")
        self.assertEqual((vs["only_this_round"], vs["only_round_0"]), (2, 1))
        self.assertAlmostEqual(vs["difference_points"], 100 / 3)
        self.assertEqual(vs["mcnemar_p"], 1.0)
        self.assertEqual(one["solved"], 3)

    def test_extra_sets_come_from_sample_runs_per_round(self):
        with tempfile.TemporaryDirectory() as d:
            for r, passed in ((0, [False, False]), (1, [True, False])):
                os.makedirs(f"{d}/plus-r{r}")
                with open(f"{d}/plus-r{r}/problems.jsonl", "w") as f:
                    for i, p in enumerate(passed):
                        f.write(json.dumps({"taskID": f"Mbpp/{i}", "prefixes": [{"completions": [{"passed": p}]}]}) + "\n")
            state = {"basePolicy": "base", "rounds": [round_(0, {"x": True}, "base"), round_(1, {"x": True}, "sp-r1"),
                                                      round_(2, {"x": True}, "sp-r2")]}
            rows = selfplay_summary.summarize(state, {"plus": f"{d}/plus"})["rounds"]
            self.assertEqual(rows[1]["evaluations"]["plus"]["vs_round_0"]["only_this_round"], 1)
            self.assertNotIn("plus", rows[2]["evaluations"], "round 2 was not sampled")


if __name__ == "__main__":
    unittest.main()
