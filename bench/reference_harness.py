#!/usr/bin/env python3
# Our re-implementation of the way openai/human-eval executes samples, for comparison only:
# one fresh process per program via multiprocessing (a Manager + Process per sample), a
# ThreadPool of 2 drivers, a 3 s timeout, no isolation. Trusted programs only.
# Usage: reference_harness.py PROGRAMS.jsonl [--python /usr/bin/python3]  -> JSON on stdout.
import json
import multiprocessing
import sys
import time
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 3.0


def unsafe_execute(program, result):
    try:
        exec(compile(program, "<program>", "exec"), {"__name__": "__main__"})
        result.append("passed")
    except BaseException as e:  # noqa: BLE001
        result.append("failed: %s" % type(e).__name__)


def check(program):
    manager = multiprocessing.Manager()
    try:
        result = manager.list()
        process = multiprocessing.Process(target=unsafe_execute, args=(program, result))
        process.start()
        process.join(timeout=TIMEOUT + 1)
        if process.is_alive():
            process.kill()
        return len(result) > 0 and result[0] == "passed"
    finally:
        manager.shutdown()


def main():
    path = sys.argv[1]
    programs = [json.loads(line)["program"] for line in open(path, encoding="utf-8") if line.strip()]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(check, programs))
    seconds = time.monotonic() - start
    print(json.dumps({"executions": len(programs), "passed": sum(results), "seconds": seconds,
                      "executions_per_second": len(programs) / seconds}))


if __name__ == "__main__":
    main()
