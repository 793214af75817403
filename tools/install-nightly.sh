#!/usr/bin/env bash
# Installs the nightly audit: the binary, /etc/default/xunkao (kept if present), and either the
# systemd timer (default) or the cron line (--cron). Both run the audit as the unprivileged system
# user xunkao, which a real install creates together with the output folder it owns.
#   bash tools/install-nightly.sh [--cron] [--root DIR] [--binary build/xunkao]
# --root installs under another root folder (for packaging and tests): it creates no user or
# folder outside it and does not touch systemd.
# Run it again after changing XUNKAO_ARCHIVE or XUNKAO_OUT: systemd cannot read them from
# /etc/default/xunkao for its sandbox, so this script writes them into a drop-in.
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
die() { echo "install-nightly: $*" >&2; exit 2; }
[ -x "$binary" ] || die "$binary not built yet (cmake --build build)"
install -D -m 0755 "$binary" "$root/usr/local/bin/xunkao"
[ -f "$root/etc/default/xunkao" ] || install -D -m 0644 tools/nightly/xunkao.default "$root/etc/default/xunkao"

# The two folders, as the service and the cron line will read them.
archive=$(. "$root/etc/default/xunkao" && printf '%s' "${XUNKAO_ARCHIVE:-}")
out=$(. "$root/etc/default/xunkao" && printf '%s' "${XUNKAO_OUT:-}")
archive=${archive%/} out=${out%/}
for path in "$archive" "$out"; do
  case "$path" in
    /?*/?*) ;;
    *) die "XUNKAO_ARCHIVE and XUNKAO_OUT in $root/etc/default/xunkao must be absolute folders below a top-level one (got '$path')" ;;
  esac
  case "$path" in
    *[[:space:]\"\\]*) die "'$path' in $root/etc/default/xunkao: spaces, quotes and backslashes are not supported in these paths" ;;
    /tmp/* | /var/tmp/*) [ "$mode" = cron ] || die "'$path': the service has a private /tmp, so the archive and the output cannot live there" ;;
  esac
done
case "$out/" in "$archive"/*) die "the output folder $out is inside the archive $archive, which the audit must not write" ;; esac
case "$archive/" in "$out"/*) die "the archive $archive is inside the output folder $out, which the audit may write" ;; esac

if [ -z "$root" ]; then
  id -u xunkao >/dev/null 2>&1 ||
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --comment "xunkao nightly audit" xunkao
  # The output folder holds the database. One that earlier runs made as root changes hands with
  # its contents (the database and reports), or the first run as xunkao could not write them.
  [ -d "$out" ] && [ "$(stat -c %u "$out")" = 0 ] && chown -R xunkao:xunkao "$out"
  install -d -o xunkao -g xunkao -m 0750 "$out"
  if [ -d "$archive" ] && ! runuser -u xunkao -- test -r "$archive" -a -x "$archive"; then
    echo "install-nightly: warning: user xunkao cannot read $archive; e.g. setfacl -R -m u:xunkao:rX,d:u:xunkao:rX '$archive'" >&2
  fi
fi

if [ "$mode" = cron ]; then
  install -D -m 0644 tools/nightly/xunkao.cron "$root/etc/cron.d/xunkao"
else
  unit_dir="$root/etc/systemd/system"
  install -D -m 0644 tools/nightly/xunkao-nightly.service "$unit_dir/xunkao-nightly.service"
  install -D -m 0644 tools/nightly/xunkao-nightly.timer "$unit_dir/xunkao-nightly.timer"
  # The sandbox's paths. "-": a missing archive is the audit's to report ("not a directory"),
  # not a namespace failure. ProtectHome=yes would hide a folder under /home, /root or /run/user.
  protect_home=yes
  for path in "$archive" "$out"; do
    case "$path" in /home/* | /root/* | /run/user/*) protect_home=read-only ;; esac
  done
  mkdir -p "$unit_dir/xunkao-nightly.service.d"
  cat >"$unit_dir/xunkao-nightly.service.d/paths.conf" <<EOF
# Written by tools/install-nightly.sh from /etc/default/xunkao (systemd does not expand variables
# in these settings). After changing XUNKAO_ARCHIVE or XUNKAO_OUT there, run the installer again
# or edit this file, then systemctl daemon-reload.
[Service]
ReadOnlyPaths="-${archive//%/%%}"
ReadWritePaths="${out//%/%%}"
ProtectHome=$protect_home
EOF
  chmod 0644 "$unit_dir/xunkao-nightly.service.d/paths.conf"
  if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl daemon-reload && systemctl enable --now xunkao-nightly.timer
  fi
fi
echo "installed ($mode) under ${root:-/}; the audit runs as user xunkao, reads $archive and writes $out" \
  "(set in ${root}/etc/default/xunkao; run this script again after changing them)"
