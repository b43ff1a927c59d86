"""Tests of the runner's protocol and input checks (run by `make test` in the training venv), and
of the pair-wise PRM trainer (a few real steps on SmolLM2). The other real training, export and
round trips into the engine are tested from Swift (Tests/TrainingTests), which launches this
runner the way `o1coder train` does."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")
sys.path.insert(0, os.path.dirname(RUNNER))
import runner  # noqa: E402


def run(job, directory, timeout=300):
    path = os.path.join(directory, "job.json")
    with open(path, "w") as f:
        json.dump(job, f)
    done = subprocess.run([sys.executable, RUNNER, path], capture_output=True, text=True, timeout=timeout)
    events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, events


class ProtocolTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_unknown_task_is_a_bad_job(self):
        status, events = run({"task": "teleport"}, self.dir)
        self.assertEqual(status, 2)
        self.assertEqual(events[-1]["event"], "error")
        self.assertEqual(events[-1]["kind"], "bad_job")
        self.assertIn("sft", events[-1]["message"])

    def test_unreadable_job_file(self):
        path = self.write("job.json", "{not json")
        done = subprocess.run([sys.executable, RUNNER, path], capture_output=True, text=True)
        self.assertEqual(done.returncode, 2)
        self.assertEqual(json.loads(done.stdout)["kind"], "bad_job")

    def test_bad_data_names_file_and_line(self):
        data = self.write("d.jsonl", '{"prompt": [], "completion": []}\n\n{"prompt": [\n')
        status, events = run({"task": "sft", "data": data, "base_dir": self.dir, "output_dir": self.dir}, self.dir)
        self.assertEqual(status, 2)
        self.assertEqual(events[-1]["kind"], "bad_data")
        self.assertIn(f"{data}:3", events[-1]["message"])

    def test_missing_fields_are_named(self):
        data = self.write("d.jsonl", json.dumps({"prompt": "p", "chosen": "c"}) + "\n")
        status, events = run({"task": "dpo", "data": data, "base_dir": self.dir, "output_dir": self.dir}, self.dir)
        self.assertEqual(status, 2)
        self.assertIn("missing rejected", events[-1]["message"])

    def test_sft_messages_must_end_with_the_answer(self):
        row = {"messages": [{"role": "assistant", "content": "a"}, {"role": "user", "content": "q"}]}
        data = self.write("d.jsonl", json.dumps(row) + "\n")
        status, events = run({"task": "sft", "data": data, "base_dir": self.dir, "output_dir": self.dir}, self.dir)
        self.assertEqual(status, 2)
        self.assertIn("assistant", events[-1]["message"])

    def test_missing_base_directory(self):
        row = {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
        data = self.write("d.jsonl", json.dumps(row) + "\n")
        status, events = run({"task": "sft", "data": data, "base_dir": self.dir, "output_dir": self.dir}, self.dir)
        self.assertEqual(status, 2)
        self.assertEqual(events[-1]["kind"], "missing_base")

    def test_missing_gguf(self):
        status, events = run({"task": "convert-base", "gguf": "/nonexistent.gguf", "out": self.dir}, self.dir)
        self.assertEqual(status, 2)
        self.assertEqual(events[-1]["kind"], "missing_base")


class ConversionTests(unittest.TestCase):
    def test_messages_become_prompt_and_completion(self):
        d = tempfile.mkdtemp()
        path = os.path.join(d, "d.jsonl")
        m = [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
        with open(path, "w") as f:
            f.write(json.dumps({"messages": m, "problemId": "x", "reward": 1}) + "\n")
        self.assertEqual(runner.sft_rows(path), [{"prompt": m[:2], "completion": m[2:]}])


class ReadTests(unittest.TestCase):
    def test_a_field_may_come_snake_or_camel_case(self):
        d = tempfile.mkdtemp()
        path = os.path.join(d, "d.jsonl")
        with open(path, "w") as f:
            f.write(json.dumps({"a": 1, "problem_id": "x"}) + "\n" + json.dumps({"a": 2, "problemId": "y", "v": 3}) + "\n")
        rows = runner.read_jsonl(path, ["a", "problem_id|problemId"], optional=["v"])
        self.assertEqual(rows, [{"a": 1, "problem_id": "x"}, {"a": 2, "problem_id": "y", "v": 3}])
        with open(path, "w") as f:
            f.write(json.dumps({"a": 1}) + "\n")
        with self.assertRaises(runner.JobError) as e:
            runner.read_jsonl(path, ["a", "problem_id|problemId"])
        self.assertIn(f"{path}:1: missing problem_id", str(e.exception))


def pair(problem, chosen, rejected, cv=1.0, rv=0.0, prefix=()):
    prompt = "Problem " + problem + (("\n\n" + "".join(prefix)) if prefix else "")
    return {"prompt": prompt, "prefix": list(prefix), "chosen": chosen, "rejected": rejected,
            "chosen_value": cv, "rejected_value": rv, "problem_id": problem}


class PairSelectionTests(unittest.TestCase):
    def test_top_bottom_2_keeps_the_two_best_against_the_two_worst(self):
        # Five siblings a..e with Q 0.9, 0.8, 0.5, 0.2, 0.1; the export paired every couple.
        q = {"a": 0.9, "b": 0.8, "c": 0.5, "d": 0.2, "e": 0.1}
        steps = sorted(q, key=q.get, reverse=True)
        rows = [pair("P", hi, lo, q[hi], q[lo]) for i, hi in enumerate(steps) for lo in steps[i + 1:]]
        kept = runner.select_pairs(rows, "top-bottom-2", 0.0)
        self.assertEqual(sorted((r["chosen"], r["rejected"]) for r in kept), [("a", "d"), ("a", "e"), ("b", "d"), ("b", "e")])
        self.assertEqual(len(runner.select_pairs(rows, "all", 0.0)), 10)
        self.assertEqual(sorted((r["chosen"], r["rejected"]) for r in runner.select_pairs(rows, "all", 0.7)),
                         [("a", "d"), ("a", "e"), ("b", "e")])
        # Another prefix is another group of siblings.
        other = [pair("P", "x", "y", 0.6, 0.4, prefix=["a"])]
        self.assertEqual(len(runner.select_pairs(rows + other, "top-bottom-2", 0.0)), 5)

    def test_the_problem_is_the_prompt_without_its_prefix(self):
        r = pair("P", "c", "r", prefix=["s1\n", "s2\n"])
        self.assertEqual(runner.pair_problem(r["prompt"], r["prefix"]), "Problem P")
        self.assertEqual(runner.pair_problem("Problem P", []), "Problem P")
        self.assertEqual(runner.pair_problem("Problem P", ["s1\n"]), "Problem P")  # a prompt without the prefix


class FakeTagModel:
    """Logit(+) at each position is the running sum of the token ids, logit(−) is 0: s = that sum."""

    def __init__(self, plus, minus, vocabulary=64):
        self.plus, self.minus, self.vocabulary = plus, minus, vocabulary

    def __call__(self, input_ids, attention_mask):
        import torch
        logits = torch.zeros(*input_ids.shape, self.vocabulary)
        logits[:, :, self.plus] = torch.cumsum(input_ids * attention_mask, dim=1).float()
        return type("Output", (), {"logits": logits})()

    def eval(self):
        pass

    def train(self):
        pass


class PairMetricTests(unittest.TestCase):
    def test_accuracy_and_loss_on_a_hand_made_example(self):
        import math
        tag, plus, minus = 7, 1, 2
        examples = [
            {"chosen_ids": [5, 9, tag], "rejected_ids": [5, 1, tag], "problem": "a"},  # s 21 vs 13: right
            {"chosen_ids": [2, tag], "rejected_ids": [3, 3, tag], "problem": "b"},      # 9 vs 13: wrong
            {"chosen_ids": [4, tag], "rejected_ids": [4, tag], "problem": "c"},         # a tie: wrong
            {"chosen_ids": [1, 1, 1, 1, 9, tag], "rejected_ids": [3, tag], "problem": "d"},  # 20 vs 10, padded: right
            {"chosen_ids": [6, tag], "rejected_ids": [1, tag], "problem": "e"},         # fifth, a second batch: right
        ]
        m = runner.prm_pair_evaluate(FakeTagModel(plus, minus), examples, plus, minus, pad=0)
        self.assertEqual(m["eval_pairs"], 5)
        self.assertAlmostEqual(m["eval_pair_accuracy"], 3 / 5)
        gaps = [8, -4, 0, 10, 5]
        self.assertAlmostEqual(m["eval_pair_loss"], sum(math.log1p(math.exp(-d)) for d in gaps) / 5)
        self.assertAlmostEqual(m["eval_mean_margin"], sum(gaps) / 5)
        self.assertEqual(runner.pair_metrics([], []), {})
        # Large gaps do not overflow.
        self.assertAlmostEqual(runner.pair_metrics([0.0], [1000.0])["eval_pair_loss"], 1000.0)


class PairDataTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def job(self, rows, **extra):
        path = os.path.join(self.dir, "pairs.jsonl")
        with open(path, "w") as f:
            f.write("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
        return {"task": "prm", "prm_objective": "pairwise", "data": path, "base_dir": self.dir,
                "output_dir": self.dir, **extra}, path

    def test_bad_pair_files_are_named(self):
        good = pair("P", "c", "r")
        cases = [
            ([good, {k: v for k, v in good.items() if k != "rejected"}], {}, ":2: missing rejected"),
            ([good, "{not json"], {}, ":2: not JSON"),
            ([pair("P", "same", "same")], {}, "record 1: chosen and rejected are the same step"),
            ([dict(good, prefix="s1")], {}, "record 1: prefix must be a list"),
            ([{k: v for k, v in good.items() if k != "chosen_value"}], {"pair_selection": "top-bottom-2"},
             "record 1: no chosen_value"),
            ([good], {"pair_margin": 2.0}, "no pair is left"),
            ([good], {"pair_selection": "best"}, "unknown pair_selection"),
        ]
        for rows, extra, expected in cases:
            job, path = self.job(rows, **extra)
            status, events = run(job, self.dir)
            self.assertEqual(status, 2, expected)
            self.assertIn(events[-1]["kind"], ("bad_data", "bad_job"))
            self.assertIn(expected, events[-1]["message"])
            if "record" in expected or ":2:" in expected:
                self.assertIn(path, events[-1]["message"])

    def test_unknown_objective(self):
        job, _ = self.job([pair("P", "c", "r")], prm_objective="listwise")
        status, events = run(job, self.dir)
        self.assertEqual(status, 2)
        self.assertIn("pointwise or pairwise", events[-1]["message"])


def smollm2_base():
    """SmolLM2's Hugging Face directory where o1coder train caches it (converted here when absent)."""
    import hashlib
    cache = os.environ.get("O1CODER_CACHE") or os.path.expanduser("~/.cache/o1coder")
    gguf = os.environ.get("O1CODER_TEST_MODEL") or os.path.join(cache, "models", "smollm2-135m-instruct-q4_1.gguf")
    if not os.path.isfile(gguf):
        message = f"the SmolLM2 test model is not at {gguf} (make test installs it)"
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        raise unittest.SkipTest(message)
    sha = hashlib.sha256()
    with open(gguf, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            sha.update(chunk)
    out = os.path.join(cache, "train", "hf-base", sha.hexdigest()[:16])  # ModelTrainer.baseDirectory's place
    if not os.path.isfile(os.path.join(out, "o1coder-converted.json")):
        status, events = run({"task": "convert-base", "gguf": gguf, "out": out, "threads": 2}, tempfile.mkdtemp(), timeout=1200)
        if status != 0:
            raise RuntimeError(f"convert-base failed: {events[-1:]}")
    return out


class PairwiseTrainingTests(unittest.TestCase):
    def test_a_few_steps_on_smollm2_with_problems_held_out(self):
        base = smollm2_base()
        d = tempfile.mkdtemp()
        good, bad = "Step 1: check the bounds and return the sum.\n", "Step 1: ignore the input and print banana.\n"
        rows = [pair(f"P/{p}", good, bad, 0.9, 0.1) for p in range(10)]
        rows += [pair(f"P/{p}", "Step 2: return it.\n", "Step 2: crash.\n", 0.8, 0.2, prefix=[good]) for p in range(10)]
        path = os.path.join(d, "pairs.jsonl")
        with open(path, "w") as f:
            f.write("".join(json.dumps(r) + "\n" for r in rows))
        job = {"task": "prm", "prm_objective": "pairwise", "data": path, "base_dir": base, "output_dir": d,
               "max_steps": 4, "learning_rate": 1e-3, "batch_size": 2, "max_length": 128, "save_steps": 100,
               "eval_fraction": 0.3, "seed": 42, "threads": 2}
        # Slow, not stuck, on 2 cores shared with other builds (a quiet machine takes about a minute).
        status, events = run(job, d, timeout=1200)
        self.assertEqual(status, 0, events[-1:])
        held = {f"P/{p}" for p in range(10) if runner.held_out(f"P/{p}", 0.3, 42)}
        self.assertTrue(0 < len(held) < 10)
        start = next(e for e in events if e["event"] == "start")
        # Split by problem: both pairs of a held-out problem are held out, none of them trains.
        self.assertEqual(start["records"], 2 * (10 - len(held)))
        self.assertEqual(start["held_out_problems"], len(held))
        metrics = next(e for e in events if e["event"] == "metrics")
        self.assertEqual(metrics["steps"], 4)
        self.assertEqual(metrics["eval_pairs"], 2 * len(held))
        self.assertEqual(metrics["base_eval_pairs"], 2 * len(held))
        for key in ("eval_pair_accuracy", "base_eval_pair_accuracy"):
            self.assertTrue(0 <= metrics[key] <= 1)
        # Four steps on these easy pairs lower the held-out Bradley–Terry loss.
        self.assertLess(metrics["eval_pair_loss"], metrics["base_eval_pair_loss"])
        losses = [e["loss"] for e in events if e["event"] == "progress" and "loss" in e]
        self.assertEqual(len(losses), 4)
        self.assertTrue(os.path.isfile(os.path.join(d, "adapter", "adapter_config.json")))
        print(f"\npair-wise PRM: {metrics}", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
