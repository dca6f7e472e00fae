#!/usr/bin/env bash
# `make bench`: a release build, a temporary database with BENCH_PRODUCTS products
# (100,000 by default) on SQLite or, with BENCH_DB=postgres, on a throw-away Postgres
# server, and wrk on loopback. Prints throughput and latency per page (anonymous and
# signed in with a cart), the chat's idle poll (its capacity, and 1,000 idle clients'
# latency) and send-to-seen, search latency, WASM sizes, peak memory, unless
# BENCH_LIGHTHOUSE=off Lighthouse scores in Chromium with mobile emulation, and unless
# BENCH_LEDGER=off the ledger's transfers per second at 64 tasks and the time of its
# check over BENCH_LEDGER_HISTORY transfers (1,000,000), on a database of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/scripts/bin:$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt (scripts/bin/wasm-opt)
PRODUCTS=${BENCH_PRODUCTS:-100000}
DURATION=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DB=${BENCH_DB:-sqlite}
case "$DB" in sqlite | postgres) ;; *) echo "BENCH_DB must be sqlite or postgres"; exit 2 ;; esac
if [ "$DB" = postgres ] && [ -z "${TEST_DATABASE_URL:-}" ]; then
  scripts/setup-test.sh
  exec scripts/with-postgres.sh "$0" "$@"
fi

if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# BENCH_BIN and BENCH_SITE measure an earlier build (a copy of its server, with its
# hash.txt beside it, and of its site folder) instead of building this tree.
if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN
  SITE=${BENCH_SITE:?BENCH_SITE is the site folder of BENCH_BIN}
  echo "== measuring $BIN"
else
  echo "== release build ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  cargo leptos build --release --split 2>&1 | grep -E "Finished|error" || true
  BIN=target/server-release/server
  SITE=target/site
fi
[ -x "$BIN" ] || { echo "no release binary at $BIN"; exit 1; }

DIR=$(mktemp -d /tmp/rynok-bench.XXXXXX)
PORT=$(free_port)
GW_PORT=$(free_port)
if [ "$DB" = postgres ]; then
  export DATABASE_URL="$TEST_DATABASE_URL"
else
  export DATABASE_URL="sqlite://$DIR/bench.db"
fi
export APP_PORT=$PORT APP_SEED_PRODUCTS=0 APP_ENV=prod APP_LOG=warn LEPTOS_SITE_ROOT=$SITE
# Production mode insists on a secret and an SMS gateway: a stand-in gateway takes the
# code of the shopper the benchmark signs in. Requests carry X-Forwarded-For, as from
# the shop's own proxy, so each comes from its own shopper.
export APP_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export APP_SMS_GATEWAY_URL=http://127.0.0.1:$GW_PORT/send APP_TRUSTED_PROXIES=127.0.0.1/32
# It also insists on the payment provider's settings; the benchmark pays nothing, so
# they name an https address that is never asked.
export APP_YOOKASSA_SHOP_ID=bench APP_YOOKASSA_SECRET_KEY=bench APP_YOOKASSA_URL=https://127.0.0.1:9/v3
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null
  [ -n "${GW_PID:-}" ] && kill "$GW_PID" 2>/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
python3 scripts/bench/gateway.py "$GW_PORT" "$DIR/gateway.jsonl" &
GW_PID=$!

echo "== seeding $PRODUCTS products on $DB"
start=$(date +%s.%N)
"$BIN" seed --products "$PRODUCTS" --seed 42
python3 -c "print(f'seeded in {$(date +%s.%N) - $start:.1f} s')"

