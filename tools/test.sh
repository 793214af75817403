#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is needed, check the formatting, build the
# tests with AddressSanitizer + UBSan and warnings as errors, run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/check-format.sh
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXUNKAO_SANITIZE=ON -DXUNKAO_WERROR=ON -DXUNKAO_UNITY=ON
cmake --build build-test -j2
cd build-test
ctest --output-on-failure -j2
