#!/usr/bin/env bash
# Compressed input speed: a generated archive compressed with gzip and zstd, timed as
#   the decompressor alone to /dev/null, `zcat X | moscan count -`, `moscan count X.gz`,
# and the same for zstd, against `moscan count X.csv` on the uncompressed archive.
# Prints seconds (best of REPS runs) and MB/s of compressed and of decompressed bytes.
#
# Usage: scripts/compressed_bench.sh [SIZE] [MOSCAN]    (default 200M, build/moscan)
#   REPS=3 (runs per command, the best is kept), BENCH_DIR=/tmp/moscan_compressed_bench,
#   THREADS=0 (moscan --threads; 0: all cores)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${1:-200M}
BIN=$(realpath "${2:-build/moscan}")
REPS=${REPS:-3}
THREADS=${THREADS:-0}
DIR=${BENCH_DIR:-/tmp/moscan_compressed_bench}
mkdir -p "$DIR"
X="$DIR/archive-$SIZE.csv"

if [ ! -s "$X" ]; then
    "$BIN" generate --seed 7 --size "$SIZE" -o "$X" 2>/dev/null
fi
[ -s "$X.gz" ] || gzip -6 -kc "$X" >"$X.gz"
[ -s "$X.zst" ] || zstd -3 -q -c "$X" >"$X.zst"

plain=$(stat -c %s "$X")
gz=$(stat -c %s "$X.gz")
zst=$(stat -c %s "$X.zst")

# best CMD...: the shortest wall time of REPS runs, in seconds.
best() {
    local t b=""
    for _ in $(seq "$REPS"); do
        local s e
        s=$(date +%s.%N)
        bash -c "$1" >/dev/null 2>&1
        e=$(date +%s.%N)
        t=$(awk -v e="$e" -v s="$s" 'BEGIN { print e - s }')
        if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=$t; fi
    done
    printf '%.3f' "$b"
}

M="$BIN count --threads $THREADS -q"
row() { # NAME SECONDS COMPRESSED_BYTES
    local c_rate="-"
    [ "$3" != "-" ] && c_rate=$(awk -v c="$3" -v t="$2" 'BEGIN { printf "%.0f", c / t / 1e6 }')
    printf '%-34s %8s s %10s MB/s compressed %8s MB/s decompressed\n' "$1" "$2" "$c_rate" \
        "$(awk -v c="$plain" -v t="$2" 'BEGIN { printf "%.0f", c / t / 1e6 }')"
}

echo "archive: $X ($plain bytes; gzip -6 $gz bytes, zstd -3 $zst bytes), best of $REPS, $(nproc) cores"
echo "moscan: $BIN --threads $THREADS"
row "gzip -dc > /dev/null" "$(best "gzip -dc '$X.gz'")" "$gz"
row "zcat | moscan count -" "$(best "zcat '$X.gz' | $M -")" "$gz"
row "moscan count X.csv.gz" "$(best "$M '$X.gz'")" "$gz"
row "zstd -dc > /dev/null" "$(best "zstd -dc -q '$X.zst'")" "$zst"
row "zstdcat | moscan count -" "$(best "zstd -dc -q '$X.zst' | $M -")" "$zst"
row "moscan count X.csv.zst" "$(best "$M '$X.zst'")" "$zst"
row "moscan count X.csv (plain)" "$(best "$M '$X'")" "-"
