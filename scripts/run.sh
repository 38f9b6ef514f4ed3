#!/usr/bin/env bash
# `make run`: installs what is missing, makes sure Postgres is reachable, builds the release, serves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/install-tools.sh build
export PATH="$PWD/target/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ -z "${DATABASE_URL:-}" ] && [ -f .env ]; then
  DATABASE_URL=$(sed -n 's/^DATABASE_URL=//p' .env | tail -n 1)
fi
if [ -z "${DATABASE_URL:-}" ]; then
  admin=$(scripts/ensure-postgres.sh)
  psql -q "$admin/postgres" -tc "SELECT 1 FROM pg_database WHERE datname = 'todo'" | grep -q 1 ||
    psql -q "$admin/postgres" -c 'CREATE DATABASE todo' >/dev/null
  export DATABASE_URL="$admin/todo"
fi

log "building (release)"
scripts/build-release.sh

# The assistant's tools run in todo-mcp, beside the app. The web app mints short-lived tokens for its
# signed-in user with a secret both share: a fresh one per run unless .env / the environment sets one.
if [ -z "${MCP_TOKEN_SECRET:-}" ] && [ -f .env ]; then
  MCP_TOKEN_SECRET=$(sed -n 's/^MCP_TOKEN_SECRET=//p' .env | tail -n 1)
fi
export MCP_TOKEN_SECRET="${MCP_TOKEN_SECRET:-$(python3 -c 'import secrets; print(secrets.token_hex(32))')}"
mcp_port="${MCP_PORT:-8080}"
export MCP_SERVER_URL="${MCP_SERVER_URL:-http://127.0.0.1:$mcp_port/mcp}"
trap stop_services EXIT INT TERM
start_mcp "$DATABASE_URL" "$mcp_port"
wait_ready "http://127.0.0.1:$mcp_port/health"
log "todo-mcp on http://127.0.0.1:$mcp_port/mcp (logs: target/logs/todo-mcp-$mcp_port.log)"

export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}" LEPTOS_ENV=PROD
log "serving on http://$LEPTOS_SITE_ADDR (Ctrl-C to stop)"
target/release/todo-app
