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

# Sizes: raw and gzipped (-9), per file; the first load (what index.html
# loads) apart from the file reader, which the page loads only when a file is
# opened.
first_raw=0
first_gz=0
reader_raw=0
reader_gz=0
printf '%-48s %10s %10s\n' file bytes gzip
for f in dist/*.wasm dist/*.js dist/*.css; do
  [[ -e "$f" ]] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  case "${f#dist/}" in
    nianbao-reader*) reader_raw=$((reader_raw + raw)); reader_gz=$((reader_gz + gz)) ;;
    *) first_raw=$((first_raw + raw)); first_gz=$((first_gz + gz)) ;;
  esac
  printf '%-48s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done
printf '%-48s %10d %10d  (%d KB gzipped)\n' "first load: wasm+js+css" "$first_raw" "$first_gz" $(((first_gz + 1023) / 1024))
printf '%-48s %10d %10d  (%d KB gzipped)\n' "file reader, on demand: wasm+js" "$reader_raw" "$reader_gz" $(((reader_gz + 1023) / 1024))
printf '%-48s %10d %10d\n' "nianbao.html (single file)" "$(wc -c <dist/nianbao.html)" "$(gzip -9 -c dist/nianbao.html | wc -c)"
