#!/usr/bin/env python3
"""O1Coder's training runner: what `o1coder train` launches, out of process.

Usage: runner.py JOB.json
The job is one JSON object (see `Sources/Training/TrainingJob.swift`, its Swift twin). The
runner speaks JSON lines on stdout, one event per line: `start`, `progress` (step, total, loss),
`checkpoint`, `metrics`, `done` and `error` (kind, message). Everything libraries print goes
to stderr, so stdout stays parseable. Exit status: 0 done, 2 bad input, 3 environment, 1 other.

Tasks: `convert-base` (GGUF -> Hugging Face directory, dequantised), `sft` and `dpo` (TRL with
LoRA; resumes from the newest checkpoint in the output directory), `prm` (a generative process
reward model: P(" +") vs P(" -") at a " Rating" tag after every step, LoRA, held-out problems), `grpo` and `rloo` (TRL's
GRPO and RLOO, rewards from `o1coder serve` through o1coder_reward.py), `export-adapter` (PEFT
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


def read_jsonl(path, fields, optional=()):
    """Rows of a JSONL file, each checked for `fields` (and keeping `optional` ones when present);
    errors name the file and line. A field spelled "a|b" may come under either name and is kept
    as "a" (the exports write snake_case; hand-made files often camelCase)."""
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
            kept = {}
            for spec in [*fields, *optional]:
                name = next((n for n in spec.split("|") if n in row), None)
                if name is not None:
                    kept[spec.split("|")[0]] = row[name]
            missing = [k.split("|")[0] for k in fields if k.split("|")[0] not in kept]
            if missing:
                raise JobError("bad_data", f"{path}:{number}: missing {', '.join(missing)} "
                                           f"(a {'/'.join(k.split('|')[0] for k in fields)} record is expected)")
            rows.append(kept)
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
    # A directory of our own: two processes converting the same base at once (a CLI run beside
    # the test suite) must not write into, or delete, each other's files.
    tmp = f"{out}.partial-{os.getpid()}"
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    with open(os.path.join(tmp, "o1coder-converted.json"), "w") as g:
        json.dump({"gguf": os.path.abspath(gguf), "seconds": time.time() - start}, g)
    import shutil
    if os.path.isdir(out) and not os.path.isfile(done):
        shutil.rmtree(out, ignore_errors=True)  # a conversion killed before it finished
    try:
        os.rename(tmp, out)
    except OSError:
        if not os.path.isfile(done):
            raise
        shutil.rmtree(tmp)  # another process finished the same conversion first
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
    import dataclasses
    known = {f.name for f in dataclasses.fields(config_class)}
    values = dict(
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
        # TRL configs default to bf16 and gradient checkpointing, which a CPU refuses or slows;
        # a GPU job asks for bf16 itself.
        bf16=bool(job.get("bf16", False)),
        use_cpu=not job.get("gpu", False),
        gradient_checkpointing=False,
        report_to=[],
        dataloader_num_workers=0,
        disable_tqdm=True,
        **extra,
    )
    # max_length is TRL's; plain TrainingArguments (the PRM) has no such field.
    return config_class(**{k: v for k, v in values.items() if k in known})


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


def trainable_model(job):
    """The base model, its tokenizer and the LoRA config of a new adapter; or, with `init_adapter`,
    that adapter loaded trainable (self-play rounds continue it) and no new config."""
    model, tok = load_base(job)
    if not job.get("init_adapter"):
        return model, tok, lora_config(job)
    from peft import PeftModel
    if not os.path.isfile(os.path.join(job["init_adapter"], "adapter_config.json")):
        raise JobError("missing_base", f"{job['init_adapter']}: no PEFT adapter to continue")
    return PeftModel.from_pretrained(model, job["init_adapter"], is_trainable=True), tok, None


def train(job, method):
    rows = sft_rows(require(job, "data")) if method == "sft" else \
        read_jsonl(require(job, "data"), ["prompt", "chosen", "rejected"])
    model, tok, peft_config = trainable_model(job)
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
    kept = len(trainer.train_dataset)
    if kept == 0:
        raise JobError("bad_data", f"{job['data']}: no record is left after tokenisation: each one's answer falls "
                                   f"beyond --max-length {args.max_length}; raise it")
    result, start = fit(trainer, job, method, len(rows), kept=kept)
    finish(trainer, job, result, start, len(rows))


def fit(trainer, job, method, records, **start_fields):
    """Trains, resuming from the newest complete checkpoint; returns the result and the start time."""
    resume = last_checkpoint(job)
    emit("start", method=method, records=records, max_steps=trainer.args.max_steps, resume_from=resume, **start_fields)
    start = time.time()
    result = trainer.train(resume_from_checkpoint=resume)
    if INTERRUPTED:
        raise KeyboardInterrupt
    return result, start


def finish(trainer, job, result, start, records, **extra_metrics):
    """Saves the adapter and reports the trainer's numbers (and `extra_metrics`)."""
    adapter = os.path.join(job["output_dir"], "adapter")
    trainer.model.save_pretrained(adapter)
    metrics = {k: v for k, v in result.metrics.items() if isinstance(v, (int, float))}
    metrics.update(extra_metrics)
    emit("metrics", records=records, steps=result.global_step, seconds=time.time() - start,
         peak_rss_bytes=peak_rss_bytes(), **metrics)
    emit("done", adapter=adapter)

