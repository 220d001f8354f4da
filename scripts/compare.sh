#!/usr/bin/env bash
# End-to-end comparison on one generated archive, in one run:
#   (a) the FOI job: moscan count --config patterns/foi_1148a_20.ini, at 1 thread and all threads
#   (b) moscan with every record in scope (--all-codes --max-age none, MOText and Notes)
#   (c) the engine limit: moscan_scan_limit (bench/tools/scan_limit.cpp), Hyperscan alone
#   (d) what a user would do instead: Python csv + re, DuckDB SQL, sqlite3 LIKE, ripgrep
# Prints a Markdown table of wall time, MB/s, peak RSS, whether each peer's numbers equal
# moscan's, and the ratios; writes the same to bench/results/compare-<date>.md.
#
#   scripts/compare.sh [SIZE] [--keep] [--archive FILE] [--seed S] [--format csv|jsonl]
#                      [--repeat N] [--skip python,duckdb,sqlite,rg] [--no-setup]
#
# SIZE defaults to 1G (any size `moscan generate --size` takes: 200M, 1G, ...). The archive is
# generated into a temporary directory, removed at the end unless --keep (which also keeps
# every output); --archive reuses an existing file instead. Peers read CSV only: with
# --format jsonl they are skipped. A peer that fails or is missing is reported and skipped.
# Needs: scripts/setup.sh (moscan's build) and scripts/setup_bench.sh (time, sqlite3,
# ripgrep, node + @duckdb/node-api); both are run here unless --no-setup.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root="$PWD"
. scripts/bench/common.sh

size=1G
keep=0
archive=""
seed=20201207
format=csv
repeat=3
skip=","
setup=1
while (($#)); do
  case "$1" in
    --keep) keep=1; shift ;;
    --archive) archive="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --format) format="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --skip) skip=",$2,"; shift 2 ;;
    --no-setup) setup=0; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare: unknown option $1" >&2; exit 64 ;;
    *) size="$1"; shift ;;
  esac
done
[[ $format == csv || $format == jsonl ]] || { echo "compare: --format csv or jsonl" >&2; exit 64; }
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "compare: --repeat must be a positive integer" >&2; exit 64; }

log() { echo "compare: $*" >&2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/moscan-compare.XXXXXX")"
if ((keep)); then
  log "keeping everything in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# ------------------------------------------------------------------ build and tools
if ((setup)); then
  log "building moscan (scripts/setup.sh; log in $work/setup.log)"
  if ! scripts/setup.sh >"$work/setup.log" 2>&1; then
    tail -20 "$work/setup.log" >&2
    log "build failed"
    exit 1
  fi
  log "installing the peers' tools (scripts/setup_bench.sh)"
  scripts/setup_bench.sh >"$work/setup_bench.log" 2>&1 ||
    log "setup_bench.sh reported a problem (see below); peers that need it will be skipped: $(tail -1 "$work/setup_bench.log")"
fi
# MOSCAN_BIN: another moscan binary to measure (a baseline build, for before/after in one sitting).
moscan="${MOSCAN_BIN:-$root/build/moscan}"
[[ -x $moscan ]] || { log "no $moscan: run scripts/setup.sh"; exit 1; }
[[ -x /usr/bin/time ]] || { log "GNU time (/usr/bin/time) is missing: apt-get install time"; exit 1; }

# The engine-limit tool: the CMake target if it exists, else compiled here against the
# already built static library.
scan_limit="$root/build/moscan_scan_limit"
scan_limit_note=""
if [[ ! -x $scan_limit ]]; then
  scan_limit="$root/build/bench-tools/moscan_scan_limit"
  src="$root/bench/tools/scan_limit.cpp"
  lib="$root/build/libmoscan_lib.a"
  if [[ ! -x $scan_limit || $src -nt $scan_limit || $lib -nt $scan_limit ]]; then
    log "compiling $src (no CMake target moscan_scan_limit yet)"
    mkdir -p "$(dirname "$scan_limit")"
    native="-march=native"
    grep -q 'MOSCAN_NATIVE:BOOL=OFF' build/CMakeCache.txt 2>/dev/null && native=""
    # shellcheck disable=SC2046
    if ! c++ -std=c++20 -O3 -DNDEBUG $native -I"$root" $(pkg-config --cflags libhs) \
        -DMOSCAN_SOURCE_DIR="\"$root\"" "$src" "$lib" $(pkg-config --libs libhs) -pthread \
        -o "$scan_limit" 2>"$work/scan_limit_build.log"; then
      scan_limit_note="could not compile bench/tools/scan_limit.cpp: $(head -1 "$work/scan_limit_build.log")"
      log "$scan_limit_note"
    fi
  fi
fi

# ------------------------------------------------------------------ archive
if [[ -n $archive ]]; then
  [[ -r $archive ]] || { log "cannot read $archive"; exit 66; }
  archive="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"
  case "$archive" in *.jsonl|*.ndjson) format=jsonl ;; *) format=csv ;; esac
  archive_desc="\`$archive\` (given), $(stat -c %s "$archive") bytes"
