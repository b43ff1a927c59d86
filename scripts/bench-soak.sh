#!/usr/bin/env bash
# Soak of o1coder serve (make bench-soak): SOAK_SECONDS (default 600) of mixed normal and hostile
# programs (wrong answers, a rigged __eq__, infinite loops, sleeps, 8 GiB allocations, endless
# output, fork bombs, killing the parent, daemons, syntax errors) from SOAK_CONCURRENCY clients
# (default: 2 × workers, so the queue is never empty). Checks: every request answered once with
# its program's verdict; the server's fds, processes and memory do not grow. Writes
# bench/results/soak.json.
. "$(dirname "$0")/bench-common.sh"
WORKERS="${WORKERS:-2}"
WORK="$(mktemp -d)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
start_server "$WORK" "$WORKERS"
echo "[bench-soak] $URL, ${SOAK_SECONDS:-600} s, $WORKERS workers, $(( ${SOAK_CONCURRENCY:-$((2 * WORKERS))} )) clients" >&2
/usr/bin/python3 bench/soak_client.py "$URL" "$SERVER" "${SOAK_SECONDS:-600}" "${SOAK_CONCURRENCY:-$((2 * WORKERS))}" bench/results/soak.json
curl -s "$URL/metrics" > "$WORK/metrics.json"
/usr/bin/python3 - "$WORK/metrics.json" <<'PY'
import json, sys
d = json.load(open("bench/results/soak.json"))
d["server_metrics"] = json.load(open(sys.argv[1]))
json.dump(d, open("bench/results/soak.json", "w"), indent=2, sort_keys=True)
PY
