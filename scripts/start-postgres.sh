#!/usr/bin/env bash
# Starts the machine's PostgreSQL (installing it with apt when missing and possible),
# makes a role and an empty test database, and prints the URL for
# LEGALDESK_TEST_DATABASE_URL on its last line. Prints nothing on stdout when there
# is no PostgreSQL to be had, so callers can fall back to SQLite alone.
set -euo pipefail
log() { echo "start-postgres: $*" >&2; }

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
as_postgres "-c 'DROP DATABASE IF EXISTS legaldesk_test WITH (FORCE)'"
as_postgres "-c 'CREATE DATABASE legaldesk_test OWNER legaldesk'"
echo "postgresql+psycopg://legaldesk:legaldesk@127.0.0.1:${port}/legaldesk_test"
