#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at PostgreSQL.
#
#   scripts/with-postgres.sh CMD...
#
# - DATABASE_URL already set: use it as it is.
# - Otherwise, PostgreSQL server binaries on this machine: start a throwaway cluster in a
#   temporary folder (Unix socket only, no TCP port), run CMD, then stop and remove it.
# - No binaries: run CMD on SQLite and say so at the end, unless CI=true, where that is an error.
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
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: no PostgreSQL server binaries found, and CI=true forbids falling back to SQLite." >&2
    exit 1
  fi
  set +e
  "$@"
  status=$?
  echo ""
  echo "NOTE: no PostgreSQL server binaries were found, so this ran on SQLite."
  echo "      Install PostgreSQL (apt-get install postgresql) to run against it."
  exit $status
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
