#!/usr/bin/env bash
# The training environment: a Python venv in the cache, keyed by the sha256 of
# training/requirements.lock, with torch, transformers, trl, peft, datasets, accelerate, gguf and
# sentencepiece at exact versions. Writes $O1CODER_CACHE/train/environment.json, which
# `o1coder train` reads (python, llama.cpp's LoRA converter, the lock's sha256, torch's build).
# Idempotent: a finished venv for this lock is reused.
. "$(dirname "$0")/common.sh"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOCK="$ROOT/training/requirements.lock"
LLAMA_VERSION="${LLAMA_VERSION:-0.3.36}"
key=$(sha256sum "$LOCK" | cut -c1-16)
venv="$O1CODER_CACHE/train/venv-$key"
converter="$O1CODER_CACHE/llama.cpp/src-$LLAMA_VERSION/llama_cpp_python-$LLAMA_VERSION/vendor/llama.cpp/convert_lora_to_gguf.py"
[ -f "$converter" ] || die "$converter missing: run make setup-llama first"
if [ ! -f "$venv/.o1coder-complete" ]; then
  apt_need python3-venv python3-pip
  log "training environment: creating $venv (about 1 minute, 1.5 GB with the CPU torch)"
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$LOCK" || die "pip install -r $LOCK failed"
  touch "$venv/.o1coder-complete"
fi
torch=$("$venv/bin/python" -c 'import torch; print(torch.__version__)') || die "torch does not import in $venv"
case "$torch" in *+cpu*) build="cpu (local wheel)";; *) build="PyPI default build ($torch; runs on the CPU too)";; esac
tmp="$O1CODER_CACHE/train/environment.json.partial"
cat > "$tmp" <<JSON
{"python": "$venv/bin/python", "converter": "$converter", "lockSHA256": "$(sha256sum "$LOCK" | cut -d' ' -f1)", "torch": "$torch"}
JSON
mv "$tmp" "$O1CODER_CACHE/train/environment.json"
log "training environment ready: torch $build"
