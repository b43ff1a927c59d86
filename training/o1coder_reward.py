"""O1Coder's sandbox as the reward of verl, TRL and OpenRLHF: one scoring body, three signatures.

Every call sends the program and all its tests to an `o1coder serve` server in one request
(`POST /evaluate`), not one request per test. Configure with environment variables:

  O1CODER_SERVE_URL    the server (default http://127.0.0.1:8080)
  O1CODER_SERVE_TOKEN  its bearer token, when it has one
  O1CODER_REWARD_MODE  `binary` (default: 1 only when every test passes; partial credit is what
                       policies learn to game) or `pass_rate` (verl's built-in code scorer's)

verl:      reward.custom_reward_function.path=training/o1coder_reward.py, name=compute_score
           (or compute_score_async)
TRL:       GRPOTrainer(reward_funcs=[o1coder_reward.reward]) (or reward_async); the dataset has a
           `ground_truth` column, or verl's `reward_model` column
OpenRLHF:  --remote_rm_url training/o1coder_reward.py (reward_func), --label_key ground_truth

Uses only the standard library, so it runs in any of those environments. A server that cannot
be reached raises RewardServiceError instead of scoring 0: a silent zero would be learned from.
"""
import asyncio
import json
import os
import re
import time
import urllib.error
import urllib.request

__all__ = ["compute_score", "compute_score_async", "reward", "reward_async", "reward_func",
           "score", "extract_code", "RewardServiceError"]

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\n(.*?)(?:```|\Z)", re.S)


class RewardServiceError(RuntimeError):
    """The sandbox server could not score a program (not the program's fault)."""


def extract_code(text):
    """The last Python (or unlabelled) fenced block of a completion, else the whole text."""
    blocks = [(lang.lower(), body) for lang, body in _FENCE.findall(text or "")]
    for wanted in (("python", "py", "python3"), ("",)):
        chosen = [body for lang, body in blocks if lang in wanted]
        if chosen:
            return chosen[-1]
    return text or ""


def _settings(url, token, mode):
    url = (url or os.environ.get("O1CODER_SERVE_URL") or "http://127.0.0.1:8080").rstrip("/")
    token = token if token is not None else os.environ.get("O1CODER_SERVE_TOKEN") or None
    mode = mode or os.environ.get("O1CODER_REWARD_MODE") or "binary"
    if mode not in ("binary", "pass_rate"):
        raise ValueError("O1CODER_REWARD_MODE must be binary or pass_rate, not %r" % mode)
    return url, token, mode


def _post(url, token, body, timeout, attempts=4):
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    last = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(4.0, 0.25 * 2 ** attempt))
        request = urllib.request.Request(url + "/evaluate", data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            last = "HTTP %d: %s" % (e.code, e.read()[:300].decode("utf-8", "replace"))
            if e.code != 503:  # only "overloaded, retry later" is worth retrying
                break
        except (urllib.error.URLError, OSError) as e:
            last = str(e)
    raise RewardServiceError("the o1coder sandbox at %s could not score the program: %s" % (url, last))


def score(solution_str, ground_truth, url=None, token=None, mode=None, timeout=120):
    """Scores one completion against `ground_truth` ({inputs, outputs, fn_name?}, as a dict or
    as the JSON string verl stores). Returns verl's dict form: `score` plus details."""
    url, token, mode = _settings(url, token, mode)
    answer = _post(url, token, {"program": extract_code(solution_str), "ground_truth": ground_truth}, timeout)
    passed = answer["verdict"] == "passed"
    value = float(passed) if mode == "binary" else float(answer["pass_rate"])
    return {"score": value, "pass_rate": answer["pass_rate"], "passed": answer["passed"],
            "total": answer["total"], "verdict": answer["verdict"]}


# verl --------------------------------------------------------------------------------------

def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl's custom reward function signature."""
    return score(solution_str, ground_truth)


async def compute_score_async(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl's async form (the sandbox call runs in a thread; the event loop is not blocked)."""
    return await asyncio.to_thread(score, solution_str, ground_truth)


# TRL ---------------------------------------------------------------------------------------

def _completion_text(completion):
    if isinstance(completion, str):
        return completion
    # Conversational: a list of messages; the last assistant message is the answer.
    for message in reversed(completion or []):
        if message.get("role") == "assistant":
            return message.get("content") or ""
    return ""


def _truths(count, kwargs):
    if "ground_truth" in kwargs:
        truths = kwargs["ground_truth"]
    elif "reward_model" in kwargs:
        truths = [row["ground_truth"] for row in kwargs["reward_model"]]
    else:
        raise KeyError("the dataset needs a 'ground_truth' column (or verl's 'reward_model' column)")
    if len(truths) != count:
        raise ValueError("%d completions but %d ground truths" % (count, len(truths)))
    return truths


def reward(completions, **kwargs):
    """TRL's reward function signature (GRPOTrainer, RLOOTrainer)."""
    truths = _truths(len(completions), kwargs)
    return [score(_completion_text(c), t)["score"] for c, t in zip(completions, truths)]


async def reward_async(completions, **kwargs):
    """TRL's async form: every completion is scored concurrently."""
    truths = _truths(len(completions), kwargs)
    results = await asyncio.gather(*(asyncio.to_thread(score, _completion_text(c), t)
                                     for c, t in zip(completions, truths)))
    return [r["score"] for r in results]


# OpenRLHF ----------------------------------------------------------------------------------

def reward_func(queries, prompts, labels):
    """OpenRLHF's remote reward function: queries are prompt + response, labels the ground truths."""
    responses = [q[len(p):] if q.startswith(p) else q for q, p in zip(queries, prompts)]
    results = [score(r, label) for r, label in zip(responses, labels)]
    rewards = [r["score"] for r in results]
    pass_rates = [r["pass_rate"] for r in results]
    try:
        import torch
        rewards, pass_rates = torch.tensor(rewards), torch.tensor(pass_rates)
    except ImportError:
        pass
    return {"rewards": rewards, "scores": rewards, "extra_logs": {"pass_rate": pass_rates}}
