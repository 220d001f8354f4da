#!/usr/bin/env bash
# Quick start: set up (install what is missing, build), then run the FOI 1148A/20 job on the
# bundled synthetic sample archive and print the table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== FOI 1148A/20 on data/sample/archive.csv (synthetic) ==" >&2
build/moscan count --config patterns/foi_1148a_20.ini --format md data/sample/archive.csv
