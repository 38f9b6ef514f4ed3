#!/usr/bin/env bash
# Runs the release artefacts laid out exactly as the Dockerfile's runtime stages copy them, without Docker:
#   - reads the `app` and `mcp-server` stages of the Dockerfile (COPY --from=builder, ENV, USER, WORKDIR,
#     ENTRYPOINT, HEALTHCHECK) so this test cannot drift from the image;
#   - copies the artefacts into a temporary root (<tmp>/app-image/app/todo-app, <tmp>/app-image/app/site, ...)
#     with no Cargo.toml, source or .env beside them; absolute /app paths in ENV are rewritten to that root;
#   - starts both binaries as the image's numeric user (65532, via setpriv when run as root) with only the
#     image's ENV plus what compose/Kubernetes would pass (DATABASE_URL, MCP_TOKEN_SECRET, ...), on free
#     loopback ports, against a fresh Postgres database (dropped at exit);
#   - checks /, /login (hydration script + wasm link, the content-hashed names of hash.txt), /pkg/*.wasm (as built,
#     brotli-precompressed, `Cache-Control: immutable` when hashed), /health, /ready, `<binary> healthcheck`,
#     todo-mcp /health, an authenticated MCP initialize + tools/list (6 tools), and that ldd of both binaries
#     lists nothing outside glibc/libgcc (what gcr.io/distroless/cc-debian12 provides).
#
# It does NOT build anything. Build first (make test does it once and reuses the artefacts):
#   scripts/build-release.sh   (cargo leptos build --release --precompress; cargo build --release -p todo-mcp)
#
# Environment (all optional):
#   PROFILE=release            which target/<profile>/ holds the binaries (debug works for a quick local run)
#   CARGO_TARGET_DIR=target    where the build output is
#   APP_BIN, MCP_BIN, SITE_DIR override the artefact paths one by one
#   DATABASE_ADMIN_URL=postgres://postgres@127.0.0.1:5432   a server (no database name) where this test may
#                              CREATE DATABASE; `make` passes what scripts/ensure-postgres.sh prints
#   EXPECTED_MCP_TOOLS=6       how many tools tools/list must return (the five task tools + list_tags)
#   KEEP_LAYOUT=1              keep the temporary root and logs for inspection
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

