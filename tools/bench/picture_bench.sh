#!/usr/bin/env bash
# Builds and runs the picture-analysis benchmark (tools/bench/picture_bench.cc): xunkao's
# black/frozen analysis against ffmpeg's blackdetect/freezedetect on generated 1080p and 720p
# CCTV recordings, cached in the directory given (default /tmp/xunkao-bench-picture).
#   tools/bench/picture_bench.sh [--jobs N] [--thorough] [--minutes M] [CACHE_DIR]
# BUILD_DIR (default build-picture-bench) is configured as a release build when it does not exist.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir="${BUILD_DIR:-build-picture-bench}"
if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" --target picture_bench xunkao >/dev/null
exec "$build_dir/picture_bench" "$@"
