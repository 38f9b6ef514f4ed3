#!/usr/bin/env bash
# The offline query cache (.sqlx/ at the workspace root) against the SQL in the code: sqlx's query macros read it
# at build time (SQLX_OFFLINE=true in .cargo/config.toml), so a build needs no database.
# Each run creates a scratch database on the server scripts/ensure-postgres.sh finds, applies migrations/ to it with
# sqlx-cli, runs `cargo sqlx prepare --workspace` against it, and drops it.
# Usage: scripts/check-sqlx.sh           fail if .sqlx/ is out of date (`make lint`)
#        scripts/check-sqlx.sh prepare   rewrite .sqlx/: after changing a query!/query_as!/query_scalar! or adding
#                                        a migration (then commit .sqlx/)
# Needs sqlx-cli (scripts/install-tools.sh lint).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

case "${1:-check}" in
  check) check=(--check) ;;
  prepare) check=() ;;
  *) die "usage: $0 [check|prepare]" ;;
esac
command -v cargo-sqlx >/dev/null || die "sqlx-cli is missing: run scripts/install-tools.sh lint"

admin=$(scripts/ensure-postgres.sh)
db=$(create_database "$admin" todo_sqlx)
trap 'drop_database "$admin" "$db"' EXIT
export DATABASE_URL="$admin/$db"
sqlx migrate run --source migrations >/dev/null
# The same build as `make lint`'s clippy (every crate, with the web app's server side), so dependencies are reused.
cargo sqlx prepare --workspace "${check[@]}" -- --all-targets --features todo-app/ssr
