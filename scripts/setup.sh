#!/usr/bin/env bash
# Installs what building and testing nianbao needs, skipping whatever is already
# present at the right version. Safe to run again; used by `scripts/serve.sh`,
# `scripts/test.sh` and `.ci/run`.
#
#   scripts/setup.sh          everything (web build tools and the test browser)
#   scripts/setup.sh web      only what `trunk serve` needs
#
# Only package registries are used (crates.io, npm, Debian): no tool is downloaded
# from a project website, and Trunk runs offline with the versions pinned here.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-all}"
TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (and Trunk.toml's [tools]).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  log "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file names a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt (binaryen) and playwright-core come from npm, pinned in tools/package-lock.json.
if [[ ! -x tools/node_modules/.bin/wasm-opt || ! -d tools/node_modules/playwright-core ]]; then
  log "installing npm tools (binaryen, playwright-core)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

apt_need=()
if [[ "$want" == all ]]; then
  command -v chromium >/dev/null || apt_need+=(chromium)
  # Without a CJK font headless Chromium draws Chinese as boxes in screenshots.
  fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy' || apt_need+=(fonts-wqy-microhei)
  # The browser test of dist/ under a real web server (e2e/nginx.test.mjs).
  [[ -x /usr/sbin/nginx ]] || apt_need+=(nginx)
fi
if ((${#apt_need[@]})); then
  log "installing Debian packages: ${apt_need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_need[@]}" >/dev/null
  # The package starts nginx on port 80; the tests start their own on loopback.
  if [[ " ${apt_need[*]} " == *" nginx "* ]]; then
    service nginx stop >/dev/null 2>&1 || true
  fi
fi

log "ready"
