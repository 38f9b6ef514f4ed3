#!/usr/bin/env bash
# Installs the build and test tools this project needs, skipping whatever is already present.
# Everything comes from a package registry (crates.io, npm, Debian): nothing is downloaded at build time.
# Usage: scripts/install-tools.sh [build|lint|test|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env

want=${1:-all}
tools_dir="$PWD/target/tools"
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$tools_dir/node_modules/.bin:$cargo_bin:$PATH"

log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  as_root apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return 0
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

install_cargo_leptos() {
  if command -v cargo-leptos >/dev/null && cargo-leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    return 0
  fi
  # Built from source with `no_downloads` so it uses wasm-bindgen/wasm-opt from PATH instead of GitHub.
  # Its lockfile pins cargo-util-schemas 0.14.2, which needs a newer rustc than 1.95; 0.14.0 builds fine.
  log "building cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads) — ~18 min on 2 cores"
  local src
  src=$(mktemp -d)
  curl -sSfL "https://static.crates.io/crates/cargo-leptos/cargo-leptos-$CARGO_LEPTOS_VERSION.crate" |
    tar -xz -C "$src" --strip-components=1
  (cd "$src" && cargo update -q -p cargo-util-schemas --precise 0.14.0 &&
    cargo install --locked --path . --features no_downloads)
  rm -rf "$src"
}

install_wasm_bindgen() {
  if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"; then
    return 0
  fi
  # Must match the wasm-bindgen crate in Cargo.lock exactly. Not --locked: that build fails on webpki-roots.
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
}

install_sqlx_cli() {
  # `cargo sqlx prepare` (scripts/check-sqlx.sh): the offline query cache .sqlx/. Postgres only, rustls.
  if command -v sqlx >/dev/null && sqlx --version 2>/dev/null | grep -q " $SQLX_CLI_VERSION\$"; then
    return 0
  fi
  log "cargo install sqlx-cli $SQLX_CLI_VERSION (postgres, rustls) — ~3 min on 2 cores"
  cargo install --locked sqlx-cli --version "$SQLX_CLI_VERSION" --no-default-features --features postgres,rustls
}

install_cargo_deny() {
  # `make lint`: licences, banned crates, duplicate versions and sources of the dependency tree (deny.toml).
  if command -v cargo-deny >/dev/null && cargo-deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
    return 0
  fi
  log "cargo install cargo-deny $CARGO_DENY_VERSION — ~8 min on 2 cores"
  cargo install --locked cargo-deny --version "$CARGO_DENY_VERSION"
}

install_node_tools() {
  # binaryen from npm: Debian's wasm-opt (108) emits WASM that fails to hydrate in Chromium.
  if [ -x "$tools_dir/node_modules/.bin/wasm-opt" ] && [ -d "$tools_dir/node_modules/binaryen" ] &&
    grep -q "\"version\": \"$BINARYEN_VERSION" "$tools_dir/node_modules/binaryen/package.json"; then
    return 0
  fi
  log "npm install binaryen@$BINARYEN_VERSION into target/tools"
  mkdir -p "$tools_dir"
  npm install --silent --no-audit --no-fund --prefix "$tools_dir" "binaryen@$BINARYEN_VERSION"
}

install_e2e() {
  apt_install chromium fonts-liberation
  # npm ci again when the lockfile changed since the last install (npm writes node_modules/.package-lock.json),
  # e.g. a pulled commit added a test dependency.
  if [ ! -d end2end/node_modules/@playwright/test ] ||
    [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "npm ci in end2end/"
    (cd end2end && npm ci --silent --no-audit --no-fund)
  fi
}

install_python_tools() {
  # The official MCP Python SDK is our conformance client; a venv keeps it off the system Python.
  local venv="$PWD/target/venv"
  if [ ! -x "$venv/bin/python" ]; then
    log "python venv in target/venv"
    python3 -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c 'import mcp, httpx2' 2>/dev/null; then
    log "pip install -r tests/mcp_conformance/requirements.txt"
    "$venv/bin/pip" install -q -r tests/mcp_conformance/requirements.txt
  fi
}

install_api_schema_tools() {
  # schemathesis for scripts/test-api-schema.sh, in its own venv (its dependencies stay apart from the MCP SDK's).
  local venv="$PWD/target/venv-api"
  if [ ! -x "$venv/bin/python" ]; then
    log "python venv in target/venv-api"
    python3 -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c 'import schemathesis' 2>/dev/null; then
    log "pip install -r tests/api_schema/requirements.txt"
    "$venv/bin/pip" install -q -r tests/api_schema/requirements.txt
  fi
}

case "$want" in
  build) install_wasm_target; install_node_tools; install_wasm_bindgen; install_cargo_leptos ;;
  lint) install_wasm_target; install_sqlx_cli; install_cargo_deny ;;
  test | all)
    install_wasm_target; install_node_tools; install_wasm_bindgen; install_cargo_leptos
    install_sqlx_cli
    install_cargo_deny
    install_e2e
    if [ -f tests/mcp_conformance/requirements.txt ]; then install_python_tools; fi
    if [ -f tests/api_schema/requirements.txt ]; then install_api_schema_tools; fi
    ;;
  *) echo "usage: $0 [build|lint|test|all]" >&2; exit 2 ;;
esac
