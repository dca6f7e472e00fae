#!/usr/bin/env python3
"""Checks the layout rules of ARCHITECTURE.md over app/src: no file imports a file
that imports it; a domain (and the shell) reaches another domain only through
its mod.rs; and platform/, shared/, ui/, i18n/, notify/ and payments/ import no domain.
Paths are read from `crate::...`, `super::...` and a parent's use of its own child
modules; test modules are left out. Exits 1 with the offending pairs."""
import re, os, glob, sys
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app", "src") + "/"
ROOT = os.path.normpath(ROOT) + "/"
files = {}
for f in glob.glob(ROOT + "**/*.rs", recursive=True):
    rel = f[len(ROOT):-3]
    parts = rel.split("/")
    if parts[-1] in ("mod", "lib"): parts = parts[:-1]
    files[tuple(parts)] = f
def resolve(path):
    parts = tuple(path)
    for n in range(len(parts), -1, -1):
        if parts[:n] in files: return parts[:n]
    return None
edges = {}
for mod, f in files.items():
    src = open(f).read()
    src = re.sub(r"//.*", "", src)
    # drop test modules
    i = src.find("#[cfg(test)]")
    if i >= 0: src = src[:i]
    deps = set()
    for m in re.finditer(r"crate((?:::[A-Za-z_][A-Za-z0-9_]*)+)", src):
        segs = m.group(1).split("::")[1:]
        t = resolve(segs)
        if t is not None and t != mod: deps.add(t)
    # grouped use crate::a::{b::c, d}
    for m in re.finditer(r"use crate::([\w:]+)::\{([^}]*)\}", src):
        base = m.group(1).split("::")
        for item in m.group(2).split(","):
            item = item.strip().split(" as ")[0]
            if not item or item == "self": continue
            t = resolve(base + item.split("::"))
            if t is not None and t != mod: deps.add(t)
    for m in re.finditer(r"super((?:::[A-Za-z_][A-Za-z0-9_]*|::\{)+)", src):
        parent = mod[:-1] if not f.endswith("mod.rs") else mod[:-1]
        segs = [s for s in m.group(1).split("::")[1:] if s and s != "{"]
        t = resolve(list(parent) + segs[:1]) if segs else parent
        if t is not None and t != mod: deps.add(t)
    for m in re.finditer(r"\buse super::\*", src):
        parent = mod[:-1]
        if parent in files: deps.add(parent)
    children = set(re.findall(r"(?m)^\s*(?:pub(?:\(crate\))? )?mod (\w+);", src))
    for m in re.finditer(r"(?<![\w:])(?:self::)?(\w+)::", src):
        if m.group(1) in children:
            t = resolve(list(mod) + [m.group(1)])
            if t is not None and t != mod: deps.add(t)
    edges[mod] = deps
bad = 0
for a, ds in edges.items():
    for b in ds:
        if a < b and a in edges.get(b, ()):
            print("cycle:", files[a][len(ROOT):], "<->", files[b][len(ROOT):]); bad += 1
# layering
for a, ds in edges.items():
    if a and a[0] in ("ui", "platform", "shared", "i18n", "notify", "payments"):
        for b in ds:
            if b and b[0] in ("account", "cart", "catalog", "wallet", "inbox", "orders", "checkout", "staff", "shell", "lifecycle"):
                print("arrow:", files[a][len(ROOT):], "->", files[b][len(ROOT):]); bad += 1
DOMAINS = ("account", "cart", "catalog", "wallet", "inbox", "orders", "checkout", "staff")
for a, ds in edges.items():
    if a and a[0] in DOMAINS + ("shell", "lifecycle"):
        for b in ds:
            if b and b[0] in DOMAINS and b[0] != a[0] and b != (b[0],):
                print("face:", files[a][len(ROOT):], "->", files[b][len(ROOT):], "(use the domain's mod.rs)"); bad += 1
print(f"check-layout: {bad} problems in {len(files)} files")
sys.exit(1 if bad else 0)
