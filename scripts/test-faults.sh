#!/usr/bin/env bash
# Fault tests of the release build, each under load from a bounded loopback client (tests/faults/load.py, PyPI
# httpx in target/venv-faults):
#   1. PostgreSQL stopped (fast, then immediate: a crash) and started again while writes arrive through the REST
#      API: every write answers 201 or 503 with Retry-After, none hangs or answers 500, the slowest within the
#      pool's acquire timeout + a margin; /ready names the database while it is down; the app recovers by itself;
#      every acknowledged write (201, its id recorded) is in the database afterwards (the rows are counted).
#   2. todo-mcp killed (SIGKILL) while task pages are requested: every page answers 200 with the tasks; /ready
#      answers 503 naming todo-mcp (and 200 with ?exclude=mcp_server); a chat message gets a reply saying the
#      assistant cannot reach its tools; todo-mcp started again, /ready and the assistant recover.
#   3. SIGTERM to the app under mixed load: every request started before the signal completes with 2xx (new
#      connections after it may be refused: counted apart), and the process exits 0 within a bound.
#
# PostgreSQL here is a private cluster on a free port in a temporary directory (the shared server is never
# restarted), made with the system's Postgres binaries (Debian's postgresql package, installed if missing). It does NOT build
# anything: build first (make test does it once and reuses the artefacts):
#   scripts/build-release.sh
#
# Environment (all optional):
#   TODO_APP_BIN, TODO_MCP_BIN   the binaries (default target/release/{todo-app,todo-mcp}; the site is target/site)
#   FAULTS_MAX_LATENCY=7.5       the slowest answer allowed while the database is down, s (acquire timeout 5 s + margin)
#   FAULTS_SHUTDOWN_BOUND=10     how long the app may take to exit after SIGTERM, s
#   FAULTS_RECOVERY_BOUND=20     how long the app / readiness may take to recover after a dependency is back, s
#   KEEP_FAULTS=1                keep the temporary directory (Postgres data and log, client output)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

APP_BIN=${TODO_APP_BIN:-target/release/todo-app}
MCP_BIN=${TODO_MCP_BIN:-target/release/todo-mcp}
max_latency=${FAULTS_MAX_LATENCY:-7.5}
shutdown_bound=${FAULTS_SHUTDOWN_BOUND:-10}
recovery_bound=${FAULTS_RECOVERY_BOUND:-20}

