"""Soak of `o1coder serve` (make bench-soak): mixed normal and hostile programs at full concurrency
for SECONDS, checking that every request gets exactly one answer with the verdict its program
must get, and that the server's file descriptors, processes and memory do not grow.

usage: soak_client.py URL SERVER_PID SECONDS CONCURRENCY OUT.json   (standard library only)
"""
import concurrent.futures
import json
import os
import sys
import threading
import time
import urllib.request

CALL = {"inputs": [[2], [3]], "outputs": [[4], [9]], "fn_name": "square"}
# (name, endpoint, body, expected verdict or run_code status)
CASES = [
    ("square", "evaluate", {"program": "def square(x):\n    return x * x", "ground_truth": CALL}, "passed"),
    ("wrong", "evaluate", {"program": "def square(x):\n    return x + x", "ground_truth": CALL}, "failed"),
    ("rigged_eq", "evaluate", {"program": "class A:\n    def __eq__(s, o): return True\ndef square(x):\n    return A()", "ground_truth": CALL}, "failed"),
    ("stdin_sum", "evaluate", {"program": "a, b = map(int, input().split())\nprint(a + b)", "ground_truth": {"inputs": ["1 2\n"], "outputs": ["3\n"]}}, "passed"),
    ("spin", "evaluate", {"program": "def square(x):\n    while True: pass", "ground_truth": CALL, "timeout": 1}, "timeout"),
    ("sleep", "evaluate", {"program": "import time\ndef square(x):\n    time.sleep(100)", "ground_truth": CALL, "timeout": 1}, "timeout"),
    ("memory", "evaluate", {"program": "def square(x):\n    b = bytearray(8 << 30)\n    return 0", "ground_truth": CALL, "memory_limit_MB": 256}, "memory_limit"),
    ("output", "evaluate", {"program": "def square(x):\n    while True: print('x' * 10000)", "ground_truth": CALL, "timeout": 2}, "output_limit"),
    ("fork_bomb", "run_code", {"code": "import os\nfor _ in range(10000):\n    try:\n        os.fork()\n    except OSError:\n        break\nos._exit(0)", "run_timeout": 3}, None),
    ("kill_parent", "run_code", {"code": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nprint('still here')", "run_timeout": 3}, None),
    ("daemon", "run_code", {"code": "import os, time\nif os.fork() == 0:\n    time.sleep(60)\nprint('parent done')", "run_timeout": 3}, None),
    ("hello", "run_code", {"code": "print('hello')"}, "Success"),
    ("raise", "run_code", {"code": "raise SystemExit(3)"}, "Failed"),
    ("syntax", "evaluate", {"program": "def square(x) return x", "ground_truth": CALL}, "compile_error"),
]


def post(url, endpoint, body):
    request = urllib.request.Request(url + "/" + endpoint, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.loads(response.read())
    return answer.get("verdict") if endpoint == "evaluate" else answer.get("status")


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                pass
    seen, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            seen.append(child)
            stack.append(child)
    return seen


def resources(pid):
    fds = len(os.listdir("/proc/%d/fd" % pid))
    with open("/proc/%d/status" % pid) as f:
        rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) * 1024
    return {"fds": fds, "processes": len(descendants(pid)), "rss_bytes": rss}


def main(url, pid, seconds, concurrency, out):
    deadline = time.time() + seconds
    counter = iter(range(10 ** 9))
    lock = threading.Lock()
    answers, wrong, errors = {}, [], []
    samples = [dict(resources(pid), t=0.0)]
    start = time.time()

    def worker():
        while time.time() < deadline:
            with lock:
                i = next(counter)
            name, endpoint, body, expected = CASES[i % len(CASES)]
            try:
                got = post(url, endpoint, body)
            except Exception as e:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append("%d %s: %s" % (i, name, e))
                continue
            with lock:
                answers[i] = answers.get(i, 0) + 1
                if expected is not None and got != expected:
                    wrong.append("%d %s: expected %s, got %s" % (i, name, expected, got))

    def monitor():
        while time.time() < deadline:
            time.sleep(10)
            samples.append(dict(resources(pid), t=round(time.time() - start, 1)))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)] + [threading.Thread(target=monitor)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(2)  # let the last executions' processes go
    samples.append(dict(resources(pid), t=round(time.time() - start, 1)))
    sent = next(counter)
    result = {
        "seconds": seconds, "concurrency": concurrency, "requests_sent": sent, "answered": len(answers),
        "duplicated": sum(1 for n in answers.values() if n > 1), "lost": sent - len(answers) - len(errors),
        "transport_errors": len(errors), "wrong_verdicts": len(wrong), "wrong_examples": wrong[:10], "error_examples": errors[:10],
        "cases": [c[0] for c in CASES], "resources_first": samples[1] if len(samples) > 1 else samples[0],
        "resources_last": samples[-1], "resources_max": {k: max(s[k] for s in samples) for k in ("fds", "processes", "rss_bytes")},
        "samples": samples,
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps({k: result[k] for k in ("requests_sent", "answered", "duplicated", "lost", "transport_errors", "wrong_verdicts", "resources_first", "resources_last")}))


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
