#!/usr/bin/env bash
# The release build, exactly as the Dockerfile's builder stage runs it; `make test`/CI run it too, then
# scripts/test-runtime-layout.sh checks the result laid out as the runtime images lay it out.
#   -> target/release/todo-app, target/release/todo-mcp, target/release/hash.txt (the bundle's hashed names, read
#      by todo-app at run time), target/site/ (pkg/todo-app.<hash>.{js,wasm,css}, each with .br/.gz; public/ files)
# No --split: in islands mode the WASM holds only the islands, too little to be worth splitting by route.
# Needs the build tools (scripts/install-tools.sh build).
set -euo pipefail
cd "$(dirname "$0")/.."

# wasm-opt from npm binaryen, where install-tools.sh puts it (the Docker image has it on PATH already).
[ -d target/tools/node_modules/.bin ] && PATH="$PWD/target/tools/node_modules/.bin:$PATH"
# One cargo invocation for both server binaries: cargo-leptos passes --bin-cargo-args on to cargo. A separate
# `cargo build --bin todo-mcp` sees a different build environment (cargo-leptos sets LEPTOS_* variables that
# leptos reads at compile time) and would rebuild the library and its leptos dependencies.
export LEPTOS_OUTPUT_NAME=todo-app

start=$SECONDS
# Extra arguments are passed on (scripts/bench.sh adds its baseline binary to the same invocation).
cargo leptos build --release --precompress --bin-cargo-args=--bin=todo-mcp "$@"
echo "build-release: done in $((SECONDS - start)) s" >&2
ls -l target/release/todo-app target/release/todo-mcp >&2
du -sh target/site >&2
