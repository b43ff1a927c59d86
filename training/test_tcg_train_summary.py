"""Tests of bench/tcg_train_summary.py's paired comparison (the benchmark itself is `make bench-tcg-train`)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import tcg_train_summary as s  # noqa: E402


def report(rows):
    return {"problems": [{"problemID": pid, "passRate": {"passed": p, "evaluated": n, "unparsable": 0}} for pid, p, n in rows]}


class TCGTrainSummaryTests(unittest.TestCase):
    def test_sign_test_matches_hand_computed_values(self):
        self.assertEqual(s.sign_test(0, 0), 1.0)
        self.assertAlmostEqual(s.sign_test(1, 9), 2 * 11 / 1024)
        self.assertAlmostEqual(s.sign_test(9, 1), 2 * 11 / 1024)
        self.assertEqual(s.sign_test(3, 3), 1.0)

    def test_paired_difference_counts_ups_and_downs_and_leaves_out_unmatched_problems(self):
        base = report([("a", 1, 4), ("b", 2, 4), ("c", 0, 4), ("d", 1, 2)])
        other = report([("a", 3, 4), ("b", 2, 4), ("c", 1, 4), ("e", 2, 2)])
        c = s.paired(base, other, s.pass_pair, seed=1)
        self.assertEqual(c["problems"], 3)
        self.assertEqual(c["left_out"], 2)
        self.assertEqual((c["up"], c["down"]), (2, 0))
        self.assertAlmostEqual(c["difference"], 6 / 12 - 3 / 12)
        low, high = c["interval"]
        self.assertLessEqual(low, c["difference"])
        self.assertGreaterEqual(high, c["difference"])
        self.assertEqual(s.paired(base, other, s.pass_pair, seed=1), c, "seeded")

    def test_problems_without_stated_tests_are_not_paired(self):
        self.assertEqual(s.paired(report([("a", 0, 0)]), report([("a", 1, 1)]), s.pass_pair, seed=1), {"problems": 0})


if __name__ == "__main__":
    unittest.main()
