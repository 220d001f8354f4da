#!/usr/bin/env bash
# The sanitizer stage: builds moscan, its tests and the libFuzzer targets of tests/fuzz with
# clang++-14, AddressSanitizer and UndefinedBehaviorSanitizer (-DMOSCAN_FUZZ=ON instruments the
# whole library), runs the whole ctest suite under them, then each fuzz target for
# MOSCAN_FUZZ_SECONDS seconds (scripts/fuzz.sh; default 15, 0 skips it). Any sanitizer report,
# failing test or fuzz finding fails the run: ASan and UBSan halt on the first error.
#   scripts/sanitize.sh
# MOSCAN_SAN_DIR: build directory (default build-san). Installs clang when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${MOSCAN_SAN_DIR:-build-san}
jobs=$(nproc 2>/dev/null || echo 2)
MOSCAN_TEST_TOOLS=1 MOSCAN_FUZZ_TOOLS=1 MOSCAN_SETUP_ONLY=1 scripts/setup.sh
# shellcheck source=scripts/sanitized-config.sh
source scripts/sanitized-config.sh
cmake -S . -B "$dir" "${sanitized_config[@]}" >&2
cmake --build "$dir" -j"$jobs" >&2
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
# No LSan suppressions file here: some shell tests run moscan as 'nobody' (tests/cli/input_test.sh),
# who may not be able to read one inside the checkout, and ASan then aborts.
(cd "$dir" && ctest --output-on-failure --timeout 1800 -j"$jobs")
seconds=${MOSCAN_FUZZ_SECONDS:-15}
if [[ $seconds != 0 ]]; then
  MOSCAN_FUZZ_DIR=$dir MOSCAN_FUZZ_SECONDS=$seconds scripts/fuzz.sh
fi
