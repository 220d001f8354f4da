#!/usr/bin/env bash
# Outputs an officer can open and trust: the --hits CSV takes --bom and never hands a
# spreadsheet a formula (nor does --rejects); every output appears whole or not at all, even
# when the run is killed (SIGKILL at many points while it writes).
# Usage: tests/cli/outputs_test.sh /path/to/moscan
set -u

. "$(dirname "$0")/cli_lib.sh" outputs "$@"

cat >"$T/f.csv" <<'EOF2'
CrimeRef,DateRecorded,HOCode,VictimAge,MOText
A1,01/05/2020,17,12,"=HYPERLINK(""http://x"") on snapchat"
A2,01/05/2020,17,12,-- met on kik
@3,01/05/2020,17,twelve,on kik
EOF2

run count -q --on-error skip "$T/f.csv" --hits "$T/h.csv" --rejects "$T/r.csv" --bom -o "$T/t.csv"
expect_rc "--hits with --bom" 0
check "--hits CSV starts with a BOM" test "$(head -c 3 "$T/h.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf
check "a formula in a context is shown as text" grep -q "\"'=HYPERLINK(\"\"http://x\"\") on \"" "$T/h.csv"
check "a leading - in a context is shown as text" grep -q ",'-- met on ," "$T/h.csv"
check "--rejects: a leading @ is shown as text" grep -q "\"'@3,01/05/2020,17,twelve,on kik\"" "$T/r.csv"
run count -q --on-error skip "$T/f.csv" --hits "$T/h2.csv" -o "$T/t2.csv"
check "--hits CSV without --bom has none" test "$(head -c 1 "$T/h2.csv")" = c
run count -q --on-error skip "$T/f.csv" --hits "$T/h.jsonl" -o "$T/t3.csv"
check "--hits JSON Lines keeps the text as it is" grep -q '"context_before": "=HYPERLINK' "$T/h.jsonl"

# ---- whole or nothing: SIGKILL at many points of a run that writes a big audit trail ----
"$BIN" generate --seed 5 --size 30M -o "$T/g.csv" 2>/dev/null
job=(count -q --all-codes --max-age none --threads 2 "$T/g.csv")
"$BIN" "${job[@]}" --hits "$T/ref_h.csv" -o "$T/ref_t.csv" 2>/dev/null
check "reference run wrote its outputs" test -s "$T/ref_h.csv" -a -s "$T/ref_t.csv"
killed=0
for delay in 0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4 0.45 0.5 0.6 0.8; do
    echo OLD >"$T/h.csv"
    echo OLD >"$T/t.csv"
    "$BIN" "${job[@]}" --hits "$T/h.csv" -o "$T/t.csv" 2>/dev/null &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null
    for f in h t; do
        if cmp -s "$T/$f.csv" "$T/ref_$f.csv"; then ok
        elif [ "$(cat "$T/$f.csv")" = OLD ]; then ok
        else fail "killed after ${delay}s: $f.csv is neither the old file nor the whole new one"
        fi
    done
    rm -f "$T"/h.csv.tmp-* "$T"/t.csv.tmp-*
done
check "some runs were killed while running" test "$killed" -gt 0

finish
