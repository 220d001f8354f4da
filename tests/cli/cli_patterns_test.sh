#!/usr/bin/env bash
# Command-line tests of `moscan patterns check|bench` and of the pattern options of
# `moscan count` (--crimes-only, --cache-dir, --no-cache): exit codes, messages, formats.
# Usage: tests/cli/cli_patterns_test.sh /path/to/moscan   (run from the repository root)
set -u

. "$(dirname "$0")/cli_lib.sh" cli_patterns "$@"

# --- patterns check ------------------------------------------------------------------------

run patterns check "$ROOT/patterns/foi_platforms.pat"
expect_rc "check bundled" 0
expect_re "check bundled: all pass on hyperscan" "$T/out" "hyperscan: ([0-9]+) of \1 examples passed"
expect_re "check bundled: all pass on naive" "$T/out" "naive: ([0-9]+) of \1 examples passed"
expect_re "check: provenance" "$T/out" "set foi_platforms \(hash [0-9a-f]{16}\) from .*foi_platforms.pat; moscan [0-9.]+; hyperscan [0-9]"

run patterns check "$ROOT/tests/data/patterns/full_syntax.pat" "$ROOT/patterns/foi_platforms_simple.tsv"
expect_rc "check full syntax and a plain list" 0
expect_in "check full syntax: counts" "$T/out" "7 platforms, 18 patterns (2 excludes, 4 terms, 2 with edit distance), 25 examples"
expect_in "check full syntax: hyperscan" "$T/out" "hyperscan: 25 of 25 examples passed"
expect_in "check full syntax: naive" "$T/out" "naive: 25 of 25 examples passed"
expect_in "check plain list" "$T/out" "16 platforms, 19 patterns"

cat >"$T/failing.pat" <<'EOF'
platform snapchat Snapchat
  pattern snap ?chat
  exclude snapchat filter
  match added on snap
  nomatch used a snapchat
  match a snapchat filter
  match {date=2024-01-01} snapchat
EOF
run patterns check "$T/failing.pat"
expect_rc "check failing examples" 1
expect_in "check failing: match, hyperscan" "$T/out" "failing.pat:4: match example failed on hyperscan: 'added on snap' names no snapchat"
expect_in "check failing: match, naive" "$T/out" "failing.pat:4: match example failed on naive:"
expect_in "check failing: nomatch shows the hit" "$T/out" "failing.pat:5: nomatch example failed on hyperscan: 'used a snapchat' names snapchat; mentions found: snapchat:1; matches of snapchat's patterns: pattern line 2 'snapchat' [7,15)"
expect_in "check failing: the exclude that removed it" "$T/out" "exclude line 3 'snapchat filter' [2,17)"
expect_in "check failing: summary" "$T/out" "hyperscan: 1 of 4 examples passed"
expect_in "check failing: FAILED" "$T/out" "FAILED"
expect_not_in "check failing: the dated example passes" "$T/out" "failing.pat:7"

printf 'platform a\n  pattern ok\nplatform b\n  pattern snap(\n' >"$T/broken.pat"
run patterns check "$T/broken.pat"
expect_rc "check does not compile" 78
expect_in "check does not compile: file, line, pattern" "$T/err" "broken.pat:4: pattern 'snap('"

printf 'platform a\n  pattern {edit=1,loud} x\n' >"$T/badopt.pat"
run patterns check "$T/badopt.pat"
expect_rc "check bad option" 78
expect_in "check bad option: message" "$T/err" "badopt.pat:2: pattern '{edit=1,loud} x': unknown option 'loud'"

printf 'term cue app\nplatform a\n  pattern {near=cue:20000} x\n' >"$T/badnear.pat"
run patterns check "$T/badnear.pat"
expect_rc "check near out of range" 78
expect_in "check near out of range: message" "$T/err" "badnear.pat:3: pattern '{near=cue:20000} x': 'near=cue:20000': the distance '20000' must be a number of bytes from 0 to 10000"

printf 'platform a\n  pattern what{{apos}}s\n' >"$T/badmacro.pat"
run patterns check "$T/badmacro.pat"
expect_rc "check unknown macro" 78
expect_in "check unknown macro: message" "$T/err" "badmacro.pat:2: pattern 'what{{apos}}s': no macro named 'apos'"