# 1,000 connections for the idle-poll run need as many descriptors, here and in the server.
ulimit -n 8192 2>/dev/null || true
"$BIN" > "$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
PRODUCT=$(curl -s "$BASE/category/smartphones" | grep -o 'href="/product/[^"]*"' | head -n 1 | cut -d'"' -f2)
PRODUCT_ID=${PRODUCT##*-}
SEARCH="/search?q=%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD"
COOKIE=$(python3 scripts/bench/sign_in.py "$BASE" "$DIR/gateway.jsonl" "$PRODUCT_ID")

HEALTH_RPS=""
run_wrk() { # label path [cookie [extra header]]
  local label=$1 path=$2 cookie=${3:-} extra=${4:-}
  local args=(-t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Encoding: br')
  if [ -n "$extra" ]; then args+=(-H "$extra"); fi
  # Anonymous requests each come from another shopper; a signed-in one from one place.
  if [ -n "$cookie" ]; then args+=(-H "Cookie: $cookie"); else args+=(-s scripts/bench/shoppers.lua); fi
  curl -s -o /dev/null ${cookie:+-H "Cookie: $cookie"} "$BASE$path"   # warm
  local out rps p50 p99 bad ratio
  out=$(wrk "${args[@]}" "$BASE$path")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  [ -z "$HEALTH_RPS" ] && HEALTH_RPS=$rps
  ratio=$(python3 -c "print(f'{100*$rps/$HEALTH_RPS:.1f}%')")
  printf '%-34s %10s %9s %9s %7s %s\n' "$label" "$rps" "$p50" "$p99" "$ratio" "${bad:+($bad non-2xx)}"
}

printf '\n== wrk: %s connections, %s s each, 2 threads, Accept-Encoding: br\n' "$CONNECTIONS" "$DURATION"
printf '%-34s %10s %9s %9s %7s\n' page req/s p50 p99 ratio
run_wrk /healthz /healthz
run_wrk "/ (anonymous)" /
run_wrk "/category/smartphones" /category/smartphones
run_wrk "/search?q=смартфон" "$SEARCH"
run_wrk "/product/…" "$PRODUCT"
run_wrk "/ (signed in, with a cart)" / "$COOKIE"
run_wrk "/category/… (signed in, cart)" /category/smartphones "$COOKIE"
run_wrk "/product/… (signed in, cart)" "$PRODUCT" "$COOKIE"
# The chat's idle poll: the header badge's question "anything since my cursor?",
# answered "nothing changed" (one query: the session and the counters read
# together), as fast as 64 connections can ask (one signed-in shopper's, as many
# tabs), and as browsers send it, with the tag they hold: 304, no body.
VERSION=$(curl -s -H "Cookie: $COOKIE" "$BASE/api/chat/badge?cursor=-1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
ETAG=$(curl -s -o /dev/null -D - -H "Cookie: $COOKIE" "$BASE/api/chat/badge?cursor=$VERSION" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
run_wrk "chat/badge idle poll (200)" "/api/chat/badge?cursor=$VERSION" "$COOKIE"
run_wrk "chat/badge idle poll (304)" "/api/chat/badge?cursor=$VERSION" "$COOKIE" "If-None-Match: $ETAG"

# 1,000 idle clients, each polling every 190 ms on average (a browser polls every
# 30 s, so this is the load of about 158,000 open tabs), for BENCH_IDLE_SECONDS (30).
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-30}
printf '\n== 1,000 idle clients, one poll each per 190 ms on average (5,260/s offered), %s s\n' "$IDLE_SECONDS"
out=$(IDLE_GAP_MS=190 wrk -t2 -c1000 -d"${IDLE_SECONDS}s" --latency -s scripts/bench/idle_clients.lua \
  -H "Cookie: $COOKIE" -H "If-None-Match: $ETAG" "$BASE/api/chat/badge?cursor=$VERSION")
echo "$out" | awk '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="90%" {p90=$2} $1=="99%" {p99=$2}
  /Non-2xx/ {bad=$5} END {printf "idle polls/s %s, p50 %s, p90 %s, p99 %s%s\n", rps, p50, p90, p99, (bad ? " (" bad " answers 4xx or 5xx)" : "")}'
echo "$out" | grep -E "Socket errors" || true

# Send-to-seen: a shopper writes to the demo seller; the seller's staff have the
# dialog open and poll it as the browser does (every 3 s, the interval the server
# answers). The figure is from just before the send to the poll that shows it.
echo
echo "== chat: send-to-seen, the receiver polling as an open dialog does"
if [ "$DB" = postgres ]; then
  SELLER=$(psql "$DATABASE_URL" -tAc "SELECT seller_id FROM products WHERE id = $PRODUCT_ID")
else
  SELLER=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
    "$DIR/bench.db" "SELECT seller_id FROM products WHERE id = $PRODUCT_ID")
fi
"$BIN" staff grant --phone +79000000002 --role seller_staff --scope "$SELLER" >/dev/null
STAFF_COOKIE=$(python3 scripts/bench/sign_in.py "$BASE" "$DIR/gateway.jsonl" - +79000000002)
python3 scripts/bench/chat_latency.py "$BASE" "$COOKIE" "$STAFF_COOKIE" "$PRODUCT" "${BENCH_CHAT_MESSAGES:-10}"

echo
echo "== search latency over $PRODUCTS products on $DB (sequential, 300 queries, no page cache)"
python3 - "$BASE" <<'PY'
import sys, time, urllib.parse, urllib.request
base = sys.argv[1]
words = ["смартфон", "телефоны", "наушники", "ноутбук lenovo", "куртка", "шампунь", "конструктор lego",
         "велосипед", "кроссовки nike", "сковорода", "смартф", "платье", "палатка", "витамин", "гантели"]
times = []
for i in range(300):
    q = urllib.parse.quote("q=" + urllib.parse.quote(words[i % len(words)]))
    req = urllib.request.Request(f"{base}/api/catalog/listing?query={q}",
                                 headers={"X-Forwarded-For": f"10.9.{i // 250}.{i % 250 + 1}"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        assert r.status == 200, r.status
        r.read()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"search p50 {times[len(times)//2]:.1f} ms, p95 {times[int(len(times)*0.95)]:.1f} ms, max {times[-1]:.1f} ms")
PY

if [ "$DB" = postgres ]; then
  echo
  echo "== the search's one match on Postgres (as catalog::repo::search_hits runs it)"
  psql -X -q "$DATABASE_URL" -c "EXPLAIN (ANALYZE, BUFFERS) SELECT p.id, p.brand_id, p.price, p.stock, p.rating, \
    p.rating_count, p.orders_count, p.created_at, CAST(CASE WHEN p.search_tsv @@ to_tsquery('simple', 'смартфон:*A') \
    THEN 0 ELSE 1 END AS BIGINT) AS score FROM product_search p WHERE p.search_tsv @@ to_tsquery('simple', 'смартфон:*')"
fi

echo
echo "== WASM (brotli as served)"
python3 scripts/bench/wasm_sizes.py "$BASE" "$SITE/pkg"

echo
echo "== server memory"
echo "peak RSS $(awk '/VmHWM/ {print $2 " " $3}' /proc/$PID/status), now $(awk '/VmRSS/ {print $2 " " $3}' /proc/$PID/status)" \
  "(anonymous $(awk '/RssAnon/ {print $2 " " $3}' /proc/$PID/status), mapped database file $(awk '/RssFile/ {print $2 " " $3}' /proc/$PID/status))"

if [ "${BENCH_LIGHTHOUSE:-on}" != off ]; then
  echo
  echo "== Lighthouse (mobile emulation, Chromium $(chromium --version 2>/dev/null | awk '{print $2}'))"
  scripts/bench/lighthouse.sh "$BASE" / /category/smartphones "$PRODUCT" "$SEARCH"
fi

if [ "${BENCH_LEDGER:-on}" != off ]; then
  echo
  echo "== ledger on $DB (server ledger bench: 64 tasks, top-ups and payments over 1,000 wallets)"
  if [ "$DB" = postgres ]; then
    psql -X -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS ledger_bench" -c "CREATE DATABASE ledger_bench"
    LEDGER_URL="${DATABASE_URL%/*}/ledger_bench"
  else
    LEDGER_URL="sqlite://$DIR/ledger.db"
  fi
  DATABASE_URL=$LEDGER_URL APP_ENV=dev "$BIN" ledger bench --history "${BENCH_LEDGER_HISTORY:-1000000}" \
    --operations 20000 --tasks 64
fi

if [ "${BENCH_ORDERS:-on}" != off ]; then
  echo
  echo "== checkout on $DB (server orders bench: 64 concurrent shoppers, then one shopper's list of 1,000 orders)"
  if [ "$DB" = postgres ]; then
    psql -X -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS orders_bench" -c "CREATE DATABASE orders_bench"
    ORDERS_URL="${DATABASE_URL%/*}/orders_bench"
  else
    ORDERS_URL="sqlite://$DIR/orders.db"
  fi
  DATABASE_URL=$ORDERS_URL APP_ENV=dev APP_PORT=0 "$BIN" orders bench --orders "${BENCH_ORDERS_COUNT:-5000}" \
    --tasks 64 --list-orders 1000
fi