profile=${PROFILE:-release}
target_dir=${CARGO_TARGET_DIR:-target}
case "$target_dir" in /*) ;; *) target_dir="$repo/$target_dir" ;; esac
app_bin=${APP_BIN:-$target_dir/$profile/todo-app}
mcp_bin=${MCP_BIN:-$target_dir/$profile/todo-mcp}
site_dir=${SITE_DIR:-$target_dir/site}
admin_url=${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432}
admin_url=${admin_url%/}
expected_tools=${EXPECTED_MCP_TOOLS:-6}

log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# --- preconditions -------------------------------------------------------------------------------------------
missing=()
[ -x "$app_bin" ] || missing+=("$app_bin (cargo leptos build --release)")
[ -x "$mcp_bin" ] || missing+=("$mcp_bin (cargo build --release --locked -p todo-mcp)")
# The bundle's main files: todo-app.{js,wasm}, or todo-app.<hash>.{js,wasm} with hash-files (names in hash.txt,
# which then must sit beside the binary, where leptos reads it).
pkg_main() { # pkg_main <ext>: the main bundle file's name in site/pkg, or nothing
  local f
  for f in "$site_dir"/pkg/todo-app.*"$1" "$site_dir/pkg/todo-app.$1"; do
    [[ "$(basename "$f")" =~ ^todo-app(\.[A-Za-z0-9_-]{22})?\.$1$ ]] && [ -f "$f" ] && { basename "$f"; return; }
  done
}
main_wasm=$(pkg_main wasm)
main_js=$(pkg_main js)
[ -n "$main_wasm" ] && [ -n "$main_js" ] || missing+=("$site_dir/pkg/todo-app[.<hash>].{js,wasm} (scripts/build-release.sh)")
hashed=false
[[ "$main_wasm" =~ ^todo-app\.[A-Za-z0-9_-]{22}\.wasm$ ]] && hashed=true
if $hashed && [ ! -f "$(dirname "$app_bin")/hash.txt" ]; then
  missing+=("$(dirname "$app_bin")/hash.txt (hashed bundle names; scripts/build-release.sh writes it)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf '\033[1;31mERROR: release artefacts missing; this test does not build them. Missing:\033[0m\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "Build them first (make test does), or point PROFILE/APP_BIN/MCP_BIN/SITE_DIR at existing ones." >&2
  exit 1
fi
for tool in curl psql python3 ldd; do
  command -v "$tool" >/dev/null || die "$tool is required"
done
psql "$admin_url/postgres" -Atqc 'SELECT 1' >/dev/null || die "no Postgres at $admin_url"

# --- read the runtime stages from the Dockerfile ------------------------------------------------------------
# Prints shell assignments: <prefix>_copies (src dst pairs), _env (K=V), _user, _workdir, _entrypoint, _health.
dockerfile_stage() { # dockerfile_stage <stage> <prefix>
  python3 - "$1" "$2" <<'EOF'
import json, re, shlex, sys
stage, prefix = sys.argv[1], sys.argv[2]
logical, buf = [], ""
for raw in open("Dockerfile", encoding="utf-8"):
    line = raw.rstrip("\n")
    if not buf and (not line.strip() or line.lstrip().startswith("#")):
        continue
    if line.lstrip().startswith("#"):
        continue  # comment inside a continued instruction
    if line.endswith("\\"):
        buf += line[:-1] + " "
        continue
    logical.append(buf + line)
    buf = ""
current, info = None, {"copies": [], "env": [], "user": "", "workdir": "/", "entrypoint": [], "health": []}
found = False
for line in logical:
    word, _, rest = line.strip().partition(" ")
    word = word.upper()
    if word == "FROM":
        m = re.search(r"\s+AS\s+(\S+)\s*$", rest, re.I)
        current = m.group(1) if m else None
        found = found or current == stage
        continue
    if current != stage:
        continue
    if word == "COPY":
        args = shlex.split(rest)
        flags = [a for a in args if a.startswith("--")]
        paths = [a for a in args if not a.startswith("--")]
        if not ({"--from=builder", "--from=mcp-builder"} & set(flags)) or len(paths) != 2:
            sys.exit(f"unsupported COPY in stage {stage}: {line}")
        info["copies"] += paths
    elif word == "ENV":
        for kv in shlex.split(rest):
            if "=" not in kv:
                sys.exit(f"ENV without '=' in stage {stage}: {line}")
            info["env"].append(kv)
    elif word == "USER":
        info["user"] = rest.strip()
    elif word == "WORKDIR":
        info["workdir"] = rest.strip()
    elif word == "ENTRYPOINT":
        info["entrypoint"] = json.loads(rest)
    elif word == "HEALTHCHECK":
        info["health"] = json.loads(rest[rest.index("CMD") + 3:])
if not found:
    sys.exit(f"no stage named {stage} in Dockerfile")
q = shlex.quote
print(f"{prefix}_copies=({' '.join(map(q, info['copies']))})")
print(f"{prefix}_env=({' '.join(map(q, info['env']))})")
print(f"{prefix}_user={q(info['user'])}")
print(f"{prefix}_workdir={q(info['workdir'])}")
print(f"{prefix}_entrypoint=({' '.join(map(q, info['entrypoint']))})")
print(f"{prefix}_health=({' '.join(map(q, info['health']))})")
EOF
}
app_copies=() app_env=() app_user='' app_workdir='' app_entrypoint=() app_health=()
mcp_copies=() mcp_env=() mcp_user='' mcp_workdir='' mcp_entrypoint=() mcp_health=()
eval "$(dockerfile_stage app app)"
eval "$(dockerfile_stage mcp-server mcp)"

# --- temporary root, database, processes: all removed at exit -----------------------------------------------
root=$(mktemp -d /tmp/todo-layout.XXXXXX)
chmod 755 "$root"
db="todo_layout_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$admin_url/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "${KEEP_LAYOUT:-}" = 1 ]; then
    echo "kept $root" >&2
  else
    rm -rf "$root"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Builder paths (WORKDIR /build) -> the artefacts this test was given.
builder_src() {
  case "$1" in
    /build/target/release/todo-app) echo "$app_bin" ;;
    /build/target/release/todo-mcp) echo "$mcp_bin" ;;
    /build/target/release/hash.txt) echo "$(dirname "$app_bin")/hash.txt" ;;
    /build/target/site) echo "$site_dir" ;;
    /build/*) echo "$repo/${1#/build/}" ;;
    *) die "COPY source outside the builder's /build: $1" ;;
  esac
}
# lay_out <image root> <copies...>: what `COPY --from=builder src dst` does (root-owned, modes kept, world-readable).
lay_out() {
  local image=$1
  shift
  while [ $# -gt 0 ]; do
    local src dst
    src=$(builder_src "$1")
    dst="$image$2"
    shift 2
    mkdir -p "$(dirname "$dst")"
    cp -R --preserve=mode "$src" "$dst"
  done
  chmod -R a+rX,go-w "$image"
}
# image_path <image root> <value>: a path inside the image, as seen from the host.
image_path() { case "$2" in /app | /app/*) echo "$1$2" ;; *) echo "$2" ;; esac; }

log "laying out the runtime stages under $root"
app_root="$root/app-image"
mcp_root="$root/mcp-image"
lay_out "$app_root" "${app_copies[@]}"
lay_out "$mcp_root" "${mcp_copies[@]}"
(cd "$root" && find . -mindepth 1 -not -path '*/site/*/*' | sort | sed 's/^/   /') >&2
[ ! -e "$app_root/app/Cargo.toml" ] && [ ! -e "$app_root/app/src" ] || die "source leaked into the layout"

# Run as the image's USER: numeric uid:gid, as root through setpriv; a non-root caller runs as itself.
user=${app_user%%:*}
group=${app_user#*:}
[[ "$user" =~ ^[0-9]+$ ]] || die "Dockerfile USER must be numeric, got '$app_user'"
[ "$app_user" = "$mcp_user" ] || die "app and mcp-server stages run as different users ($app_user, $mcp_user)"
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || die "setpriv (util-linux) is required to drop to uid $user"
  as_image_user=(setpriv "--reuid=$user" "--regid=$group" --clear-groups)
else
  as_image_user=()
  user=$(id -u)
  log "not root: running as uid $user instead of $app_user"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
mcp_port=$(free_port)
while [ "$mcp_port" = "$app_port" ]; do mcp_port=$(free_port); done
token_secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')

log "creating database $db on $admin_url"
psql "$admin_url/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db" >/dev/null
database_url="$admin_url/$db"

# The image's ENV (with /app paths inside the layout), then what the orchestrator adds (compose.yaml, k8s).
stage_env() { # stage_env <image root> <KEY=VALUE from the Dockerfile...>
  local image=$1 kv
  shift
  for kv in "$@"; do printf '%s=%s\n' "${kv%%=*}" "$(image_path "$image" "${kv#*=}")"; done
}
mapfile -t app_run_env < <(stage_env "$app_root" "${app_env[@]}")
mapfile -t mcp_run_env < <(stage_env "$mcp_root" "${mcp_env[@]}")
app_env=("${app_run_env[@]}")
mcp_env=("${mcp_run_env[@]}")
app_env+=("LEPTOS_SITE_ADDR=127.0.0.1:$app_port" "DATABASE_URL=$database_url" "MCP_TOKEN_SECRET=$token_secret"
  "MCP_SERVER_URL=http://127.0.0.1:$mcp_port/mcp" "RUST_LOG=info")
mcp_env+=("MCP_BIND=127.0.0.1:$mcp_port" "DATABASE_URL=$database_url" "MCP_TOKEN_SECRET=$token_secret"
  "MCP_ALLOWED_HOSTS=127.0.0.1:$mcp_port,127.0.0.1,localhost" "RUST_LOG=info")

# exec_in <image root> <workdir> <env array name> <argv...>: replaces the current (sub)shell with argv run as
# the image user, in the image's workdir, with exactly the given environment (what the container runtime does).
exec_in() {
  local image=$1 workdir=$2
  local -n envs=$3
  shift 3
  local argv=("$@")
  argv[0]=$(image_path "$image" "${argv[0]}")
  cd "$(image_path "$image" "$workdir")" || exit 1
  exec "${as_image_user[@]}" env -i "${envs[@]}" "${argv[@]}"
}
# run_in: the same in a subshell, returning the binary's exit status.
run_in() { (exec_in "$@"); }

log "starting todo-mcp (:$mcp_port) and todo-app (:$app_port) together (both migrate; advisory lock)"
# Backgrounded functions run in a subshell that exec_in replaces: $! is the server's own pid.
exec_in "$mcp_root" "$mcp_workdir" mcp_env "${mcp_entrypoint[@]}" >"$root/mcp.log" 2>&1 &
pids+=($!)
mcp_pid=$!
exec_in "$app_root" "$app_workdir" app_env "${app_entrypoint[@]}" >"$root/app.log" 2>&1 &
pids+=($!)
app_pid=$!

wait_healthy() { # wait_healthy <name> <pid> <url>
  local name=$1 pid=$2 url=$3
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "--- $name log ---" >&2
      cat "$root/$name.log" >&2
      die "$name exited before answering $url"
    fi
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "--- $name log ---" >&2
  tail -50 "$root/$name.log" >&2
  die "$name did not answer $url within 60 s"
}
wait_healthy mcp "$mcp_pid" "http://127.0.0.1:$mcp_port/health"
wait_healthy app "$app_pid" "http://127.0.0.1:$app_port/health"

# --- checks ----------------------------------------------------------------------------------------------------
passed=0
failed=0
ok() { printf '\033[1;32mok\033[0m   %s\n' "$1"; passed=$((passed + 1)); }
ko() {
  printf '\033[1;31mFAIL\033[0m %s\n' "$1"
  [ -n "${2:-}" ] && printf '     %s\n' "${2:0:600}"
  failed=$((failed + 1))
}
check() { # check <description> <command...>
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$what"; else ko "$what" "$out"; fi
}

app="http://127.0.0.1:$app_port"
mcp="http://127.0.0.1:$mcp_port"
body="$root/body"
# http <url> [curl args...]: prints "<status>|<content-type>|<redirect>" and leaves the body in $body.
# Read it with: IFS='|' read -r status ctype redirect < <(http ...)
http() {
  local url=$1
  shift
  curl -sS --max-time 10 -o "$body" -w '%{http_code}|%{content_type}|%{redirect_url}\n' "$@" "$url"
}

runs_as_image_user() {
  local pid uid
  for pid in $(pgrep -P "$app_pid") $(pgrep -P "$mcp_pid") "$app_pid" "$mcp_pid"; do
    uid=$(ps -o uid= -p "$pid" | tr -d ' ')
    [ "$uid" = "$user" ] || { echo "pid $pid runs as uid $uid"; return 1; }
  done
}
check "both processes run as uid $user" runs_as_image_user

# A known secret lets anyone mint a user token: both binaries must refuse to start with the placeholder the example
# files used to ship (it passed the old length-only check), and must not echo it.
refuses_placeholder_secret() { # refuses_placeholder_secret <image root> <workdir> <env array name> <argv...>
  local image=$1 workdir=$2 placeholder=change-me-to-a-long-random-string out
  local -n base_env=$3
  shift 3
  local bad_env=("${base_env[@]/#MCP_TOKEN_SECRET=*/MCP_TOKEN_SECRET=$placeholder}")
  if out=$(timeout 20 bash -c "$(declare -f exec_in image_path); $(declare -p as_image_user bad_env); \
      exec_in \"\$@\"" _ "$image" "$workdir" bad_env "$@" 2>&1); then
    echo "started with MCP_TOKEN_SECRET=$placeholder"; return 1
  fi
  grep -q 'MCP_TOKEN_SECRET' <<<"$out" || { echo "no message naming MCP_TOKEN_SECRET: ${out:0:300}"; return 1; }
  ! grep -qF "$placeholder" <<<"$out" || { echo "the error echoes the secret"; return 1; }
}
check "todo-mcp refuses a placeholder MCP_TOKEN_SECRET" \
  refuses_placeholder_secret "$mcp_root" "$mcp_workdir" mcp_env "${mcp_entrypoint[@]}"
