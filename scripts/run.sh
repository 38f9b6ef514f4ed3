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
cargo leptos build --release --precompress

export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}" LEPTOS_ENV=PROD
log "serving on http://$LEPTOS_SITE_ADDR (Ctrl-C to stop)"
exec target/release/todo-app
