#!/usr/bin/env python3
"""WASM sizes as the browser gets them (brotli, from the running server): what the
first page load fetches, and the chunks a split build loads on navigation.
Usage: wasm_sizes.py BASE_URL PKG_DIR [--budget KB]  (exit 1 over the budget)"""
import pathlib
import re
import sys
import urllib.request

base, pkg = sys.argv[1], pathlib.Path(sys.argv[2])
budget = int(sys.argv[sys.argv.index("--budget") + 1]) if "--budget" in sys.argv else None


def served(path):
    req = urllib.request.Request(base + path, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(req) as r:
        return len(r.read()), r.headers.get("content-encoding")


html = urllib.request.urlopen(base + "/").read().decode()
first = re.findall(r'href="([^"]+\.wasm)"', html)
if not first:
    sys.exit("the home page preloads no .wasm")
total_first = 0
for path in first:
    size, enc = served(path)
    raw = (pkg / pathlib.Path(path).name).stat().st_size
    total_first += size
    print(f"first load: {path}  raw {raw // 1024} KB, {enc or 'identity'} {size // 1024} KB")
chunks = sorted(p for p in pkg.glob("*.wasm") if "/pkg/" + p.name not in first)
if chunks:
    sizes = [(served("/pkg/" + p.name)[0], p.name) for p in chunks]
    print(f"chunks loaded on navigation: {len(chunks)}, {sum(s for s, _ in sizes) // 1024} KB together, "
          f"largest {max(sizes)[1]} {max(sizes)[0] // 1024} KB")
else:
    print("chunks loaded on navigation: none (not a split build)")
if budget is not None:
    verdict = "within" if total_first <= budget * 1024 else "OVER"
    print(f"first-load WASM {total_first // 1024} KB brotli: {verdict} the budget of {budget} KB")
    sys.exit(0 if total_first <= budget * 1024 else 1)
