#!/usr/bin/env bash
# Installs the nightly audit: the binary, /etc/default/xunkao (kept if present), and either the
# systemd timer (default) or the cron line (--cron).
#   bash tools/install-nightly.sh [--cron] [--root DIR] [--binary build/xunkao]
# --root installs under another root folder (for packaging and tests) and does not touch systemd.
set -euo pipefail
cd "$(dirname "$0")/.."
root="" mode=systemd binary=build/xunkao
while [ $# -gt 0 ]; do
  case "$1" in
    --cron) mode=cron ;;
    --root) root="$2"; shift ;;
    --binary) binary="$2"; shift ;;
    *) echo "usage: $0 [--cron] [--root DIR] [--binary FILE]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$binary" ] || { echo "install-nightly: $binary not built yet (cmake --build build)" >&2; exit 2; }
install -D -m 0755 "$binary" "$root/usr/local/bin/xunkao"
[ -f "$root/etc/default/xunkao" ] || install -D -m 0644 tools/nightly/xunkao.default "$root/etc/default/xunkao"
if [ "$mode" = cron ]; then
  install -D -m 0644 tools/nightly/xunkao.cron "$root/etc/cron.d/xunkao"
else
  install -D -m 0644 tools/nightly/xunkao-nightly.service "$root/etc/systemd/system/xunkao-nightly.service"
  install -D -m 0644 tools/nightly/xunkao-nightly.timer "$root/etc/systemd/system/xunkao-nightly.timer"
  if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl daemon-reload && systemctl enable --now xunkao-nightly.timer
  fi
fi
echo "installed ($mode) under ${root:-/}; edit ${root}/etc/default/xunkao to point at the archive"
