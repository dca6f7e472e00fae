#!/usr/bin/env python3
"""Drops a WASM module's custom sections (function names, producers, features) in
place: what `wasm-opt -Oz` saves on a small chunk, in milliseconds rather than the
second npm's wasm-opt spends starting under Node.js (scripts/bin/wasm-opt)."""
import sys


def leb(buf, i):
    """An unsigned LEB128 number at `buf[i]`: (value, index after it)."""
    n = shift = 0
    while True:
        b = buf[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return n, i


def strip(data):
    if data[:4] != b"\0asm":
        raise ValueError("not a WASM module")
    out, i = bytearray(data[:8]), 8
    while i < len(data):
        start = i
        section = data[i]
        size, body = leb(data, i + 1)
        i = body + size
        if i > len(data):
            raise ValueError("truncated section")
        if section != 0:
            out += data[start:i]
    return bytes(out)


for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    stripped = strip(data)
    if stripped != data:
        with open(path, "wb") as f:
            f.write(stripped)