# --- preconditions ---------------------------------------------------------------------------------------------
missing=()
[ -x "$APP_BIN" ] || missing+=("$APP_BIN (cargo leptos build --release)")
[ -x "$MCP_BIN" ] || missing+=("$MCP_BIN (cargo build --release --locked -p todo-mcp)")
[ -d target/site/pkg ] || missing+=("target/site/pkg (cargo leptos build --release)")
if [ ${#missing[@]} -gt 0 ]; then
  printf '\033[1;31merror: release artefacts missing; this test does not build them. Missing:\033[0m\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "Build them first: scripts/build-release.sh (make build)." >&2
  exit 1
fi
pgbin=$(postgres_bin)
[ -x "$pgbin/initdb" ] || die "no initdb in $pgbin: a private PostgreSQL cluster is needed (apt-get install postgresql)"
for tool in curl psql python3; do command -v "$tool" >/dev/null || die "$tool is required"; done
export TODO_APP_BIN=$APP_BIN TODO_MCP_BIN=$MCP_BIN

python_venv target/venv-faults tests/faults/requirements.txt
PY=target/venv-faults/bin/python

tmp=$(mktemp -d /tmp/todo-faults.XXXXXX)
chmod 755 "$tmp"
CLIENT_PIDS=()
pg_started=false
cleanup() {
  local status=$? pid
  for pid in "${CLIENT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_services
  $pg_started && pg_ctl_as_owner -m immediate stop >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then
    for f in target/logs/todo-app-"${app_port:-x}".log target/logs/todo-mcp-"${mcp_port:-x}".log "$tmp/pg/server.log"; do
      [ -f "$f" ] && { echo "--- $f (tail) ---" >&2; tail -n 25 "$f" >&2; }
    done
  fi
  if [ "${KEEP_FAULTS:-}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- a private PostgreSQL cluster (initdb refuses to run as root: the postgres account does it then) ------------
mkdir -p "$tmp/pg"
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" = 0 ] && chown postgres:postgres "$tmp/pg" && chmod 700 "$tmp/pg"
pg_port=$(free_port)
pg_ctl_as_owner() { # pg_ctl_as_owner [options] start|stop
  as_pg_owner "'$pgbin/pg_ctl' -D '$tmp/pg/data' -l '$tmp/pg/server.log' -w -t 30 $*"
}
pg_start() {
  pg_ctl_as_owner -o "\"-p $pg_port -k '$tmp/pg' -c listen_addresses=127.0.0.1\"" start >/dev/null
}
log "initdb a private cluster in $tmp/pg, on 127.0.0.1:$pg_port"
as_pg_owner "'$pgbin/initdb' -D '$tmp/pg/data' -U postgres --auth=trust -E UTF8" >/dev/null
pg_start
pg_started=true
admin="postgres://postgres@127.0.0.1:$pg_port"
db=$(create_database "$admin" todo_faults)
db_url="$admin/$db"

# --- the app and todo-mcp on it ---------------------------------------------------------------------------------
app_port=$(free_port)
mcp_port=$(free_port)
while [ "$mcp_port" = "$app_port" ]; do mcp_port=$(free_port); done
secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
start_mcp "$db_url" "$mcp_port" MCP_TOKEN_SECRET="$secret"
mcp_pid=${SERVICE_PIDS[-1]}
start_app "$db_url" "$app_port" MCP_TOKEN_SECRET="$secret" MCP_SERVER_URL="http://127.0.0.1:$mcp_port/mcp"
app_pid=${SERVICE_PIDS[-1]}
base="http://127.0.0.1:$app_port"
wait_ready "http://127.0.0.1:$mcp_port/health"
wait_ready "$base/health"

# A user with a session (cookie) and a personal access token, made as a person makes them.
jar="$tmp/cookies"
form() { curl -fsS -b "$jar" -c "$jar" -H 'Accept: application/json' -X POST "$base/api/$1" --data-urlencode "$2" ${3:+--data-urlencode "$3"}; }
form auth/signup "email=faults@example.com" "password=correct horse battery" >/dev/null
token=$(form tokens/create "name=faults" | python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')
cookie=$(awk -F'\t' '$6 == "todo_session" { print $6 "=" $7 }' "$jar")
[ -n "$cookie" ] || die "no session cookie after sign-up"
marker="faultmarker" # one word: the load client's pages search for it and must list this task
curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"title\": \"$marker: a task every page must list\"}" "$base/api/v1/tasks"

passes=0
failures=0
fail() { printf '\033[1;31mFAIL\033[0m %s\n' "$*"; failures=$((failures + 1)); }
pass() { printf '\033[1;32mok\033[0m   %s\n' "$*"; passes=$((passes + 1)); }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

# load MODE NAME [load.py options…]: starts the client in the background ($client), returns once it has an answer.
# It gets the token and the session cookie through its environment.
load() {
  local mode=$1 name=$2
  shift 2
  rm -f "$tmp/stop" "$tmp/started"
  FAULTS_TOKEN=$token FAULTS_COOKIE=$cookie "$PY" tests/faults/load.py "$mode" --base "$base" --name "$name" --stop-file "$tmp/stop" \
    --ready-file "$tmp/started" "$@" >"$tmp/$mode.out" 2>&1 &
  client=$!
  CLIENT_PIDS+=("$client")
  for _ in $(seq 1 100); do
    [ -e "$tmp/started" ] && return 0
    kill -0 "$client" 2>/dev/null || break
    sleep 0.1
  done
  cat "$tmp/$mode.out" >&2
  die "the $mode load client did not start"
}
# finish MODE: stops the client, prints its summary, counts a failure if its checks failed.
finish() {
  local status=0
  touch "$tmp/stop"
  wait "$client" || status=$?
  cat "$tmp/$1.out"
  if [ "$status" -eq 0 ]; then pass "the $1 load client's checks"; else fail "the $1 load client's checks (above)"; fi
}
# http_status URL [curl args…]: the status code, the body in $tmp/body (20 s at most).
http_status() {
  local url=$1
  shift
  curl -sS --max-time 20 -o "$tmp/body" -w '%{http_code}' "$@" "$url" || true
}
# until_status WANT URL: polls until URL answers WANT (bounded); prints how long it took, s.
until_status() {
  local want=$1 url=$2 start
  start=$(now)
  while :; do
    [ "$(http_status "$url" -H "Authorization: Bearer $token")" = "$want" ] && { elapsed "$start" "$(now)"; return 0; }
    [ "$(elapsed "$start" "$(now)" | cut -d. -f1)" -lt "$recovery_bound" ] || return 1
    sleep 0.2
  done
}
# count_rows IDS_FILE TITLE_PREFIX: checks every acknowledged id is a row; prints what it counted.
count_rows() {
  local ids=$1 prefix=$2 acked unique found total
  acked=$(wc -l <"$ids")
  unique=$(sort -u "$ids" | wc -l)
  read -r found total < <(psql -qAtX -F ' ' "$db_url" -v ON_ERROR_STOP=1 \
    -v ids="{$(paste -sd, "$ids")}" -v prefix="$prefix%" <<'SQL'
SELECT (SELECT count(*) FROM tasks WHERE id = ANY(:'ids'::bigint[])),
       (SELECT count(*) FROM tasks WHERE title LIKE :'prefix');
SQL
  )
  echo "  rows: $acked writes acknowledged ($unique distinct ids), $found of them in the database," \
    "$((acked - found)) lost; $total rows written in all ($((total - found)) committed without a 201 reaching the client)"
  [ "$acked" -gt 0 ] || { fail "no write was acknowledged"; return; }
  [ "$unique" -eq "$acked" ] || fail "an id was acknowledged twice"
  if [ "$found" -eq "$unique" ]; then
    pass "0 acknowledged writes lost ($found of $acked rows found)"
  else
    fail "$((unique - found)) acknowledged writes lost"
  fi
}

# --- 1. PostgreSQL restarted ------------------------------------------------------------------------------------
log "fault 1/3: PostgreSQL stopped and started twice (fast, then immediate) under REST writes"
load writes "postgres restart" --concurrency 8 --max-seconds 90 \
  --max-latency "$max_latency" --ids-out "$tmp/acked-writes"
sleep 2
for mode in fast immediate; do
  pg_ctl_as_owner -m "$mode" stop >/dev/null
  down=$(now)
  sleep 1.5
  status=$(http_status "$base/ready")
  if [ "$status" = 503 ] && grep -q '"database"' "$tmp/body" && grep -q PostgreSQL "$tmp/body"; then
    pass "PostgreSQL down ($mode stop): /ready answers 503 naming the database"
  else
    fail "PostgreSQL down ($mode stop): /ready answered $status: $(head -c 300 "$tmp/body")"
  fi
  sleep 2
  pg_start
  up=$(now)
  if took=$(until_status 200 "$base/api/v1/tasks?limit=1"); then
    pass "down $(elapsed "$down" "$up") s ($mode stop); the app answered again $took s after PostgreSQL was back, without a restart"
  else
    fail "the app did not recover within $recovery_bound s of PostgreSQL's restart ($mode stop)"
  fi
  sleep 2
done
finish writes
count_rows "$tmp/acked-writes" "postgres restart write "
if kill -0 "$app_pid" 2>/dev/null; then pass "todo-app kept running through both restarts"; else fail "todo-app exited"; fi

# --- 2. todo-mcp killed -----------------------------------------------------------------------------------------
log "fault 2/3: todo-mcp killed (SIGKILL) while task pages are requested"
until_status 200 "$base/ready" >/dev/null || fail "/ready did not answer 200 with everything up"
send_chat() { # send_chat TEXT: the assistant's answer (JSON) in $tmp/body, the status on stdout
  http_status "$base/api/assistant/send" -X POST -H 'Accept: application/json' -H "Cookie: $cookie" \
    --data-urlencode "text=$1"
}
load pages "todo-mcp killed" --marker "$marker" --concurrency 4 --max-seconds 60 --max-latency 5
sleep 1
kill -KILL "$mcp_pid"
{ wait "$mcp_pid"; } 2>/dev/null || true
killed=$(now)
sleep 1.5 # /ready reuses a probe's answer for 1 s
status=$(http_status "$base/ready")
if [ "$status" = 503 ] && grep -q '"mcp_server"' "$tmp/body" && grep -q 'todo-mcp' "$tmp/body"; then
  pass "/ready answers 503 naming todo-mcp: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["message"])' "$tmp/body")"
else
  fail "/ready with todo-mcp down answered $status: $(head -c 300 "$tmp/body")"
fi
status=$(http_status "$base/ready?exclude=mcp_server")
if [ "$status" = 200 ]; then
  pass "/ready?exclude=mcp_server (the Kubernetes probe) still answers 200"
else
  fail "/ready?exclude=mcp_server answered $status"
fi
status=$(send_chat "add buy milk")
if [ "$status" = 200 ] && grep -qF "can't reach my tools" "$tmp/body"; then
  pass "a chat message gets 200 and a reply saying the assistant cannot reach its tools"
else
  fail "a chat message with todo-mcp down answered $status: $(head -c 300 "$tmp/body")"
fi
start_mcp "$db_url" "$mcp_port" MCP_TOKEN_SECRET="$secret"
mcp_pid=${SERVICE_PIDS[-1]}
wait_ready "http://127.0.0.1:$mcp_port/health"
if took=$(until_status 200 "$base/ready"); then
  pass "todo-mcp started again: /ready answers 200 after $took s ($(elapsed "$killed" "$(now)") s after the kill)"
else
  fail "/ready did not recover within $recovery_bound s of todo-mcp's restart"
fi
status=$(send_chat "add buy milk")
if [ "$status" = 200 ] && ! grep -qF "can't reach my tools" "$tmp/body" && grep -q '"add_task"' "$tmp/body"; then
  pass "the assistant reaches its tools again (add_task called)"
else
  fail "the assistant after todo-mcp's restart answered $status: $(head -c 300 "$tmp/body")"
fi
finish pages

# --- 3. SIGTERM to the app --------------------------------------------------------------------------------------
log "fault 3/3: SIGTERM to todo-app under mixed load"
load shutdown "sigterm" --marker "$marker" --concurrency 16 --max-seconds 60 \
  --signal-file "$tmp/signalled" --ids-out "$tmp/acked-shutdown"
sleep 2
signalled=$(now)
kill -TERM "$app_pid"
echo "$signalled" >"$tmp/signalled"
exit_status=
while [ "$(elapsed "$signalled" "$(now)" | cut -d. -f1)" -lt "$shutdown_bound" ]; do
  kill -0 "$app_pid" 2>/dev/null || { exit_status=0; wait "$app_pid" || exit_status=$?; break; }
  sleep 0.05
done
exited=$(now)
if [ -z "$exit_status" ]; then
  fail "todo-app still running $shutdown_bound s after SIGTERM"
  kill -KILL "$app_pid" 2>/dev/null || true
elif [ "$exit_status" -eq 0 ]; then
  pass "todo-app exited 0, $(elapsed "$signalled" "$exited") s after SIGTERM"
else
  fail "todo-app exited $exit_status after SIGTERM"
fi
finish shutdown
count_rows "$tmp/acked-shutdown" "sigterm write "

for f in "target/logs/todo-app-$app_port.log" "target/logs/todo-mcp-$mcp_port.log"; do
  ! grep -q 'panicked' "$f" || fail "a panic in $f: $(grep -m1 panicked "$f")"
done
echo "test-faults: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
