#!/usr/bin/env bash
# The catalog benchmark as the README reports it: a Release build, then catalog_bench (MP4 and
# MPEG-PS archives of 200 files / 2 h of 720p CCTV video, a 10,000-file archive, and the nightly
# run over those 10,000 files plus 20 new ones, with the time of each stage).
#   bash tools/bench/catalog_bench.sh [DIR] [catalog_bench options...]
# DIR (default /tmp/xunkao-bench-catalog) keeps the generated recordings (about 560 MB, a few
# minutes to write), the archives (hard links) and the first `xunkao audit` runs between runs;
# BUILD_DIR (default build-bench) is the build folder. Needs ffprobe and cat in PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR="${BUILD_DIR:-build-bench}"
DIR=/tmp/xunkao-bench-catalog
if [[ $# -gt 0 && "$1" != -* ]]; then
  DIR="$1"
  shift
fi
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j2 --target xunkao catalog_bench
"$BUILD_DIR/catalog_bench" "$DIR" "$@"