check "todo-app refuses a placeholder MCP_TOKEN_SECRET" \
  refuses_placeholder_secret "$app_root" "$app_workdir" app_env "${app_entrypoint[@]}"

# Pages are requested as a browser does: with Accept: text/html.
browser=(-H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
index_page() {
  local status
  IFS='|' read -r status _ redirect < <(http "$app/" "${browser[@]}")
  case "$status" in
    200) grep -qF "$main_wasm" "$body" || { echo "/ has no link to $main_wasm"; return 1; } ;;
    30[1237]) [[ "$redirect" == */login* ]] || { echo "/ redirects to '$redirect', not /login"; return 1; } ;;
    *) echo "/ answered $status" && return 1 ;;
  esac
}
check "GET / answers 200 or redirects to /login" index_page

login_page() {
  local status
  IFS='|' read -r status ctype _ < <(http "$app/login" "${browser[@]}")
  [ "$status" = 200 ] || { echo "/login answered $status"; return 1; }
  [[ "$ctype" == text/html* ]] || { echo "content-type $ctype"; return 1; }
  # The names the server puts in the page are the built ones (with hash-files: read from hash.txt).
  grep -qF "/pkg/$main_js" "$body" || { echo "no /pkg/$main_js in the page"; return 1; }
  grep -qF "/pkg/$main_wasm" "$body" || { echo "no /pkg/$main_wasm in the page"; return 1; }
  # What the page links to from this server (script, wasm, stylesheet, icon) must be served: e.g. a server
  # built without cargo-leptos (LEPTOS_OUTPUT_NAME unset at compile time) preloads pkg/todo-app_bg.wasm,
  # which does not exist.
  local links link
  links=$(grep -oE '<link[^>]+>' "$body" | grep -oE 'href="/[^/"][^"]*"' | cut -d'"' -f2)
  [ -n "$links" ] || { echo "no links in the page"; return 1; }
  for link in $links; do
    IFS='|' read -r status _ _ < <(http "$app$link")
    [ "$status" = 200 ] || { echo "the page links to $link, which answers $status"; return 1; }
  done
}
check "GET /login is 200 HTML linking /pkg/$main_js and /pkg/$main_wasm, and every file it links to is served" login_page

