#!/usr/bin/env bash
# `make bench`: builds release once (as `make build` does, plus the baselines of crates/bench-page), starts
# Postgres, the web app, the baselines (bench-page: the same task page by hand; bench-bare: one query) and
# todo-mcp (when this checkout has it), seeds data, drives load over loopback with wrk (max throughput)
# and scripts/bench/rate.mjs (fixed rate = half of max), measures shipped bytes, time to interactive and
# Lighthouse (Chromium), then prints one table and writes BENCHMARKS.md (scripts/bench/report.py).
#
# Knobs (environment): BENCH_DURATION (s per load run, 10), BENCH_THREADS (wrk, 2), BENCH_CONNECTIONS (16),
# BENCH_TTI_N (10), BENCH_SCALE_TASKS (1000000), BENCH_SCALE_ROUNDS (5), BENCH_HEAVY_TASKS (10000: the one user
# whose Today view and search are measured on the scale instance), BENCH_SKIP_BUILD=1 (use the existing release build),
# BENCH_RUST_LOG (server log filter during the run, default info as deployed), BENCH_OUT (BENCHMARKS.md),
# BENCH_MCP_BIN (a todo-mcp binary built elsewhere, when this checkout has none), BENCH_LIGHTHOUSE=0 (skip Lighthouse),
# BENCH_INSTR_N (200 requests counted under callgrind per endpoint; 0 skips the instructions-per-request rows),
# BENCH_MIMALLOC=0 (skip the allocator A/B: the fair baseline again with Debian's mimalloc preloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
export PATH="$PWD/target/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

DURATION=${BENCH_DURATION:-10}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-16}
TTI_N=${BENCH_TTI_N:-10}
SCALE_TASKS=${BENCH_SCALE_TASKS:-1000000}
SCALE_ROUNDS=${BENCH_SCALE_ROUNDS:-5}
HEAVY_TASKS=${BENCH_HEAVY_TASKS:-10000}
WARMUP=${BENCH_WARMUP:-2}
SERVER_LOG=${BENCH_RUST_LOG:-info}
OUT=${BENCH_OUT:-BENCHMARKS.md}
RES=target/bench/results
# A fixed argon2id PHC string for seeded users nobody logs in as (hashing 20k passwords would take minutes).
FIXED_HASH='$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$0dn1bXWlKO1EJmFXNzYxW2ZzN2qMFGJ6Z5bW1m0ZK3o'
PASSWORD='bench-password-123'
started=$(date +%s)
# Servers run as deployed: a RUST_BACKTRACE inherited from a developer shell makes every panic symbolize a
# backtrace (hundreds of ms of CPU), which is not what production pays.
unset RUST_BACKTRACE RUST_LIB_BACKTRACE

proc_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
ensure_apt() { # command package
  command -v "$1" >/dev/null && return 0
  log "apt-get install $2"
  as_root apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}

# ---------------------------------------------------------------- tools and build
ensure_apt wrk wrk
ensure_apt brotli brotli
ensure_apt chromium chromium
INSTR_N=${BENCH_INSTR_N:-200}
[ "$INSTR_N" -gt 0 ] && ensure_apt valgrind valgrind
MIMALLOC_SO=/usr/lib/x86_64-linux-gnu/libmimalloc.so.2
if [ "${BENCH_MIMALLOC:-1}" != 0 ] && [ ! -e "$MIMALLOC_SO" ]; then
  log "apt-get install libmimalloc2.0"
  as_root apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends libmimalloc2.0 >/dev/null || true
fi
[ -d end2end/node_modules/@playwright/test ] && [ -d end2end/node_modules/lighthouse ] ||
  (cd end2end && npm ci --silent --no-audit --no-fund)

has_mcp=false
[ -f crates/mcp/Cargo.toml ] && has_mcp=true
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  scripts/install-tools.sh build
  # Exactly `make build` (scripts/build-release.sh, no extra arguments), so what is measured is what ships.
  log "scripts/build-release.sh"
  scripts/build-release.sh
  # The baselines are another package (crates/bench-page): their build cannot change the web app's.
  log "cargo build --release --locked -p bench-page"
  cargo build --release --locked -p bench-page
