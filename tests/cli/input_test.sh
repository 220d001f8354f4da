#!/usr/bin/env bash
# Input sources: compressed inputs (gzip, zstd, bzip2, xz, zip), other encodings (UTF-16,
# Windows-1252, Latin-1), invalid UTF-8, and inputs that cannot be read (pipeline/input/input_source.hpp).
# Every converted file must give the table of the same records as plain UTF-8 CSV.
# Needs gzip, zstd, bzip2, xz, zip, iconv and python3 (scripts/setup.sh installs them).
# Usage: tests/cli/input_test.sh /path/to/moscan
set -u

. "$(dirname "$0")/cli_lib.sh" input "$@"

need_tools gzip zstd bzip2 xz zip iconv python3

D="$T/data"
mkdir -p "$D"
"$BIN" generate --seed 11 --size 2M -o "$D/a.csv" 2>/dev/null
# The reference: the table of the plain UTF-8 file (by period, group and code, so that a row
# lost or changed anywhere shows).
BY=(--by period,group,code --every year)
"$BIN" count "${BY[@]}" "$D/a.csv" >"$T/ref.csv" 2>"$T/ref.err" || { echo "FAIL: reference run"; cat "$T/ref.err"; exit 1; }
[ "$(wc -l <"$T/ref.csv")" -gt 20 ] && ok || fail "reference table has rows"

# same_stdin NAME FILE [ARGS...]: the same, reading FILE on standard input.
same_stdin() {
    local name=$1 file=$2
    shift 2
    "$BIN" count "${BY[@]}" "$@" - <"$file" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref.csv"; then ok; else
        fail "$name: table differs from the plain UTF-8 CSV's"
    fi
}