static_files() {
  local status ctype f
  IFS='|' read -r status ctype _ < <(http "$app/pkg/$main_wasm")
  [ "$status" = 200 ] || { echo "/pkg/$main_wasm answered $status"; return 1; }
  [ "$ctype" = application/wasm ] || { echo "/pkg/$main_wasm content-type '$ctype'"; return 1; }
  [ "$(head -c4 "$body" | od -An -tx1 | tr -d ' ')" = 0061736d ] || { echo "not a wasm module"; return 1; }
  cmp -s "$body" "$site_dir/pkg/$main_wasm" || { echo "served wasm differs from the built one"; return 1; }
  # Every other file of the site (JS, CSS, public/ files) is served too.
  while IFS= read -r f; do
    IFS='|' read -r status _ _ < <(http "$app/$f")
    [ "$status" = 200 ] || { echo "/$f answered $status"; return 1; }
  done < <(cd "$site_dir" && find . -type f ! -name '*.wasm' | sed 's|^\./||' | head -50)
}
check "GET /pkg/$main_wasm (application/wasm, same bytes) and every site file answer 200" static_files

# Caching: content-hashed bundle files for a year, everything else revalidated; brotli from the .br sibling.
static_headers() {
  local headers="$root/static-headers" f want
  local files=("pkg/$main_wasm" "pkg/$main_js" favicon.svg)
  for f in "$site_dir"/pkg/*.wasm; do # the lazy chunks of a split build
    [ "$(basename "$f")" = "$main_wasm" ] || files+=("pkg/$(basename "$f")")
  done
  for f in "${files[@]}"; do
    [ -f "$site_dir/$f" ] || continue
    curl -sS --max-time 10 -o /dev/null -D "$headers" -H 'Accept-Encoding: gzip, deflate, br' "$app/$f" ||
      { echo "/$f failed"; return 1; }
    if $hashed && [[ "$f" == pkg/* ]]; then want='public, max-age=31536000, immutable'; else want='no-cache'; fi
    grep -qi "^cache-control: $want" "$headers" || { echo "/$f: $(grep -i '^cache-control' "$headers" || echo 'no Cache-Control'), want '$want'"; return 1; }
    if [ -f "$site_dir/$f.br" ]; then
      grep -qi '^content-encoding: br' "$headers" || { echo "/$f is not served from its .br sibling"; return 1; }
    fi
  done
}
check "Cache-Control: immutable for hashed /pkg files, no-cache otherwise; .br served for Accept-Encoding: br" static_headers

health() { # health <base url> <path> <expect in body>
  local status
  IFS='|' read -r status _ _ < <(http "$1$2")
  [ "$status" = 200 ] || { echo "$2 answered $status: $(cat "$body")"; return 1; }
  grep -q "$3" "$body" || { echo "$2 body: $(cat "$body")"; return 1; }
}
check "todo-app GET /health is 200 {\"status\":\"ok\"}" health "$app" /health '"status":"ok"'
check "todo-app GET /ready is 200" health "$app" /ready '"status":"ok"'
check "todo-mcp GET /health is 200" health "$mcp" /health 'ok'

check "todo-app healthcheck (the image's HEALTHCHECK) exits 0" run_in "$app_root" "$app_workdir" app_env "${app_health[@]}"
check "todo-mcp healthcheck (the image's HEALTHCHECK) exits 0" run_in "$mcp_root" "$mcp_workdir" mcp_env "${mcp_health[@]}"
healthcheck_fails_when_down() {
  local dead
  dead=$(free_port)
  # shellcheck disable=SC2034 # used through run_in's nameref
  local -a down_env=("${app_env[@]}" "LEPTOS_SITE_ADDR=127.0.0.1:$dead")
  ! run_in "$app_root" "$app_workdir" down_env "${app_health[@]}"
}
check "todo-app healthcheck exits non-zero when nothing listens" healthcheck_fails_when_down

# MCP: a user with a personal access token (as the settings page would create), then initialize + tools/list.
pat="todo_pat_$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
pat_hash=$(printf '%s' "$pat" | sha256sum | cut -d' ' -f1)
psql "$database_url" -v ON_ERROR_STOP=1 -qAt >/dev/null <<SQL
WITH u AS (INSERT INTO users (email, password_hash) VALUES ('layout-test@example.com', '!') RETURNING id)
INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'layout test', '$pat_hash', '${pat:0:13}' FROM u;
SQL
mcp_headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
  -H 'MCP-Protocol-Version: 2025-06-18')
# jsonrpc_result <id>: the JSON-RPC response with that id from $body (plain JSON or an SSE stream).
jsonrpc_result() {
  python3 - "$1" "$body" <<'EOF'
import json, sys
want, text = int(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read()
candidates = [text] + [l[5:].strip() for l in text.splitlines() if l.startswith("data:")]
for c in candidates:
    try:
        msg = json.loads(c)
    except ValueError:
        continue
    if isinstance(msg, dict) and msg.get("id") == want:
        if "error" in msg:
            sys.exit(f"JSON-RPC error: {msg['error']}")
        print(json.dumps(msg["result"]))
        sys.exit(0)
sys.exit(f"no JSON-RPC response with id {want} in: {text[:300]}")
EOF
}
mcp_unauthenticated() {
  local status
  IFS='|' read -r status _ _ < <(http "$mcp/mcp" -X POST "${mcp_headers[@]}" \
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}')
  [ "$status" = 401 ] || { echo "without a token /mcp answered $status"; return 1; }
}
check "todo-mcp refuses /mcp without a token (401)" mcp_unauthenticated

mcp_tools_list() {
  local status headers="$root/headers" session result names
  IFS='|' read -r status _ _ < <(http "$mcp/mcp" -X POST "${mcp_headers[@]}" -H "Authorization: Bearer $pat" -D "$headers" \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test-runtime-layout","version":"1.0"}}}')
  [ "$status" = 200 ] || { echo "initialize answered $status: $(head -c 300 "$body")"; return 1; }
  jsonrpc_result 1 >/dev/null || return 1
  session=$(tr -d '\r' <"$headers" | awk -F': ' 'tolower($1)=="mcp-session-id" {print $2}')
  local session_header=()
  [ -n "$session" ] && session_header=(-H "Mcp-Session-Id: $session")
  IFS='|' read -r status _ _ < <(http "$mcp/mcp" -X POST "${mcp_headers[@]}" -H "Authorization: Bearer $pat" \
    "${session_header[@]}" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}')
  [[ "$status" == 20[02] ]] || { echo "notifications/initialized answered $status"; return 1; }
  IFS='|' read -r status _ _ < <(http "$mcp/mcp" -X POST "${mcp_headers[@]}" -H "Authorization: Bearer $pat" \
    "${session_header[@]}" -d '{"jsonrpc":"2.0","id":2,"method":"tools/list"}')
  [ "$status" = 200 ] || { echo "tools/list answered $status: $(head -c 300 "$body")"; return 1; }
  result=$(jsonrpc_result 2) || return 1
  names=$(python3 -c 'import json,sys; print(" ".join(t["name"] for t in json.loads(sys.argv[1])["tools"]))' "$result")
  echo "tools: $names"
  [ "$(wc -w <<<"$names")" -eq "$expected_tools" ] || { echo "expected $expected_tools tools"; return 1; }
}
if out=$(mcp_tools_list 2>&1); then
  ok "MCP initialize + tools/list with a personal access token returns $expected_tools tools (${out#tools: })"
else
  ko "MCP initialize + tools/list with a personal access token returns $expected_tools tools" "$out"
fi

# distroless/cc-debian12 has glibc 2.36, libgcc_s and nothing else (no OpenSSL, no libpq).
links_only_glibc() { # links_only_glibc <binary>
  local bad max
  bad=$(ldd "$1" | awk '{print $1}' |
    grep -vE '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|/lib/ld-linux-aarch64\.so\.1|ld-linux[-a-z0-9_.]*\.so\.[0-9]+|libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1)$' || true)
  [ -z "$bad" ] || { echo "links outside glibc/libgcc: $bad"; return 1; }
  if command -v objdump >/dev/null; then
    max=$(objdump -T "$1" | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sort -uV | tail -1)
    printf '%s\n%s\n' "$max" GLIBC_2.36 | sort -CV || { echo "needs $max, newer than Debian 12's GLIBC_2.36"; return 1; }
  fi
}
check "ldd todo-app: only glibc/libgcc (and no symbol newer than GLIBC_2.36)" links_only_glibc "$app_root/app/todo-app"
check "ldd todo-mcp: only glibc/libgcc (and no symbol newer than GLIBC_2.36)" links_only_glibc "$mcp_root/app/todo-mcp"

logs_clean() {
  local f
  for f in app mcp; do
    if grep -E '"level":"ERROR"| ERROR |panicked' "$root/$f.log" >/dev/null; then
      grep -E '"level":"ERROR"| ERROR |panicked' "$root/$f.log" | head -5
      return 1
    fi
  done
}
check "no ERROR or panic in either log" logs_clean

sizes() {
  printf '     todo-app %s, todo-mcp %s, site %s (wasm %s)\n' \
    "$(du -h "$app_root/app/todo-app" | cut -f1)" "$(du -h "$mcp_root/app/todo-mcp" | cut -f1)" \
    "$(du -sh "$app_root/app/site" | cut -f1)" "$(du -h "$app_root/app/site/pkg/$main_wasm" | cut -f1)"
}
sizes
if [ "$failed" -gt 0 ]; then
  echo "--- app log (tail) ---"
  tail -20 "$root/app.log"
  echo "--- mcp log (tail) ---"
  tail -20 "$root/mcp.log"
fi
echo "test-runtime-layout: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
