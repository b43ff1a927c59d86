"""The reward module against a real `o1coder serve` (the binary `make test` builds, or $O1CODER_BIN)."""
import asyncio
import os
import unittest

import o1coder_reward as reward
import serve_fixture

STDIN_TRUTH = '{"inputs": ["1 2\\n", "5 5\\n"], "outputs": ["3\\n", "10\\n"]}'
SUM = "Here you go:\n```python\na, b = map(int, input().split())\nprint(a + b)\n```\n"
PRODUCT = "```python\na, b = map(int, input().split())\nprint(a * b)\n```"
HALF = "```python\na, b = map(int, input().split())\nprint(a + b if a == b else 0)\n```"
CALL_TRUTH = {"inputs": [[2], [3]], "outputs": [[4], [9]], "fn_name": "square"}


def setUpModule():
    global server
    server = serve_fixture.Server()
    os.environ.pop("O1CODER_REWARD_MODE", None)


def tearDownModule():
    server.stop()


class RewardTests(unittest.TestCase):
    def test_extract_code(self):
        self.assertEqual(reward.extract_code("a\n```python\nx = 1\n```\nb\n```py\ny = 2\n```"), "y = 2\n")
        self.assertEqual(reward.extract_code("```\nz = 3\n```"), "z = 3\n")
        self.assertEqual(reward.extract_code("print(1)"), "print(1)")
        self.assertEqual(reward.extract_code("```python\ncut = 1"), "cut = 1")

    def test_verl_signature(self):
        good = reward.compute_score("o1coder/mbpp", SUM, STDIN_TRUTH, {"split": "train"})
        self.assertEqual(good["score"], 1.0)
        self.assertEqual((good["passed"], good["total"], good["verdict"]), (2, 2, "passed"))
        bad = reward.compute_score("o1coder/mbpp", PRODUCT, STDIN_TRUTH)
        self.assertEqual(bad["score"], 0.0)
        self.assertEqual(bad["pass_rate"], 0.0)  # 1 * 2 != 3 and 5 * 5 != 10
        self.assertEqual(asyncio.run(reward.compute_score_async("x", SUM, STDIN_TRUTH))["score"], 1.0)

    def test_pass_rate_mode(self):
        os.environ["O1CODER_REWARD_MODE"] = "pass_rate"
        try:
            self.assertEqual(reward.compute_score("x", HALF, STDIN_TRUTH)["score"], 0.5)
        finally:
            os.environ.pop("O1CODER_REWARD_MODE")

    def test_trl_signature(self):
        completions = [[{"role": "assistant", "content": "```python\ndef square(x):\n    return x * x\n```"}],
                       [{"role": "assistant", "content": "```python\ndef square(x):\n    return x + x\n```"}]]
        rows = {"ground_truth": [CALL_TRUTH, CALL_TRUTH], "prompts": ["p", "p"]}
        self.assertEqual(reward.reward(completions, **rows), [1.0, 0.0])
        self.assertEqual(asyncio.run(reward.reward_async(completions, **rows)), [1.0, 0.0])
        verl_rows = {"reward_model": [{"style": "rule", "ground_truth": STDIN_TRUTH}]}
        self.assertEqual(reward.reward([SUM], **verl_rows), [1.0])
        with self.assertRaises(KeyError):
            reward.reward([SUM])

    def test_openrlhf_signature(self):
        prompts = ["Add two numbers.\n", "Add two numbers.\n"]
        queries = [prompts[0] + SUM, prompts[1] + HALF]
        out = reward.reward_func(queries, prompts, [STDIN_TRUTH, STDIN_TRUTH])
        self.assertEqual([float(x) for x in out["rewards"]], [1.0, 0.0])
        self.assertEqual([float(x) for x in out["extra_logs"]["pass_rate"]], [1.0, 0.5])

    def test_rigged_equality_scores_zero(self):
        hack = ("```python\nclass Always:\n    def __eq__(self, o): return True\n"
                "    def __ne__(self, o): return False\ndef square(x):\n    return Always()\n```")
        self.assertEqual(reward.compute_score("x", hack, CALL_TRUTH)["score"], 0.0)

    def test_unreachable_server_raises(self):
        with self.assertRaises(reward.RewardServiceError) as caught:
            reward.score(SUM, STDIN_TRUTH, url="http://127.0.0.1:9")
        self.assertIn("127.0.0.1:9", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
