#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust suites, a release build of the
# site and the end-to-end tests in headless Chromium. Installs what is missing
# first, so it works on a fresh machine and in CI alike.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
. scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "rustfmt"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32, the playground)"
cargo clippy -p layerlab-web --target wasm32-unknown-unknown --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked

step "release build of the site"
trunk build --release --offline

step "end-to-end tests (headless Chromium)"
node --test tests/e2e/
