#!/usr/bin/env bash
# What a user reaches for first: ripgrep, one pass per platform, counting matching lines.
#
#   scripts/bench/peer_rg.sh [--patterns FILE] ARCHIVE > counts.csv
#
# Each platform's patterns become one regex (whole-word ones as \b(?:...)\b, caseless ones in
# (?i:...), --no-unicode so that \b and case folding are ASCII as in Hyperscan), and
# `rg -c` counts the lines it matches; one more pass counts lines naming any platform (ANY).
# Prints moscan's long CSV with period, group and code ALL and mentions empty.
#
# These are NOT the FOI table and are not compared with it. rg counts physical lines of the
# whole file:
#   * no scope: every offence code, every date, every age, and the header line, are counted;
#   * lines, not crimes: each victim row repeats the MO (about 1.5 rows per crime), and a
#     continuation row counts again; nothing can dedup per crime across rows;
#   * a quoted field spanning several lines is several lines (a match in a later line of the
#     record is counted, but not attributed to any crime);
#   * no exclusions: "traffic signal" or "family discord" lines are counted;
#   * it reads every column, not only MOText and Notes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

patterns="$root/patterns/foi_platforms.pat"
archive=""
while (($#)); do
  case "$1" in
    --patterns) patterns="$2"; shift 2 ;;
    --config) shift 2 ;; # accepted for symmetry with the other peers; rg has no scope
    -*) echo "peer_rg: unknown option $1" >&2; exit 64 ;;
    *) archive="$1"; shift ;;
  esac
done
[[ -n $archive && -r $archive ]] || { echo "peer_rg: no readable archive given" >&2; exit 66; }
command -v rg >/dev/null || { echo "peer_rg: ripgrep not installed (scripts/setup_bench.sh)" >&2; exit 69; }

# platform<TAB>regex, from the same .pat reader as the Python peer.
regexes="$(python3 - "$patterns" "$here" <<'EOF'
import sys
sys.path.insert(0, sys.argv[2])
from peer_python import read_patterns
for pid, include, _ in read_patterns(sys.argv[1]):
    alts = []
    for e, caseless, whole in include:
        w = r"\b(?:" + e + r")\b" if whole else "(?:" + e + ")"
        alts.append(("(?i:" if caseless else "(?-i:") + w + ")")
    print(pid + "\t" + "|".join(alts))
EOF
)"

echo "period,group,code,platform,crimes,mentions"
all=()
while IFS=$'\t' read -r id rx; do
  all+=("$rx")
  n="$(rg --no-unicode --no-filename --include-zero -c -e "$rx" -- "$archive")"
  [[ $n == 0 ]] || echo "ALL,ALL,ALL,$id,$n,"
done <<<"$regexes"
any_rx="$(IFS='|'; echo "${all[*]}")"
echo "ALL,ALL,ALL,ANY,$(rg --no-unicode --no-filename --include-zero -c -e "$any_rx" -- "$archive"),"
ver="$(rg --version)"
echo "peer_rg: ${ver%%$'\n'*}: matching LINES of the whole file, one pass per platform (not crimes, no scope)" >&2
