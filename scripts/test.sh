#!/usr/bin/env bash
# Every test nianbao has, from a fresh machine: installs what is missing, then
#   1. formatting and lints (native and wasm32),
#   2. the core and CLI tests (unit, fixtures, properties, fuzz-corpus replay),
#   3. the release page build (trunk build --release) and its size,
#   4. the browser tests in headless Chromium (e2e/),
#   5. a short coverage-guided fuzz run of every parser target (nightly).
# Environment: FUZZ_SECONDS (per target, default 10; 0 skips fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh all

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --locked --no-default-features --features web --target wasm32-unknown-unknown --bin nianbao-web -- -D warnings

step "core and command tests"
cargo test --locked
# The page's pure helpers (src/app) are tested natively too.
cargo test --locked --features web --lib app::

step "benchmarks compile and run once"
cargo bench --locked --bench check --bench read --bench batch -- --test

step "release page build"
bash scripts/build-web.sh

step "browser tests (headless Chromium)"
NIANBAO_SKIP_BUILD=1 bash e2e/run.sh

if [[ "${FUZZ_SECONDS:-10}" != 0 ]]; then
  step "fuzzing (${FUZZ_SECONDS:-10}s per target)"
  FUZZ_SECONDS="${FUZZ_SECONDS:-10}" bash scripts/fuzz.sh
fi

step "all tests passed"