else
  archive="$work/archive.$format"
  log "generating a $size $format archive (seed $seed)"
  if ! "$moscan" generate --seed "$seed" --size "$size" --format "$format" -o "$archive" \
      --truth "$work/truth.csv" 2>"$work/generate.log"; then
    cat "$work/generate.log" >&2
    exit 1
  fi
  archive_desc="\`moscan generate --seed $seed --size $size --format $format\`: $(sed -n 's/^moscan: generated //p' "$work/generate.log")"
fi
bytes=$(stat -c %s "$archive")
log "dropping the archive from the page cache and reading it back ($bytes bytes)"
warm_page_cache "$archive"

threads=$(nproc 2>/dev/null || echo 1)
load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
tlist=(1)
((threads > 1)) && tlist+=("$threads")

# ------------------------------------------------------------------ measuring
runs="$work/runs.tsv"
: >"$runs"

# measure ID PART LABEL THREADS NOTE -- command...: GNU time, best wall of $reps runs.
reps=1
measure() {
  local id=$1 part=$2 label=$3 thr=$4 note=$5
  shift 6
  local best="" best_rss="" rc=0 i
  local t0 t1
  for ((i = 0; i < reps; i++)); do
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$work/$id.time" "$@" >"$work/$id.out.tmp" 2>"$work/$id.err.tmp"
    rc=$?
    t1=$(date +%s%N)
    if ((rc > 128)); then # killed by a signal (a peer's crash is not a result): once more
      log "$label ($thr threads) died with exit code $rc; running it again"
      t0=$(date +%s%N)
      /usr/bin/time -f '%e %M' -o "$work/$id.time" "$@" >"$work/$id.out.tmp" 2>"$work/$id.err.tmp"
      rc=$?
      t1=$(date +%s%N)
    fi
    if ((rc != 0)); then
      mv "$work/$id.out.tmp" "$work/$id.out"
      mv "$work/$id.err.tmp" "$work/$id.err"
      log "$label ($thr threads) failed with exit code $rc: $(tail -1 "$work/$id.err")"
      printf '%s\t%s\t%s\t%s\t%s\t\t\t%s\t%s\t%s\n' "$id" "$part" "$label" "$thr" "$rc" \
        "$work/$id.out" "$work/$id.err" "$note" >>"$runs"
      return
    fi
    # Wall time to the millisecond from the clock around the run (GNU time's %e has only
    # hundredths, too coarse for a 0.3 s run); peak RSS from GNU time.
    local wall rss
    read -r wall rss < <(tail -1 "$work/$id.time")
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      best_rss=$rss
      mv "$work/$id.out.tmp" "$work/$id.out"
      mv "$work/$id.err.tmp" "$work/$id.err"
    fi
  done
  rm -f "$work/$id.out.tmp" "$work/$id.err.tmp"
  log "$(printf '%-44s %3s thr %8.2f s  %6.0f MB/s  %6.0f MB RSS' "$label" "$thr" "$best" \
    "$(awk -v b="$bytes" -v s="$best" 'BEGIN { print (s > 0 ? b / 1e6 / s : 0) }')" \
    "$(awk -v k="$best_rss" 'BEGIN { print k / 1024 }')")"
  printf '%s\t%s\t%s\t%s\t0\t%s\t%s\t%s\t%s\t%s\n' "$id" "$part" "$label" "$thr" "$best" \
    "$best_rss" "$work/$id.out" "$work/$id.err" "$note" >>"$runs"
}

skipped() { # ID PART LABEL THREADS WHY
  log "$3: skipped: $5"
  printf '%s\t%s\t%s\t%s\t%s\t\t\t\t\t%s\n' "$1" "$2" "$3" "$4" 1 "$5" >>"$runs"
}

config="$root/patterns/foi_1148a_20.ini"

# (a) the FOI job
reps=$repeat
for t in "${tlist[@]}"; do
  measure "a$t" a "moscan: FOI job (\`count --config foi_1148a_20.ini\`)" "$t" "" -- \
    "$moscan" count --config "$config" --threads "$t" "$archive"
done

# (b) every record in scope
allcodes=(--all-codes)
b_label="moscan: every record in scope (\`--all-codes --max-age none\`)"
if ! "$moscan" count --help 2>&1 | grep -q -- '--all-codes'; then
  allcodes=()
  b_label="moscan: FOI codes only, any age and date (\`--max-age none\`; this build has no --all-codes)"
  log "this moscan has no --all-codes: (b) falls back to --max-age none (only the listed codes)"
fi
for t in "${tlist[@]}"; do
  measure "b$t" b "$b_label" "$t" "" -- \
    "$moscan" count "${allcodes[@]}" --max-age none --text-column MOText --text-column Notes \
    --threads "$t" "$archive"
done

