#!/usr/bin/env bash
# Measures what the README records: the release page's size and timings in
# headless Chromium (e2e/measure.mjs), and the core's criterion benchmarks.
# Prints Markdown table rows. Figures depend on the machine: compare runs on one.
#   scripts/measure.sh             build, page figures and benchmarks
#   SKIP_BUILD=1 scripts/measure.sh   reuse dist/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[[ "${SKIP_BUILD:-0}" == 1 ]] || bash scripts/build-web.sh >/dev/null
node e2e/measure.mjs
# The core, natively (criterion): the seed report and a 50-fold input.
cargo bench --locked --bench check -- --noplot 'seed/|large/' 2>/dev/null \
  | grep -E '^[a-z_0-9/]+ +time:' \
  | awk '{ printf("| criterion %s (median, native) | %s %s | cargo bench --bench check |\n", $1, $5, $6) }'
