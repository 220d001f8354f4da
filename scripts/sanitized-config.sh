# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: one configuration for the sanitized
# build, so that the suite and the fuzz targets share one build directory and one compile.
# RelWithDebInfo: fast enough for the shell tests' data, with line numbers in reports.
sanitized_config=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="${MOSCAN_FUZZ_CXX:-clang++-14}"
  -DMOSCAN_FUZZ=ON -DMOSCAN_TESTS=ON -DMOSCAN_BENCH=OFF)
if command -v ccache >/dev/null; then sanitized_config+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
