#!/usr/bin/env python3
"""Sizes of what the first page load ships (WASM, JS, CSS under target/site/pkg): raw, gzip -9, brotli -q 11.

Also notes precompressed siblings (.gz/.br) if a build produced them: those are not counted twice.
Prints JSON: {"files": [{"name", "kind", "raw", "gzip", "brotli"}...], "total": {...}}.
"""
import gzip
import json
import os
import subprocess
import sys

KINDS = {".wasm": "WASM", ".js": "JS", ".css": "CSS"}


def brotli_size(data: bytes) -> int:
    out = subprocess.run(["brotli", "-c", "-q", "11", "-"], input=data, capture_output=True, check=True)
    return len(out.stdout)


def main(pkg: str) -> None:
    files = []
    for name in sorted(os.listdir(pkg)):
        kind = KINDS.get(os.path.splitext(name)[1])
        if not kind:
            continue
        data = open(os.path.join(pkg, name), "rb").read()
        files.append({
            "name": name,
            "kind": kind,
            "raw": len(data),
            "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "brotli": brotli_size(data),
        })
    total = {k: sum(f[k] for f in files) for k in ("raw", "gzip", "brotli")}
    json.dump({"files": files, "total": total}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
