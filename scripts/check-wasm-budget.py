#!/usr/bin/env python3
"""Fails when the WASM a first page load fetches is over budget, compressed the way
the server serves it (brotli quality 11, window 22, as server/src/precompress.rs).
The main module is the one the hydration script preloads: `<output-name>.<hash>.wasm`
from the hash.txt cargo-leptos writes beside the server. Chunks of a split build
(`chunk_*.wasm`) load on navigation and are listed, not counted.
Usage: check-wasm-budget.py SITE_DIR HASH_TXT BUDGET_KB"""
import pathlib
import sys

import brotli

site, hash_txt, budget_kb = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
hashes = dict(
    (k.strip(), v.strip()) for k, v in (l.split(":", 1) for l in hash_txt.read_text().splitlines() if ":" in l)
)
main = site / "pkg" / f"rynok.{hashes['wasm']}.wasm"


def br(path):
    return len(brotli.compress(path.read_bytes(), quality=11, lgwin=22))


size = br(main)
chunks = sorted(site.glob("pkg/chunk_*.wasm"))
print(f"first-load WASM: {main.name} raw {main.stat().st_size // 1024} KB, brotli {size // 1024} KB "
      f"(budget {budget_kb} KB)")
if chunks:
    sizes = sorted(((br(c), c.name) for c in chunks), reverse=True)
    print(f"{len(chunks)} chunks loaded on navigation, {sum(s for s, _ in sizes) // 1024} KB brotli together; "
          "largest: " + ", ".join(f"{n} {s // 1024} KB" for s, n in sizes[:3]))
else:
    print("not a split build: everything loads at once")
if size > budget_kb * 1024:
    print(f"check-wasm-budget: the first load is {size // 1024 - budget_kb} KB over budget")
    sys.exit(1)
