#!/usr/bin/env bash
# --max-rejected (pass and fail at the boundary, exit 65 with the top reason) and --rejects
# (every rejected row, checked against Python's own reading of the files it wrote).
. "$(dirname "$0")/cli_lib.sh" rejects "$@"

# make.py OUT ROWS BAD: ROWS rows of one in-scope code, BAD of them (spread out) with an
# invalid date.
cat >"$T/make.py" <<'PY'
import sys
out, rows, bad = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
step = rows // bad if bad else rows + 1
with open(out, "w") as f:
    f.write("CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n")
    for i in range(rows):
        date = "32/01/2020" if bad and i % step == step - 1 and i // step < bad else "05/01/2020"
        f.write("C%d,%s,22A,12,met on snapchat\n" % (i, date))
PY
# limit_case NAME ROWS BAD EXPECTED_RC [OPTIONS...]
limit_case() {
    local name=$1 rows=$2 bad=$3 want=$4
    shift 4
    python3 "$T/make.py" "$T/l.csv" "$rows" "$bad"
    run count "$T/l.csv" "$@"
    expect_rc "$name" "$want"
}
# The default: more than 1% of rows read, and more than 10.
limit_case "default: 10 of 100 pass" 100 10 0
limit_case "default: 11 of 100 fail" 100 11 65
limit_case "default: 20 of 2000 pass" 2000 20 0
limit_case "default: 21 of 2000 fail" 2000 21 65
expect_in "over the limit: counts" "$T/err" "too many rows rejected: 21 of 2000 rows read (1.1%), more than the 20 allowed"
expect_in "over the limit: top reason, first place" "$T/err" "most for invalid date: 21 rows, the first at $T/l.csv:96: invalid date: '32/01/2020'"
expect_in "over the limit: how the dates were read" "$T/err" "dates read as dd/mm/yyyy or yyyy-mm-dd from column DateRecorded"
check "over the limit: no table" test ! -s "$T/out"
# N rows, P%, 0 and 100%.
limit_case "5: 5 pass" 1000 5 0 --max-rejected 5
limit_case "5: 6 fail" 1000 6 65 --max-rejected 5
expect_in "5: named in the message" "$T/err" "(--max-rejected: 5 rows)"
limit_case "2%: 20 of 1000 pass" 1000 20 0 --max-rejected 2%
limit_case "2%: 21 of 1000 fail" 1000 21 65 --max-rejected 2%
limit_case "0.5%: 5 of 1000 pass" 1000 5 0 --max-rejected 0.5%
limit_case "0.5%: 6 of 1000 fail" 1000 6 65 --max-rejected 0.5%
limit_case "0: none pass" 1000 0 0 --max-rejected 0
limit_case "0: one fails" 1000 1 65 --max-rejected 0
limit_case "100%: all rejected pass" 100 100 0 --max-rejected 100%
# --on-error skip is limited too; --on-error fail stops at the first.
limit_case "skip: 11 of 100 fail" 100 11 65 --on-error skip
limit_case "fail: the first fails" 100 1 65 --on-error fail
expect_in "fail: names the row" "$T/err" "l.csv:101: invalid date"
run count "$T/l.csv" --max-rejected 12x
expect_rc "bad --max-rejected" 64

# Every kind of rejected row, some rows out of scope by code with bad values (not checked,
# not rejected), a quoted record over several lines; expected rows worked out here.
cat >"$T/mixed.py" <<'PY'
import csv, io, sys
out, expected = sys.argv[1], sys.argv[2]
lines = ["CrimeRef,DateRecorded,HOCode,VictimAge,MOText"]
want = []  # (line, reason, raw record)
def add(raw, reason=None):
    line = len("\n".join(lines).split("\n")) + 1
    lines.append(raw)
    if reason:
        want.append((line, reason, raw))
