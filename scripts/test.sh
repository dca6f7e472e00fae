#!/usr/bin/env bash
# `make test`: formatting, clippy, the unit and integration tests on SQLite and
# on Postgres, then the split release build and Playwright against it.
#
# The site's build tools (cargo-leptos and wasm-bindgen's CLI, built from source:
# about 16 minutes on a new machine) build in the background while the checks and
# the tests run, which leave a core idle much of the time; the site's build waits
# for them. On a machine that has them, this is the same as running the steps in turn.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh base
log=$(mktemp "${TMPDIR:-/tmp}/rynok-setup-tools.XXXXXX")
scripts/setup.sh tools >"$log" 2>&1 &
tools=$!
trap 'kill "$tools" 2>/dev/null || true; rm -f "$log"' EXIT
# Each step's time, for reading where a run's minutes went.
step() {
  local t=$SECONDS
  make "$@"
  echo "make test: $* took $((SECONDS - t)) s (at $SECONDS s)"
}
step fmt lint
step unit-sqlite
step unit-postgres
code=0
wait "$tools" || code=$?
cat "$log"
if [ "$code" -ne 0 ]; then
  echo "make test: installing the site's build tools failed ($code)"
  exit "$code"
fi
echo "make test: the site's build tools were ready at $SECONDS s"
step build-release
step check-wasm-budget e2e-only
echo "make test: all checks passed in $SECONDS s"
