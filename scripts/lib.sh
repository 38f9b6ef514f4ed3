# Shared helpers for the test and run scripts (sourced, not executed).

log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

SERVICE_PIDS=()

# The release artefacts, laid out as cargo-leptos leaves them.
require_release_build() {
  [ -x target/release/todo-app ] && [ -d target/site/pkg ] ||
    die "no release build: run scripts/build-release.sh (make build) first"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# postgres_bin: prints the newest installed PostgreSQL's bin directory (initdb, pg_ctl), installing Debian's
# postgresql package first if there is none.
postgres_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ]; then
    log "installing PostgreSQL from Debian's packages"
    local sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

# python_venv DIR REQUIREMENTS_FILE: a Python venv at DIR with the file's packages (PyPI); reused, and reinstalled
# only when the file changed.
python_venv() {
  local venv=$1 reqs=$2 stamp want
  if [ ! -x "$venv/bin/python" ]; then
    log "python venv in $venv"
    python3 -m venv "$venv"
  fi
  stamp="$venv/.requirements.sha256"
  want=$(sha256sum "$reqs" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "pip install -r $reqs"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$reqs"
    echo "$want" >"$stamp"
  fi
}

# create_database ADMIN_URL PREFIX → prints the new database's name
create_database() {
  local name="${2}_$(date +%s)_$RANDOM"
  psql -q "$1/postgres" -c "CREATE DATABASE \"$name\"" >/dev/null
  echo "$name"
}

drop_database() {
  psql -q "$1/postgres" -c "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)" >/dev/null 2>&1 || true
}

# Drops databases left behind by interrupted test runs.
drop_stale_test_databases() {
  local admin=$1
  psql -At "$admin/postgres" -c "SELECT datname FROM pg_database WHERE datname ~ '^todo_(test|e2e|layout|bench)_'" |
    while read -r name; do drop_database "$admin" "$name"; done
}

# start_app DATABASE_URL PORT [extra env…]: the release web app ($TODO_APP_BIN if set), in the background, logging to target/logs.
start_app() {
  local url=$1 port=$2
  shift 2
  mkdir -p target/logs
  # Test and bench runs sign up many accounts from 127.0.0.1: lift the per-address sign-up limit for them.
  env DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD \
    SIGNUPS_PER_IP_PER_HOUR="${SIGNUPS_PER_IP_PER_HOUR:-100000}" \
    RUST_LOG="${RUST_LOG:-info}" "$@" "${TODO_APP_BIN:-target/release/todo-app}" >"target/logs/todo-app-$port.log" 2>&1 &
  SERVICE_PIDS+=($!)
}

# start_mcp DATABASE_URL PORT [extra env…]: todo-mcp in the background ($TODO_MCP_BIN if set, else the release
# binary if built, else the debug one that `cargo test` leaves behind, else a fresh debug build), logging to
# target/logs.
start_mcp() {
  local url=$1 port=$2 bin
  shift 2
  if [ -n "${TODO_MCP_BIN:-}" ]; then bin=$TODO_MCP_BIN
  elif [ -x target/release/todo-mcp ]; then bin=target/release/todo-mcp; else
    [ -x target/debug/todo-mcp ] || cargo build -p todo-mcp >&2
    bin=target/debug/todo-mcp
  fi
  mkdir -p target/logs
  env DATABASE_URL="$url" MCP_BIND="127.0.0.1:$port" RUST_LOG="${RUST_LOG:-info,rmcp=warn}" "$@" "$bin" \
    >"target/logs/todo-mcp-$port.log" 2>&1 &
  SERVICE_PIDS+=($!)
}

stop_services() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVICE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVICE_PIDS=()
}

# wait_ready URL: polls until it answers 200 (30 s at most).
wait_ready() {
  local i
  for i in $(seq 1 150); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  tail -n 30 target/logs/*.log >&2 || true
  die "$1 did not become ready"
}
