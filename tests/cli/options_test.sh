#!/usr/bin/env bash
# Option validation: numeric ranges (never wrapped round), duplicate period names, `-` for
# --hits and --rejects, outputs that would overwrite an input, and the --config file rules
# (a directory, a nested `config =`, the command line winning, paths relative to the file,
# errors naming FILE:LINE). Every refusal asserts its exit code and its message.
# Usage: tests/cli/options_test.sh /path/to/moscan
set -u

. "$(dirname "$0")/cli_lib.sh" options "$@"

HEADER='CrimeRef,DateRecorded,HOCode,VictimAge,MOText'
cat >"$T/a.csv" <<EOF
$HEADER
C1,01/05/2020,17,12,met on Snapchat
C2,01/05/2021,17,12,added on kik
C3,02/05/2021,17,13,"bad ""quote"" on kik
EOF
# C3 is a record without its closing quote: with --on-error skip it is a rejected row.
head -3 "$T/a.csv" >"$T/good.csv"
good_sum=$(md5sum <"$T/good.csv")

# refuse NAME RC FRAGMENT ARGS...: the run exits RC and stderr holds FRAGMENT.
refuse() {
    local name=$1 code=$2 fragment=$3
    shift 3
    run "$@"
    expect_rc "$name" "$code"
    expect_in "$name: message" "$T/err" "$fragment"
}

# ---- numeric options: a negative or out-of-range value is a usage error naming the range ----
refuse "--suppress-below -5" 64 "--suppress-below '-5': expected a whole number from 2 to 1000000" \
    count --suppress-below -5 "$T/good.csv"
refuse "--suppress-below 1" 64 "--suppress-below '1': expected a whole number from 2 to" \
    count --suppress-below 1 "$T/good.csv"
refuse "--suppress-below 4294967297" 64 "from 2 to 1000000" \
    count --suppress-below 4294967297 "$T/good.csv"
refuse "--threads -1" 64 "--threads '-1': expected a whole number from 0 to 1024" \
    count --threads -1 "$T/good.csv"
refuse "--threads 10000" 64 "--threads '10000': expected a whole number from 0 to 1024" \
    count --threads 10000 "$T/good.csv"
refuse "--threads 1.5" 64 "--threads '1.5': expected a whole number" count --threads 1.5 "$T/good.csv"
refuse "--context -1" 64 "--context '-1': expected a whole number from 0 to 10000" \
    count --context -1 --hits "$T/h.csv" "$T/good.csv"
refuse "--max-record-mib -1" 64 "--max-record-mib '-1': expected a whole number from 1 to 4096" \
    count --max-record-mib -1 "$T/good.csv"
refuse "--max-record-mib 0" 64 "--max-record-mib '0': expected a whole number from 1 to 4096" \
    count --max-record-mib 0 "$T/good.csv"
refuse "--max-age -1" 64 "--max-age '-1': expected a whole number from 0 to 150, or 'none'" \
    count --max-age -1 "$T/good.csv"
refuse "--chunk-size -1" 64 "--chunk-size '-1': expected a size from 1 byte to 1G" \
    count --chunk-size -1 "$T/good.csv"
refuse "--chunk-size inf" 64 "--chunk-size 'inf': expected a size" count --chunk-size inf "$T/good.csv"
refuse "--chunk-size 2G" 64 "--chunk-size '2G': expected a size from 1 byte to 1G" \
    count --chunk-size 2G "$T/good.csv"
refuse "--crime-memory -16M" 64 "--crime-memory '-16M': expected a size from 1 byte to 1T" \
    count --crime-memory -16M "$T/good.csv"
refuse "--max-rejected -5" 64 "--max-rejected '-5'" count --max-rejected -5 "$T/good.csv"
refuse "generate --seed -3" 64 "--seed '-3': expected a whole number from 0 to 18446744073709551615" \
    generate --seed -3 --size 1K
refuse "generate --seed 2^64" 64 "--seed '18446744073709551616': expected a whole number" \
    generate --seed 18446744073709551616 --size 1K
refuse "generate --size -1M" 64 "--size '-1M': expected a size from 1 byte to 1T" generate --size -1M
refuse "generate --first-year -5" 64 "--first-year '-5': expected a whole number from 1 to 9999" \
    generate --first-year -5 --size 1K
refuse "generate --last-year 10000" 64 "--last-year '10000': expected a whole number from 1 to 9999" \
    generate --last-year 10000 --size 1K
refuse "discover --top -1" 64 "--top '-1': expected a whole number from 0 to 1000000" \
    discover --top -1 "$T/good.csv"
refuse "discover --examples -1" 64 "--examples '-1': expected a whole number from 0 to 1000" \
    discover --examples -1 "$T/good.csv"