def grpo_rows(path):
    """Prompt datasets as `o1coder export --format verl` writes them (.jsonl or .parquet): a chat
    `prompt` and the `ground_truth` the reward scores against."""
    if path.endswith(".parquet"):
        if not os.path.isfile(path):
            raise JobError("bad_data", f"{path}: no such file")
        from datasets import load_dataset
        table = load_dataset("parquet", data_files=path, split="train")
        missing = [k for k in ("prompt", "ground_truth") if k not in table.column_names]
        if missing:
            raise JobError("bad_data", f"{path}: missing column(s) {', '.join(missing)} (o1coder export --format verl)")
        return [{"prompt": r["prompt"], "ground_truth": r["ground_truth"]} for r in table]
    return read_jsonl(path, ["prompt", "ground_truth"])


def train_online(job, method):
    """GRPO or RLOO (TRL) with O1Coder's sandbox as the reward: every completion is scored by
    `o1coder serve` through o1coder_reward.reward (binary: all tests pass). The two share data,
    group size and generation settings; RLOO's baseline is the mean of the group's others."""
    rows = grpo_rows(require(job, "data"))
    os.environ["O1CODER_SERVE_URL"] = require(job, "reward_url")
    os.environ.setdefault("O1CODER_REWARD_MODE", job.get("reward_mode", "binary"))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import o1coder_reward
    generations = int(job.get("num_generations", 2))
    if int(job.get("batch_size", 2)) % generations:
        raise JobError("bad_job", f"--batch-size {job.get('batch_size', 2)} must be a multiple of --generations {generations}")
    model, tok, peft_config = trainable_model(job)
    from datasets import Dataset
    if method == "rloo":
        from trl import RLOOConfig as Config, RLOOTrainer as Trainer
    else:
        from trl import GRPOConfig as Config, GRPOTrainer as Trainer
    args = trainer_arguments(job, Config, num_generations=generations,
                             max_completion_length=int(job.get("max_completion_length", 128)),
                             temperature=float(job.get("temperature", 1.0)), beta=float(job.get("kl_beta", 0.0)),
                             # GPU jobs: generation through vLLM (colocated with training, or a server).
                             use_vllm=bool(job.get("vllm", False)), vllm_mode=job.get("vllm_mode", "colocate"))
    trainer = Trainer(model=model, reward_funcs=[o1coder_reward.reward], args=args,
                      train_dataset=Dataset.from_list(rows), processing_class=tok, peft_config=peft_config,
                      callbacks=[progress_callback()])
    result, start = fit(trainer, job, method, len(rows), generations=generations)
    rewards = [e["reward"] for e in trainer.state.log_history if "reward" in e]
    extra = {"mean_reward": sum(rewards) / len(rewards)} if rewards else {}
    finish(trainer, job, result, start, len(rows), **extra)


STEP_TAG, GOOD, BAD = " Rating", " +", " -"


def single_token(tok, text):
    ids = tok.encode(text, add_special_tokens=False)
    if len(ids) != 1:
        raise JobError("bad_job", f"{text!r} is {len(ids)} tokens in this tokenizer; the PRM needs single-token tags")
    return ids[0]


