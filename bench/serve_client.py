"""Concurrent loopback client of `o1coder serve` for make bench-serve (standard library only).

usage: serve_client.py URL REQUESTS.jsonl ENDPOINT CONCURRENCY
Each line of REQUESTS.jsonl is one request body. Prints one JSON object: requests, seconds,
throughput, latency percentiles, and the count of each answer (verdict or status).

Each client thread keeps one HTTP/1.1 connection open (as a requests.Session or aiohttp client
does): a new TCP connection and urllib's opener per request cost the 2 shared cores more than
the server's own handling, which is not what the benchmark measures.
"""
import concurrent.futures
import http.client
import json
import sys
import threading
import time
import urllib.parse


def main(url, path, endpoint, concurrency):
    bodies = [line.encode() for line in open(path, encoding="utf-8") if line.strip()]
    parts = urllib.parse.urlsplit(url)
    local = threading.local()
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}

    def post(body):
        if getattr(local, "connection", None) is None:
            local.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
        local.connection.request("POST", parts.path.rstrip("/") + "/" + endpoint, body=body, headers=headers)
        response = local.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError("HTTP %d from /%s: %s" % (response.status, endpoint, data[:200]))
        if response.getheader("Connection", "").lower() == "close":
            local.connection.close()
            local.connection = None
        return data

    def send(body):
        start = time.perf_counter()
        try:
            data = post(body)
        except (http.client.HTTPException, ConnectionError):
            # The server closed an idle kept-alive connection: one retry on a fresh one.
            local.connection = None
            data = post(body)
        answer = json.loads(data)
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
                      "p99": round(quantile(0.99), 4), "outcomes": outcomes, "connections": "keep-alive"}))


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], int(sys.argv[4]))
