#!/usr/bin/env bash
# Runs the Playwright suite in Debian's Chromium against the built server
# (Playwright starts it on a free port with a fresh database).
set -euo pipefail
cd "$(dirname "$0")/../end2end"
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
# The server's database lives in a temporary directory, removed when the run ends.
E2E_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rynok-e2e.XXXXXX")
export E2E_DATA_DIR
trap 'rm -rf "$E2E_DATA_DIR"' EXIT
npx playwright test "$@"
