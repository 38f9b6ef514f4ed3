#!/usr/bin/env bash
# Runs the Playwright suite against the release build, on a fresh database, in Debian's Chromium.
# Expects `cargo leptos build --release` to have run (make test does it once for every stage).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_release_build
admin=$(scripts/ensure-postgres.sh)
db=$(create_database "$admin" todo_e2e)
trap 'stop_services; drop_database "$admin" "$db"' EXIT

port=$(free_port)
start_app "$admin/$db" "$port"
# /health, not /ready: /ready also wants todo-mcp, which this suite does not start (yet).
wait_ready "http://127.0.0.1:$port/health"

log "Playwright (Chromium) against http://127.0.0.1:$port"
(cd end2end && E2E_BASE_URL="http://127.0.0.1:$port" npx playwright test "$@")
