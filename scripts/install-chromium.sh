#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (never a
# downloaded browser build), with a small CJK font so screenshots show Chinese.
# Exit 0 when /usr/bin/chromium is there afterwards.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: installing chromium with apt" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; } >&2 || true
fi
[ -x /usr/bin/chromium ]
