#!/usr/bin/env bash
# `make run`: gunicorn (a production server, WORKERS=2 by default) and the desk's
# one scheduler together; Ctrl-C (or SIGTERM) stops both. HOST and PORT choose the
# address, VENV the virtualenv (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}/bin"
export FLASK_APP=app.py
# The access log's format (the path without its query string) is in gunicorn.conf.py.

# Both run in sessions of their own, so Ctrl-C reaches this script alone and the
# trap below stops them gracefully: requests in flight are answered first (within
# 10 s), not cut off as gunicorn's quick shutdown on SIGINT would do.
setsid "$bin/flask" desk scheduler &
scheduler=$!
setsid "$bin/gunicorn" \
  --workers "${WORKERS:-2}" \
  --bind "${HOST:-127.0.0.1}:${PORT:-5000}" \
  --graceful-timeout 10 \
  --no-control-socket \
  --config scripts/gunicorn.conf.py \
  --access-logfile - \
  'legaldesk:create_app()' &
web=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$web" "$scheduler" 2>/dev/null || true
  wait "$web" "$scheduler" 2>/dev/null || true
}
trap stop INT TERM EXIT
# Whichever ends first (Ctrl-C, a crash), the other is stopped too.
wait -n "$web" "$scheduler" || true
