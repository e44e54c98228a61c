#!/usr/bin/env bash
# Times `nianbao check DIR` (release build) on generated folders of reports and
# prints reports per second, on every core and on one, as Markdown table rows.
# The folders are made by tests/fixtures/batch/generate.py from the real
# report texts (about 9 KB each), with last year's reports for --prev, and
# folders of .docx copies of the filled template (Word input).
#   scripts/bench-batch.sh              100 and 1,000 reports
#   scripts/bench-batch.sh 100 1000 5000   other sizes
# Figures depend on the machine: compare runs on one.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 1000)
cargo build --release --locked --bin nianbao >/dev/null 2>&1 || cargo build --release --bin nianbao >/dev/null
bin=target/release/nianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc 2>/dev/null || echo 1)

# Seconds (wall clock) of the best of three runs of "$@", output discarded.
best_of_3() {
  local best=""
  for _ in 1 2 3; do
    local start end t
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || [[ $? -le 1 ]]
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}

echo "| reports | threads | format | seconds | reports/s |"
echo "| ---: | ---: | --- | ---: | ---: |"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  python3 tests/fixtures/batch/generate.py "$dir" --count "$n" --prev $((n / 10 > 0 ? n / 10 : 1)) --seed 1 >/dev/null
  for jobs in "$cores" 1; do
    for format in json text; do
      t=$(NIANBAO_JOBS=$jobs best_of_3 "$bin" check --format "$format" --prev "$dir/prev" "$dir/now")
      printf "| %d | %d | %s | %.3f | %.0f |\n" "$n" "$jobs" "$format" "$t" "$(echo "$n / $t" | bc -l)"
    done
    [[ "$cores" -gt 1 ]] || break
  done
done

# Word input: copies of the filled template (tests/fixtures/docx), JSON output.
for n in "${sizes[@]}"; do
  dir="$work/docx-$n"
  mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    cp tests/fixtures/docx/filled-libreoffice.docx "$dir/report-$i.docx"
  done
  for jobs in "$cores" 1; do
    t=$(NIANBAO_JOBS=$jobs best_of_3 "$bin" check --format json "$dir")
    printf "| %d .docx | %d | json | %.3f | %.0f |\n" "$n" "$jobs" "$t" "$(echo "$n / $t" | bc -l)"
    [[ "$cores" -gt 1 ]] || break
  done
done
