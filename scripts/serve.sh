#!/usr/bin/env bash
# Serves the page on http://127.0.0.1:${PORT:-8080} with the example report
# loaded, rebuilding when a source changes. Installs what is missing first.
#
#   scripts/serve.sh            PORT=9000 scripts/serve.sh
#
# This is `trunk serve` in release mode, offline. It serves exactly what
# scripts/build-web.sh builds: the CSP in index.html holds in both, because the
# loader is an external file (web/boot.js) and Trunk's autoreload (an inline
# script with a websocket) is off in Trunk.toml; reload the page by hand after
# a change. To serve an existing build without Trunk instead:
#   python3 -m http.server -d dist --bind 127.0.0.1 8080
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh web

export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
