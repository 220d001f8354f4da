#!/usr/bin/env bash
# Start-up time of a big plain pattern list (issue 13: "big sets start fast"): generates a
# 10,000-line plain list (platform<TAB>literal) of random lower-case words, then times
# `moscan count` on a tiny file three ways: without the cache, first run with an empty cache
# (compile + write the entry) and second run (load the entry: database and the NUL proof).
# Usage: scripts/big_set_start.sh [path/to/moscan] [lines]   (default: build/moscan, 10000)
set -euo pipefail
MOSCAN=${1:-build/moscan}
LINES=${2:-10000}
T=$(mktemp -d /tmp/moscan_big_set.XXXXXX)
trap 'rm -rf "$T"' EXIT

# Random words of 5-12 letters, 16 platforms, deterministic (awk's srand with a fixed seed).
awk -v n="$LINES" 'BEGIN { srand(13); a = "abcdefghijklmnopqrstuvwxyz"
  for (i = 0; i < n; i++) { len = 5 + int(rand() * 8); w = ""
    for (j = 0; j < len; j++) w = w substr(a, 1 + int(rand() * 26), 1)
    printf "p%02d\t%s\n", i % 16, w } }' >"$T/big.tsv"
printf 'CrimeRef,DateRecorded,HOCode,VictimAge,MOText\nA,01/02/2020,17A,12,a short text\n' >"$T/tiny.csv"

time_it() { # label, then the command
    local label=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    printf '%-36s %8.2f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
echo "moscan count --patterns <$LINES-line plain list> on a one-row file ($(nproc) CPUs)"
time_it "no cache (--no-cache)" "$MOSCAN" count -q --no-cache --patterns "$T/big.tsv" "$T/tiny.csv"
time_it "first run, empty cache (writes it)" "$MOSCAN" count -q --cache-dir "$T/cache" --patterns "$T/big.tsv" "$T/tiny.csv"
time_it "second run, cached" "$MOSCAN" count -q --cache-dir "$T/cache" --patterns "$T/big.tsv" "$T/tiny.csv"
ls -l "$T/cache" | tail -n +2 | awk '{ print "cache entry: " $5 " bytes" }'
