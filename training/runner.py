#!/usr/bin/env python3
"""O1Coder's training runner: what `o1coder train` launches, out of process.

Usage: runner.py JOB.json
The job is one JSON object (see `Sources/Training/TrainingJob.swift`, its Swift twin). The
runner speaks JSON lines on stdout, one event per line: `start`, `progress` (step, total, loss),
`checkpoint`, `metrics`, `done` and `error` (kind, message). Everything libraries print goes
to stderr, so stdout stays parseable. Exit status: 0 done, 2 bad input, 3 environment, 1 other.

Tasks: `convert-base` (GGUF -> Hugging Face directory, dequantised), `sft` and `dpo` (TRL with
LoRA; resumes from the newest checkpoint in the output directory), `export-adapter` (PEFT
adapter -> GGUF with llama.cpp's converter) and `generate` (greedy, for round-trip checks).
"""
import json
import os
import resource
import signal
import subprocess
import sys
import time

EVENTS = sys.stdout
sys.stdout = sys.stderr  # libraries print; only emit() writes the protocol


class JobError(Exception):
    """A failure the user can fix; `kind` names it for the Swift side."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


INTERRUPTED = []


def on_interrupt(signum, frame):
    """First SIGINT/SIGTERM: finish the step, save a checkpoint, stop. A second one: stop now."""
    if INTERRUPTED:
        raise KeyboardInterrupt
    INTERRUPTED.append(signum)


def emit(event, **fields):
    EVENTS.write(json.dumps({"event": event, **fields}) + "\n")
    EVENTS.flush()


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def require(job, key):
    if key not in job:
        raise JobError("bad_job", f"the job has no '{key}'")
    return job[key]


def read_jsonl(path, fields):
    """Rows of a JSONL file, each checked for `fields`; errors name the file and line."""
    if not os.path.isfile(path):
        raise JobError("bad_data", f"{path}: no such file")
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise JobError("bad_data", f"{path}:{number}: not JSON ({e.msg} at column {e.colno})")
            if not isinstance(row, dict):
                raise JobError("bad_data", f"{path}:{number}: expected a JSON object")
            missing = [k for k in fields if k not in row]
            if missing:
                raise JobError("bad_data", f"{path}:{number}: missing {', '.join(missing)} "
                                           f"(a {'/'.join(fields)} record is expected)")
            rows.append({k: row[k] for k in fields})
    if not rows:
        raise JobError("bad_data", f"{path}: no records")
    return rows


def sft_rows(path):
    """SFT records as TRL's conversational prompt/completion: the loss falls on the answer only.
    Accepts `o1coder export sft` (messages) and prompt/completion records."""
    first = {}
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            line = next((l for l in f if l.strip()), "{}")
        try:
            first = json.loads(line)
        except json.JSONDecodeError:
            pass  # read_jsonl reports it with the line number
    if isinstance(first, dict) and "messages" in first:
        rows = []
        for number, row in enumerate(read_jsonl(path, ["messages"]), 1):
            m = row["messages"]
            if not m or m[-1].get("role") != "assistant":
                raise JobError("bad_data", f"{path}: record {number}: the last message must be the assistant's")
            rows.append({"prompt": m[:-1], "completion": m[-1:]})
        return rows
    return read_jsonl(path, ["prompt", "completion"])


def torch_setup(job):
    import torch
    torch.set_num_threads(int(job.get("threads", os.cpu_count() or 1)))
    torch.manual_seed(int(job.get("seed", 42)))
    return torch


def load_base(job):
    base = require(job, "base_dir")
    if not os.path.isfile(os.path.join(base, "config.json")):
        raise JobError("missing_base", f"{base}: not a Hugging Face model directory (no config.json); "
                                       "convert the GGUF first (convert-base)")
    torch = torch_setup(job)
    from transformers import AutoModelForCausalLM, AutoTokenizer
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    return model, tok


def convert_base(job):
    gguf, out = require(job, "gguf"), require(job, "out")
    if not os.path.isfile(gguf):
        raise JobError("missing_base", f"{gguf}: no such GGUF file (o1coder models pull NAME)")
    done = os.path.join(out, "o1coder-converted.json")
    if os.path.isfile(done):
        emit("done", out=out, cached=True)
        return
    torch = torch_setup(job)
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig
    start = time.time()
    d, f = os.path.dirname(os.path.abspath(gguf)), os.path.basename(gguf)
    tok = AutoTokenizer.from_pretrained(d, gguf_file=f)
    # Without dequantize=True the model counts as quantized and can be neither saved nor trained.
    model = AutoModelForCausalLM.from_pretrained(d, gguf_file=f, dtype=torch.float32,
                                                 quantization_config=GgufConfig(dequantize=True))
    tmp = out + ".partial"
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    with open(os.path.join(tmp, "o1coder-converted.json"), "w") as g:
        json.dump({"gguf": os.path.abspath(gguf), "seconds": time.time() - start}, g)
    if os.path.isdir(out):
        import shutil
        shutil.rmtree(out)
    os.rename(tmp, out)
    emit("done", out=out, cached=False, seconds=time.time() - start, peak_rss_bytes=peak_rss_bytes())


def progress_callback():
    from transformers import TrainerCallback

    class Progress(TrainerCallback):
        def __init__(self):
            self.started = time.time()

        def on_log(self, args, state, control, logs=None, **kwargs):
            logs = dict(logs or {})
            fields = {k: v for k, v in logs.items() if isinstance(v, (int, float))}
            emit("progress", step=state.global_step, total=state.max_steps,
                 seconds=time.time() - self.started, **fields)

        def on_step_end(self, args, state, control, **kwargs):
            if INTERRUPTED:
                control.should_save = True
                control.should_training_stop = True

        def on_save(self, args, state, control, **kwargs):
            emit("checkpoint", step=state.global_step,
                 path=os.path.join(args.output_dir, f"checkpoint-{state.global_step}"))

    return Progress()


def trainer_arguments(job, config_class, **extra):
    return config_class(
        output_dir=os.path.join(require(job, "output_dir"), "checkpoints"),
        max_steps=int(job.get("max_steps", 20)),
        learning_rate=float(job.get("learning_rate", 1e-4)),
        per_device_train_batch_size=int(job.get("batch_size", 2)),
        gradient_accumulation_steps=int(job.get("gradient_accumulation_steps", 1)),
        max_length=int(job.get("max_length", 512)),
        warmup_steps=int(job.get("warmup_steps", 0)),
        lr_scheduler_type=job.get("lr_scheduler", "linear"),
        logging_steps=1,
        save_steps=int(job.get("save_steps", 10)),
        save_total_limit=2,
        seed=int(job.get("seed", 42)),
        # TRL configs default to bf16 and gradient checkpointing, which a CPU refuses or slows.
        bf16=False,
        use_cpu=not job.get("gpu", False),
        gradient_checkpointing=False,
        report_to=[],
        dataloader_num_workers=0,
        disable_tqdm=True,
        **extra,
    )


def lora_config(job):
    from peft import LoraConfig
    return LoraConfig(r=int(job.get("lora_r", 8)), lora_alpha=int(job.get("lora_alpha", 16)),
                      lora_dropout=float(job.get("lora_dropout", 0.0)),
                      target_modules=job.get("lora_targets", "all-linear"), task_type="CAUSAL_LM")


def last_checkpoint(job):
    d = os.path.join(job["output_dir"], "checkpoints")
    if not os.path.isdir(d):
        return None
    # trainer_state.json is written last: a checkpoint without it was cut short by a kill.
    steps = [int(n.split("-")[1]) for n in os.listdir(d)
             if n.startswith("checkpoint-") and n.split("-")[1].isdigit()
             and os.path.isfile(os.path.join(d, n, "trainer_state.json"))]
    return os.path.join(d, f"checkpoint-{max(steps)}") if steps else None


def train(job, method):
    rows = sft_rows(require(job, "data")) if method == "sft" else \
        read_jsonl(require(job, "data"), ["prompt", "chosen", "rejected"])
    model, tok = load_base(job)
    peft_config = lora_config(job)
    if job.get("init_adapter"):
        # Continue a trained model's adapter (self-play rounds) instead of starting a new one.
        from peft import PeftModel
        if not os.path.isfile(os.path.join(job["init_adapter"], "adapter_config.json")):
            raise JobError("missing_base", f"{job['init_adapter']}: no PEFT adapter to continue")
        model = PeftModel.from_pretrained(model, job["init_adapter"], is_trainable=True)
        peft_config = None
    from datasets import Dataset
    dataset = Dataset.from_list(rows)
    if method == "sft":
        from trl import SFTConfig, SFTTrainer
        args = trainer_arguments(job, SFTConfig)
        trainer = SFTTrainer(model=model, args=args, train_dataset=dataset, processing_class=tok,
                             peft_config=peft_config, callbacks=[progress_callback()])
    else:
        from trl import DPOConfig, DPOTrainer
        args = trainer_arguments(job, DPOConfig, beta=float(job.get("beta", 0.1)))
        trainer = DPOTrainer(model=model, args=args, train_dataset=dataset, processing_class=tok,
                             peft_config=peft_config, callbacks=[progress_callback()])
    resume = last_checkpoint(job)
    emit("start", method=method, records=len(rows), max_steps=args.max_steps, resume_from=resume)
    start = time.time()
    result = trainer.train(resume_from_checkpoint=resume)
    if INTERRUPTED:
        raise KeyboardInterrupt
    adapter = os.path.join(job["output_dir"], "adapter")
    trainer.model.save_pretrained(adapter)
    metrics = {k: v for k, v in result.metrics.items() if isinstance(v, (int, float))}
    emit("metrics", records=len(rows), steps=result.global_step, seconds=time.time() - start,
         peak_rss_bytes=peak_rss_bytes(), **metrics)
    emit("done", adapter=adapter)


def export_adapter(job):
    adapter, base, outfile, converter = (require(job, k) for k in ("adapter_dir", "base_dir", "outfile", "converter"))
    if not os.path.isfile(converter):
        raise JobError("environment", f"{converter}: llama.cpp's convert_lora_to_gguf.py is missing (make setup-llama)")
    # f32: a small fine-tune moves weights below f16 resolution, and f16 would erase it.
    command = [sys.executable, converter, adapter, "--base", base, "--outfile", outfile, "--outtype",
               job.get("outtype", "f32")]
    done = subprocess.run(command, stdout=sys.stderr, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise JobError("conversion_failed", f"convert_lora_to_gguf.py failed: {done.stderr[-800:]}")
    emit("done", outfile=outfile, bytes=os.path.getsize(outfile))


def generate(job):
    model, tok = load_base(job)
    if job.get("adapter_dir"):
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, job["adapter_dir"])
    import torch
    model.eval()
    for prompt in require(job, "prompts"):
        ids = tok(prompt, return_tensors="pt", add_special_tokens=False).input_ids
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=int(job.get("max_new_tokens", 32)), do_sample=False,
                                 pad_token_id=tok.eos_token_id)
        new = out[0, ids.shape[1]:].tolist()
        emit("generation", prompt=prompt, tokens=new, text=tok.decode(new, skip_special_tokens=True))
    emit("done")


TASKS = {"convert-base": convert_base, "sft": lambda j: train(j, "sft"), "dpo": lambda j: train(j, "dpo"),
         "export-adapter": export_adapter, "generate": generate}


def main(argv):
    try:
        if len(argv) != 2:
            raise JobError("bad_job", "usage: runner.py JOB.json")
        try:
            with open(argv[1], encoding="utf-8") as f:
                job = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            raise JobError("bad_job", f"{argv[1]}: {e}")
        task = job.get("task")
        if task not in TASKS:
            raise JobError("bad_job", f"unknown task {task!r}; one of {', '.join(TASKS)}")
        # Installed explicitly: a parent that ignores SIGINT would otherwise make us ignore it too.
        # Unblocked too: a child inherits its parent thread's signal mask, and Swift's threads block them.
        signal.signal(signal.SIGINT, on_interrupt)
        signal.signal(signal.SIGTERM, on_interrupt)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
        TASKS[task](job)
        return 0
    except JobError as e:
        emit("error", kind=e.kind, message=str(e))
        return 2
    except ImportError as e:
        emit("error", kind="environment", message=f"{e}; run make setup-train")
        return 3
    except KeyboardInterrupt:
        emit("error", kind="interrupted", message="interrupted; the last checkpoint is saved: rerun the same command to resume")
        return 130
    except Exception as e:  # noqa: BLE001 - reported, then the traceback goes to stderr
        import traceback
        traceback.print_exc()
        emit("error", kind="failed", message=f"{type(e).__name__}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
