"""Concurrent loopback client of `o1coder serve` for make bench-serve (standard library only).

usage: serve_client.py URL REQUESTS.jsonl ENDPOINT CONCURRENCY
Each line of REQUESTS.jsonl is one request body. Prints one JSON object: requests, seconds,
throughput, latency percentiles, and the count of each answer (verdict or status).
"""
import concurrent.futures
import json
import sys
import time
import urllib.request


def main(url, path, endpoint, concurrency):
    bodies = [line.encode() for line in open(path, encoding="utf-8") if line.strip()]

    def send(body):
        start = time.perf_counter()
        request = urllib.request.Request(url + "/" + endpoint, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as response:
            answer = json.loads(response.read())
        outcome = answer.get("verdict") or answer.get("status")
        return time.perf_counter() - start, outcome

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(send, bodies))
    seconds = time.perf_counter() - start
    latencies = sorted(r[0] for r in results)

    def quantile(q):
        return latencies[min(len(latencies) - 1, max(0, int(q * len(latencies) + 0.999999) - 1))]

    outcomes = {}
    for _, outcome in results:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(json.dumps({"endpoint": endpoint, "requests": len(bodies), "concurrency": concurrency, "seconds": round(seconds, 3),
                      "per_second": round(len(bodies) / seconds, 2), "p50": round(quantile(0.5), 4),
                      "p99": round(quantile(0.99), 4), "outcomes": outcomes}))


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], int(sys.argv[4]))
