#!/usr/bin/env bash
# Builds the page into dist/ (Trunk, release, offline) and prints its size.
#
#   scripts/build-web.sh
#
# The page is static: dist/ can be copied to any web server (it must send
# .wasm as application/wasm). Nothing in it loads from another origin.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh web

export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

rm -rf dist
trunk build --release

# The Content-Security-Policy in index.html allows no inline script: check
# that Trunk wrote none (its default loader is inline; Trunk.toml replaces it
# with web/boot.js).
if grep -Eo '<script[^>]*>' dist/index.html | grep -vq 'src='; then
  echo "build-web: dist/index.html has an inline <script>, which the CSP blocks" >&2
  exit 1
fi
grep -q "Content-Security-Policy" dist/index.html || {
  echo "build-web: dist/index.html lost its Content-Security-Policy" >&2
  exit 1
}

# The whole page in one file that works from file:// (no server):
# dist/nianbao.html, with the glue, the wasm and the stylesheet inlined.
node scripts/single-file.mjs

# Sizes: raw and gzipped (-9), per file and in total.
total_raw=0
total_gz=0
printf '%-44s %10s %10s\n' file bytes gzip
for f in dist/*.wasm dist/*.js dist/*.css; do
  [[ -e "$f" ]] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done
printf '%-44s %10d %10d  (%d KB gzipped)\n' "wasm+js+css" "$total_raw" "$total_gz" $(((total_gz + 1023) / 1024))
printf '%-44s %10d %10d\n' "nianbao.html (single file)" "$(wc -c <dist/nianbao.html)" "$(gzip -9 -c dist/nianbao.html | wc -c)"
