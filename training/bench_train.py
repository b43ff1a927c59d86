#!/usr/bin/env python3
"""Training throughput: our runner (training/runner.py) against the plain `trl` CLI on the same
base, data and settings, SFT and DPO with LoRA, runs alternated, medians reported.

Usage: bench_train.py --base HF_DIR --humaneval HumanEval.jsonl.gz --out training.json
                      [--steps 10] [--repeats 2] [--threads 2] [--work DIR]
Data: HumanEval's 164 canonical solutions as SFT answers; for DPO the canonical solution is
chosen and a body of `pass` rejected (what matters here is tokens per second, not the model).
Each run's peak RSS is its own (os.wait4), the train time is the trainer's `train_runtime`
(the same clock for both), the wall time includes imports and, for the CLI, its launcher.
Both save one checkpoint at the end of training, inside the trainer's clock: our runner needs it to
resume a killed run, so the CLI is asked for the same (the first comparison, without it, charged
the save to us alone).
"""
import argparse
import ast
import gzip
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def humaneval_data(path, work):
    rows = [json.loads(l) for l in gzip.open(path, "rt") if l.strip()]
    sft, dpo = os.path.join(work, "sft.jsonl"), os.path.join(work, "dpo.jsonl")
    with open(sft, "w") as s, open(dpo, "w") as d:
        for r in rows:
            prompt = [{"role": "user", "content": "Complete this Python function.\n" + r["prompt"]}]
            answer = r["prompt"] + r["canonical_solution"]
            s.write(json.dumps({"prompt": prompt, "completion": [{"role": "assistant", "content": answer}]}) + "\n")
            d.write(json.dumps({"prompt": prompt, "chosen": [{"role": "assistant", "content": answer}],
                                "rejected": [{"role": "assistant", "content": r["prompt"] + "    pass\n"}]}) + "\n")
    return {"sft": sft, "dpo": dpo}, len(rows)


def train_runtime_from_log(text):
    """The trainer's final `train_runtime` from the CLI's printed dict lines (values may be strings)."""
    found = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{") and "train_runtime" in line:
            try:
                found = float(ast.literal_eval(line)["train_runtime"])
            except (ValueError, SyntaxError, KeyError):
                pass
    return found


def measured(command, env, log):
    start = time.time()
    with open(log, "w") as f:
        p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=f, env=env, text=True)
        out = p.stdout.read()
        _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command[:3])} failed; see {log}")
    return out, time.time() - start, usage.ru_maxrss * 1024


def fresh(path):
    """An empty output directory: a leftover checkpoint would make our runner resume, not train."""
    import shutil
    shutil.rmtree(path, ignore_errors=True)
    return path


# A checkpoint only at the end of training (the step count never reaches it), for both.
SAVE_STEPS = 10 ** 6


def runner_job(method, args, data, out_dir):
    return {"task": method, "base_dir": args.base, "data": data, "output_dir": out_dir, "max_steps": args.steps,
            "learning_rate": 1e-4, "batch_size": 2, "max_length": 256, "lora_r": 8, "lora_alpha": 16,
            "save_steps": SAVE_STEPS, "seed": 42, "threads": args.threads}


def cli_config(args, data, out_dir):
    return {"model_name_or_path": args.base, "datasets": [{"path": "json", "data_files": data}],
            "output_dir": out_dir, "max_steps": args.steps, "learning_rate": 1e-4, "per_device_train_batch_size": 2,
            "max_length": 256, "use_peft": True, "lora_r": 8, "lora_alpha": 16, "lora_dropout": 0.0,
            "lora_target_modules": "all-linear", "bf16": False, "use_cpu": True, "gradient_checkpointing": False,
            "logging_steps": 1, "save_strategy": "steps", "save_steps": SAVE_STEPS, "report_to": "none", "seed": 42,
            "dataloader_num_workers": 0, "dtype": "float32"}


