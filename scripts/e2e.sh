#!/usr/bin/env bash
# Runs the Playwright suite against the release build, on a fresh database, in Debian's Chromium.
# Expects scripts/build-release.sh to have run (make test does it once for every stage).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_release_build
admin=$(scripts/ensure-postgres.sh)
db=$(create_database "$admin" todo_e2e)
trap 'stop_services; drop_database "$admin" "$db"' EXIT

# todo-mcp beside the app, sharing a fresh token secret: the assistant's tool calls really run.
port=$(free_port)
mcp_port=$(free_port)
secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
start_mcp "$admin/$db" "$mcp_port" MCP_TOKEN_SECRET="$secret"
start_app "$admin/$db" "$port" MCP_SERVER_URL="http://127.0.0.1:$mcp_port/mcp" MCP_TOKEN_SECRET="$secret"
# /ready answers 200 only once Postgres and todo-mcp both do.
wait_ready "http://127.0.0.1:$port/ready"

log "Playwright (Chromium) against http://127.0.0.1:$port"
(cd end2end && E2E_BASE_URL="http://127.0.0.1:$port" E2E_MCP_URL="http://127.0.0.1:$mcp_port/mcp" \
  npx playwright test "$@")