printf 'platform a\n  pattern {edit=1} \\bfoo\\b\n' >"$T/editb.pat"
run patterns check "$T/editb.pat"
expect_rc "check edit with \\b" 78
expect_in "check edit with \\b: message" "$T/err" "editb.pat:2: pattern '\\bfoo\\b': Zero-width assertions are disallowed"

run patterns check "$T/failing.pat" "$T/broken.pat" "$ROOT/tests/data/patterns/full_syntax.pat"
expect_rc "check several: 78 wins over 1" 78
expect_in "check several: the good one is still checked" "$T/out" "naive: 25 of 25 examples passed"

printf 'platform a\n  pattern ab+c\n  match abbbc\n' >"$T/unbounded.pat"
run patterns check "$T/unbounded.pat"
expect_rc "check with a set the naive matcher cannot expand" 0
expect_in "check unbounded: naive not run" "$T/out" "naive: not run"
expect_in "check unbounded: hyperscan ran" "$T/out" "hyperscan: 1 of 1 examples passed"

run patterns check "$T/missing.pat"
expect_rc "check missing file" 78
expect_in "check missing file: message" "$T/err" "missing.pat: cannot open pattern set"

run patterns check
expect_rc "check without a file" 64
run patterns
expect_rc "patterns without a command" 64
run patterns frobnicate
expect_rc "patterns unknown command" 64
run patterns check --help
expect_rc "check --help" 0
expect_in "check --help" "$T/out" "moscan patterns check"

# --- patterns bench ------------------------------------------------------------------------

"$BIN" generate --seed 5 --size 1M -o "$T/a.csv" 2>/dev/null
"$BIN" generate --seed 5 --size 300K --format jsonl -o "$T/a.jsonl" 2>/dev/null

run patterns bench "$ROOT/patterns/foi_platforms.pat" "$ROOT/patterns/foi_platforms_simple.tsv" --input "$T/a.csv" --repeat 1
expect_rc "bench md" 0
expect_re "bench md: header row" "$T/out" "^\| \| foi_platforms \| foi_platforms_simple \|$"
expect_re "bench md: fastest is x1.00" "$T/out" "^\| per-text: time vs fastest \|.*×1\.00"
expect_re "bench md: provenance" "$T/out" "hyperscan [0-9.]+ .*cpu_features .*moscan [0-9.]+"
expect_re "bench md: hashes" "$T/out" "^\| hash \| [0-9a-f]{16} \| [0-9a-f]{16} \|$"
expect_in "bench md: per-pattern tables" "$T/out" "## foi_platforms_simple: hits per pattern"
expect_re "bench md: compile and cache" "$T/out" "^\| load from cache ms \| [0-9.]+ \| [0-9.]+ \|$"

run patterns bench "$ROOT/patterns/foi_platforms.pat" "$ROOT/patterns/foi_platforms_simple.tsv" --input "$T/a.csv" --repeat 1 --format json
expect_rc "bench json" 0
if python3 - "$T/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
sets = d["sets"]
assert len(sets) == 2, sets
assert d["moscan"]["engine"].startswith("hyperscan ")
assert d["input"]["texts"] > 1000
for s in sets:
    assert len(s["hash"]) == 16
    assert s["compile_ms"] > 0 and s["database_bytes"] > 0
    assert s["hits"] == sum(p["hits"] for p in s["pattern_hits"]), s["set"]
    assert s["batch_mb_per_s"] > 0 and s["per_text_mb_per_s"] > 0
    assert sum(p["texts"] for p in s["platforms_found"]) >= s["texts_naming_a_platform"] > 0
assert min(s["per_text_time_vs_fastest"] for s in sets) == 1.0
EOF
then ok; else fail "bench json: structure"; fi

run patterns bench "$ROOT/tests/data/patterns/full_syntax.pat" --input "$T/a.jsonl" --repeat 1 --format csv
expect_rc "bench csv over jsonl, edit distance" 0
expect_in "bench csv: header" "$T/out" "set,hash,metric,key,value"
expect_re "bench csv: batched n/a for edit distance" "$T/out" "^full_syntax,[0-9a-f]{16},batch_mb_per_s,,$"
expect_re "bench csv: per-text speed" "$T/out" "^full_syntax,[0-9a-f]{16},per_text_mb_per_s,,[0-9.]+$"

