#!/usr/bin/env bash
# Installs whatever building the playground needs and is missing; with
# --test, also what the test suite needs. Safe to run again: every step
# checks first and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

for_tests=0
[[ "${1:-}" == "--test" ]] && for_tests=1

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [[ $apt_updated == 0 ]]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v cargo >/dev/null; then
  echo "setup: no Rust toolchain found. Install rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than this toolchain, so stay on 0.21.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21"
  cargo install trunk --version '~0.21' --locked
fi

# The CLI must match the wasm-bindgen crate exactly, so read its version from Cargo.lock.
wbg_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$wbg_version" ]]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg_version"; then
  say "installing wasm-bindgen-cli $wbg_version"
  # Not --locked: that lockfile names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "=$wbg_version"
fi

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# wasm-opt (npm `binaryen`; Debian's is too old) and the browser driver come from package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ $for_tests == 1 ]] && [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium chromium-driver
fi

if [[ $for_tests == 1 ]] && ! python3 -c 'import dockerfile' 2>/dev/null; then
  say "installing the PyPI package dockerfile (BuildKit's parser, used as a test oracle)"
  python3 -m pip install --quiet --disable-pip-version-check 'dockerfile==3.4.0' ||
    say "could not install it: the differential parser test will say it is skipped"
fi

say "ready"
