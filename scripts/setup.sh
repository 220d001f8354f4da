#!/usr/bin/env bash
# Installs the Debian 12 packages moscan needs (only those missing), then configures and
# builds it in Release mode into build/. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config     # toolchain
  libhyperscan-dev                     # the multi-pattern regex engine
  libtbb-dev                           # oneTBB: parallel_pipeline
  libsimdjson-dev                      # JSON Lines parsing
  libboost-program-options-dev         # command line and INI config files
  libbenchmark-dev                     # bench/ (Google Benchmark)
  doctest-dev                          # tests/
  python3                              # tests/cli/cli_test.sh checks JSON output with it
  libxlsxwriter-dev                    # --format xlsx
  wbritish                             # moscan patterns variants: drops real words (/usr/share/dict/british-english)
  libarchive-dev                       # compressed input: zstd, bzip2, xz, zip
  zlib1g-dev                           # gzip input: zlib checks each member's CRC (libarchive does not)
)
# The test suite also renders the HTML report in headless Chromium (tests/cli/report_test.sh):
# installed when tests are requested (-DMOSCAN_TESTS=ON, or MOSCAN_TEST_TOOLS=1 as
# scripts/test.sh sets), not for a plain build.
want_test_tools=${MOSCAN_TEST_TOOLS:-0}
for a in "$@"; do
  [[ $a == -DMOSCAN_TESTS=ON || $a == -DMOSCAN_TESTS:BOOL=ON ]] && want_test_tools=1
done
if [[ $want_test_tools == 1 ]]; then
  packages+=(chromium fonts-dejavu-core)
  # tests/cli/input_test.sh makes compressed and re-encoded copies of its data with them
  packages+=(gzip zstd bzip2 xz-utils zip libc-bin)
fi
# scripts/sanitize.sh and scripts/fuzz.sh: clang with its sanitizer and libFuzzer runtimes.
if [[ ${MOSCAN_FUZZ_TOOLS:-0} == 1 ]]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  [[ $p == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

[[ ${MOSCAN_SETUP_ONLY:-0} == 1 ]] && exit 0 # install only (the sanitizer scripts build elsewhere)
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >&2
cmake --build build -j"$jobs" >&2
