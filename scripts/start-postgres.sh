#!/usr/bin/env bash
# Starts the machine's PostgreSQL (installing it with apt when missing and possible),
# makes a role and an empty test database, and prints the URL for
# LEGALDESK_TEST_DATABASE_URL on its last line. Prints nothing on stdout when there
# is no PostgreSQL to be had, so callers can fall back to SQLite alone.
#   scripts/start-postgres.sh [--keep] [DATABASE]   (default legaldesk_test)
# --keep makes DATABASE only when it is missing and keeps what it holds (`make bench`
# reuses a seeded database that way; the bench empties it itself when it must).
set -euo pipefail
log() { echo "start-postgres: $*" >&2; }
keep=0
if [ "${1:-}" = "--keep" ]; then keep=1; shift; fi
database="${1:-legaldesk_test}"
case "$database" in *[!a-z0-9_]*|"") log "bad database name: $database"; exit 1;; esac

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing postgresql with apt"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 \
      || { log "could not install PostgreSQL"; exit 0; }
  else
    log "PostgreSQL is not installed"; exit 0
  fi
fi

read -r version cluster port _ < <(pg_lsclusters -h | head -n 1) || true
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  pg_createcluster "$version" main >&2
  read -r version cluster port _ < <(pg_lsclusters -h | head -n 1)
fi
pg_ctlcluster "$version" "$cluster" start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "PostgreSQL did not start"; exit 1; }

as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $port $*" >&2; }
as_postgres "-c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'legaldesk') THEN CREATE ROLE legaldesk LOGIN PASSWORD 'legaldesk' CREATEDB; END IF; END \\\$\\\$;\""
exists=$(su postgres -c "psql -tAq -p $port -c \"SELECT 1 FROM pg_database WHERE datname = '$database'\"")
if [ "$keep" = 0 ] || [ "$exists" != 1 ]; then
  as_postgres "-c 'DROP DATABASE IF EXISTS $database WITH (FORCE)'"
  as_postgres "-c 'CREATE DATABASE $database OWNER legaldesk'"
fi
echo "postgresql+psycopg://legaldesk:legaldesk@127.0.0.1:${port}/${database}"
