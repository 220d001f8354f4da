#!/usr/bin/env bash
# Command-line tests: exit codes, messages and output formats of the moscan binary.
# Usage: tests/cli/cli_test.sh /path/to/moscan
set -u

. "$(dirname "$0")/cli_lib.sh" cli "$@"

HEADER='CrimeRef,DateRecorded,HOCode,VictimAge,MOText'

# A small valid archive: two crimes in scope, one of them online twice over two rows.
cat >"$T/good.csv" <<EOF
$HEADER
C1,01/05/2020,17,12,"met on Snapchat, then
moved to Kik"
C1,01/05/2020,17,30,added on snapchat
C2,15/06/2020,86/2,9,no platform named
C3,01/05/2020,45,12,out of scope code on kik
EOF

# ---- version and usage ----
run --version
expect_rc "--version" 0
expect_in "--version prints the version" "$T/out" "moscan "

run
expect_rc "no arguments" 64

run --help
expect_rc "--help" 0
expect_in "--help lists count" "$T/out" "moscan count"

run count --bogus "$T/good.csv"
expect_rc "unknown option" 64
if head -c 14 "$T/err" | grep -qF "moscan: error:"; then ok; else
    fail "unknown option: stderr should start with 'moscan: error:'"
fi
expect_in "unknown option is named" "$T/err" "bogus"

run frobnicate
expect_rc "unknown command" 64
expect_in "unknown command message" "$T/err" "moscan: error:"

run count
expect_rc "count without inputs" 64

# ---- missing input ----
run count "$T/does_not_exist.csv"
expect_rc "missing file" 66
expect_in "missing file is named" "$T/err" "does_not_exist.csv"

run count --config "$T/nope.ini" "$T/good.csv"
expect_rc "missing config file" 66

# ---- bad options ----
run count --period "H1=2020-04-01" "$T/good.csv"
expect_rc "bad --period" 64
expect_in "bad --period message" "$T/err" "--period"

run count --period "H1=2020-09-30..2020-04-01" "$T/good.csv"
expect_rc "--period end before start" 64

run count --every fortnight "$T/good.csv"
expect_rc "bad --every" 64

run count --period "H1=2020-04-01..2020-09-30" --every fy "$T/good.csv"
expect_rc "--period with --every" 64

run count --max-age twelve "$T/good.csv"
expect_rc "bad --max-age" 64

run count --groups nosuchgroup "$T/good.csv"
expect_rc "unknown group" 64
expect_in "unknown group lists the groups" "$T/err" "images"

run count --chunk-size 0 "$T/good.csv"
expect_rc "bad --chunk-size" 64

run count --format xml "$T/good.csv"
expect_rc "bad --format" 64

run count --codes "$T/missing_codes.csv" "$T/good.csv"
expect_rc "missing code list" 78

# ---- a good run ----
run count -q "$T/good.csv"
expect_rc "good run" 0
expect_in "csv header" "$T/out" "period,group,code,platform,crimes,mentions"
expect_in "snapchat row" "$T/out" "ALL,sexual,ALL,snapchat,1,2"
expect_in "kik row" "$T/out" "ALL,sexual,ALL,kik,1,1"
expect_in "sexual total" "$T/out" "ALL,sexual,ALL,TOTAL,1,3"
expect_in "images total" "$T/out" "ALL,images,ALL,TOTAL,1,0"
if [ -s "$T/err" ]; then fail "-q: stderr should be empty"; else ok; fi

run count "$T/good.csv"
expect_rc "summary run" 0
expect_in "summary on stderr" "$T/err" "rows used"

# ---- bad data ----
cat >"$T/unterminated.csv" <<EOF
$HEADER
U1,01/05/2020,17,12,"two
lines"
U2,01/05/2020,17,12,"never closed
U3,01/05/2020,17,12,kik
EOF
run count "$T/unterminated.csv"
expect_rc "unterminated quote" 65
expect_in "unterminated quote names file:line" "$T/err" "unterminated.csv:4"
expect_in "unterminated quote message" "$T/err" "moscan: error:"

run count --on-error skip -q "$T/unterminated.csv"
expect_rc "unterminated quote skipped" 0

cat >"$T/baddate.csv" <<EOF
$HEADER
D1,31/02/2020,17,12,kik
D2,01/05/2020,17,12,on kik
EOF
run count "$T/baddate.csv"
expect_rc "invalid date row skipped" 0
expect_in "summary mentions invalid date" "$T/err" "invalid date"
expect_in "summary names the row" "$T/err" "baddate.csv:2"
expect_in "the good row is counted" "$T/out" "ALL,sexual,ALL,kik,1,1"

