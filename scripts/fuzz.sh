#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang++-14, -DMOSCAN_FUZZ=ON, ASan + UBSan; the
# configuration of scripts/sanitize.sh, in the same build directory) and runs each for
# MOSCAN_FUZZ_SECONDS seconds (default 20), seeded from tests/fuzz/corpus/<target>/.
# The working corpus and any crash input go to a fresh temporary directory, never into the
# repository. Fails on the first target that finds a crash, a leak or a violated property,
# and prints the path of the input that did it.
#   scripts/fuzz.sh [FILTER]     FILTER: run only targets whose name contains it (e.g. csv)
# MOSCAN_FUZZ_SEED: libFuzzer's -seed (default: random; CI fixes it so that a run repeats).
# MOSCAN_FUZZ_DIR: build directory (default build-san). MOSCAN_FUZZ_KEEP=1 keeps the temp dir.
# Reproduce a crash: build-san/tests/fuzz/fuzz_<target> <crash-file>
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir=${MOSCAN_FUZZ_DIR:-build-san}
seconds=${MOSCAN_FUZZ_SECONDS:-20}
filter=${1:-}
jobs=$(nproc 2>/dev/null || echo 2)

targets=(csv_split csv_record jsonl_record dates patterns input_source ini xlsx)
selected=()
for t in "${targets[@]}"; do
  [[ -z $filter || $t == *"$filter"* ]] && selected+=("$t")
done
if ((${#selected[@]} == 0)); then
  echo "fuzz: no target matches '$filter' (targets: ${targets[*]})" >&2
  exit 2
fi

MOSCAN_FUZZ_TOOLS=1 MOSCAN_SETUP_ONLY=1 scripts/setup.sh
# shellcheck source=scripts/sanitized-config.sh
source scripts/sanitized-config.sh
cmake -S . -B "$dir" "${sanitized_config[@]}" >&2
cmake --build "$dir" -j"$jobs" --target "${selected[@]/#/fuzz_}" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/moscan-fuzz.XXXXXX")
[[ ${MOSCAN_FUZZ_KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
# LSan: the uninstrumented system libraries' own allocations (lsan.supp says which).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0}

failed=()
for t in "${selected[@]}"; do
  corpus=$work/$t/corpus
  artifacts=$work/$t/crashes/
  mkdir -p "$corpus" "$artifacts"
  seeds=$root/tests/fuzz/corpus/$t
  log=$work/$t/fuzz.log
  echo "fuzz: $t for ${seconds}s (seeds: tests/fuzz/corpus/$t)" >&2
  # The working corpus first: new inputs go there; the seed directory is only read.
  # -rss_limit_mb: count_job reserves its buffers once, well under this.
  if "$root/$dir/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
       ${MOSCAN_FUZZ_SEED:+-seed="$MOSCAN_FUZZ_SEED"} \
       -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds" >"$log" 2>&1; then
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "$log" | sed "s/^/fuzz: $t: /" >&2 || true
  else
    tail -n 60 "$log" >&2
    crash=$(find "$artifacts" -type f | head -n 1)
    if [[ -n $crash ]]; then
      keep=$(mktemp -d "${TMPDIR:-/tmp}/moscan-fuzz-crash.XXXXXX")
      cp "$crash" "$keep/"
      echo "fuzz: $t FAILED; crash input: $keep/$(basename "$crash")" >&2
      echo "fuzz: reproduce with: $dir/tests/fuzz/fuzz_$t $keep/$(basename "$crash")" >&2
    else
      echo "fuzz: $t FAILED without a crash input (log above)" >&2
    fi
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#selected[@]} targets ran ${seconds}s clean" >&2
