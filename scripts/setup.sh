#!/usr/bin/env bash
# Installs the build tools this project needs, skipping what is already there.
#   scripts/setup.sh        everything
#   scripts/setup.sh base   all but cargo-leptos and wasm-bindgen's CLI (what checks,
#                           clippy and the tests need)
#   scripts/setup.sh tools  cargo-leptos and wasm-bindgen's CLI alone (what the site's
#                           build needs; `make test` builds them while the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PART=${1:-all}
want() { [ "$PART" = all ] || [ "$PART" = "$1" ]; }

if want base; then
  # Passkeys (webauthn-rs) link against the system's OpenSSL.
  if ! pkg-config --exists openssl 2>/dev/null; then
    echo "setup: installing libssl-dev and pkg-config from Debian"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libssl-dev pkg-config
  fi

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "setup: adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi

  if ! command -v cargo-nextest >/dev/null; then
    echo "setup: installing cargo-nextest"
    cargo install --locked cargo-nextest
  fi

  # npm packages: Playwright (browsers come from Debian, never downloaded) and
  # binaryen's wasm-opt for release builds (Debian's wasm-opt breaks hydration).
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/wasm-opt ] \
     || [ end2end/package-lock.json -nt end2end/node_modules/.installed ]; then
    echo "setup: installing npm packages in end2end/"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund && touch node_modules/.installed)
  fi

  # The pickup-point map's library, from npm (Leaflet and its marker clustering),
  # served by the shop itself under /vendor/: nothing is fetched from elsewhere.
  if [ ! -f public/vendor/leaflet/leaflet.js ] || [ end2end/package-lock.json -nt public/vendor/leaflet/leaflet.js ]; then
    echo "setup: copying the map library to public/vendor/"
    rm -rf public/vendor && mkdir -p public/vendor/leaflet
    cp end2end/node_modules/leaflet/dist/leaflet.js end2end/node_modules/leaflet/dist/leaflet.css public/vendor/leaflet/
    cp -r end2end/node_modules/leaflet/dist/images public/vendor/leaflet/
    cp end2end/node_modules/leaflet/LICENSE public/vendor/leaflet/LICENSE
    cp end2end/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
       end2end/node_modules/leaflet.markercluster/dist/MarkerCluster.css \
       end2end/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css public/vendor/leaflet/
    cp end2end/node_modules/leaflet.markercluster/MIT-LICENCE.txt public/vendor/leaflet/LICENSE.markercluster 2>/dev/null || true
    touch public/vendor/leaflet/leaflet.js
  fi
fi

if want tools; then
  LEPTOS_VERSION=0.3.10
  if ! cargo leptos --version 2>/dev/null | grep -q "$LEPTOS_VERSION"; then
    echo "setup: installing cargo-leptos $LEPTOS_VERSION (about 14 minutes, once per machine)"
    cargo install --locked cargo-leptos --version "$LEPTOS_VERSION"
  fi

  # cargo-leptos runs the wasm-bindgen CLI, which must match the crate in Cargo.lock exactly.
  WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
    echo "setup: installing wasm-bindgen-cli $WB_VERSION"
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
  fi
fi
