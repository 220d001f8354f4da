#!/usr/bin/env bash
# JSON Lines against CSV: the same generated archive in both formats, timed side by side.
#
#   scripts/jsonl_vs_csv.sh [SIZE] [--repeat N] [--keep] [--no-setup]
#
# Generates SIZE (default 200M) of CSV and of JSON Lines with the same seed (the JSONL file has
# the same size in bytes, so fewer rows: keys are repeated on every line), page-caches both,
# and runs moscan count on each, alternating formats, N times (default 5): the FOI job
# (--config patterns/foi_1148a_20.ini) and every record in scope (--all-codes --max-age none),
# at 1 thread and at all threads. Reports the best wall time, MB/s (archive bytes / wall) and
# the ratio CSV MB/s / JSONL MB/s (the target: at most 1.5). Writes bench/results/jsonl-<date>.md.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

size=200M
repeat=5
keep=0
setup=1
while (($#)); do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-setup) setup=0; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "jsonl_vs_csv: unknown option $1" >&2; exit 64 ;;
    *) size="$1"; shift ;;
  esac
done
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "jsonl_vs_csv: --repeat must be a positive integer" >&2; exit 64; }
. scripts/bench/common.sh
bench_init jsonl_vs_csv "$setup" "$keep"
for f in csv jsonl; do generate_archive "$size" "$f" "$work/a.$f"; done

# wall JOB FORMAT THREADS: one timed run, seconds on stdout.
wall() {
  local args
  if [[ $1 == foi ]]; then args=(--config patterns/foi_1148a_20.ini)
  else args=(--all-codes --max-age none --text-column MOText --text-column Notes); fi
  local start end
  start=$(date +%s.%N)
  "$moscan" count "${args[@]}" --threads "$3" --quiet "$work/a.$2" -o /dev/null || return 1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }'
}

rows=()
for job in foi all; do
  for t in "${tlist[@]}"; do
    declare -A best=()
    for ((i = 0; i < repeat; i++)); do
      for f in csv jsonl; do
        w=$(wall "$job" "$f" "$t") || { log "count failed ($job, $f, $t threads)"; exit 1; }
        if [[ -z ${best[$f]:-} ]] || awk -v a="$w" -v b="${best[$f]}" 'BEGIN { exit !(a < b) }'; then best[$f]=$w; fi
      done
    done
    bc=$(stat -c %s "$work/a.csv")
    bj=$(stat -c %s "$work/a.jsonl")
    row=$(awk -v job="$job" -v t="$t" -v wc="${best[csv]}" -v wj="${best[jsonl]}" -v bc="$bc" -v bj="$bj" 'BEGIN {
      mc = bc / 1e6 / wc; mj = bj / 1e6 / wj
      printf "| %s | %s | %.3f | %.0f | %.3f | %.0f | %.2f× |", (job == "foi" ? "FOI job" : "every record in scope"), t, wc, mc, wj, mj, mc / mj }')
    rows+=("$row")
    log "$row"
    unset best
  done
done

date_s="$(date +%Y-%m-%d)"
report="$work/report.md"
{
  echo "# moscan: JSON Lines against CSV, $date_s"
  echo
  echo "- **Archives**: \`moscan generate --seed 20201207 --size $size --format csv|jsonl\`: $(sed -n 's/^moscan: generated //p' "$work/a.csv.log") (CSV); $(sed -n 's/^moscan: generated //p' "$work/a.jsonl.log") (JSONL)"
  echo "- **Machine**: $threads hardware threads, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "- **Method**: one run of \`scripts/jsonl_vs_csv.sh $size\`; page cache warm; formats alternate, best of $repeat wall times each. MB/s = archive bytes / wall; ratio = CSV MB/s / JSONL MB/s (target ≤ 1.5)."
  echo
  echo "| job | threads | CSV s | CSV MB/s | JSONL s | JSONL MB/s | CSV / JSONL throughput |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} >"$report"
save_report jsonl "$report"
