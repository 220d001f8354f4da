#!/usr/bin/env bash
# Peak memory of the FOI job as the archive grows, measured side by side in one run.
#
#   scripts/memory_scaling.sh [SIZE...] [--repeat N] [--keep] [--no-setup] [-- COUNT-OPTIONS...]
#
# SIZEs default to 1G 4G. For each size an archive is generated with the same seed
# (moscan generate --seed 20201207), page-cached, and `moscan count --config
# patterns/foi_1148a_20.ini` runs N times (default 3) at 1 thread and at all threads under GNU
# time. The peak RSS of every run is kept: the table gives the smallest, the median and the
# largest, and the ratio of each size's median to the first size's. Options after `--` go to
# every count (e.g. -- --crime-memory none, to see the growth without a memory limit).
# Writes bench/results/memory-<date>.md and prints it.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

sizes=()
repeat=3
keep=0
setup=1
extra=()
while (($#)); do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-setup) setup=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "memory_scaling: unknown option $1" >&2; exit 64 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
((${#sizes[@]})) || sizes=(1G 4G)
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "memory_scaling: --repeat must be a positive integer" >&2; exit 64; }
. scripts/bench/common.sh
bench_init memory_scaling "$setup" "$keep"
command -v /usr/bin/time >/dev/null || { log "GNU time is missing (apt-get install time)"; exit 1; }

rows=()
declare -A med
for size in "${sizes[@]}"; do
  archive="$work/archive-$size.csv"
  generate_archive "$size" csv "$archive"
  bytes=$(stat -c %s "$archive")
  for t in "${tlist[@]}"; do
    rss=()
    walls=()
    for ((i = 0; i < repeat; i++)); do
      /usr/bin/time -f '%e %M' -o "$work/time" "$moscan" count --config patterns/foi_1148a_20.ini \
        --threads "$t" "${extra[@]}" "$archive" >"$work/out-$size-$t.csv" 2>"$work/err" ||
        { log "count failed: $(tail -1 "$work/err")"; exit 1; }
      read -r wall kb <"$work/time"
      rss+=("$kb")
      walls+=("$wall")
    done
    spilled="$(sed -n 's/^  crime state spilled *//p' "$work/err")"
    read -r lo mid hi < <(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}')
    wall="$(printf '%s\n' "${walls[@]}" | sort -n | head -1)"
    med["$size/$t"]=$mid
    base=${med["${sizes[0]}/$t"]}
    ratio="$(awk -v m="$mid" -v b="$base" 'BEGIN { printf "%.2f", m / b }')"
    row="| $size | $bytes | $t | $(awk -v k="$lo" 'BEGIN{printf "%.1f", k/1024}') | $(awk -v k="$mid" 'BEGIN{printf "%.1f", k/1024}') | $(awk -v k="$hi" 'BEGIN{printf "%.1f", k/1024}') | ${ratio}× | $wall | ${spilled:-none} |"
    rows+=("$row")
    log "$row"
  done
done

date_s="$(date +%Y-%m-%d)"
report="$work/report.md"
{
  echo "# moscan peak memory by archive size, $date_s"
  echo
  echo "- **Job**: \`moscan count --config patterns/foi_1148a_20.ini${extra[*]:+ ${extra[*]}}\` on \`moscan generate --seed 20201207 --size SIZE\`"
  echo "- **Machine**: $threads hardware threads, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
  echo "- **Method**: one run of \`scripts/memory_scaling.sh ${sizes[*]}\`; page cache warmed; $repeat runs per line; peak RSS from GNU time (\`%M\`), MB = 2^20 bytes. Ratio: this size's median over the ${sizes[0]} median at the same thread count."
  echo
  echo "| size | bytes | threads | peak RSS MB (min) | median | max | median vs ${sizes[0]} | best wall s | crime state spilled (last run) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} >"$report"
save_report memory "$report"
