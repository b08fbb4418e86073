#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 (Debian's apt package) on 127.0.0.1:5433 for the HQ sync tests and
# benchmarks, and prints its URL: KAM_TEST_PG_URL=$(scripts/ci-postgres.sh)
# Needs `apt-get install -y postgresql` first. Runs the server as user postgres (initdb refuses root).
set -euo pipefail
PORT="${KAM_PG_PORT:-5433}"
DIR="${KAM_PG_DIR:-/tmp/kam-ci-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
  as_pg "'$BIN/initdb' -D '$DIR' --auth=trust -E UTF8 -U postgres" >&2
fi
if ! as_pg "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
  as_pg "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300\" -w start" >&2
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
