#!/usr/bin/env bash
# Installs Debian's redis-server for the rate-limit tests that run through Redis
# (the tests start their own server on a free loopback port; none is left running).
# Exit 0 when redis-server is there afterwards.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-redis: installing redis-server with apt" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >&2 || true
fi
command -v redis-server >/dev/null 2>&1
