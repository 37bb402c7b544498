#!/usr/bin/env bash
# Builds the wasm parser benchmark and runs it in Node.js.
# Usage: bash bench/wasm-parse/run.sh [DIR]   (default: ../shared/corpora/realworld)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${1:-$root/../shared/corpora/realworld}"
cargo build --quiet --release --target wasm32-unknown-unknown --manifest-path "$here/Cargo.toml" --target-dir "$root/target/wasm-parse"
node "$here/run.mjs" "$root/target/wasm-parse/wasm32-unknown-unknown/release/layerlab_wasm_parse_bench.wasm" "$dir"
