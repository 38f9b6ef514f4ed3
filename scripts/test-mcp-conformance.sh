#!/usr/bin/env bash
# Conformance test of todo-mcp with the official Python MCP SDK (tests/mcp_conformance/).
#
#   scripts/test-mcp-conformance.sh [path/to/todo-mcp]     (default: target/debug/todo-mcp, built if missing or stale)
#
# Needs PostgreSQL with trust auth at $PG_URL (default postgres://postgres@127.0.0.1:5432) and python3.
# Creates a fresh database, starts the server on a free port, creates two users with personal access tokens
# directly in Postgres, runs the Python test, then stops the server and drops the database.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
VENV=target/venv
REQS=tests/mcp_conformance/requirements.txt
LOG=target/mcp-conformance.log

if [[ -z "$BIN" ]]; then
  # No binary given: the debug build, (re)built if missing or stale (a no-op when up to date).
  cargo build -p todo-mcp
  BIN=target/debug/todo-mcp
elif [[ ! -x "$BIN" ]]; then
  echo "no executable at $BIN" >&2
  exit 1
fi

# The venv is reused; requirements are (re)installed only when requirements.txt changed.
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha256"
want="$(sha256sum "$REQS" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQS"
  echo "$want" > "$stamp"
fi

DB="todo_test_$(python3 -c 'import uuid; print(uuid.uuid4().hex)')"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SERVER_PID=""

cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  psql "$PG_URL/postgres" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
  if [[ $status -ne 0 && -f "$LOG" ]]; then
    echo "--- last lines of the server log ($LOG) ---" >&2
    tail -n 30 "$LOG" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

psql "$PG_URL/postgres" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB" >/dev/null

export DATABASE_URL="$PG_URL/$DB" MCP_BIND="127.0.0.1:$PORT" RUST_LOG="${RUST_LOG:-info,rmcp=warn}"
unset MCP_TOKEN_SECRET
"$BIN" >"$LOG" 2>&1 &
SERVER_PID=$!

# The server applies migrations before it listens, so once /health answers the tables exist.
for _ in $(seq 1 120); do
  if "$BIN" healthcheck >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "todo-mcp exited at start" >&2; exit 1; fi
  sleep 0.25
done
"$BIN" healthcheck

new_token() { echo "todo_pat_$(python3 -c 'import base64, secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode())')"; }
sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
TOKEN_A="$(new_token)"
TOKEN_B="$(new_token)"

psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 \
  -v hash_a="$(sha256 "$TOKEN_A")" -v prefix_a="${TOKEN_A:0:13}" \
  -v hash_b="$(sha256 "$TOKEN_B")" -v prefix_b="${TOKEN_B:0:13}" >/dev/null <<'SQL'
WITH u AS (INSERT INTO users (email, password_hash) VALUES ('a@conformance.test', 'x') RETURNING id)
INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'conformance', :'hash_a', :'prefix_a' FROM u;
WITH u AS (INSERT INTO users (email, password_hash) VALUES ('b@conformance.test', 'x') RETURNING id)
INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'conformance', :'hash_b', :'prefix_b' FROM u;
SQL

MCP_URL="http://127.0.0.1:$PORT/mcp" TOKEN_A="$TOKEN_A" TOKEN_B="$TOKEN_B" \
  "$VENV/bin/python" tests/mcp_conformance/test_conformance.py
