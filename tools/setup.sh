#!/usr/bin/env bash
# Installs every Debian package xunkao needs to build, test and run (Debian 12, as root), and the
# browser test's puppeteer-core from the npm registry. Safe to run again: apt-get skips what is
# already installed, npm ci runs only when the lock file changed.
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
# node and npm run the browser test and tools/screenshot-workbench.sh (puppeteer-core, below).
# Debian's nodejs and npm, unless a node and an npm are on PATH already: judged by the commands,
# not by dpkg, so that a NodeSource nodejs (which brings its own npm) is not replaced.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# puppeteer-core for tests/browser/ at the version its package-lock.json pins, from the npm
# registry (it downloads no browser: the tests drive Debian's chromium). npm ci runs only when
# node_modules is missing or was installed from another package-lock.json.
browser_dir="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
lock_sum=$(sha256sum "$browser_dir/package-lock.json" | cut -d' ' -f1)
stamp="$browser_dir/node_modules/.installed-from-package-lock.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  (cd "$browser_dir" && npm ci --no-audit --no-fund --ignore-scripts --prefer-offline)
  echo "$lock_sum" >"$stamp"
fi
