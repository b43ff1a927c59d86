#!/usr/bin/env bash
# Debian packages the sandbox and the build need. Idempotent.
. "$(dirname "$0")/common.sh"
apt_need bubblewrap python3-seccomp python3-minimal util-linux libsqlite3-dev zlib1g-dev unzip
# Headless browser for the HTML report test (tests skip it, saying so, when absent).
[ "${O1CODER_SKIP_BROWSER:-0}" = 1 ] || apt_need chromium
python3 -m pip --version >/dev/null 2>&1 || apt_need python3-pip