# Records split into N parts (python's csv module keeps quoted newlines whole): part1.csv ...
# each with the header, and body1.csv ... without it.
python3 - "$D" <<'EOF'
import csv, sys, io
d = sys.argv[1]
with open(d + "/a.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
n = 3
size = (len(body) + n - 1) // n
for i in range(n):
    part = body[i * size:(i + 1) * size]
    for name, rows_out in (("part%d.csv" % (i + 1), [header] + part), ("body%d.csv" % (i + 1), part)):
        with open(d + "/" + name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows_out)
EOF
cat "$D/part1.csv" "$D/body2.csv" "$D/body3.csv" >"$D/joined.csv"
same "the split parts joined" "$D/joined.csv"

# ---- compressed files, by name and by magic bytes, and on standard input ----
gzip -kc "$D/a.csv" >"$D/a.csv.gz"
zstd -qc "$D/a.csv" >"$D/a.csv.zst"
bzip2 -kc "$D/a.csv" >"$D/a.csv.bz2"
xz -T1 -kc "$D/a.csv" >"$D/a.csv.xz"
for ext in gz zst bz2 xz; do
    same "$ext file" "$D/a.csv.$ext"
    expect_in "$ext: the summary names the format" "$T/err" "a.csv.$ext: $( [ $ext = gz ] && echo gzip || { [ $ext = zst ] && echo zstd; } || { [ $ext = bz2 ] && echo bzip2; } || echo xz)"
    cp "$D/a.csv.$ext" "$D/magic_$ext.data"
    same "$ext recognised by its magic bytes (no extension)" "$D/magic_$ext.data"
    same_stdin "$ext on standard input" "$D/a.csv.$ext"
done

# Multi-member gzip and multi-frame zstd: the header only in the first member.
gzip -c "$D/part1.csv" >"$T/m1.gz"
gzip -c "$D/body2.csv" >"$T/m2.gz"
gzip -c "$D/body3.csv" >"$T/m3.gz"
cat "$T/m1.gz" "$T/m2.gz" "$T/m3.gz" >"$D/multi.csv.gz"
same "multi-member gzip" "$D/multi.csv.gz"
same_stdin "multi-member gzip on standard input" "$D/multi.csv.gz"
zstd -qc "$D/part1.csv" >"$T/m1.zst"
zstd -qc "$D/body2.csv" >"$T/m2.zst"
zstd -qc "$D/body3.csv" >"$T/m3.zst"
cat "$T/m1.zst" "$T/m2.zst" "$T/m3.zst" >"$D/multi.csv.zst"
same "multi-frame zstd" "$D/multi.csv.zst"

# A zip of several CSV files (and a README that is not read, but said).
(cd "$D" && printf 'not data\n' >README.txt && zip -q parts.zip part1.csv part2.csv part3.csv README.txt)
same "zip of three CSV files" "$D/parts.zip"
expect_in "zip: members named archive:member" "$T/err" "parts.zip:part2.csv"
expect_in "zip: the README is said to be skipped" "$T/err" "README.txt"
same_stdin "zip on standard input" "$D/parts.zip"
# Stored (not deflated) members written to a pipe have data descriptors.
(cd "$D" && cat part1.csv | zip -q -0 piped.zip - >/dev/null && mv piped.zip "$T/piped.zip")
run count "${BY[@]}" "$T/piped.zip"
expect_rc "zip with a member named '-' (not .csv) is no input" 66
expect_in "zip with no CSV member says so" "$T/err" "holds no .csv"

# A directory holding every form: the table of all the parts.
mkdir -p "$T/dir/sub"
gzip -c "$D/part1.csv" >"$T/dir/p1.csv.gz"
zstd -qc "$D/part2.csv" >"$T/dir/sub/p2.csv.zst"
(cd "$D" && zip -q "$T/dir/p3.zip" part3.csv)
printf 'notes\n' >"$T/dir/notes.md"
same "directory of .csv.gz, .csv.zst and .zip" "$T/dir"
expect_in "directory: summary lists the files read" "$T/err" "p1.csv.gz, $T/dir/p3.zip:part3.csv"
expect_in "directory: skipped files are said" "$T/err" "notes.md"
for ext in bz2 xz; do
    rm -rf "$T/dir2" && mkdir -p "$T/dir2"
    cp "$D/a.csv.$ext" "$T/dir2/"
    same "directory with a .csv.$ext" "$T/dir2"
done
mkdir -p "$T/dirj"
"$BIN" generate --seed 11 --size 2M --format jsonl -o "$T/a.jsonl" 2>/dev/null
"$BIN" count "${BY[@]}" "$T/a.jsonl" >"$T/refj.csv" 2>/dev/null
gzip -c "$T/a.jsonl" >"$T/dirj/a.jsonl.gz"
run count "${BY[@]}" "$T/dirj"
if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/refj.csv"; then ok; else fail "directory with a .jsonl.gz"; fi

# Every count option works on a stream that cannot be read again by offset.
for opts in "--crime-memory 64K" "--period A=2019-01-01..2019-12-31 --period B=2020-01-01..2021-12-31" \
            "--groups sexual" "--by platform" "--threads 1 --chunk-size 64K --crime-memory 64K"; do
    # shellcheck disable=SC2086
    "$BIN" count $opts "$D/a.csv" >"$T/o_plain" 2>/dev/null
    # shellcheck disable=SC2086
    "$BIN" count $opts "$D/a.csv.zst" >"$T/o_zst" 2>"$T/err"
    rc=$?
    if [ "$rc" -eq 0 ] && cmp -s "$T/o_plain" "$T/o_zst" && [ -s "$T/o_plain" ]; then ok; else fail "count $opts on .zst"; fi
done
"$BIN" count --hits "$T/h_plain.jsonl" "$D/a.csv" >/dev/null 2>&1
run count --hits "$T/h_gz.jsonl" "$D/a.csv.gz"
expect_rc "--hits on .gz" 0
if [ -s "$T/h_plain.jsonl" ] && cmp -s <(sed "s#\"$D/a.csv\"#\"F\"#" "$T/h_plain.jsonl") <(sed "s#\"$D/a.csv.gz\"#\"F\"#" "$T/h_gz.jsonl"); then ok; else
    fail "--hits on .gz: same mentions, same lines, as the plain file"; fi
run count --format xlsx -o "$T/t.xlsx" "$D/a.csv.bz2"
expect_rc "--format xlsx on .bz2" 0
[ "$(head -c 2 "$T/t.xlsx")" = "PK" ] && ok || fail "--format xlsx wrote a workbook"

# ---- encodings ----
"$BIN" generate --seed 11 --size 2M --bom -o "$D/bom.csv" 2>/dev/null
same "UTF-8 with a byte order mark" "$D/bom.csv"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$D/a.csv"; } >"$D/u16le.csv"
same "UTF-16LE with a byte order mark" "$D/u16le.csv"
expect_in "UTF-16LE is said" "$T/err" "UTF-16LE (byte order mark)"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$D/a.csv"; } >"$D/u16be.csv"
same "UTF-16BE with a byte order mark" "$D/u16be.csv"
same_stdin "UTF-16BE on standard input" "$D/u16be.csv"
iconv -f UTF-8 -t UTF-16LE "$D/a.csv" >"$D/u16le_nobom.csv"
same "UTF-16LE without a mark (detected)" "$D/u16le_nobom.csv"
same "UTF-16LE without a mark, --encoding utf-16le" "$D/u16le_nobom.csv" --encoding utf-16le
gzip -c "$D/u16le.csv" >"$D/u16le.csv.gz"
same "gzip of UTF-16LE" "$D/u16le.csv.gz"
iconv -f UTF-8 -t WINDOWS-1252 "$D/a.csv" >"$D/cp1252.csv"
cmp -s "$D/a.csv" "$D/cp1252.csv" && fail "the data has characters outside ASCII" || ok
same "Windows-1252 (detected)" "$D/cp1252.csv"
expect_in "Windows-1252 detection is said" "$T/err" "read as Windows-1252"
same "Windows-1252, --encoding windows-1252" "$D/cp1252.csv" --encoding windows-1252
# Latin-1 has no curly quote: the reference without them.
sed "s/’/'/g" "$D/a.csv" >"$D/nocurly.csv"
iconv -f UTF-8 -t LATIN1 "$D/nocurly.csv" >"$D/latin1.csv"
"$BIN" count "${BY[@]}" "$D/nocurly.csv" >"$T/ref_nocurly.csv" 2>/dev/null
run count "${BY[@]}" --encoding latin-1 "$D/latin1.csv"
if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref_nocurly.csv"; then ok; else fail "Latin-1, --encoding latin-1"; fi
run count --encoding ebcdic "$D/a.csv"
expect_rc "--encoding with an unknown name" 64

# Invalid UTF-8 past the first block: replaced with U+FFFD, counted, reported once; --hits stays
# valid UTF-8 JSON. The same table as the file with U+FFFD written in.
python3 - "$D" <<'EOF'
import sys
d = sys.argv[1]
lines = open(d + "/a.csv", "rb").read().split(b"\n")
# Lines well past the first 64 KiB whose MO text names a platform: a stray byte in each.
out, bad_line, n = [], None, 0
for i, l in enumerate(lines):
    if i > 2000 and n < 3 and b"snapchat" in l.lower() and b'"' not in l:
        l = l.replace(b"napchat", b"napchat \xff\xfe", 1)
        n += 1
        bad_line = bad_line or i + 1
    out.append(l)
open(d + "/bad.csv", "wb").write(b"\n".join(out))
open(d + "/fixed.csv", "wb").write(b"\n".join(out).replace(b"\xff\xfe", "\ufffd\ufffd".encode()))
open(d + "/bad_line", "w").write(str(bad_line))
EOF
"$BIN" count "${BY[@]}" "$D/fixed.csv" >"$T/ref_fixed.csv" 2>/dev/null
run count "${BY[@]}" --hits "$T/bad_hits.jsonl" "$D/bad.csv"
if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref_fixed.csv"; then ok; else fail "invalid UTF-8: table as with U+FFFD"; fi
expect_in "invalid UTF-8: counted, first place named" "$T/err" "6 invalid UTF-8 sequences replaced with U+FFFD, the first at $D/bad.csv:$(cat "$D/bad_line")"
check "invalid UTF-8: --hits is valid UTF-8 JSON" python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="strict"): json.loads(line)
' "$T/bad_hits.jsonl"
run count "${BY[@]}" --threads 1 --chunk-size 64K --crime-memory 64K "$D/bad.csv"
if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref_fixed.csv"; then ok; else fail "invalid UTF-8, small chunks and crime memory"; fi

