#!/usr/bin/env bash
# The release build, exactly as the Dockerfile's builder stages run it; `make test`/CI run it too, then
# scripts/test-runtime-layout.sh checks the result laid out as the runtime images lay it out.
#   web app (the root package, built by cargo-leptos; the Dockerfile's `builder` stage):
#   -> target/release/todo-app, target/release/hash.txt (the bundle's hashed names, read by todo-app at start-up),
#      target/site/ (pkg/todo-app.<hash>.{js,wasm,css}, the split loader and lazy chunks, each with .br/.gz;
#      public/ files)
#   MCP server (crates/mcp, plain cargo: no wasm target, cargo-leptos or wasm-bindgen; the `mcp-builder` stage):
#   -> target/release/todo-mcp
# --split: the WASM's `#[lazy]` functions become chunks of their own, fetched when first called (the quick-add
# parser, src/tasks/quick_add_reading.rs, at the first keystroke in the new-task box), not with the page.
# Needs the build tools for the web app (scripts/install-tools.sh build). BUILD_ONLY=app|mcp builds one of them;
# extra arguments go to cargo-leptos (scripts/bench.sh adds its baseline binary to the same invocation).
set -euo pipefail
cd "$(dirname "$0")/.."

# sqlx's query macros read the committed query cache (.sqlx/), never a database: a DATABASE_URL in the environment
# or in .env cannot change the build (.cargo/config.toml sets this too).
export SQLX_OFFLINE=true

# wasm-opt from npm binaryen, where install-tools.sh puts it (the Docker image has it on PATH already).
[ -d target/tools/node_modules/.bin ] && PATH="$PWD/target/tools/node_modules/.bin:$PATH"

only=${BUILD_ONLY:-}
if [ "$only" != mcp ]; then
  start=$SECONDS
  cargo leptos build --release --precompress --split "$@"
  echo "build-release: todo-app + site in $((SECONDS - start)) s" >&2
  ls -l target/release/todo-app >&2
  du -sh target/site >&2
fi
if [ "$only" != app ]; then
  start=$SECONDS
  cargo build --release --locked -p todo-mcp
  echo "build-release: todo-mcp in $((SECONDS - start)) s" >&2
  ls -l target/release/todo-mcp >&2
fi
