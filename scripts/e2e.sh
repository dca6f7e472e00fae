#!/usr/bin/env bash
# Runs the Playwright suite in Debian's Chromium against the built server
# (Playwright starts it on a free port with a fresh database).
#
# The whole suite runs as two shards at once, each with its own server, clock,
# database and ports (a test moves its server's clock, so tests of one server run
# one at a time; two servers halve the wall time on two cores). With arguments
# (a spec file, a -g filter), one run with one server.
set -euo pipefail
cd "$(dirname "$0")/../end2end"
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
SHARDS=${E2E_SHARDS:-2}
dirs=()
trap 'rm -rf "${dirs[@]}"' EXIT

# A temporary directory, removed when the run ends.
scratch() {
  mktemp -d "${TMPDIR:-/tmp}/rynok-e2e.XXXXXX"
}

if [ $# -gt 0 ] || [ "$SHARDS" -le 1 ]; then
  dirs+=("$(scratch)")
  E2E_DATA_DIR=${dirs[0]} npx playwright test "$@"
  exit
fi

logs=$(scratch)
dirs+=("$logs")
pids=()
for i in $(seq 1 "$SHARDS"); do
  data=$(scratch)
  dirs+=("$data")
  # Ports step by 100: each server takes its port and the next two (OpenID providers).
  E2E_DATA_DIR=$data E2E_PORT=$((3097 + 100 * i)) \
    npx playwright test --shard="$i/$SHARDS" >"$logs/$i.log" 2>&1 &
  pids+=($!)
done
status=0
for i in $(seq 1 "$SHARDS"); do
  code=0
  wait "${pids[$((i - 1))]}" || code=$?
  echo "=== e2e shard $i/$SHARDS (exit $code) ==="
  cat "$logs/$i.log"
  [ "$code" -eq 0 ] || status=$code
done
exit "$status"