# ---- inputs that cannot be read ----
run count /bin/ls
expect_rc "/bin/ls" 66
expect_in "/bin/ls: not a CSV file, an ELF binary" "$T/err" "/bin/ls: not a CSV/JSON Lines file (looks like ELF binary)"
head -c 100000 "$D/a.csv.gz" >"$T/trunc.csv.gz"
run count "$T/trunc.csv.gz"
expect_rc "truncated gzip" 65
expect_in "truncated gzip is named" "$T/err" "trunc.csv.gz: looks like gzip but is truncated"
for ext in zst bz2 xz; do
    head -c 100000 "$D/a.csv.$ext" >"$T/trunc.csv.$ext"
    run count "$T/trunc.csv.$ext"
    expect_rc "truncated $ext" 65
    expect_re "truncated $ext names its format" "$T/err" "trunc.csv.$ext: looks like (zstd|bzip2|xz) but is"
done
python3 - "$D/a.csv.gz" "$T/corrupt.csv.gz" <<'EOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
for i in range(200, 260): b[i] ^= 0xA5
open(sys.argv[2], "wb").write(b)
EOF
run count "$T/corrupt.csv.gz"
expect_rc "corrupt gzip" 65
expect_in "corrupt gzip is named" "$T/err" "corrupt.csv.gz: looks like gzip but is"
python3 - "$D/a.csv.gz" "$T/crc.csv.gz" <<'EOF2'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[-8] ^= 0xFF  # the CRC-32 in the trailer
open(sys.argv[2], "wb").write(b)
EOF2
run count "$T/crc.csv.gz"
expect_rc "gzip with a bad CRC" 65
expect_in "gzip with a bad CRC is named" "$T/err" "crc.csv.gz: looks like gzip but is corrupt (incorrect data check)"
head -c 3000 "$D/parts.zip" >"$T/trunc.zip"
run count "$T/trunc.zip"
expect_re "truncated zip fails" "$T/err" "trunc.zip: looks like zip but is|trunc.zip:part1.csv: looks like zip"
printf 'PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >"$T/empty.zip"
run count "$T/empty.zip"
expect_rc "empty zip" 66
expect_in "empty zip is said" "$T/err" "it is empty"
mkdir -p "$T/xl/xl" && printf '<x/>' >"$T/xl/xl/workbook.xml" && printf '<x/>' >"$T/xl/[Content_Types].xml"
(cd "$T/xl" && zip -q ../book.xlsx "[Content_Types].xml" xl/workbook.xml)
run count "$T/book.xlsx"
expect_rc "xlsx workbook without sheets" 65
expect_in "xlsx workbook without sheets is named" "$T/err" "book.xlsx: looks like an Excel workbook, but xl/workbook.xml lists no sheets"
printf 'a,b\x00\x01\x02,c\n' >"$T/nul.csv"
run count "$T/nul.csv"
expect_rc "binary data with NUL bytes" 66
expect_in "binary data with NUL bytes is said" "$T/err" "looks like binary data"

