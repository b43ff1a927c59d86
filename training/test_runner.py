"""Tests of the runner's protocol and input checks (run by `make test` in the training venv).
The real training, export and round trip into the engine are tested from Swift
(Tests/TrainingTests), which launches this runner the way `o1coder train` does."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")


def run(job, directory):
    path = os.path.join(directory, "job.json")
    with open(path, "w") as f:
        json.dump(job, f)
    done = subprocess.run([sys.executable, RUNNER, path], capture_output=True, text=True, timeout=300)
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
        sys.path.insert(0, os.path.dirname(RUNNER))
        import runner
        d = tempfile.mkdtemp()
        path = os.path.join(d, "d.jsonl")
        m = [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
        with open(path, "w") as f:
            f.write(json.dumps({"messages": m, "problemId": "x", "reward": 1}) + "\n")
        self.assertEqual(runner.sft_rows(path), [{"prompt": m[:2], "completion": m[2:]}])


if __name__ == "__main__":
    unittest.main()