run count --on-error fail "$T/baddate.csv"
expect_rc "invalid date with --on-error fail" 65
expect_in "--on-error fail names file:line" "$T/err" "baddate.csv:2"

printf 'CrimeRef,DateRecorded,HOCode,VictimAge,Notes\nX,01/05/2020,17,12,kik\n' >"$T/nomo.csv"
run count "$T/nomo.csv"
expect_rc "missing MO column" 65
expect_in "missing column lists the columns found" "$T/err" "Notes"

# ---- output formats ----
run count -q --format json "$T/good.csv"
expect_rc "json" 0
if python3 -c 'import json,sys; json.load(sys.stdin)' <"$T/out" 2>/dev/null; then ok; else
    fail "json output does not parse"
fi
expect_in "json has rows_read" "$T/out" '"rows_read"'
if python3 - "$T/out" 2>/dev/null <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["rows_read"] == 4, s
assert s["rows_used"] == 3, s
assert s["rows_out_of_scope"] == 1, s
rows = {(r["group"], r["platform"]): (r["crimes"], r["mentions"]) for r in d["rows"]}
assert rows[("sexual", "snapchat")] == (1, 2), rows
assert rows[("images", "TOTAL")] == (1, 0), rows
PY
then ok; else fail "json values"; fi

run count -q --format md "$T/good.csv"
expect_rc "markdown" 0
expect_in "markdown header" "$T/out" "| Period | Group | Code | Platform | Crimes |"
expect_in "markdown rule" "$T/out" "|---|"
expect_in "markdown row" "$T/out" "| ALL | sexual | ALL |"

run count -q -o "$T/result.csv" "$T/good.csv"
expect_rc "-o" 0
if [ -s "$T/out" ]; then fail "-o: stdout should be empty"; else ok; fi
if [ -f "$T/result.csv" ]; then ok; else fail "-o: no file written"; fi
expect_in "-o file content" "$T/result.csv" "ALL,sexual,ALL,snapchat,1,2"

run count -q -o "$T/no_such_dir/result.csv" "$T/good.csv"
expect_rc "-o into a missing directory" 74

# ---- standard input ----
"$BIN" count -q - <"$T/good.csv" >"$T/out" 2>"$T/err"
rc=$?
expect_rc "stdin" 0
expect_in "stdin counts" "$T/out" "ALL,sexual,ALL,snapchat,1,2"

"$BIN" count -q - >"$T/out" 2>"$T/err" <<'EOF'
{"CrimeRef":"J1","DateRecorded":"2020-05-01","HOCode":17,"VictimAge":12,"MOText":"on \"Kik\""}
{"CrimeRef":"J2","DateRecorded":"2020-05-01","HOCode":"086/02","VictimAge":null,"MOText":"x"}
EOF
rc=$?
expect_rc "JSON Lines on stdin" 0
expect_in "JSON Lines on stdin sniffed" "$T/out" "ALL,sexual,ALL,kik,1,1"

# ---- config file ----
cat >"$T/job.ini" <<EOF
# a job config
period = H1=2020-04-01..2020-09-30
groups = images
EOF
run count -q --config "$T/job.ini" "$T/good.csv"
expect_rc "config" 0
expect_in "config period and group" "$T/out" "H1,images,ALL,TOTAL,1,0"
expect_not_in "config group selection" "$T/out" "sexual"

run count -q --config "$T/job.ini" --groups sexual "$T/good.csv"
expect_rc "config overridden" 0
expect_in "command line --groups wins" "$T/out" "H1,sexual,ALL,TOTAL,1,3"
expect_not_in "command line --groups wins (images gone)" "$T/out" "images"

# Relative paths in a config file are relative to the file.
mkdir -p "$T/job"
printf 'code,group,description\n45,other,Test code\n' >"$T/job/codes.csv"
printf 'codes = codes.csv\n' >"$T/job/job.ini"
run count -q --config "$T/job/job.ini" "$T/good.csv"
expect_rc "config with a relative code list" 0
expect_in "config code list used" "$T/out" "ALL,other,ALL,kik,1,1"

printf 'bogus-key = 1\n' >"$T/bad.ini"
run count -q --config "$T/bad.ini" "$T/good.csv"
expect_rc "config with an unknown key" 78

# ---- periods, breakdown, threads and chunk size ----
run count -q --every fy "$T/good.csv"
expect_rc "--every fy" 0
expect_in "--every fy names" "$T/out" "2020/21,sexual,ALL,TOTAL,1,3"

