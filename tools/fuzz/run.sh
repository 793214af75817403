#!/usr/bin/env bash
# Builds every libFuzzer target of tools/fuzz and runs each for a while: a thin wrapper around
# tools/fuzz.sh, which holds the target list, the build, the seeds and the libFuzzer options.
#   bash tools/fuzz/run.sh [SECONDS_EACH (default 120)] [OUT_DIR (default /tmp/xunkao-fuzz)]
# Corpora and any crash reproducers stay in OUT_DIR/<target>/. Not part of the test suite: a
# finding here becomes a regression test in tests/ once fixed.
set -euo pipefail
exec bash "$(dirname "$0")/../fuzz.sh" all "${1:-120}" "${2:-/tmp/xunkao-fuzz}"
