#!/usr/bin/env bash
# A local PostgreSQL 15 cluster for running several instances on this machine (scripts/run.sh --postgres):
# data in .data/postgres (made once with initdb, kept between runs), listening on 127.0.0.1:${SPEEDUP_PG_PORT:-55432}
# with its socket in .data/postgres-run, database "speedup", trust authentication for local connections only.
#   bash scripts/local-postgres.sh start   # prints the connection string on its last line
#   bash scripts/local-postgres.sh stop
# As root, the cluster runs as the "postgres" system user (initdb refuses root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN=/usr/lib/postgresql/15/bin
DATA="$ROOT/.data/postgres"
RUN="$ROOT/.data/postgres-run"
PORT="${SPEEDUP_PG_PORT:-55432}"

[ -x "$BIN/initdb" ] || { echo "local-postgres.sh: PostgreSQL 15 is missing; run scripts/setup.sh" >&2; exit 1; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
own() { if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$@"; fi; }

case "${1:-}" in
  start)
    mkdir -p "$RUN"; own "$RUN"
    if [ ! -s "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"; chmod 700 "$DATA"; own "$DATA"
      as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -l "$RUN/postgres.log" -w -o "-k $RUN -p $PORT -h 127.0.0.1" start >/dev/null
    fi
    as_owner "$BIN/psql" -h "$RUN" -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'speedup'" | grep -q 1 \
      || as_owner "$BIN/psql" -h "$RUN" -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE speedup" >/dev/null
    echo "Host=127.0.0.1;Port=$PORT;Database=speedup;Username=postgres"
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: scripts/local-postgres.sh start|stop" >&2; exit 2 ;;
esac
