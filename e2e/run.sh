#!/usr/bin/env bash
# The browser tests: builds the page (unless NIANBAO_SKIP_BUILD=1), then runs
# e2e/*.test.mjs with Node's test runner in headless Chromium.
# Screenshots go to e2e/out/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${NIANBAO_SKIP_BUILD:-0}" != 1 ]]; then
  bash scripts/build-web.sh
fi
if [[ ! -x /usr/bin/chromium && -z "${CHROMIUM:-}" ]]; then
  bash scripts/setup.sh
fi
exec node --test --test-concurrency=1 e2e/