# (c) the engine limit: the tool repeats internally and reports the best scan time.
for t in "${tlist[@]}"; do
  if [[ -n $scan_limit_note ]]; then
    skipped "c$t" c "engine limit: Hyperscan scan only" "$t" "$scan_limit_note"
    continue
  fi
  reps=1
  measure "c$t" c "engine limit: Hyperscan scan only (moscan_scan_limit)" "$t" "" -- \
    "$scan_limit" --threads "$t" --repeat "$repeat" "$archive"
  # Replace the process wall time by the scan time the tool measured (file read excluded).
  if [[ -s $work/c$t.out ]] && tail -1 "$runs" | grep -q "^c$t	.*	0	"; then
    python3 - "$runs" "c$t" "$work/c$t.out" <<'EOF'
import json, sys
runs, rid, out = sys.argv[1:]
j = json.loads(open(out).read().strip().splitlines()[-1])
lines = open(runs).read().splitlines()
for i, l in enumerate(lines):
    p = l.split("\t")
    if p[0] == rid:
        p[5] = f"{j['seconds']:.6f}"
        p[9] = f"{j['hits']:,} hits, {j['patterns']} patterns, {j['block'] >> 10} KiB blocks, file read not timed"
        lines[i] = "\t".join(p)
open(runs, "w").write("\n".join(lines) + "\n")
print(f"compare:   scan only (file read excluded): {j['seconds']:.2f} s, {j['mb_per_s']:.0f} MB/s",
      file=sys.stderr)
EOF
  fi
done

# (d) the peers: the DuckDB peer, the fastest, as often as moscan (best of --repeat); the
# others, many times slower, once each.
reps=1
tools=()
if [[ $format != csv ]]; then
  log "the peers read CSV only: skipped for a $format archive"
else
  if [[ $skip == *,python,* ]]; then :
  elif ! command -v python3 >/dev/null; then skipped py d "Python csv + re" 1 "python3 not installed"
  else
    measure py d "Python csv + re (\`peer_python.py\`)" 1 "" -- \
      python3 scripts/bench/peer_python.py --config "$config" "$archive"
    tools+=("$(python3 --version)")
  fi

  if [[ $skip == *,duckdb,* ]]; then :
  elif ! command -v node >/dev/null; then skipped duck d "DuckDB SQL" "$threads" "node not installed"
  elif [[ ! -d scripts/bench/node_modules/@duckdb/node-api ]]; then
    skipped duck d "DuckDB SQL" "$threads" "@duckdb/node-api not installed (scripts/setup_bench.sh)"
  else
    reps=$repeat
    measure duck d "DuckDB SQL (\`peer_duckdb.mjs\`)" "$threads" "" -- \
      node scripts/bench/peer_duckdb.mjs --config "$config" --threads "$threads" "$archive"
    tools+=("node $(node --version)" "$(sed -n 's/^peer_duckdb: \(DuckDB [^,]*\),.*/\1/p' "$work/duck.err" 2>/dev/null)")
    reps=1
  fi

  if [[ $skip == *,sqlite,* ]]; then :
  elif ! command -v sqlite3 >/dev/null; then skipped sq d "sqlite3 LIKE" 1 "sqlite3 not installed"
  else
    measure sq d "sqlite3 .import + LIKE (\`peer_sqlite.sh\`)" 1 "" -- \
      scripts/bench/peer_sqlite.sh --config "$config" "$archive"
    tools+=("sqlite $(sqlite3 --version | cut -d' ' -f1)")
  fi
fi
if [[ $skip == *,rg,* ]]; then :
elif ! command -v rg >/dev/null; then skipped rg r "ripgrep -c per platform" 1 "ripgrep not installed"
else
  measure rg r "ripgrep \`rg -c\`, one pass per platform (\`peer_rg.sh\`)" 1 "" -- \
    scripts/bench/peer_rg.sh "$archive"
  ver="$(rg --version)"
  tools+=("${ver%%$'\n'*}")
fi

# ------------------------------------------------------------------ report
date_s="$(date +%Y-%m-%d)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
moscan_v="$("$moscan" --version 2>/dev/null | head -1)"
hs_v="$(sed -n 's/.*hyperscan \([0-9.]*\).*/\1/p' "$work/a1.err" 2>/dev/null | head -1)"
[[ -n $moscan_v ]] && tools=("$moscan_v" "${tools[@]}")
[[ -n $hs_v ]] && tools=("${tools[@]}" "Hyperscan $hs_v")
python3 - "$work/meta.json" <<EOF
import json, sys
json.dump({
    "date": "$date_s",
    "bytes": $bytes,
    "archive_desc": """$archive_desc""",
    "machine": """$threads hardware threads (nproc), ${cpu:-unknown CPU}; load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (other work on the machine skews the figures)""",
    "threads": $threads,
    "repeat": $repeat,
    "tools": [t for t in """$(printf '%s\n' "${tools[@]}")""".split("\n") if t],
    "extra_checks": [],
}, open(sys.argv[1], "w"), indent=1)
EOF
report="$work/report.md"
if ! python3 scripts/bench/report.py "$runs" "$work/meta.json" >"$report"; then
  log "report.py failed; raw runs in $runs"
  cat "$runs" >&2
  exit 1
fi
save_report compare "$report"