def held_out(problem, fraction, seed):
    """Whether a problem is held out: a hash of (seed, id), so the split is by problem, stable and seeded."""
    import hashlib
    h = hashlib.sha256(f"{seed}:{problem}".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2 ** 64 < fraction


def prm_text(tok, prompt, steps):
    """The chat with the path as the assistant's answer, a step tag after every step (spec 6.3, 6.7)."""
    assistant = "".join(step + STEP_TAG for step in steps)
    text = tok.apply_chat_template([{"role": "user", "content": prompt}, {"role": "assistant", "content": assistant}],
                                   tokenize=False)
    end = text.rfind(STEP_TAG)
    return text[:end + len(STEP_TAG)]  # the template's closing tokens dropped


def prm_examples(job, tok):
    """Point-wise PRM rows from `o1coder export prm`: token ids, and the target P(+) at each tag."""
    rows = read_jsonl(require(job, "data"), ["prompt", "completions", "labels", "values", "problem_id|problemId"])
    soft = job.get("prm_labels", "hard") == "soft"
    tag = single_token(tok, STEP_TAG)
    out = []
    for r in rows:
        if not r["completions"]:
            continue
        ids = tok(prm_text(tok, r["prompt"], r["completions"]), add_special_tokens=False).input_ids[-int(job.get("max_length", 512)):]
        targets = [float(v) if soft else (1.0 if l else 0.0) for l, v in zip(r["labels"], r["values"])]
        positions = [i for i, t in enumerate(ids) if t == tag]
        # A cut from the left loses the first tags: keep the labels of the steps still present.
        targets = targets[len(targets) - len(positions):] if len(positions) <= len(targets) else targets
        positions = positions[-len(targets):]
        if positions:
            out.append({"input_ids": ids, "positions": positions, "targets": targets, "problem": r["problem_id"]})
    return out


def tag_logits(model, batch, plus, minus):
    """The two-way logits (+, −) at every tag position of a padded batch."""
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    rows, cols = batch["tag_rows"], batch["tag_cols"]
    picked = logits[rows, cols]
    return picked[:, [plus, minus]]


def prm_collate(examples, pad):
    import torch
    width = max(len(e["input_ids"]) for e in examples)
    ids = torch.full((len(examples), width), pad, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    rows, cols, targets = [], [], []
    for i, e in enumerate(examples):
        n = len(e["input_ids"])
        ids[i, :n] = torch.tensor(e["input_ids"])
        mask[i, :n] = 1
        rows += [i] * len(e["positions"])
        cols += e["positions"]
        targets += e["targets"]
    return {"input_ids": ids, "attention_mask": mask, "tag_rows": torch.tensor(rows), "tag_cols": torch.tensor(cols),
            "targets": torch.tensor(targets, dtype=torch.float32)}


def roc_auc(scores, labels):
    """ROC-AUC by ranks (ties counted half); None when one class is missing."""
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def prm_evaluate(model, examples, plus, minus, pad):
    """Step accuracy, ROC-AUC and log-loss of P(+) at the tags of held-out problems."""
    import math
    import torch
    model.eval()
    probs, labels = [], []
    with torch.no_grad():
        for i in range(0, len(examples), 4):
            chunk = examples[i:i + 4]
            two = tag_logits(model, prm_collate(chunk, pad), plus, minus)
            probs += torch.softmax(two, dim=-1)[:, 0].tolist()
            labels += [t >= 0.5 for e in chunk for t in e["targets"]]
    model.train()
    if not probs:
        return {}
    accuracy = sum((p >= 0.5) == l for p, l in zip(probs, labels)) / len(probs)
    loss = -sum(math.log(max(p if l else 1 - p, 1e-12)) for p, l in zip(probs, labels)) / len(probs)
    metrics = {"eval_steps": len(probs), "eval_step_accuracy": accuracy, "eval_log_loss": loss,
               "eval_positive_rate": sum(labels) / len(labels)}
    auc = roc_auc(probs, labels)
    if auc is not None:
        metrics["eval_roc_auc"] = auc
    return metrics


def prm_model(job):
    """The base with a trainable LoRA adapter (a new one, or the trained model's to continue),
    its tokenizer, the ids of " +" and " -" and the pad id."""
    model, tok, peft_config = trainable_model(job)
    plus, minus = single_token(tok, GOOD), single_token(tok, BAD)
    if peft_config is not None:
        from peft import get_peft_model
        model = get_peft_model(model, peft_config)
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    return model, tok, plus, minus, pad


def split_by_problem(job, examples):
    """(train, held out): whole problems go to one side (held_out); all of them train when none is left."""
    fraction, seed = float(job.get("eval_fraction", 0.2)), int(job.get("seed", 42))
    test = [e for e in examples if held_out(e["problem"], fraction, seed)]
    return [e for e in examples if not held_out(e["problem"], fraction, seed)] or examples, test


def fit_tag_model(job, method, model, train_rows, columns, collate, loss, evaluate, test):
    """Trains `model` with `loss(model, batch)` on transformers.Trainer and reports `evaluate(test)`
    before (as base_…) and after, the way every PRM objective does."""
    from datasets import Dataset
    from transformers import Trainer, TrainingArguments

    class TagTrainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            value = loss(model, inputs)
            return (value, None) if return_outputs else value

    args = trainer_arguments(job, TrainingArguments, remove_unused_columns=False)
    trainer = TagTrainer(model=model, args=args, train_dataset=Dataset.from_dict({k: [e[k] for e in train_rows] for k in columns}),
                         data_collator=collate, callbacks=[progress_callback()])
    before = evaluate(test)
    result, start = fit(trainer, job, method, len(train_rows), held_out_problems=len({e["problem"] for e in test}))
    after = evaluate(test)
    finish(trainer, job, result, start, len(train_rows), **after, **{"base_" + k: v for k, v in before.items()})


def train_prm(job):
    """A generative PRM of our own on transformers.Trainer (TRL dropped its PRMTrainer): P(+) vs
    P(−) read at each step tag, cross-entropy on those positions only, hard or soft targets.
    `prm_objective: pairwise` trains the same model on sibling pairs instead (train_prm_pairwise)."""
    objective = job.get("prm_objective", "pointwise")
    if objective == "pairwise":
        return train_prm_pairwise(job)
    if objective != "pointwise":
        raise JobError("bad_job", f"unknown prm_objective {objective!r}; pointwise or pairwise")
    model, tok, plus, minus, pad = prm_model(job)
    examples = prm_examples(job, tok)
    if not examples:
        raise JobError("bad_data", f"{job['data']}: no record has a labelled step")
    train_rows, test = split_by_problem(job, examples)
    import torch

    def loss(model, inputs):
        logp = torch.log_softmax(tag_logits(model, inputs, plus, minus), dim=-1)
        v = inputs["targets"]
        return -(v * logp[:, 0] + (1 - v) * logp[:, 1]).mean()

    fit_tag_model(job, "prm", model, train_rows, ("input_ids", "positions", "targets"), lambda b: prm_collate(b, pad),
                  loss, lambda t: prm_evaluate(model, t, plus, minus, pad), test)


# Pair-wise PRM (spec 6.1, 6.8): the same generative model, its score s = logit(" +") − logit(" -")
# at the tag after a step, fitted with Bradley–Terry on sibling steps: −log σ(s_chosen − s_rejected).
# σ(s) is exactly the point-wise P(+) (a two-way softmax), so the engine's PRM scorer reads a
# pair-wise model unchanged.
PAIR_FIELDS = ["prompt", "chosen", "rejected", "problem_id|problemId"]
PAIR_OPTIONAL = ["prefix", "chosen_value|chosenValue", "rejected_value|rejectedValue"]
PAIR_SELECTIONS = ("all", "top-bottom-2")


def prm_pair_rows(job):
    """The pairs of `o1coder export --format prm-pairs`, checked, then selected (select_pairs)."""
    path = require(job, "data")
    rows = read_jsonl(path, PAIR_FIELDS, PAIR_OPTIONAL)
    selection, margin = job.get("pair_selection", "all"), float(job.get("pair_margin", 0.0))
    if selection not in PAIR_SELECTIONS:
        raise JobError("bad_job", f"unknown pair_selection {selection!r}; one of {', '.join(PAIR_SELECTIONS)}")
    needs_values = selection != "all" or margin > 0
    for number, r in enumerate(rows, 1):
        r.setdefault("prefix", [])
        where = f"{path}: record {number}"
        if not all(isinstance(r[k], str) for k in ("prompt", "chosen", "rejected")):
            raise JobError("bad_data", f"{where}: prompt, chosen and rejected must be strings (the problem and two sibling steps)")
        if not isinstance(r["prefix"], list) or not all(isinstance(x, str) for x in r["prefix"]):
            raise JobError("bad_data", f"{where}: prefix must be a list of step strings")
        if r["chosen"] == r["rejected"]:
            raise JobError("bad_data", f"{where}: chosen and rejected are the same step")
        if needs_values:
            missing = [k for k in ("chosen_value", "rejected_value") if not isinstance(r.get(k), (int, float))]
            if missing:
                raise JobError("bad_data", f"{where}: no {' or '.join(missing)}: --pair-selection {selection} and "
                                           f"--pair-margin need the export's step values")
    return select_pairs(rows, selection, margin)


def select_pairs(rows, selection, margin):
    """Pairs whose value gap is at least `margin`; with `top-bottom-2`, rStar-Math's choice (Guan
    et al. 2025, §3.3): among the siblings after one prefix, only the two best steps (by Q) against
    the two worst. The export pairs every sibling couple whose gap reaches its --margin, so the
    selection is a filter of its pairs; rStar-Math's further rule (the positives reach a correct
    answer, the negatives a wrong one) needs outcomes the export does not carry."""
    if margin > 0:
        rows = [r for r in rows if r["chosen_value"] - r["rejected_value"] >= margin]
    if selection == "all":
        return rows
    siblings = {}
    for r in rows:
        group = siblings.setdefault((r["problem_id"], r["prompt"]), {})
        group[r["chosen"]], group[r["rejected"]] = r["chosen_value"], r["rejected_value"]
    kept = []
    for r in rows:
        group = siblings[(r["problem_id"], r["prompt"])]
        ranked = sorted(group, key=lambda step: (-group[step], step))
        if r["chosen"] in ranked[:2] and r["rejected"] in ranked[-2:] and r["chosen_value"] > r["rejected_value"]:
            kept.append(r)
    return kept


def pair_problem(prompt, prefix):
    """The problem text: the export's prompt is the problem then, after a blank line, the prefix."""
    joined = "".join(prefix)
    if prefix and prompt.endswith("\n\n" + joined):
        return prompt[:-len(joined) - 2]
    return prompt


def prm_pair_examples(job, tok, rows):
    """Token ids of both sides of each pair, laid out as the PRM scores a path (prm_text: the
    prefix steps, then the step, each followed by the tag); the score is read at the last tag."""
    tag, cap = single_token(tok, STEP_TAG), int(job.get("max_length", 512))
    out = []
    for r in rows:
        problem = pair_problem(r["prompt"], r["prefix"])
        # Cut from the left: the scored tag is the last token and always stays.
        sides = [tok(prm_text(tok, problem, r["prefix"] + [step]), add_special_tokens=False).input_ids[-cap:]
                 for step in (r["chosen"], r["rejected"])]
        if any(ids[-1] != tag for ids in sides):
            raise JobError("bad_data", f"{job['data']}: a step of problem {r['problem_id']} does not end at a tag token")
        out.append({"chosen_ids": sides[0], "rejected_ids": sides[1], "problem": r["problem_id"]})
    return out


def pair_collate(examples, pad):
    """A batch of 2n sequences, chosen then rejected for each pair, one tag position each (the last)."""
    flat = []
    for e in examples:
        for ids, target in ((e["chosen_ids"], 1.0), (e["rejected_ids"], 0.0)):
            flat.append({"input_ids": ids, "positions": [len(ids) - 1], "targets": [target]})
    return prm_collate(flat, pad)


def pair_scores(model, batch, plus, minus):
    """s = logit(+) − logit(−) at the tag of each chosen and each rejected step."""
    two = tag_logits(model, batch, plus, minus)
    s = two[:, 0] - two[:, 1]
    return s[0::2], s[1::2]


def pair_metrics(chosen, rejected):
    """Pair-wise accuracy (s_chosen > s_rejected, a tie counts as wrong), the mean Bradley–Terry
    loss −log σ(s_chosen − s_rejected) and the mean margin, from the two lists of scores."""
    import math
    gaps = [c - r for c, r in zip(chosen, rejected)]
    if not gaps:
        return {}
    # −log σ(d) = log(1 + e^(−d)), written so that neither sign overflows.
    loss = sum(max(-d, 0.0) + math.log1p(math.exp(-abs(d))) for d in gaps) / len(gaps)
    return {"eval_pairs": len(gaps), "eval_pair_accuracy": sum(d > 0 for d in gaps) / len(gaps),
            "eval_pair_loss": loss, "eval_mean_margin": sum(gaps) / len(gaps)}


def prm_pair_evaluate(model, examples, plus, minus, pad):
    """pair_metrics on held-out pairs, scored four pairs at a time."""
    import torch
    model.eval()
    chosen, rejected = [], []
    with torch.no_grad():
        for i in range(0, len(examples), 4):
            c, r = pair_scores(model, pair_collate(examples[i:i + 4], pad), plus, minus)
            chosen += c.tolist()
            rejected += r.tolist()
    model.train()
    return pair_metrics(chosen, rejected)


def train_prm_pairwise(job):
    """The pair-wise PRM: Bradley–Terry on the tag scores of sibling steps, on transformers.Trainer."""
    rows = prm_pair_rows(job)
    if not rows:
        raise JobError("bad_data", f"{job['data']}: no pair is left after --pair-selection "
                                   f"{job.get('pair_selection', 'all')} and --pair-margin {job.get('pair_margin', 0.0)}")
    model, tok, plus, minus, pad = prm_model(job)
    train_rows, test = split_by_problem(job, prm_pair_examples(job, tok, rows))
    import torch

    def loss(model, inputs):
        chosen, rejected = pair_scores(model, inputs, plus, minus)
        return -torch.nn.functional.logsigmoid(chosen - rejected).mean()

    fit_tag_model(job, "prm-pairwise", model, train_rows, ("chosen_ids", "rejected_ids"), lambda b: pair_collate(b, pad),
                  loss, lambda t: prm_pair_evaluate(model, t, plus, minus, pad), test)


def prm_score(job):
    """P(+) at every step tag of each path, as the trained PRM gives it in PyTorch (the reference
    the engine's scores are compared with)."""
    model, tok = load_for_inference(job)
    import torch
    plus, minus, tag = single_token(tok, GOOD), single_token(tok, BAD), single_token(tok, STEP_TAG)
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    for item in require(job, "paths_to_score"):
        ids = tok(prm_text(tok, item["prompt"], item["steps"]), add_special_tokens=False).input_ids
        positions = [i for i, t in enumerate(ids) if t == tag][-len(item["steps"]):]
        # The trainer's own scoring path, on a batch of one.
        batch = prm_collate([{"input_ids": ids, "positions": positions, "targets": [0.0] * len(positions)}], pad)
        with torch.no_grad():
            two = tag_logits(model, batch, plus, minus)
        emit("scores", scores=torch.softmax(two, dim=-1)[:, 0].tolist())
    emit("done")


def run_converter(script, *arguments):
    """One of llama.cpp's conversion scripts, its output to our log; a failure quotes its stderr."""
    done = subprocess.run([sys.executable, script, *arguments], stdout=sys.stderr, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise JobError("conversion_failed", f"{os.path.basename(script)} failed: {done.stderr[-800:]}")


def export_adapter(job):
    adapter, base, outfile, converter = (require(job, k) for k in ("adapter_dir", "base_dir", "outfile", "converter"))
    if not os.path.isfile(converter):
        raise JobError("environment", f"{converter}: llama.cpp's convert_lora_to_gguf.py is missing (make setup-llama)")
    # f32: a small fine-tune moves weights below f16 resolution, and f16 would erase it.
    run_converter(converter, adapter, "--base", base, "--outfile", outfile, "--outtype", job.get("outtype", "f32"))
    emit("done", outfile=outfile, bytes=os.path.getsize(outfile))


def export_base(job):
    """The Hugging Face base as an f32 GGUF: what makes the engine compute as PyTorch does, for
    checks that must not be blurred by 4-bit weights."""
    base, outfile, converter = (require(job, k) for k in ("base_dir", "outfile", "converter"))
    if os.path.isfile(outfile):
        emit("done", outfile=outfile, cached=True)
        return
    run_converter(os.path.join(os.path.dirname(converter), "convert_hf_to_gguf.py"),
                  base, "--outfile", outfile + ".partial", "--outtype", "f32")
    os.replace(outfile + ".partial", outfile)
    emit("done", outfile=outfile, cached=False)


def load_for_inference(job):
    """The base with the job's adapter, when it names one, in evaluation mode."""
    model, tok = load_base(job)
    if job.get("adapter_dir"):
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, job["adapter_dir"])
    model.eval()
    return model, tok


def generate(job):
    model, tok = load_for_inference(job)
    import torch
    for prompt in require(job, "prompts"):
        ids = tok(prompt, return_tensors="pt", add_special_tokens=False).input_ids
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=int(job.get("max_new_tokens", 32)), do_sample=False,
                                 pad_token_id=tok.eos_token_id)
        new = out[0, ids.shape[1]:].tolist()
        emit("generation", prompt=prompt, tokens=new, text=tok.decode(new, skip_special_tokens=True))
    emit("done")


TASKS = {"convert-base": convert_base, "sft": lambda j: train(j, "sft"), "dpo": lambda j: train(j, "dpo"), "prm": train_prm,
         "grpo": lambda job: train_online(job, "grpo"),
         "rloo": lambda job: train_online(job, "rloo"),
         "export-adapter": export_adapter, "generate": generate, "prm-score": prm_score,
         "export-base": export_base}


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