run count -q --by period,group,code "$T/good.csv"
expect_rc "--by code" 0
expect_in "--by code shows canonical codes" "$T/out" "ALL,images,86/2,TOTAL,1,0"

run count -q "$T/good.csv"
cp "$T/out" "$T/default.csv"
run count -q --threads 1 --chunk-size 64 "$T/good.csv"
if cmp -s "$T/out" "$T/default.csv"; then ok; else
    fail "--threads 1 --chunk-size 64 changes the output"
fi

run count -q --max-age none "$T/good.csv"
expect_rc "--max-age none" 0

# ---- crime state budget and spilling ----
"$BIN" generate --seed 9 --size 3M -o "$T/gen.csv" 2>/dev/null
run count --crime-memory none "$T/gen.csv"
cp "$T/out" "$T/nospill.csv"
expect_rc "--crime-memory none" 0
expect_not_in "--crime-memory none does not spill" "$T/err" "crime state spilled"
mkdir -p "$T/spill"
run count --crime-memory 64K --temp-dir "$T/spill" --threads 2 --chunk-size 256K "$T/gen.csv"
expect_rc "--crime-memory 64K" 0
expect_in "a small budget spills, and says so" "$T/err" "crime state spilled"
if cmp -s "$T/out" "$T/nospill.csv"; then ok; else fail "spilling changes the table"; fi
if [ -z "$(ls -A "$T/spill")" ]; then ok; else fail "spill files left in --temp-dir"; fi
run count --crime-memory 64K --temp-dir "$T/no/such/dir" "$T/gen.csv"
expect_rc "--temp-dir missing" 74
expect_in "--temp-dir missing is named" "$T/err" "cannot create a temporary file in $T/no/such/dir"
run count --crime-memory lots "$T/gen.csv"
expect_rc "--crime-memory lots" 64
expect_in "--crime-memory lots" "$T/err" "--crime-memory 'lots'"

# ---- deferred rows: adult victims' texts scanned only when their crime is in scope ----
# A file's rows can be read again, so small chunks over two threads defer many adult rows
# and read some back; stdin cannot be read again, so nothing is deferred there. Both, and a
# file counted in one chunk, give the same table.
run count --by period,group,code --threads 2 --chunk-size 16K --stage-times "$T/gen.csv"
expect_rc "deferred rows, small chunks" 0
cp "$T/out" "$T/deferred.csv"
expect_re "rows are deferred and some read back" "$T/err" "rows deferred [^:]*: [1-9][0-9]*, read back [^:]*: [1-9][0-9]*"
"$BIN" count --by period,group,code --threads 2 --chunk-size 16K --stage-times - <"$T/gen.csv" >"$T/out" 2>"$T/err"
rc=$?
expect_rc "stdin" 0
expect_in "nothing deferred from stdin" "$T/err" "rows deferred (adult victims' rows, texts not scanned on the first pass): 0,"
if cmp -s "$T/out" "$T/deferred.csv"; then ok; else fail "deferring rows changes the table (stdin)"; fi
run count --by period,group,code --threads 1 --chunk-size 64M "$T/gen.csv"
if cmp -s "$T/out" "$T/deferred.csv"; then ok; else fail "deferring rows changes the table (one chunk)"; fi
# Split in two files at a record boundary in the middle, so that crimes span both: rows deferred
# in one file are read back from the right file, in either order and as a directory.
mkdir -p "$T/split"
python3 - "$T/gen.csv" "$T/split" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
header = data[:data.index(b'\n') + 1]
body = data[len(header):]
cut = body.rfind(b'\n', 0, len(body) // 2) + 1
while body[:cut].count(b'"') % 2:
    cut = body.rfind(b'\n', 0, cut - 1) + 1
open(sys.argv[2] + '/a.csv', 'wb').write(header + body[:cut])
open(sys.argv[2] + '/b.csv', 'wb').write(header + body[cut:])
PY
run count --by period,group,code --threads 2 --chunk-size 16K --stage-times "$T/split/b.csv" "$T/split/a.csv"
expect_rc "deferred rows over two files" 0
expect_re "rows are read back from two files" "$T/err" "read back [^:]*: [1-9][0-9]*"
if cmp -s "$T/out" "$T/deferred.csv"; then ok; else fail "deferring rows over two files changes the table"; fi
run count --by period,group,code --threads 2 --chunk-size 16K "$T/split"
if cmp -s "$T/out" "$T/deferred.csv"; then ok; else fail "deferring rows over a directory changes the table"; fi

finish