refuse "discover --max-words 0" 64 "--max-words '0': expected a whole number from 1 to 100000000" \
    discover --max-words 0 "$T/good.csv"
refuse "discover --max-words -1" 64 "--max-words '-1': expected a whole number from 1" \
    discover --max-words -1 "$T/good.csv"
printf 'crime_id,platforms\nC1,snapchat\nC2,kik\n' >"$T/truth.csv"
refuse "eval --max-examples -1" 64 "--max-examples '-1': expected a whole number from 0 to 100000" \
    eval --truth "$T/truth.csv" --max-examples -1 "$T/good.csv"
refuse "patterns variants --min-length -1" 64 "--min-length '-1': expected a whole number from 1 to 100" \
    patterns variants --min-length -1 snapchat
refuse "patterns bench --repeat -1" 64 "--repeat '-1': expected a whole number from 1 to 1000" \
    patterns bench --repeat -1 --input "$T/good.csv" "$ROOT/patterns/foi_platforms.pat"
refuse "patterns bench --batch-size 0" 64 "--batch-size '0': expected a size from 1 byte to 1G" \
    patterns bench --batch-size 0 --input "$T/good.csv" "$ROOT/patterns/foi_platforms.pat"

# In range, the values work: the boundaries are accepted.
run count -q --threads 0 --context 0 --max-record-mib 1 --suppress-below 2 --max-age 150 \
    --hits "$T/h0.csv" "$T/good.csv"
expect_rc "boundary values accepted" 0
expect_in "boundary values: a suppressed count" "$T/out" "ALL,sexual,ALL,snapchat,*,*"
run generate --seed 18446744073709551615 --size 2K -o "$T/g.csv"
expect_rc "generate --seed 2^64-1" 0
if [ -s "$T/g.csv" ]; then ok; else fail "generate --seed 2^64-1 wrote no archive"; fi

# More threads than cores run on the cores: the summary reports the threads that ran.
run count --format json --threads 0 "$T/good.csv"
all_cores=$(grep -o '"threads": [0-9]*' "$T/out" | grep -o '[0-9]*$')
run count --format json --threads 1024 "$T/good.csv"
expect_rc "--threads 1024" 0
expect_in "--threads 1024 reports the threads that ran" "$T/out" "\"threads\": $all_cores,"
expect_in "--threads 1024 summary" "$T/err" ", $all_cores threads"
expect_not_in "--threads 1024 not reported as 1024" "$T/err" "1024 threads"

# ---- --period names are unique ----
refuse "duplicate --period" 64 "--period: the name 'A' is given twice ('A=2020-01-01..2020-12-31' and 'A=2021-01-01..2021-12-31')" \
    count --period A=2020-01-01..2020-12-31 --period A=2021-01-01..2021-12-31 "$T/good.csv"
run count -q --period A=2020-01-01..2020-12-31 --period B=2021-01-01..2021-12-31 "$T/good.csv"
expect_rc "distinct --period names" 0
expect_in "period A" "$T/out" "A,sexual,ALL,snapchat,1,1"
expect_in "period B" "$T/out" "B,sexual,ALL,kik,1,1"

# ---- --hits - and --rejects - : refused, and no file named '-' ----
mkdir -p "$T/cwd"
(cd "$T/cwd" && "$BIN" count -q --hits - "$T/good.csv" >"$T/out" 2>"$T/err")
rc=$?
expect_rc "--hits -" 64
expect_in "--hits - message" "$T/err" "--hits -: the audit trail cannot go to standard output"
(cd "$T/cwd" && "$BIN" count -q --on-error skip --rejects - "$T/a.csv" >"$T/out" 2>"$T/err")
rc=$?
expect_rc "--rejects -" 64
expect_in "--rejects - message" "$T/err" "--rejects -: the rejected rows cannot go to standard output"
if [ -e "$T/cwd/-" ]; then fail "a file named '-' was written"; else ok; fi
(cd "$T/cwd" && "$BIN" generate --size 2K -o - >"$T/out" 2>"$T/err")
rc=$?
expect_rc "generate -o -" 0
expect_in "generate -o - writes to standard output" "$T/out" "CrimeRef"
if [ -e "$T/cwd/-" ]; then fail "generate -o - wrote a file named '-'"; else ok; fi

# ---- outputs never destroy inputs ----
cp "$T/good.csv" "$T/in.csv"
in_sum=$(md5sum <"$T/in.csv")
intact() { # NAME: in.csv is unchanged
    if [ "$(md5sum <"$T/in.csv")" = "$in_sum" ]; then ok; else fail "$1: the input was changed"; fi
}
refuse "-o the input" 64 "refusing to write -o $T/in.csv: it is the same file as the input $T/in.csv" \
    count -q -o "$T/in.csv" "$T/in.csv"
