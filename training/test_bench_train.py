"""Tests of bench_train.py's parsing and data preparation (the benchmark itself is `make bench-train`)."""
import gzip
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_train  # noqa: E402


class BenchTrainTests(unittest.TestCase):
    def test_train_runtime_is_the_last_dict_line(self):
        log = "\n".join([
            "{'loss': '0.5', 'epoch': '1'}",
            "noise {'train_runtime': 'x'}",
            "{'train_runtime': '14.41', 'train_loss': '0.7165'}",
            "Training completed.",
        ])
        self.assertEqual(bench_train.train_runtime_from_log(log), 14.41)
        self.assertIsNone(bench_train.train_runtime_from_log("{'loss': 1}"))

    def test_humaneval_rows_become_sft_and_dpo_records(self):
        d = tempfile.mkdtemp()
        src = os.path.join(d, "he.jsonl.gz")
        with gzip.open(src, "wt") as f:
            f.write(json.dumps({"prompt": "def f():\n", "canonical_solution": "    return 1\n"}) + "\n")
        files, n = bench_train.humaneval_data(src, d)
        self.assertEqual(n, 1)
        sft = json.loads(open(files["sft"]).readline())
        self.assertEqual(sft["completion"][0]["content"], "def f():\n    return 1\n")
        dpo = json.loads(open(files["dpo"]).readline())
        self.assertEqual(dpo["rejected"][0]["content"], "def f():\n    pass\n")
        self.assertEqual(dpo["chosen"], sft["completion"])

    def test_both_sides_train_and_save_alike(self):
        import argparse
        args = argparse.Namespace(base="/base", steps=10, threads=1)
        job = bench_train.runner_job("sft", args, "d.jsonl", "/o")
        cli = bench_train.cli_config(args, "d.jsonl", "/o")
        # One checkpoint at the end for both (our runner needs it to resume; the CLI once saved none).
        self.assertEqual(cli["save_strategy"], "steps")
        self.assertEqual(job["save_steps"], cli["save_steps"])
        self.assertGreater(cli["save_steps"], args.steps)
        for ours, theirs in (("max_steps", "max_steps"), ("learning_rate", "learning_rate"),
                             ("batch_size", "per_device_train_batch_size"), ("max_length", "max_length"),
                             ("lora_r", "lora_r"), ("lora_alpha", "lora_alpha"), ("seed", "seed")):
            self.assertEqual(job[ours], cli[theirs], ours)


if __name__ == "__main__":
    unittest.main()