mkdir -p "$T/d1" && cp "$D/part1.csv" "$T/d1/" && ln -s "$T/nowhere.csv" "$T/d1/gone.csv"
run count "$T/d1"
expect_rc "dangling .csv symlink" 66
expect_in "dangling .csv symlink is named" "$T/err" "$T/d1/gone.csv: broken symbolic link"
mkdir -p "$T/d2" && cp "$D/part1.csv" "$T/d2/" && ln -s loop.csv "$T/d2/loop.csv"
run count "$T/d2"
expect_rc "symlink loop" 66
expect_in "symlink loop is named" "$T/err" "$T/d2/loop.csv: symbolic link loop"
expect_not_in "symlink loop: no filesystem error" "$T/err" "filesystem error"
mkdir -p "$T/d3" && cp "$D/part1.csv" "$T/d3/" && ln -s a "$T/d3/b" && ln -s b "$T/d3/a"
run count "$T/d3"
expect_rc "symlink loop of two" 66
mkdir -p "$T/empty_dir" && printf 'x\n' >"$T/empty_dir/notes.txt"
run count "$T/empty_dir"
expect_rc "directory with no inputs" 66
expect_in "directory with no inputs says what it holds" "$T/err" "notes.txt"

# Permissions do not stop root: run those as nobody where we can.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
    AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
else
    AS=()
fi
if [ "$(id -u)" -ne 0 ] || [ ${#AS[@]} -gt 0 ]; then
    P="$T/perm"
    mkdir -p "$P/d4/locked" "$P/d5" && cp "$D/part1.csv" "$P/d4/" && cp "$D/part1.csv" "$P/d4/locked/"
    chmod 000 "$P/d4/locked"
    cp "$D/part1.csv" "$P/d5/" && cp "$D/part2.csv" "$P/d5/secret.csv" && chmod 000 "$P/d5/secret.csv"
    chmod -R a+rX "$T" 2>/dev/null; chmod 000 "$P/d4/locked" "$P/d5/secret.csv"
    "${AS[@]}" "$BIN" count "$P/d4" >"$T/out" 2>"$T/err"; rc=$?
    expect_rc "unreadable subdirectory" 66
    expect_in "unreadable subdirectory is named" "$T/err" "cannot read directory $P/d4/locked: Permission denied"
    "${AS[@]}" "$BIN" count "$P/d5" >"$T/out" 2>"$T/err"; rc=$?
    expect_rc "unreadable file in a directory" 66
    expect_in "unreadable file is named" "$T/err" "cannot read $P/d5/secret.csv: Permission denied"
    chmod 755 "$P/d4/locked"; chmod 644 "$P/d5/secret.csv"
else
    echo "skipped: permission tests (root without setpriv)"
fi

finish
