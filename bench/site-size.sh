#!/usr/bin/env bash
# Prints the size of the built playground's wasm and JS, raw and gzipped
# (gzip -9, as a static host would serve them), as a Markdown table.
# Usage: bash bench/site-size.sh [DIST]   (default: dist, from `trunk build --release --offline`)
set -euo pipefail
dist=${1:-dist}
shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js)
if [[ ${#files[@]} == 0 ]]; then
  echo "no .wasm or .js in $dist: build the site first (trunk build --release --offline)" >&2
  exit 1
fi
echo "| file | raw bytes | gzip -9 bytes |"
echo "|---|---:|---:|"
for f in "${files[@]}"; do
  name=$(basename "$f" | sed -E 's/-[0-9a-f]{16}(_bg)?\./\1./')
  printf '| %s | %d | %d |\n' "$name" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