fi
require_release_build
for b in bench-bare bench-page; do
  [ -x "target/release/$b" ] || die "target/release/$b missing (build without BENCH_SKIP_BUILD)"
done
mcp_bin=""
$has_mcp && [ -x target/release/todo-mcp ] && mcp_bin=target/release/todo-mcp
# A todo-mcp built elsewhere (e.g. from another branch before it is merged) can be measured too.
if [ -n "${BENCH_MCP_BIN:-}" ]; then
  [ -x "$BENCH_MCP_BIN" ] || die "BENCH_MCP_BIN=$BENCH_MCP_BIN is not an executable"
  mcp_bin=$BENCH_MCP_BIN
  has_mcp=true
fi

# ---------------------------------------------------------------- services and data
rm -rf "$RES" && mkdir -p "$RES"
admin=$(scripts/ensure-postgres.sh)
# Not "todo_bench_": drop_stale_test_databases (make test-rust) drops those, even mid-run.
db=$(create_database "$admin" todo_benchrun)
url="$admin/$db"
cleanup() { stop_services; drop_database "$admin" "$db"; }
trap cleanup EXIT
sql() { psql -q -v ON_ERROR_STOP=1 -At "$url" "$@"; }

# todo-mcp first: the web app reports ready (/ready) only once the MCP server it calls answers, as deployed.
app_env=()
ready=/health
if [ -n "$mcp_bin" ]; then
  mcp_port=$(free_port)
  TODO_MCP_BIN=$mcp_bin RUST_LOG=$SERVER_LOG start_mcp "$url" "$mcp_port"
  mcp_pid=${SERVICE_PIDS[-1]}
  wait_ready "http://127.0.0.1:$mcp_port/health"
  app_env=(MCP_SERVER_URL="http://127.0.0.1:$mcp_port/mcp")
  ready=/ready
fi

port=$(free_port)
RUST_LOG=$SERVER_LOG start_app "$url" "$port" "${app_env[@]}"
app_pid=${SERVICE_PIDS[-1]}
base="http://127.0.0.1:$port"
wait_ready "$base$ready"
echo "$(proc_kb "$app_pid" VmRSS)" >"$RES/ssr_rss_start_kb.txt"

# signup EMAIL → prints the session cookie's value (a real account, created through the server function)
signup() { # EMAIL [BASE_URL]
  local jar=target/bench/cookies-$1.txt
  rm -f "$jar"
  curl -fsS -o /dev/null -c "$jar" --data-urlencode "email=$1" --data-urlencode "password=$PASSWORD" \
    "${2:-$base}/api/auth/signup"
  awk '$6 == "todo_session" { print $7 }' "$jar"
}
user_id() { sql -c "SELECT id FROM users WHERE email = '$1'"; }

# seed_tasks OWNER_ID_SQL N: N tasks (a third with a description, a quarter done), oldest first.
seed_sql() {
  cat <<SQL
INSERT INTO tasks (owner_id, title, description, done, created_at, updated_at)
SELECT u.id, 'Task number ' || t || ' of user ' || u.id,
       CASE WHEN t % 3 = 0 THEN 'Some details about task ' || t || ', long enough to look like a real note.' END,
       t % 4 = 0, now() - make_interval(mins => $2 - t), now()
FROM ($1) u, generate_series(1, $2) t
ORDER BY t, u.id;
SQL
}

log "seeding: 3 benchmark users with 50 tasks each, filler users up to 1,000 tasks in all"
cookie=$(signup bench@bench.invalid)
tti_cookie=$(signup tti@bench.invalid)
writer_cookie=$(signup writer@bench.invalid)
[ -n "$cookie" ] && [ -n "$tti_cookie" ] && [ -n "$writer_cookie" ] || die "signup did not set a session cookie"
uid=$(user_id bench@bench.invalid)
writer_uid=$(user_id writer@bench.invalid)
sql -c "INSERT INTO users (email, password_hash)
        SELECT 'filler-' || g || '@bench.invalid', '$FIXED_HASH' FROM generate_series(1, 17) g"
