#!/usr/bin/env bash
# Release build, a temporary database with 100,000 products, wrk on loopback.
# Prints throughput and latency per page, search latency, WASM size and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # npm binaryen's wasm-opt
PRODUCTS=${BENCH_PRODUCTS:-100000}
DURATION=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi

echo "== release build"
cargo leptos build --release 2>&1 | grep -E "Finished|error" || true
BIN=target/server-release/server
[ -x "$BIN" ] || { echo "no release binary at $BIN"; exit 1; }

DIR=$(mktemp -d /tmp/rynok-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$DIR/bench.db" APP_PORT=$PORT APP_SEED_PRODUCTS=0 APP_ENV=prod APP_LOG=warn LEPTOS_SITE_ROOT=target/site
# Production mode insists on a secret and an SMS gateway; the benchmark sends no codes.
export APP_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))') APP_SMS_GATEWAY_URL=http://127.0.0.1:9/unused
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT

echo "== seeding $PRODUCTS products"
"$BIN" seed --products "$PRODUCTS" --seed 42

"$BIN" > "$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
PRODUCT=$(curl -s "$BASE/category/smartphones" | grep -o 'href="/product/[^"]*"' | head -n 1 | cut -d'"' -f2)
SEARCH="/search?q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD"

printf '\n== wrk: %s connections, %s s each, 2 threads\n' "$CONNECTIONS" "$DURATION"
printf '%-28s %12s %10s %10s %8s\n' page req/s p50 p99 ratio
HEALTH_RPS=""
for path in /healthz / /category/smartphones "$SEARCH" "$PRODUCT"; do
  curl -s -o /dev/null "$BASE$path"   # warm
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Encoding: br' "$BASE$path")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  [ -z "$HEALTH_RPS" ] && HEALTH_RPS=$rps
  ratio=$(python3 -c "print(f'{100*$rps/$HEALTH_RPS:.1f}%')")
  label=$path; [ "$path" = "$SEARCH" ] && label="/search?q=смартфон"; [ "$path" = "$PRODUCT" ] && label="/product/…"
  printf '%-28s %12s %10s %10s %8s\n' "$label" "$rps" "$p50" "$p99" "$ratio"
done

echo
echo "== search latency over $PRODUCTS products (sequential, 300 queries)"
python3 - "$BASE" <<'PY'
import sys, time, urllib.parse, urllib.request
base = sys.argv[1]
words = ["смартфон", "телефоны", "наушники", "ноутбук lenovo", "куртка", "шампунь", "конструктор lego",
         "велосипед", "кроссовки nike", "сковорода", "смартф", "платье", "палатка", "витамин", "гантели"]
times = []
for i in range(300):
    q = urllib.parse.quote("q=" + urllib.parse.quote(words[i % len(words)]))
    url = f"{base}/api/catalog/listing?query={q}"
    t = time.perf_counter()
    urllib.request.urlopen(url).read()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"search p50 {times[len(times)//2]:.1f} ms, p95 {times[int(len(times)*0.95)]:.1f} ms, max {times[-1]:.1f} ms")
PY

echo
echo "== WASM"
WASM=$(ls target/site/pkg/*.wasm | head -n 1)
raw=$(stat -c %s "$WASM")
gz=$(gzip -9 -c "$WASM" | wc -c)
br=$(curl -s -H 'Accept-Encoding: br' "$BASE/pkg/$(basename "$WASM")" | wc -c)
echo "wasm raw $((raw/1024)) KB, gzip -9 $((gz/1024)) KB, brotli as served $((br/1024)) KB"

echo
echo "== server memory"
echo "peak RSS $(awk '/VmHWM/ {print $2 " " $3}' /proc/$PID/status), now $(awk '/VmRSS/ {print $2 " " $3}' /proc/$PID/status)"
