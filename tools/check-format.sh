#!/usr/bin/env bash
# Fails (exit 1) naming every tracked C++ (and JavaScript: the browser test) file that clang-format
# (.clang-format: Google style, 120 columns) would change.
# To fix: git ls-files '*.cc' '*.h' '*.mjs' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=()
while IFS= read -r file; do
  clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done < <(git ls-files '*.cc' '*.h' '*.mjs')
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "not clang-formatted (run: git ls-files '*.cc' '*.h' '*.mjs' | xargs clang-format -i):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "clang-format: every C++ and JavaScript file formatted"
