#!/usr/bin/env python3
"""Sizes of the browser bundle under target/site/pkg: raw, gzip -9, brotli -q 11, and what a first load fetches.

Usage: sizes.py PKG_DIR [PAGE_HTML]

The bundle may be split (`cargo leptos build --split`) and its names content-hashed (`hash-files`):
  - the main WASM module and its JS glue (`todo-app[.<hash>].{wasm,js}`), the CSS;
  - `__wasm_split[.<hash>].js`, the loader the main JS imports statically (so it is always fetched);
  - chunks (`split_*.wasm`, `chunk_*.wasm`): code behind lazy routes and `#[lazy]` functions, fetched when
    first needed, or preloaded by a page that needs them to hydrate (`<link rel="preload">`);
  - `__wasm_split_manifest[.<hash>].json`, read by the server only (which chunks a page needs).

"First load" counts every file the browser must fetch before the page is interactive: the files PAGE_HTML
(the HTML of `/` as a signed-in user sees it) links to from /pkg (stylesheet, modulepreload, preloaded WASM
and chunks) plus the JS those import statically, transitively. Without PAGE_HTML it assumes the main WASM +
JS, the CSS and the split loader. Precompressed siblings (.gz/.br) are not counted twice.

Prints JSON: {"files": [{"name", "kind", "first_load", "raw", "gzip", "brotli"}...],
              "total": {...first load...}, "on_demand": {...the rest, with "files": n}, "counted": "..."}.
"""
import gzip
import json
import os
import re
import subprocess
import sys

KEYS = ("raw", "gzip", "brotli")


def brotli_size(data: bytes) -> int:
    out = subprocess.run(["brotli", "-c", "-q", "11", "-"], input=data, capture_output=True, check=True)
    return len(out.stdout)


def kind_of(name: str) -> str | None:
    stem, ext = os.path.splitext(name)
    if ext == ".wasm":
        return "WASM chunk" if stem.startswith(("split_", "chunk_", "__wasm_split")) else "WASM"
    if ext == ".js":
        return "JS (split loader)" if stem.startswith("__wasm_split") else "JS"
    if ext == ".css":
        return "CSS"
    if ext == ".json":
        return "manifest (server only)"
    return None


def static_imports(js: str) -> list[str]:
    """Relative modules a JS file imports statically (`import … from './x.js'`, `export … from`)."""
    return re.findall(r"""(?:^|[;\n}])\s*(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?['"]\./([^'"]+)['"]""", js)


def first_load_names(pkg: str, names: list[str], page: str | None) -> set[str]:
    if page is None:
        wanted = {n for n in names if kind_of(n) in ("WASM", "JS", "CSS", "JS (split loader)")}
    else:
        html = open(page, encoding="utf-8").read()
        wanted = {os.path.basename(m) for m in re.findall(r"""["'](?:[^"']*/)?pkg/([^"'?#]+)""", html)}
        wanted &= set(names)
    todo = [n for n in wanted if n.endswith(".js")]
    while todo:
        js = open(os.path.join(pkg, todo.pop()), encoding="utf-8", errors="replace").read()
        for dep in static_imports(js):
            dep = os.path.basename(dep)
            if dep in names and dep not in wanted:
                wanted.add(dep)
                todo.append(dep)
    return wanted


def main(pkg: str, page: str | None) -> None:
    names = sorted(n for n in os.listdir(pkg) if kind_of(n) and os.path.isfile(os.path.join(pkg, n)))
    first = first_load_names(pkg, names, page)
    files = []
    for name in names:
        data = open(os.path.join(pkg, name), "rb").read()
        files.append({
            "name": name,
            "kind": kind_of(name),
            "first_load": name in first,
            "raw": len(data),
            "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "brotli": brotli_size(data),
        })
    total = {k: sum(f[k] for f in files if f["first_load"]) for k in KEYS}
    rest = [f for f in files if not f["first_load"] and f["kind"] != "manifest (server only)"]
    on_demand = {k: sum(f[k] for f in rest) for k in KEYS}
    on_demand["files"] = len(rest)
    counted = ("files linked by the HTML of / (signed in) and their static JS imports"
               if page else "main WASM + JS, CSS and the split loader (no page HTML given)")
    json.dump({"files": files, "total": total, "on_demand": on_demand, "counted": counted}, sys.stdout, indent=1)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