run patterns bench "$ROOT/patterns/foi_platforms.pat" --input "$T/a.csv" --repeat 1 --single-match
expect_rc "bench single-match" 0
expect_re "bench single-match: batched n/a" "$T/out" "^\| batched scan MB/s \| n/a \|$"
expect_re "bench single-match: patterns" "$T/out" "^\| single-match patterns \| [1-9][0-9]* \|$"

run patterns bench "$ROOT/patterns/foi_platforms.pat" --input "$T/a.csv" --text-column NoSuchColumn
expect_rc "bench unknown text column" 65
expect_in "bench unknown text column: message" "$T/err" "column 'NoSuchColumn'"
run patterns bench "$ROOT/patterns/foi_platforms.pat"
expect_rc "bench without --input" 64
run patterns bench "$ROOT/patterns/foi_platforms.pat" --input "$T/nothing.csv"
expect_rc "bench missing archive" 66
run patterns bench "$T/broken.pat" --input "$T/a.csv"
expect_rc "bench broken set" 78
expect_in "bench broken set: message" "$T/err" "broken.pat:4"

# --- count: --crimes-only, the cache -------------------------------------------------------

run count --every year --by period,group,code "$T/a.csv" -q
expect_rc "count (reference run)" 0
cp "$T/out" "$T/full.csv"
run count --every year --by period,group,code --crimes-only "$T/a.csv" -q
expect_rc "count --crimes-only" 0
if [ "$(cut -d, -f1-5 "$T/out")" = "$(cut -d, -f1-5 "$T/full.csv")" ] && [ "$(wc -l <"$T/out")" -gt 20 ]; then
    ok
else
    fail "count --crimes-only: the same crimes column"
fi
if [ "$(tail -n +2 "$T/out" | cut -d, -f6 | sort -u)" = "0" ]; then ok; else fail "count --crimes-only: mentions are 0"; fi

