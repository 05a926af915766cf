#!/usr/bin/env bash
# `make run`: the web server and the desk's one scheduler together; Ctrl-C (or
# SIGTERM) stops both. HOST and PORT choose the address.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
export FLASK_APP=app.py

"$bin/flask" desk scheduler &
scheduler=$!
"$bin/flask" run --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}" &
web=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$web" "$scheduler" 2>/dev/null || true
  wait "$web" "$scheduler" 2>/dev/null || true
}
trap stop INT TERM EXIT
# Whichever ends first (Ctrl-C, a crash), the other is stopped too.
wait -n "$web" "$scheduler" || true