intact "-o the input"
(cd "$T" && "$BIN" count -q --hits ./cwd/../in.csv in.csv >"$T/out" 2>"$T/err")
rc=$?
expect_rc "--hits the input by another name" 64
expect_in "--hits the input: message names both" "$T/err" "refusing to write --hits ./cwd/../in.csv: it is the same file as the input in.csv"
intact "--hits the input"
ln -s "$T/in.csv" "$T/link.csv"
refuse "-o a link to the input" 64 "refusing to write -o $T/link.csv: it is the same file as the input $T/in.csv" \
    count -q --format xlsx -o "$T/link.csv" "$T/in.csv"
intact "-o a link to the input"
ln "$T/in.csv" "$T/hard.csv"
refuse "--rejects a hard link to the input" 64 "refusing to write --rejects $T/hard.csv" \
    count -q --on-error skip --rejects "$T/hard.csv" "$T/in.csv"
intact "--rejects a hard link"
printf 'groups = sexual\n' >"$T/job0.ini"
refuse "-o the config file" 64 "it is the same file as the input $T/job0.ini" \
    count -q --config "$T/job0.ini" -o "$T/job0.ini" "$T/in.csv"
mkdir -p "$T/indir/sub"
cp "$T/good.csv" "$T/indir/sub/x.csv"
refuse "-o inside an input directory" 64 "refusing to write -o $T/indir/sub/out.csv: it lies inside the input directory $T/indir" \
    count -q -o "$T/indir/sub/out.csv" "$T/indir"
if [ -e "$T/indir/sub/out.csv" ]; then fail "-o inside an input directory was written"; else ok; fi
refuse "-o the same as --hits" 64 "refusing to write --hits $T/same.csv: it is the same file as -o $T/same.csv" \
    count -q -o "$T/same.csv" --hits "$T/same.csv" "$T/in.csv"
refuse "eval -o the truth" 64 "it is the same file as the input $T/truth.csv" \
    eval --truth "$T/truth.csv" -o "$T/truth.csv" "$T/in.csv"
refuse "discover -o the input" 64 "it is the same file as the input $T/in.csv" \
    discover -o "$T/in.csv" "$T/in.csv"
intact "discover -o the input"
refuse "generate -o the same as --truth" 64 "refusing to write --truth $T/g2.csv: it is the same file as -o $T/g2.csv" \
    generate --size 1K -o "$T/g2.csv" --truth "$T/g2.csv"
run count -q -o "$T/elsewhere.csv" --hits "$T/elsewhere_hits.csv" "$T/indir"
expect_rc "outputs beside, not inside, the input directory" 0
expect_in "the table written" "$T/elsewhere.csv" "ALL,sexual,ALL,snapchat,1,1"
expect_in "the hits written" "$T/elsewhere_hits.csv" "Snapchat"

# ---- the config file ----
refuse "--config a directory" 66 "config file $T/indir is a directory" count --config "$T/indir" "$T/in.csv"

mkdir -p "$T/job"
cp "$T/good.csv" "$T/job/archive.csv"
cat >"$T/job/nested.ini" <<EOF
# a job
groups = sexual
config = other.ini
EOF
refuse "config = inside a config file" 78 "$T/job/nested.ini:3: 'config' cannot be set inside a config file" \
    count --config "$T/job/nested.ini" "$T/in.csv"

# A bad value from the file names the file and line (exit 78, a configuration error).
printf 'groups = sexual\n\nthreads = -2\n' >"$T/job/badnum.ini"
refuse "bad number in the config file" 78 "$T/job/badnum.ini:3: --threads '-2': expected a whole number from 0 to 1024" \
    count --config "$T/job/badnum.ini" "$T/in.csv"
printf 'period = A=2020-01-01..2020-12-31\n# the same name again\nperiod = A=2021-01-01..2021-12-31\n' >"$T/job/dup.ini"
refuse "duplicate period in the config file" 78 "$T/job/dup.ini:3: --period: the name 'A' is given twice" \
    count --config "$T/job/dup.ini" "$T/in.csv"
printf 'groups = sexual\nbogus = 1\n' >"$T/job/unknown.ini"
refuse "unknown key in the config file" 78 "$T/job/unknown.ini:2: unknown option 'bogus'" \
    count --config "$T/job/unknown.ini" "$T/in.csv"
printf 'every = year\n# again\nevery = fy\n' >"$T/job/twice.ini"
refuse "a single-valued key twice in the config file" 78 "$T/job/twice.ini:3: 'every' is given twice (first at line 1)" \
    count --config "$T/job/twice.ini" "$T/in.csv"
printf '# job\nencoding = klingon\n' >"$T/job/badenc.ini"
refuse "bad word value in the config file" 78 "$T/job/badenc.ini:2: --encoding 'klingon'" \
    count --config "$T/job/badenc.ini" "$T/in.csv"
