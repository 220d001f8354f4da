# Sourced by the benchmark scripts (compare.sh, memory_scaling.sh, jsonl_vs_csv.sh).
# save_report KIND REPORT: copies REPORT to bench/results/KIND-<date>.md (-2, -3, ... when that
# exists), prints it, and logs where it went. Run from the repository root.
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
