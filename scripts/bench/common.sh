# Sourced by the benchmark scripts (compare.sh, memory_scaling.sh, jsonl_vs_csv.sh), from the
# repository root.

# bench_init NAME SETUP KEEP: log() prefixed with NAME; scripts/setup.sh when SETUP is 1;
# $moscan, a work folder $work (removed on exit unless KEEP is 1), $threads and $tlist
# (1 and all threads).
bench_init() {
  bench_name=$1
  log() { echo "$bench_name: $*" >&2; }
  if (($2)); then
    scripts/setup.sh >/dev/null || { log "scripts/setup.sh failed"; exit 1; }
  fi
  moscan="$PWD/build/moscan"
  work="$(mktemp -d "${TMPDIR:-/tmp}/moscan-$bench_name.XXXXXX")"
  if (($3)); then log "keeping the archives in $work"; else trap 'rm -rf "$work"' EXIT; fi
  threads="$(nproc)"
  tlist=(1)
  ((threads > 1)) && tlist+=("$threads")
}

# warm_page_cache FILE: drops FILE from the page cache and reads it back once, so that every
# run finds it cached as the kernel reads a file from disk, whatever wrote it or touched it
# before (how a file came into the cache changes the kernel's cost of reading it again: pages
# read ahead are kept in large folios, pages faulted in one by one or written in small pieces
# are not; measured: up to 12% of moscan's time on the FOI job). A file just written is synced
# first: dirty pages cannot be dropped (they would stay in the small folios they were written
# in), and their writeback would run during the first measurements.
warm_page_cache() {
  sync "$1" 2>/dev/null || sync
  dd if="$1" iflag=nocache count=0 status=none 2>/dev/null || true
  cat "$1" >/dev/null
}

# generate_archive SIZE FORMAT FILE: the project's benchmark archive (seed 20201207), page-cached;
# moscan generate's summary line goes to FILE.log.
generate_archive() {
  log "generating $1 of $2"
  "$moscan" generate --seed 20201207 --size "$1" --format "$2" -o "$3" 2>"$3.log" ||
    { log "generate failed: $(tail -1 "$3.log")"; exit 1; }
  warm_page_cache "$3"
}

# save_report KIND REPORT: copies REPORT to bench/results/KIND-<date>.md (-2, -3, ... when that
# exists), prints it, and logs where it went.
save_report() {
  local kind=$1 report=$2 date_s dest n=2
  date_s="$(date +%Y-%m-%d)"
  mkdir -p bench/results
  dest="bench/results/$kind-$date_s.md"
  while [[ -e $dest ]]; do dest="bench/results/$kind-$date_s-$n.md"; n=$((n + 1)); done
  cp "$report" "$dest"
  cat "$report"
  echo "$kind: written to $dest" >&2
}
