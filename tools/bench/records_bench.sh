#!/usr/bin/env bash
# The records benchmark as the README reports it: a Release build, then records_bench on the
# province-scale archive (scale 1.0) and on a tenth of it (the growth baseline).
#   bash tools/bench/records_bench.sh [DIR] [records_bench options...]
# DIR (default /tmp/xunkao-records-bench) keeps the generated archives between runs (about 800 MB
# at scale 1.0); BUILD_DIR (default build-bench) is the build folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR="${BUILD_DIR:-build-bench}"
DIR="${1:-/tmp/xunkao-records-bench}"
shift || true
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j2 --target xunkao records_bench
"$BUILD_DIR/records_bench" "$DIR" --scale 1.0 --baseline 0.1 "$@"
