#!/usr/bin/env bash
# Builds the playground and serves it on http://127.0.0.1:8080, rebuilding on
# every change to the sources. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
exec trunk serve --release --offline "$@"
