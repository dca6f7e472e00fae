#!/usr/bin/env bash
# Installs what the test suite needs from Debian: Chromium and PostgreSQL.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-test: installing ${missing[*]} from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
# Brotli, to measure the WASM the way the server compresses it (check-wasm-budget.py).
if ! python3 -c "import brotli" 2>/dev/null; then
  echo "setup-test: installing brotli from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check "brotli==1.2.1"
fi
# A real SMTP server for the email delivery test (aiosmtpd from PyPI).
if ! python3 -c "import aiosmtpd" 2>/dev/null; then
  echo "setup-test: installing aiosmtpd from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check "aiosmtpd==1.4.6"
fi