sql -c "$(seed_sql "SELECT id FROM users WHERE email LIKE '%@bench.invalid'" 50)"
# Settle the database before measuring: without this, autovacuum (triggered by the inserts) and a checkpoint
# can land inside a measurement and show up as a p99 spike.
sql -c "VACUUM (ANALYZE)"
sql -c "CHECKPOINT"
total_tasks=$(sql -c "SELECT count(*) FROM tasks")
[ "$total_tasks" = 1000 ] || die "expected 1000 seeded tasks, got $total_tasks"

# The page must really be the signed-in task page with 50 tasks, not a redirect to /login.
check_page() {
  local code body
  body=$(curl -sS -w '\n%{http_code}' -H "Cookie: todo_session=$cookie" "$base/")
  code=${body##*$'\n'}
  [ "$code" = 200 ] || die "GET / answered $code"
  [ "$(grep -Eo '<li [^>]*class="task' <<<"$body" | wc -l)" -ge 50 ] || die "GET / does not list 50 tasks"
}
check_page

# ---------------------------------------------------------------- load helpers
# wrk_run NAME URL [VAR=value…]: a short warm-up, then DURATION s of wrk; result → $RES/NAME.json
wrk_run() {
  local name=$1 target=$2
  shift 2
  env "$@" wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s scripts/bench/wrk.lua "$target" >/dev/null
  log "wrk $name: ${DURATION}s, $THREADS threads, $CONNS connections"
  env "$@" wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s scripts/bench/wrk.lua "$target" \
    >"$RES/$name.wrk.txt"
  grep '^BENCH_JSON ' "$RES/$name.wrk.txt" | sed 's/^BENCH_JSON //' >"$RES/$name.json"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('    %.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d' % (d['requests']/d['duration_us']*1e6, d['p50_us']/1e3, d['p99_us']/1e3, d['status_errors']+d['read_errors']+d['connect_errors']+d['timeouts']))" "$RES/$name.json" >&2
}
# rate_run NAME URL RATE [VAR=value…]: DURATION s at a fixed rate; result → $RES/NAME.json
rate_run() {
  local name=$1 target=$2 rate=$3
  shift 3
  log "fixed rate $name: $rate req/s for ${DURATION}s"
  env "$@" BENCH_CONNECTIONS="$CONNS" node scripts/bench/rate.mjs "$target" "$rate" "$DURATION" |
    grep '^BENCH_JSON ' | sed 's/^BENCH_JSON //' >"$RES/$name.json"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('    %d req/s achieved  p50 %.2f ms  p99 %.2f ms (from schedule %.2f ms)  errors %d' % (d['achieved_rate'], d['p50_us']/1e3, d['p99_us']/1e3, d['co_p99_us']/1e3, d['errors']))" "$RES/$name.json" >&2
}
half_of() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(max(1, round(d['requests']/d['duration_us']*1e6/2)))" "$RES/$1.json"; }
# rss_sampler PID FILE: the largest VmRSS (kB) seen every 0.2 s, until killed
rss_sampler() {
  local max=0 v
  while v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null); do
    [ -n "$v" ] && [ "$v" -gt "$max" ] && max=$v && echo "$max" >"$2"
    sleep 0.2
  done
}
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "$(load_avg)" >"$RES/load_start.txt"

cookie_hdr="Cookie: todo_session=$cookie"

# ---------------------------------------------------------------- SSR page (1k tasks in the database)
echo "$(proc_kb "$app_pid" VmRSS)" >"$RES/ssr_rss_idle_kb.txt"
rss_sampler "$app_pid" "$RES/ssr_rss_peak_kb.txt" &
sampler=$!
wrk_run ssr "$base/" BENCH_HEADERS="$cookie_hdr"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
ssr_half=$(half_of ssr)
echo "$ssr_half" >"$RES/ssr_half_rate.txt"
rate_run ssr_half "$base/" "$ssr_half" BENCH_HEADERS="$cookie_hdr"
# What a browser gets: the same page compressed (CompressionLayer picks br for this Accept-Encoding).
wrk_run ssr_br "$base/" BENCH_HEADERS="$cookie_hdr"$'\n'"Accept-Encoding: gzip, deflate, br"
echo "$(proc_kb "$app_pid" VmHWM)" >"$RES/ssr_hwm_kb.txt"

# ---------------------------------------------------------------- bare axum + sqlx baseline
bare_port=$(free_port)
mkdir -p target/logs
DATABASE_URL="$url" BENCH_BARE_ADDR="127.0.0.1:$bare_port" target/release/bench-bare \
  >"target/logs/bench-bare-$bare_port.log" 2>&1 &
SERVICE_PIDS+=($!)
bare_pid=$!
wait_ready "http://127.0.0.1:$bare_port/health"
bare_count=$(curl -fsS "http://127.0.0.1:$bare_port/tasks?owner=$uid" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$bare_count" = 50 ] || die "bench-bare returned $bare_count tasks, expected 50"
wrk_run bare "http://127.0.0.1:$bare_port/tasks?owner=$uid"
# The same fixed-rate client at half of its max too: how much of the page's half-load p99 is the machine's and the
# client's (Node, on the same two cores), not the page's.
rate_run bare_half "http://127.0.0.1:$bare_port/tasks?owner=$uid" "$(half_of bare)"
echo "$(proc_kb "$bare_pid" VmHWM)" >"$RES/bare_hwm_kb.txt"
kill "$bare_pid" 2>/dev/null || true

# ---------------------------------------------------------------- fair baseline: the same page by hand
# bench-page (crates/bench-page) serves the signed-in task page with the same session store and lookup, the same
# queries, the same outer layers and the same HTML, written with maud. Its page must be the same size as the web
# app's (within 10 %), or the comparison says nothing: the run stops.
# start_fair PORT [VAR=value...]: bench-page on PORT, its pid appended to SERVICE_PIDS; returns once it answers.
start_fair() {
  local port=$1
  shift
  env DATABASE_URL="$url" BENCH_PAGE_ADDR="127.0.0.1:$port" BENCH_HASH_FILE=target/release/hash.txt \
    RUST_LOG=$SERVER_LOG "$@" target/release/bench-page >"target/logs/bench-page-$port.log" 2>&1 &
  SERVICE_PIDS+=("$!")
  wait_ready "http://127.0.0.1:$port/health"
}

fair_baseline() {
  local port pid app_bytes fair_bytes
  port=$(free_port)
  start_fair "$port"
  pid=${SERVICE_PIDS[-1]}
  curl -fsS -H "$cookie_hdr" "$base/" >"$RES/page_app.html"
  curl -fsS -H "$cookie_hdr" "http://127.0.0.1:$port/" >"$RES/page_fair.html"
  app_bytes=$(wc -c <"$RES/page_app.html")
  fair_bytes=$(wc -c <"$RES/page_fair.html")
  printf '{"app_bytes": %d, "fair_bytes": %d}\n' "$app_bytes" "$fair_bytes" >"$RES/fair_html.json"
  log "task page HTML: web app $app_bytes bytes, bench-page $fair_bytes bytes"
  [ "$(grep -Eo '<li [^>]*class="task' "$RES/page_fair.html" | wc -l)" -ge 50 ] || die "bench-page does not list 50 tasks"
  python3 -c 'import sys; a, f = int(sys.argv[1]), int(sys.argv[2]); sys.exit(0 if abs(f - a) <= 0.10 * a else 1)' \
    "$app_bytes" "$fair_bytes" ||
    die "bench-page's task page is $fair_bytes bytes, the web app's $app_bytes: not within 10 % (compare $RES/page_app.html and $RES/page_fair.html)"
  wrk_run fair "http://127.0.0.1:$port/" BENCH_HEADERS="$cookie_hdr"
  rate_run fair_half "http://127.0.0.1:$port/" "$(half_of fair)" BENCH_HEADERS="$cookie_hdr"
  echo "$(proc_kb "$pid" VmHWM)" >"$RES/fair_hwm_kb.txt"
  kill "$pid" 2>/dev/null || true
}
fair_baseline

# ---------------------------------------------------------------- allocator A/B
# The web app and todo-mcp are built with mimalloc (src/main.rs); bench-page, the fair baseline, with glibc's
# allocator. So that the page ÷ fair baseline ratio can be read both ways, the fair baseline runs again with
# Debian's mimalloc preloaded (MIMALLOC_PURGE_DELAY=0, as the web app sets it), then with glibc once more, back to
# back, each a fresh instance with the same max-load run and RSS sampling.
mimalloc_ab() {
  local port pid
  for alloc in mimalloc system; do
    port=$(free_port)
    if [ "$alloc" = mimalloc ]; then
      start_fair "$port" LD_PRELOAD="$MIMALLOC_SO" MIMALLOC_PURGE_DELAY=0
    else
      start_fair "$port"
    fi
    pid=${SERVICE_PIDS[-1]}
    rss_sampler "$pid" "$RES/alloc_${alloc}_rss_peak_kb.txt" &
    sampler=$!
    wrk_run "alloc_$alloc" "http://127.0.0.1:$port/" BENCH_HEADERS="$cookie_hdr"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
}
if [ "${BENCH_MIMALLOC:-1}" != 0 ]; then
  if [ -e "$MIMALLOC_SO" ]; then mimalloc_ab; else log "no $MIMALLOC_SO: allocator A/B skipped"; fi
fi

# ---------------------------------------------------------------- shipped bytes
log "shipped bytes (target/site/pkg)"
# What a first load of / fetches: the files the signed-in task page links from /pkg (and their static JS
# imports), not the lazy chunks of other routes. sizes.py reads the links from this HTML.
curl -fsS -H 'Accept: text/html' -b "todo_session=$cookie" "$base/" >"$RES/index.html"
python3 scripts/bench/sizes.py target/site/pkg "$RES/index.html" >"$RES/sizes.json"
# How the main WASM (content-hashed name, as the page links it) is served: precompressed, and caching.
main_wasm=$(grep -oE '/pkg/todo-app(\.[A-Za-z0-9_-]{22})?\.wasm' "$RES/index.html" | head -1)
[ -n "$main_wasm" ] || die "the task page links no /pkg/todo-app[.<hash>].wasm"
echo "$main_wasm" >"$RES/pkg_wasm_path.txt"
curl -sS -o /dev/null -D "$RES/pkg_wasm_headers.txt" -w '%{time_total}\n' -H 'Accept-Encoding: gzip, deflate, br' \
  "$base$main_wasm" >"$RES/pkg_wasm_time_s.txt"

# ---------------------------------------------------------------- every page's first load
# What a first visit to each page fetches: its HTML (gzip -9; pages are served gzipped) and the /pkg files it links
# (brotli, as served). The task page and Settings signed in; log-in and sign-up signed out.
page_weights() {
  local path hdr name files=()
  for path in / /settings /login /signup; do
    hdr=()
    case $path in /login | /signup) ;; *) hdr=(-H "$cookie_hdr") ;; esac
    name=page$(tr '/' '_' <<<"$path")
    curl -fsS -H 'Accept: text/html' "${hdr[@]}" "$base$path" >"$RES/$name.html"
    python3 scripts/bench/sizes.py target/site/pkg "$RES/$name.html" >"$RES/$name.sizes.json"
    files+=("$path=$RES/$name")
  done
  python3 - "${files[@]}" >"$RES/page_weights.json" <<'PY'
import gzip, json, sys
pages = []
for arg in sys.argv[1:]:
    path, stem = arg.split("=", 1)
    html = open(stem + ".html", "rb").read()
    bundle = json.load(open(stem + ".sizes.json"))["total"]["brotli"]
    html_gz = len(gzip.compress(html, 9))
    pages.append({"path": path, "html_raw": len(html), "html_gzip": html_gz, "bundle_brotli": bundle,
                  "total": html_gz + bundle})
print(json.dumps(pages))
PY
}
page_weights

# ---------------------------------------------------------------- time to interactive
log "time to interactive: Chromium, median of $TTI_N cold loads (+ $TTI_N warm reloads)"
node end2end/bench/tti.mjs "$base" "$tti_cookie" "$TTI_N" | grep '^BENCH_JSON ' | sed 's/^BENCH_JSON //' >"$RES/tti.json"
cat "$RES/tti.json" >&2

# ---------------------------------------------------------------- Lighthouse
# Mobile and desktop presets on the signed-in task page (end2end/bench/lighthouse.mjs: loopback only, bounded).
lighthouse_runs() {
  log "Lighthouse: mobile and desktop presets"
  timeout 300 node end2end/bench/lighthouse.mjs "$base" "$cookie" "$RES" | grep '^BENCH_JSON ' |
    sed 's/^BENCH_JSON //' >"$RES/lighthouse.json" || die "Lighthouse failed"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k, v in d.items(): print("    %s: performance %s, accessibility %s, best practices %s, SEO %s; LCP %.0f ms, TBT %.0f ms, CLS %.3f, %.1f KB" % (k, v["performance"], v["accessibility"], v["best_practices"], v["seo"], v["lcp_ms"], v["tbt_ms"], v["cls"], v["total_bytes"] / 1e3))' \
    "$RES/lighthouse.json" >&2
}
[ "${BENCH_LIGHTHOUSE:-1}" = 0 ] || lighthouse_runs

# ---------------------------------------------------------------- MCP list_tasks
if [ -n "$mcp_bin" ]; then
  # A personal access token for the bench user: only its SHA-256 is stored (see the api_tokens migration).
  pat="todo_pat_$(python3 -c 'import base64,secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode())')"
  pat_hash=$(printf '%s' "$pat" | sha256sum | cut -d' ' -f1)
  sql -c "INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($uid, 'bench', '$pat_hash', '${pat:0:13}')"
  mcp_body='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_tasks","arguments":{}}}'
  mcp_hdrs="Authorization: Bearer $pat"$'\n'"Content-Type: application/json"$'\n'"Accept: application/json, text/event-stream"$'\n'"MCP-Protocol-Version: 2025-06-18"
  mcp_check=$(curl -sS -X POST "http://127.0.0.1:$mcp_port/mcp" -H "Authorization: Bearer $pat" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2025-06-18' -d "$mcp_body")
  if grep -q '"count":50' <<<"$mcp_check"; then
    wrk_run mcp "http://127.0.0.1:$mcp_port/mcp" BENCH_METHOD=POST BENCH_BODY="$mcp_body" BENCH_HEADERS="$mcp_hdrs"
    rate_run mcp_half "http://127.0.0.1:$mcp_port/mcp" "$(half_of mcp)" \
      BENCH_METHOD=POST BENCH_BODY="$mcp_body" BENCH_HEADERS="$mcp_hdrs"
    # The budget names no load: also measure at a light, fixed 50 req/s (one client at a time, mostly).
    rate_run mcp_light "http://127.0.0.1:$mcp_port/mcp" 50 \
      BENCH_METHOD=POST BENCH_BODY="$mcp_body" BENCH_HEADERS="$mcp_hdrs"
    echo "$(proc_kb "$mcp_pid" VmHWM)" >"$RES/mcp_hwm_kb.txt"
  else
    # Not fatal: the rest of the table is still worth having. The answer goes into the report.
    log "MCP tools/call list_tasks did not return 50 tasks: ${mcp_check:0:300}"
    printf '%s' "${mcp_check:0:300}" >"$RES/mcp_error.txt"
  fi
else
  log "todo-mcp not built in this checkout: its rows are n/a"
fi

# ---------------------------------------------------------------- instructions per request
# A stable cost beside req/s (which swings ±30 % with the machine's load): each server again, alone, under
# callgrind on a port of its own and the same database (scripts/bench/instructions.sh).
instructions_rows() {
  local p
  p=$(free_port)
  scripts/bench/instructions.sh ssr "$INSTR_N" "http://127.0.0.1:$p/health" "http://127.0.0.1:$p/" \
    -H "$cookie_hdr" -- DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$p" LEPTOS_SITE_ROOT=target/site \
    LEPTOS_ENV=PROD RUST_LOG="$SERVER_LOG" "${app_env[@]}" target/release/todo-app
  p=$(free_port)
  scripts/bench/instructions.sh fair "$INSTR_N" "http://127.0.0.1:$p/health" "http://127.0.0.1:$p/" \
    -H "$cookie_hdr" -- DATABASE_URL="$url" BENCH_PAGE_ADDR="127.0.0.1:$p" \
    BENCH_HASH_FILE=target/release/hash.txt RUST_LOG="$SERVER_LOG" target/release/bench-page
  p=$(free_port)
  scripts/bench/instructions.sh bare "$INSTR_N" "http://127.0.0.1:$p/health" "http://127.0.0.1:$p/tasks?owner=$uid" \
    -- DATABASE_URL="$url" BENCH_BARE_ADDR="127.0.0.1:$p" target/release/bench-bare
  if [ -n "$mcp_bin" ] && [ -n "${pat:-}" ]; then
    p=$(free_port)
    scripts/bench/instructions.sh mcp "$INSTR_N" "http://127.0.0.1:$p/health" "http://127.0.0.1:$p/mcp" \
      -X POST -H "Authorization: Bearer $pat" -H 'Content-Type: application/json' \
      -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' --data "$mcp_body" \
      -- DATABASE_URL="$url" MCP_BIND="127.0.0.1:$p" RUST_LOG="${SERVER_LOG},rmcp=warn" "$mcp_bin"
  fi
}
if [ "$INSTR_N" -gt 0 ]; then
  export INSTR_OUT=$RES
  instructions_rows
fi

# ---------------------------------------------------------------- server functions
writer_hdr="Cookie: todo_session=$writer_cookie"
wrk_run fn_add "$base/api/tasks/add" BENCH_METHOD=POST BENCH_MODE=add BENCH_HEADERS="$writer_hdr"
toggle_ids=$(sql -c "SELECT string_agg(id::text, ',') FROM tasks WHERE owner_id = $writer_uid AND title LIKE 'Task number %'")
wrk_run fn_toggle "$base/api/tasks/set_done" BENCH_METHOD=POST BENCH_MODE=toggle BENCH_IDS="$toggle_ids" \
  BENCH_HEADERS="$writer_hdr"
sql -c "DELETE FROM tasks WHERE owner_id = $writer_uid AND title LIKE 'bench %'"
check_page

# ---------------------------------------------------------------- scale: the same page with 1M tasks
# A second database and app instance with SCALE_TASKS tasks, measured in alternation with the 1k one
# (same rate, same duration, BENCH_SCALE_ROUNDS rounds each): on a shared machine the load drifts within minutes, and
# only interleaved runs compare the two fairly.
if [ "$SCALE_TASKS" -gt 1000 ]; then
  db2=$(create_database "$admin" todo_benchrun)
  cleanup() { stop_services; drop_database "$admin" "$db"; drop_database "$admin" "$db2"; }
  port2=$(free_port)
  RUST_LOG=$SERVER_LOG start_app "$admin/$db2" "$port2" "${app_env[@]}"
  base2="http://127.0.0.1:$port2"
  wait_ready "$base2$ready"
  cookie2=$(signup bench@bench.invalid "$base2")
  [ -n "$cookie2" ] || die "signup on the scale instance did not set a session cookie"
  extra_users=$(((SCALE_TASKS - 50) / 50))
  log "scale: second database with $extra_users users × 50 tasks + the benchmark user ($SCALE_TASKS tasks)"
  t0=$(date +%s)
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "INSERT INTO users (email, password_hash)
    SELECT 'scale-' || g || '@bench.invalid', '$FIXED_HASH' FROM generate_series(1, $extra_users) g"
  # Foreign-key triggers off for the bulk insert only (owners exist by construction): 1M checks cost minutes.
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "SET session_replication_role = replica;
    $(seed_sql "SELECT id FROM users WHERE email LIKE '%@bench.invalid'" 50)"
  # Triggers were off too: set the counts the task page shows (task_counts) as they would have kept them.
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "UPDATE task_counts c SET live = n.live, open = n.open
    FROM (SELECT owner_id, count(*) FILTER (WHERE deleted_at IS NULL) AS live,
                 count(*) FILTER (WHERE deleted_at IS NULL AND NOT done) AS open FROM tasks GROUP BY owner_id) n
    WHERE c.owner_id = n.owner_id"
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "VACUUM ANALYZE"
  # Flush the bulk load's dirty pages now, not in a checkpoint in the middle of the measurements.
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "CHECKPOINT"
  echo "$(($(date +%s) - t0))" >"$RES/scale_seed_s.txt"
  psql -At "$admin/$db2" -c "SELECT count(*) FROM tasks" >"$RES/scale_tasks.txt"
  psql -At "$url" -c "SELECT count(*) FROM tasks" >"$RES/scale_small_tasks.txt"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: todo_session=$cookie2" "$base2/")
  [ "$code" = 200 ] || die "GET / on the scale instance answered $code"
  for b in "$base/|$cookie_hdr" "$base2/|Cookie: todo_session=$cookie2"; do # warm both up alike
    BENCH_HEADERS="${b#*|}" wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s scripts/bench/wrk.lua "${b%%|*}" >/dev/null
  done
  for round in $(seq 1 "$SCALE_ROUNDS"); do
    rate_run "scale_small_r$round" "$base/" "$ssr_half" BENCH_HEADERS="$cookie_hdr"
    rate_run "scale_large_r$round" "$base2/" "$ssr_half" BENCH_HEADERS="Cookie: todo_session=$cookie2"
  done
  wrk_run scale_small "$base/" BENCH_HEADERS="$cookie_hdr"
  wrk_run scale_large "$base2/" BENCH_HEADERS="Cookie: todo_session=$cookie2"

  # Issue 12: one user with HEAVY_TASKS tasks among the others (due dates spread over two months around today,
  # a fifth of each kind of title, a quarter done), and their Today view and a search, each at max load and at
  # half of that rate. The pages are paged (50 rows), so what grows is the work to find them.
  log "scale: a user with $HEAVY_TASKS tasks; Today view and search"
  cookie_heavy=$(signup heavy@bench.invalid "$base2")
  [ -n "$cookie_heavy" ] || die "signup of the heavy user did not set a session cookie"
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "INSERT INTO tasks (owner_id, title, description, done, priority,
      due_date, created_at, updated_at)
    SELECT u.id, (ARRAY['Send invoice', 'Write report', 'Call supplier', 'Buy groceries', 'Plan trip'])[t % 5 + 1]
             || ' ' || t,
           CASE WHEN t % 3 = 0 THEN 'Notes for item ' || t || ', long enough to look like a real note.' END,
           t % 4 = 0, t % 5, (now() AT TIME ZONE 'UTC')::date + (t % 60) - 30,
           now() - make_interval(mins => $HEAVY_TASKS - t), now()
    FROM users u, generate_series(1, $HEAVY_TASKS) t WHERE u.email = 'heavy@bench.invalid'"
  psql -q -v ON_ERROR_STOP=1 "$admin/$db2" -c "VACUUM ANALYZE tasks"
  heavy_hdr="Cookie: todo_session=$cookie_heavy"
  for path in "/?view=today" "/?q=report"; do
    body=$(curl -fsS -H "$heavy_hdr" "$base2$path")
    [ "$(grep -Eo '<li [^>]*class="task' <<<"$body" | wc -l)" -ge 1 ] || die "GET $path lists no task"
  done
  echo "$HEAVY_TASKS" >"$RES/heavy_tasks.txt"
  wrk_run scale_today "$base2/?view=today" BENCH_HEADERS="$heavy_hdr"
  rate_run scale_today_half "$base2/?view=today" "$(half_of scale_today)" BENCH_HEADERS="$heavy_hdr"
  wrk_run scale_search "$base2/?q=report" BENCH_HEADERS="$heavy_hdr"
  rate_run scale_search_half "$base2/?q=report" "$(half_of scale_search)" BENCH_HEADERS="$heavy_hdr"
fi
echo "$(load_avg)" >"$RES/load_end.txt"

# ---------------------------------------------------------------- report
cat >"$RES/meta.json" <<JSON
{"command": "make bench", "env": "$(env | grep -E '^BENCH_' | sort | tr '\n' ' ' | sed 's/"/\\"/g')",
 "duration_s": $DURATION, "threads": $THREADS, "connections": $CONNS, "tti_n": $TTI_N, "warmup_s": $WARMUP,
 "server_log": "$SERVER_LOG", "has_mcp": $has_mcp, "mcp_bin": "$mcp_bin", "mcp_built": $([ -n "$mcp_bin" ] && echo true || echo false),
 "commit": "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo '+changes')",
 "elapsed_s": $(($(date +%s) - started))}
JSON
python3 scripts/bench/report.py "$RES" "$OUT"
