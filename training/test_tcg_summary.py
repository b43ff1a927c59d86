"""Tests of bench/tcg_summary.py's problem-level bootstrap (the benchmark itself is `make bench-tcg`)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import tcg_summary  # noqa: E402


def problem(passed, evaluated, unparsable=0, tp=0, fn=0, fp=0, rejected=0, wrong=0):
    return {"passRate": {"passed": passed, "evaluated": evaluated, "unparsable": unparsable},
            "discrimination": {"rejected": rejected, "wrongSolutions": wrong},
            "agreement": {"truePositives": tp, "falseNegatives": fn, "falsePositives": fp, "trueNegatives": 0}}


class TCGSummaryTests(unittest.TestCase):
    def test_interval_brackets_the_ratio_of_sums_and_is_seeded(self):
        pairs = [(1, 4), (3, 4), (0, 2), (4, 5)]
        low, high = tcg_summary.ratio_interval(pairs)
        self.assertLessEqual(low, 8 / 15)
        self.assertGreaterEqual(high, 8 / 15)
        self.assertGreaterEqual(low, 0)
        self.assertLessEqual(high, 1)
        self.assertEqual(tcg_summary.ratio_interval(pairs), [low, high])

    def test_one_problem_or_identical_problems_give_a_point(self):
        self.assertEqual(tcg_summary.ratio_interval([(2, 4)]), [0.5, 0.5])
        self.assertEqual(tcg_summary.ratio_interval([(1, 2), (1, 2)]), [0.5, 0.5])

    def test_no_denominator_is_no_interval(self):
        self.assertIsNone(tcg_summary.ratio_interval([]))
        self.assertIsNone(tcg_summary.ratio_interval([(0, 0)]))

    def test_strict_pass_rate_counts_unparsable_proposals_as_failures(self):
        ci = tcg_summary.intervals([problem(2, 2, unparsable=2)])
        self.assertEqual(ci["pass_rate_strict_micro"], [0.5, 0.5])

    def test_recall_and_precision_come_from_the_agreement_counts(self):
        ci = tcg_summary.intervals([problem(1, 1, tp=1, fn=3, fp=1)])
        self.assertEqual(ci["recall"], [0.25, 0.25])
        self.assertEqual(ci["precision"], [0.5, 0.5])
        self.assertIsNone(ci["discrimination_micro"])


if __name__ == "__main__":
    unittest.main()