for i in range(300):
    k = i % 30
    if k == 3: add("R%d,32/13/2020,22A,12,on snapchat" % i, "invalid date")
    elif k == 5: add(",05/01/2020,22A,12,on snapchat", "missing crime id")
    elif k == 7: add("R%d,05/01/2020,,12,on snapchat" % i, "missing offence code")
    elif k == 9: add("R%d,,22A,12,on snapchat" % i, "missing date")
    elif k == 11: add("R%d,05/01/2020,22A,twelve,on snapchat" % i, "invalid age")
    elif k == 13: add("R%d,05/01/2020,22A,12,on snapchat,extra" % i, "wrong number of fields")
    elif k == 15: add("R%d,not a date,ZZZ,old,out of scope by code" % i)  # not checked
    elif k == 17: add('R%d,31/04/2020,22A,12,"quoted ""text""\nover two lines"' % i, "invalid date")
    else: add("R%d,05/01/2020,22A,12,on snapchat" % i)
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
with open(expected, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    for line, reason, raw in want:
        w.writerow([line, reason, raw])
print(len(want))
PY
n=$(python3 "$T/mixed.py" "$T/mixed.csv" "$T/want.csv")
# compare.py REJECTS WANT: the rejects file's rows (file, line, reason, record) are exactly
# the expected ones, in order, each naming the file.
cat >"$T/compare.py" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
want = [tuple(r) for r in csv.reader(open(sys.argv[2], newline=""))]
assert rows[0] == ["file", "line", "reason", "detail", "record"], rows[0]
got = [(r[1], r[2], r[4]) for r in rows[1:]]
assert all(r[0] == sys.argv[3] for r in rows[1:]), "file column"
if got != want:
    for g, w in zip(got, want):
        if g != w:
            print("first difference: got", g, "want", w)
            break
    print("got", len(got), "want", len(want))
    sys.exit(1)
PY
run count "$T/mixed.csv" --on-error skip --max-rejected 100% --rejects "$T/rejects.csv" --chunk-size 1K --threads 2
expect_rc "rejects run" 0
check "rejects: exactly the rejected rows ($n)" python3 "$T/compare.py" "$T/rejects.csv" "$T/want.csv" "$T/mixed.csv"
expect_in "rejects: summary counts them" "$T/err" "rows rejected        $n"
expect_in "rejects: summary names the file" "$T/err" "rejected rows, all $n, in $T/rejects.csv"
check "rejects: no temporary file left" test -z "$(ls "$T" | grep 'rejects.csv.tmp')"
# Over the limit, the file is still written (it says why the run failed).
rm -f "$T/rejects.csv"
run count "$T/mixed.csv" --on-error skip --rejects "$T/rejects.csv"
expect_rc "rejects over the limit" 65
check "rejects over the limit: all listed" python3 "$T/compare.py" "$T/rejects.csv" "$T/want.csv" "$T/mixed.csv"
# --on-error fail: the one row that stopped the run.
run count "$T/mixed.csv" --on-error fail --rejects "$T/rejects.csv"
expect_rc "rejects with --on-error fail" 65
check "rejects with --on-error fail: one row" test "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1])))))' "$T/rejects.csv")" = 2
# The default stops at broken structure (wrong field count, row 14): the rows before it.
run count "$T/mixed.csv" --max-rejected 100% --rejects "$T/rejects.csv"
expect_rc "rejects, structural stop" 65
check "rejects, structural stop: the rows before it and it" python3 - "$T/rejects.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
assert [r[2] for r in rows] == ["invalid date", "missing crime id", "missing offence code",
                                "missing date", "invalid age", "wrong number of fields"], rows
PY
# An unwritable place: exit 74 before anything is read.
run count "$T/mixed.csv" --rejects "$T/no/such/dir/r.csv"
expect_rc "rejects: unwritable" 74

# JSON output: the summary names the columns used.
run count "$T/l.csv" --format json --max-rejected 100%
check "json: columns in the summary" python3 - "$T/out" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
c = s["columns"]
assert len(c) == 1 and c[0]["id"] == "CrimeRef" and c[0]["date"] == "DateRecorded", c
assert c[0]["texts"] == ["MOText"] and c[0]["flag"] is None, c
assert c[0]["dates"] == "dd/mm/yyyy or yyyy-mm-dd", c
PY
# Two files with different columns: one line each.
sed '1s/CrimeRef/CrimeID/' "$T/l.csv" >"$T/l2.csv"
run count "$T/l.csv" "$T/l2.csv" --max-rejected 100%
expect_in "columns per file: first" "$T/err" "columns used in $T/l.csv: id CrimeRef"
expect_in "columns per file: second" "$T/err" "columns used in $T/l2.csv: id CrimeID"

finish
