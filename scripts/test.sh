#!/usr/bin/env bash
# Set up (install what is missing, build with tests), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
MOSCAN_TEST_TOOLS=1 scripts/setup.sh -DMOSCAN_TESTS=ON
cd build
ctest --output-on-failure --timeout 900 -j"$(nproc 2>/dev/null || echo 2)"