def ours(method, args, data, work, i):
    out_dir = fresh(os.path.join(work, f"ours-{method}-{i}"))
    job = runner_job(method, args, data, out_dir)
    path = out_dir + ".json"
    with open(path, "w") as f:
        json.dump(job, f)
    out, wall, rss = measured([sys.executable, os.path.join(HERE, "runner.py"), path], env(args), out_dir + ".log")
    events = [json.loads(line) for line in out.splitlines() if line.strip()]
    start = next(e for e in events if e["event"] == "start")
    if start.get("resume_from"):
        sys.exit(f"{out_dir} resumed from {start['resume_from']}: not a fresh run")
    metrics = next(e for e in events if e["event"] == "metrics")
    return {"train_runtime": metrics["train_runtime"], "wall": wall, "peak_rss_bytes": rss}


def trl_cli(method, args, data, work, i):
    out_dir = fresh(os.path.join(work, f"trl-{method}-{i}"))
    config = cli_config(args, data, out_dir)
    path = out_dir + ".yaml"
    import yaml
    with open(path, "w") as f:
        yaml.safe_dump(config, f)
    trl = os.path.join(os.path.dirname(sys.executable), "trl")
    out, wall, rss = measured([trl, method, "--config", path], env(args), out_dir + ".log")
    with open(out_dir + ".log") as f:
        runtime = train_runtime_from_log(out + "\n" + f.read())
    if runtime is None:
        sys.exit(f"no train_runtime in {out_dir}.log")
    return {"train_runtime": runtime, "wall": wall, "peak_rss_bytes": rss}


def env(args):
    e = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", OMP_NUM_THREADS=str(args.threads),
             TOKENIZERS_PARALLELISM="false")
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--humaneval", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--work", default="/tmp/o1coder-bench-train")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    files, records = humaneval_data(args.humaneval, args.work)
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "base": args.base, "records": records, "steps": args.steps,
              "batch_size": 2, "max_length": 256, "lora": {"r": 8, "alpha": 16, "targets": "all-linear"},
              "threads": args.threads, "repeats": args.repeats, "methods": {}}
    import torch, transformers, trl, peft
    result["versions"] = {"torch": torch.__version__, "transformers": transformers.__version__, "trl": trl.__version__,
                          "peft": peft.__version__}
    for method in ("sft", "dpo"):
        runs = {"ours": [], "trl_cli": []}
        for i in range(args.repeats):
            for name, fn in (("ours", ours), ("trl_cli", trl_cli)) if i % 2 == 0 else (("trl_cli", trl_cli), ("ours", ours)):
                r = fn(method, args, files[method], args.work, i)
                runs[name].append(r)
                print(f"[bench-train] {method} {name} run {i + 1}: train {r['train_runtime']:.1f} s, wall {r['wall']:.1f} s, "
                      f"peak RSS {r['peak_rss_bytes'] / 2 ** 30:.2f} GiB", file=sys.stderr)
        med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in runs.items()}
        med["ratio_train_runtime"] = med["ours"]["train_runtime"] / med["trl_cli"]["train_runtime"]
        med["ratio_wall"] = med["ours"]["wall"] / med["trl_cli"]["wall"]
        med["ratio_peak_rss"] = med["ours"]["peak_rss_bytes"] / med["trl_cli"]["peak_rss_bytes"]
        med["runs"] = runs
        result["methods"][method] = med
        print(f"[bench-train] {method}: ours/trl train time {med['ratio_train_runtime']:.3f}, wall {med['ratio_wall']:.3f}, "
              f"peak RSS {med['ratio_peak_rss']:.3f}", file=sys.stderr)
    with open(args.out + ".partial", "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    os.replace(args.out + ".partial", args.out)
    print(json.dumps({m: {k: v for k, v in r.items() if k.startswith("ratio")} for m, r in result["methods"].items()}))


if __name__ == "__main__":
    main()
