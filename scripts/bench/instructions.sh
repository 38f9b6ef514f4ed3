#!/usr/bin/env bash
# Instructions per request: a cost that does not move with the machine's load, unlike req/s on a shared box.
#
#   scripts/bench/instructions.sh NAME N READY_URL URL [curl options…] -- [VAR=value…] SERVER [ARGS…]
#
# Starts SERVER under `valgrind --tool=callgrind` twice: once sending INSTR_WARMUP requests (20) to URL, once
# sending INSTR_WARMUP + N, each time after READY_URL answers and then stopping it with SIGTERM (a graceful
# shutdown, so callgrind writes its totals). Start-up, warm-up and shut-down cost the same in both runs, so
#   instructions per request = (total of the second run − total of the first) / N
# counted over every thread of the server (user-space instructions; the kernel's share of a syscall is not
# counted). The requests go one after another over one keep-alive connection (one curl, like a browser tab).
# curl options (headers, -X POST, --data …) apply to every request; each must answer 2xx.
# Result: $INSTR_OUT/instr_NAME.json (default target/bench/results), also printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

[ $# -ge 6 ] || die "usage: $0 NAME N READY_URL URL [curl options…] -- [VAR=value…] SERVER [ARGS…]"
name=$1 n=$2 ready=$3 url=$4
shift 4
curl_args=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  curl_args+=("$1")
  shift
done
[ "${1:-}" = -- ] || die "instructions.sh: no -- before the server command"
shift
server_env=()
while [ $# -gt 0 ] && [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; do
  server_env+=("$1")
  shift
done
[ $# -gt 0 ] || die "instructions.sh: no server command"
server=("$@")
warmup=${INSTR_WARMUP:-20}
out=${INSTR_OUT:-target/bench/results}
dir=target/bench/callgrind
mkdir -p "$dir" "$out" target/logs
command -v valgrind >/dev/null || die "valgrind is not installed (Debian: apt-get install valgrind)"

# total K: callgrind's instruction count for a server run that answered K requests (after warming up).
total() {
  local k=$1 file="$dir/$name-$1.callgrind" cfg="$dir/$name-$1.curl" pid codes i
  rm -f "$file"
  : >"$cfg"
  for ((i = 0; i < k; i++)); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >>"$cfg"; done
  env "${server_env[@]}" valgrind --tool=callgrind --callgrind-out-file="$file" --dump-instr=no \
    "${server[@]}" >"target/logs/callgrind-$name-$k.log" 2>&1 &
  pid=$!
  for i in $(seq 1 600); do # under valgrind, start-up (and migrations) take a while: up to 2 minutes
    curl -fsS -o /dev/null "$ready" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "target/logs/callgrind-$name-$k.log" >&2; die "$name: server exited"; }
    sleep 0.2
  done
  codes=$(curl -sS -w '%{http_code}\n' "${curl_args[@]}" -K "$cfg")
  kill -TERM "$pid"
  wait "$pid" || true
  if [ "$k" -gt 0 ] && [ "$(grep -c '^2' <<<"$codes")" != "$k" ]; then
    die "$name: not every request answered 2xx: $(sort <<<"$codes" | uniq -c | tr '\n' ' ')"
  fi
  [ -s "$file" ] || die "$name: callgrind wrote no profile (see target/logs/callgrind-$name-$k.log)"
  awk '/^(summary|totals):/ { print $2; exit }' "$file"
}

log "instructions per request, $name: callgrind, $warmup warm-up requests, then $n measured"
base=$(total "$warmup")
full=$(total "$((warmup + n))")
python3 - "$name" "$n" "$warmup" "$base" "$full" "$url" >"$out/instr_$name.json" <<'PY'
import json, sys
name, n, warmup, base, full, url = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
print(json.dumps({"name": name, "requests": n, "warmup": warmup, "url": url, "total_warmup_only": base,
                  "total_with_requests": full, "instructions_per_request": (full - base) / n}))
PY
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('    %s: %.0f instructions per request (%d requests)' % (d['name'], d['instructions_per_request'], d['requests']))" "$out/instr_$name.json" >&2
