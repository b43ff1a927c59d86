# Shared helpers for the set-up scripts. Sourced, not run.
set -euo pipefail
O1CODER_CACHE="${O1CODER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/o1coder}"
export O1CODER_CACHE
log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
# apt_need PKG... installs the Debian packages that are missing (one apt-get update per run).
apt_need() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
# pip_fetch DEST SPEC [--no-binary NAME] downloads one distribution without installing it.
pip_fetch() {
  local dest="$1"; shift
  mkdir -p "$dest"
  python3 -m pip download -q --no-deps -d "$dest" "$@" || die "pip download $* failed"
}
# sha256_check FILE HEX
sha256_check() {
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || die "sha256 mismatch for $1: expected $2, got $got"
}
