#!/usr/bin/env bash
# Everything a fresh machine needs, in one step: the system packages the project uses (OCR, the
# second SPARQL engine for the engine tests) when run as root with apt, then the venv and the project.
# Without root or apt the system packages are skipped; the tests that need them skip with a reason.
set -euo pipefail
cd "$(dirname "$0")"
packages=$(grep -v '^\s*#' system-packages.txt | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d keeps apt from starting packaged services (the tests start their own).
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get update -qq || true
    apt-get install -y -q --no-install-recommends $missing || echo "setup.sh: could not install$missing; the tests that need them will skip" >&2
    rm -f /usr/sbin/policy-rc.d
  fi
else
  echo "setup.sh: not root or no apt-get: system packages ($packages) not installed; tests that need them skip" >&2
fi
python3 -m venv .venv
.venv/bin/pip install -e '.[dev]'