# A line that is neither `key = value` nor `[section]` names its line; a '%' in what Boost
# reports cannot hang the message (Boost replaced "%value%" in a value by itself, forever).
printf '# job\ngroups = sexual\nx%%invalid_line%%y\n' >"$T/job/noeq.ini"
refuse "a line without '=' in the config file" 78 "$T/job/noeq.ini:3: expected 'key = value' or '[section]', found 'x%invalid_line%y'" \
    count --config "$T/job/noeq.ini" "$T/in.csv"
printf 'threads = %%value%%\n' >"$T/job/pct.ini"
refuse "a value holding %value% in the config file" 78 "$T/job/pct.ini:1: --threads '%value%'" \
    count --config "$T/job/pct.ini" "$T/in.csv"
timeout 20 "$BIN" count "--x%value%" "$T/in.csv" >"$T/out" 2>"$T/err"
rc=$?
expect_rc "an unknown option holding %value% (no hang)" 64
expect_in "an unknown option holding %value%: message" "$T/err" "unrecognised option '--x"

# The command line wins over a bad value in the file.
run count -q --config "$T/job/badnum.ini" --threads 1 "$T/in.csv"
expect_rc "command line wins over a bad file value" 0

# The command line wins for every key, periods included: --every over the file's periods.
cat >"$T/job/foi.ini" <<EOF
period = H1=2020-01-01..2020-12-31
period = H2=2021-01-01..2021-12-31
groups = sexual
EOF
run count -q --config "$T/job/foi.ini" --every fy "$T/in.csv"
expect_rc "--every over the file's periods" 0
expect_in "--every fy periods" "$T/out" "2020/21,sexual,ALL,snapchat,1,1"
expect_in "--every fy second year" "$T/out" "2021/22,sexual,ALL,kik,1,1"
expect_not_in "the file's periods dropped" "$T/out" "H1"
run count -q --config "$T/job/foi.ini" --period X=2020-01-01..2021-12-31 "$T/in.csv"
expect_rc "--period over the file's periods" 0
expect_in "--period X" "$T/out" "X,sexual,ALL,ANY,2,2"
expect_not_in "--period X: no H2" "$T/out" "H2"
printf 'every = year\n' >"$T/job/every.ini"
run count -q --config "$T/job/every.ini" --period X=2020-01-01..2021-12-31 "$T/in.csv"
expect_rc "--period over the file's --every" 0
expect_in "--period over every" "$T/out" "X,sexual,ALL,ANY,2,2"
run count -q --config "$T/job/foi.ini" "$T/in.csv"
expect_rc "the file's periods" 0
expect_in "the file's period H2" "$T/out" "H2,sexual,ALL,kik,1,1"

# Paths in the file are relative to the file, whatever the current directory.
cat >"$T/job/paths.ini" <<EOF
input = archive.csv
output = result.csv
hits = hits.csv
groups = sexual
EOF
(cd "$T/cwd" && "$BIN" count -q --config ../job/paths.ini >"$T/out" 2>"$T/err")
rc=$?
expect_rc "paths relative to the config file" 0
expect_in "output beside the config file" "$T/job/result.csv" "ALL,sexual,ALL,snapchat,1,1"
expect_in "hits beside the config file" "$T/job/hits.csv" "Snapchat"
if [ -e "$T/cwd/result.csv" ] || [ -e "$T/cwd/hits.csv" ]; then
    fail "config paths written relative to the current directory"
else ok; fi
# ... but a path given on the command line is relative to the current directory.
(cd "$T/cwd" && "$BIN" count -q --config ../job/paths.ini -o here.csv >"$T/out" 2>"$T/err")
rc=$?
expect_rc "-o on the command line" 0
expect_in "-o relative to the current directory" "$T/cwd/here.csv" "ALL,sexual,ALL,snapchat,1,1"
# An output path in the file that is an input is refused too.
printf 'input = archive.csv\noutput = archive.csv\n' >"$T/job/clobber.ini"
arch_sum=$(md5sum <"$T/job/archive.csv")
(cd "$T/cwd" && "$BIN" count -q --config ../job/clobber.ini >"$T/out" 2>"$T/err")
rc=$?
expect_rc "config output = its input" 64
expect_in "config output = its input: message" "$T/err" "it is the same file as the input"
if [ "$(md5sum <"$T/job/archive.csv")" = "$arch_sum" ]; then ok; else fail "config output overwrote its input"; fi

# ---- one column given twice as a text column would count each of its mentions twice ----
refuse "--text-column twice" 64 "names column 'MOText', which is already a text column" \
    count --text-column MOText --text-column mo_text "$T/good.csv"

if [ "$(md5sum <"$T/good.csv")" = "$good_sum" ]; then ok; else fail "good.csv was changed"; fi
finish
