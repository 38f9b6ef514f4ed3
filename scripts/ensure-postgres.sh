#!/usr/bin/env bash
# Makes sure a PostgreSQL server is reachable and prints the admin URL (no database name) on stdout.
#   1. $DATABASE_ADMIN_URL or the server of $DATABASE_URL, if set;
#   2. else a server already answering on 127.0.0.1:5432;
#   3. else a private cluster under target/pgdata (port 5433), using the system's Postgres binaries,
#      installed from Debian's packages if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

answers() { # host port
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$1" -p "$2" -t 3; else (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; fi
}

if [ -n "${DATABASE_ADMIN_URL:-}" ]; then
  echo "$DATABASE_ADMIN_URL"
  exit 0
fi
if [ -n "${DATABASE_URL:-}" ]; then
  echo "${DATABASE_URL%/*}"
  exit 0
fi
if answers 127.0.0.1 5432; then
  echo "postgres://postgres@127.0.0.1:5432"
  exit 0
fi

# Start one of our own.
pgbin=$(postgres_bin)
data="$PWD/target/pgdata"
port=5433
run_pg() { # initdb refuses to run as root: use the postgres account then
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
if ! answers 127.0.0.1 "$port"; then
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data" && chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    run_pg "'$pgbin/initdb' -D '$data' -U postgres --auth=trust -E UTF8" >/dev/null
  fi
  log "starting private PostgreSQL on 127.0.0.1:$port"
  run_pg "'$pgbin/pg_ctl' -D '$data' -l '$data/server.log' -o \"-p $port -k '$data' -c listen_addresses=127.0.0.1\" -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port"
