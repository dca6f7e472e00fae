#!/usr/bin/env bash
# Lighthouse (npm, pinned in scripts/bench/lighthouse) in Debian's Chromium with its
# default mobile emulation and simulated throttling, over the given paths of BASE.
# Prints the performance score, LCP, CLS and total blocking time of each.
# Usage: lighthouse.sh BASE PATH...
set -euo pipefail
cd "$(dirname "$0")/lighthouse"
BASE=$1; shift
[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null
if ! command -v chromium >/dev/null; then ../../setup-test.sh; fi
export CHROME_PATH=/usr/bin/chromium
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
printf '%-28s %6s %9s %7s %8s\n' page score LCP CLS TBT
for path in "$@"; do
  node_modules/.bin/lighthouse "$BASE$path" --quiet --only-categories=performance \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$OUT/profile" \
    --output=json --output-path="$OUT/report.json" >/dev/null 2>"$OUT/err" || { cat "$OUT/err"; exit 1; }
  python3 - "$OUT/report.json" "$path" <<'PY'
import json, sys, urllib.parse
r = json.load(open(sys.argv[1]))
a = r["audits"]
label = urllib.parse.unquote(sys.argv[2])
label = label if len(label) <= 28 else label[:27] + "…"
score = r["categories"]["performance"]["score"]
print(f"{label:<28} {round(100 * (score or 0)):>6} {a['largest-contentful-paint']['numericValue'] / 1000:>8.2f}s "
      f"{a['cumulative-layout-shift']['numericValue']:>7.3f} {a['total-blocking-time']['numericValue']:>6.0f}ms")
PY
done
