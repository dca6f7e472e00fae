#!/usr/bin/env bash
# Runs the Playwright suite in Debian's Chromium against the built server
# (Playwright starts it on a free port with a fresh database).
set -euo pipefail
cd "$(dirname "$0")/../end2end"
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
npx playwright test "$@"
