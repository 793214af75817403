#!/usr/bin/env bash
# Installs every Debian package xunkao needs to build, test and run (Debian 12, as root).
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev   # FFmpeg libav: containers, codecs
  libopencv-core-dev libopencv-imgproc-dev  # OpenCV: pixels, stills, timelines (drawn; encoded by libav)
  libsqlite3-dev sqlite3                                        # the store
  libgtest-dev libgmock-dev                                     # tests
  libcli11-dev nlohmann-json3-dev libfmt-dev libtomlplusplus-dev libzip-dev libssl-dev libexpat1-dev
  libcpp-httplib-dev                                            # cpp-httplib: the HTTP(S) server of `xunkao serve`
  ffmpeg                                                        # reference tool for tests/benchmarks only
  chromium fonts-wqy-zenhei                                     # headless browser test and screenshots of report.html
  systemd                                                       # systemd-analyze: the nightly unit's security score, checked by a test
  python3 python3-yaml                                          # the README's draw recomputation; the cluster manifests read as YAML (tests)
  libreoffice-writer-nogui poppler-utils                        # the inspection documents' .docx to PDF (soffice) and its text (pdftotext), in tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
