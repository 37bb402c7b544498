# Sourced by the other scripts: tools installed by setup.sh come first on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
