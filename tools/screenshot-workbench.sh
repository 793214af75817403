#!/usr/bin/env bash
# Screenshots of the workbench (xunkao serve) the way an officer sees it, in headless Chromium:
# the dashboard, the findings list, a finding with its case events, a video finding with its stills,
# timeline and clips, the case forms, the draws, a draw and a person page, as PNG files in a folder;
# prints the folder.
#   bash tools/screenshot-workbench.sh [--db FILE --archive DIR] [--out DIR] [--xunkao BINARY]
# Without --db: the demo's store (xunkao-demo/out/xunkao.db, made with `xunkao demo` when absent).
# The store is only read (viewing a video finding makes its media beside it, in <db>-media/): the
# server runs with a throw-away account and nothing is submitted.
# Needs node and tests/browser/node_modules (tools/setup.sh installs both).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
xunkao="$root/build/xunkao"; db=""; archive=""; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --archive) archive=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --xunkao) xunkao=$2; shift 2 ;;
    *) echo "usage: $0 [--db FILE --archive DIR] [--out DIR] [--xunkao BINARY]" >&2; exit 2 ;;
  esac
done
[ -x "$xunkao" ] || { echo "no xunkao binary at $xunkao (build it, or give --xunkao)" >&2; exit 2; }
[ -d "$root/tests/browser/node_modules/puppeteer-core" ] || {
  echo "puppeteer-core is not installed in tests/browser/node_modules: run tools/setup.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$db" ]; then
  db="$root/xunkao-demo/out/xunkao.db"; archive="$root/xunkao-demo/archive"
  # With a sanitized build, LeakSanitizer is told of libx265's own leaks in the demo's generator
  # (as tests/media/lsan_suppressions.cc tells it for the test binary).
  echo 'leak:libx265.so' >"$work/lsan-suppressions.txt"
  [ -f "$db" ] || LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$work/lsan-suppressions.txt" \
    "$xunkao" demo "$root/xunkao-demo" >&2
fi
[ -f "$db" ] || { echo "no store at $db" >&2; exit 2; }
out=${out:-$(mktemp -d "${TMPDIR:-/tmp}/xunkao-workbench-XXXXXX")}
mkdir -p "$out"
node "$root/tools/screenshot-workbench.mjs" "$xunkao" "$(realpath "$db")" "${archive:+$(realpath "$archive")}" \
  "$(realpath "$out")" "$work"
echo "$(realpath "$out")"
