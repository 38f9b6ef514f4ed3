#!/usr/bin/env bash
# Makes .env from .env.example with freshly generated secrets (MCP_TOKEN_SECRET, POSTGRES_PASSWORD), so the quick
# start never runs with a secret someone else knows. Refuses to overwrite an existing .env (pass --force to).
# Usage: scripts/init-env.sh [--force] [FILE]   (default FILE: .env)
set -euo pipefail
cd "$(dirname "$0")/.."

force=false
if [ "${1:-}" = "--force" ]; then force=true; shift; fi
target=${1:-.env}

if [ -e "$target" ] && [ "$force" != true ]; then
  echo "init-env: $target exists; keeping it (use --force to replace it with new secrets)" >&2
  exit 0
fi

# 32 random bytes as hex: 256 bits, what HS256 wants; hex needs no quoting in .env, compose or URLs.
random_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

umask 077 # the file holds secrets: readable by its owner only
tmp=$(mktemp "$target.XXXXXX")
sed -e "s/^MCP_TOKEN_SECRET=.*/MCP_TOKEN_SECRET=$(random_hex)/" \
  -e "s/^POSTGRES_PASSWORD=.*/POSTGRES_PASSWORD=$(random_hex)/" .env.example >"$tmp"
mv "$tmp" "$target"
echo "init-env: wrote $target with generated MCP_TOKEN_SECRET and POSTGRES_PASSWORD" >&2
