#!/usr/bin/env bash
# Takes a screenshot of a report.html the way an officer sees it, in headless Chromium.
#   bash tools/screenshot-report.sh xunkao-demo/out/report.html report.png [width] [height]
set -euo pipefail
report=$(realpath "$1"); png=$(realpath -m "${2:-report.png}")
width=${3:-1280}; height=${4:-4000}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size="$width,$height" --screenshot="$png" "file://$report" 2>/dev/null
echo "$png"
