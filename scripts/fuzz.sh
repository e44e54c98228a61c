#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a while.
#
#   scripts/fuzz.sh                    every target, FUZZ_SECONDS (default 20) each
#   FUZZ_SECONDS=300 scripts/fuzz.sh check
#   FUZZ_SECONDS=0 scripts/fuzz.sh     skips fuzzing
#
# Each target starts from the committed seeds (fuzz/seeds/<target>/) and keeps
# what it finds in fuzz/corpus/<target>/ (git-ignored). A crash stops the run
# with a non-zero status and leaves its input in fuzz/artifacts/<target>/,
# which `cargo test --test fuzz_replay` then replays under stable Rust.
#
# cargo-fuzz wants nightly Rust. When no nightly toolchain is installed (none can
# be fetched on every machine), the stable toolchain is used with
# RUSTC_BOOTSTRAP=1, which lets it take the same -Z sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

seconds="${FUZZ_SECONDS:-20}"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1mfuzz:\033[0m %s\n' "$*"; }

if [[ "$seconds" == 0 ]]; then
  log "FUZZ_SECONDS=0: skipped"
  exit 0
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked
fi

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  log "no nightly toolchain: using stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
fi

cd fuzz
targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(cargo "${toolchain[@]}" fuzz list)
fi

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t"
  log "$t for ${seconds}s"
  cargo "${toolchain[@]}" fuzz run "$t" "$root/fuzz/corpus/$t" "$root/fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1
done
log "no crash in ${targets[*]}"