# The default cache (under $XDG_CACHE_HOME) was written by the runs above.
if ls "$XDG_CACHE_HOME"/moscan/*.hsdb >/dev/null 2>&1; then ok; else fail "count: default cache directory"; fi
run count --cache-dir "$T/cache" --by period,group,code "$T/a.csv" -q --every year
expect_rc "count --cache-dir (miss)" 0
if [ "$(ls "$T/cache" | grep -c '\.hsdb$')" -eq 1 ]; then ok; else fail "count --cache-dir: one entry"; fi
cmp -s "$T/out" "$T/full.csv" && ok || fail "count --cache-dir: same output"
for f in "$T"/cache/*.hsdb; do printf 'garbage' | dd of="$f" bs=1 seek=64 conv=notrunc 2>/dev/null; done
run count --cache-dir "$T/cache" --by period,group,code "$T/a.csv" -q --every year
expect_rc "count with a corrupt cache entry" 0
cmp -s "$T/out" "$T/full.csv" && ok || fail "count with a corrupt cache entry: same output"
head -c 100 "$(ls "$T"/cache/*.hsdb)" >"$T/short" && mv "$T/short" "$(ls "$T"/cache/*.hsdb)"
run count --cache-dir "$T/cache" --by period,group,code "$T/a.csv" -q --every year
expect_rc "count with a truncated cache entry" 0
cmp -s "$T/out" "$T/full.csv" && ok || fail "count with a truncated cache entry: same output"
rm -rf "$XDG_CACHE_HOME"
run count --no-cache "$T/a.csv" -q
expect_rc "count --no-cache" 0
if [ -e "$XDG_CACHE_HOME/moscan" ]; then fail "count --no-cache wrote a cache"; else ok; fi
touch "$T/not_a_dir"
run count --cache-dir "$T/not_a_dir/sub" --by period,group,code "$T/a.csv" -q --every year
expect_rc "count with an unwritable cache directory" 0
cmp -s "$T/out" "$T/full.csv" && ok || fail "count with an unwritable cache: same output"

# --- count: a pattern valid from a date, on rows that repeat a text -------------------------
# Two rows of one crime with the same MO, the first before the pattern's start date: the
# crime's text counts the mention of the later row whatever the rows' order and however the
# input is cut into chunks (a row must not reuse the counts of a row with another date).
cat >"$T/valid.pat" <<'EOF2'
platform tiktok TikTok
  pattern {valid=2020-06-01..} tiktok
EOF2
for order in early-first late-first; do
    {
        echo 'CrimeRef,DateRecorded,HOCode,VictimAge,MOText'
        if [ $order = early-first ]; then
            echo 'V1,10/01/2020,17,12,sent on tiktok'
            echo 'V1,10/07/2020,17,12,sent on tiktok'
        else
            echo 'V1,10/07/2020,17,12,sent on tiktok'
            echo 'V1,10/01/2020,17,12,sent on tiktok'
        fi
    } >"$T/valid_$order.csv"
    for chunk in 1M 40; do
        run count -q --patterns "$T/valid.pat" --every year --by platform --chunk-size $chunk "$T/valid_$order.csv"
        expect_rc "valid-from pattern, $order, chunks of $chunk" 0
        expect_in "valid-from pattern, $order, chunks of $chunk: the crime counts" "$T/out" "tiktok,1"
    done
done

# --- patterns variants -----------------------------------------------------------------------

printf 'snapchats\nSnapcat\ncat\n' >"$T/dict.txt"
run patterns variants Snapchat --dict "$T/dict.txt"
expect_rc "variants with a dictionary" 0
expect_in "variants: comment with the dropped words" "$T/out" "# snapchat: 441 edit-distance-1 variants; 2 dropped as words of $T/dict.txt: snapcat, snapchats"
check "variants: the edit-distance-1 strings less the words, one pattern line per length" \
    python3 - "$T/out" <<'PY'
import sys
w, letters = "snapchat", "abcdefghijklmnopqrstuvwxyz"
want = set()
for i in range(len(w) + 1):
    for c in letters:
        want.add(w[:i] + c + w[i:])                      # insertion
    if i < len(w):
        want.add(w[:i] + w[i + 1:])                      # deletion
        for c in letters:
            want.add(w[:i] + c + w[i + 1:])              # substitution
    if i + 1 < len(w):
        want.add(w[:i] + w[i + 1] + w[i] + w[i + 2:])    # transposition
want.discard(w)
assert len(want) == 441, len(want)
want -= {"snapcat", "snapchats"}
lines = [l for l in open(sys.argv[1]) if l.startswith("pattern ")]
got, widths = [], []
for l in lines:
    alts = l[len("pattern "):].strip().split("|")
    assert len({len(a) for a in alts}) == 1, "one length per line: " + l[:60]
    widths.append(len(alts[0])); got += alts
assert widths == sorted(widths) and len(set(widths)) == len(widths), widths
assert len(got) == len(set(got)) and set(got) == want, sorted(set(got) ^ want)[:10]
PY
expect_not_in "variants: dictionary word dropped" "$T/out" "|snapchats|"
expect_not_in "variants: the word itself is not listed" "$T/out" "|snapchat|"
{ printf 'platform snapchat\n'; grep '^pattern' "$T/out" | sed 's/^/  /'; printf '  match added on snapcht\n  match on Snapchta\n  nomatch on snapchat\n  nomatch on snapchats\n'; } >"$T/variants.pat"
run patterns check "$T/variants.pat"
expect_rc "variants: the line pastes into a set that checks on both engines" 0
expect_in "variants: naive ran" "$T/out" "naive: 4 of 4 examples passed"

run patterns variants instagram --keep-words
expect_rc "variants --keep-words" 0
expect_in "variants --keep-words: comment" "$T/out" "# instagram: "
expect_in "variants --keep-words: kept" "$T/out" "dictionary words kept"

run patterns variants kik --dict "$T/dict.txt"
expect_rc "variants: short word refused" 64
expect_in "variants: short word message" "$T/err" "'kik' has 3 letters"
run patterns variants kik --dict "$T/dict.txt" --min-length 3
expect_rc "variants: --min-length" 0
expect_in "variants: --min-length lists them" "$T/out" "pattern "

run patterns variants snap-chat --keep-words
expect_rc "variants: non-letters refused" 64
run patterns variants snapchat --dict "$T/nodict.txt"
expect_rc "variants: missing dictionary" 74

finish
