#!/usr/bin/env bash
# FOI report outputs end to end: default output unchanged, --hits agrees with the table,
# breakdowns, disclosure control (checked from the published numbers), CSV BOM, the XLSX read
# back from its XML, and the HTML rendered in headless Chromium to a PNG.
# Usage: tests/cli/report_test.sh /path/to/moscan   (MOSCAN_SKIP_BROWSER=1 skips Chromium)
set -u

. "$(dirname "$0")/cli_lib.sh" report "$@"

ARCHIVE="$ROOT/data/sample/archive.csv"
INI="$ROOT/patterns/foi_1148a_20.ini"
export SOURCE_DATE_EPOCH=1700000000 # fixed run date

# ---- the default output is exactly what it was ----
"$BIN" count -q --config "$INI" "$ARCHIVE" >"$T/default.csv"
check "default header" grep -qx 'period,group,code,platform,crimes,mentions' "$T/default.csv"
"$BIN" count -q --config "$INI" "$ARCHIVE" --hits "$T/hits.csv" --context 30 >"$T/with_hits.csv"
check "--hits leaves the table unchanged" cmp "$T/default.csv" "$T/with_hits.csv"

# ---- the hits file recomputes the table exactly ----
"$BIN" count -q --config "$INI" "$ARCHIVE" --hits "$T/hits.jsonl" --context 30 >/dev/null
check "hits recompute crimes and mentions" python3 - "$T/hits.csv" "$T/hits.jsonl" "$T/default.csv" <<'EOF'
import csv, json, sys, collections
def recompute(rows):
    crimes = collections.defaultdict(set); mentions = collections.Counter()
    for r in rows:
        for p in r["period"].split(";"):
            # ANY: the 16 listed platforms; ONLINE: those and other online services
            # (other_online, the bundled set's outside-any platform).
            for plat in (r["platform"], "ONLINE") + (("ANY",) if r["platform"] != "other_online" else ()):
                crimes[(p, r["group"], plat)].add(r["crime_id"]); mentions[(p, r["group"], plat)] += 1
    return crimes, mentions
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    csv_rows = list(csv.DictReader(f))
jsonl_rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(csv_rows) == len(jsonl_rows) > 100, (len(csv_rows), len(jsonl_rows))
for a, b in zip(csv_rows, jsonl_rows):
    assert a["crime_id"] == b["crime_id"] and int(a["line"]) == b["line"] and a["match"] == b["match"]
    assert int(a["end"]) - int(a["start"]) == len(a["match"].encode())
    assert len(b["context_before"]) <= 30 and len(b["context_after"]) <= 30
    # the CSV shows a text a spreadsheet would read as a formula with an apostrophe first
    for k in ("context_before", "context_after", "match"):
        want = ("'" if b[k][:1] in ("=", "+", "-", "@", "\t", "\r") and b[k] else "") + b[k]
        assert a[k] == want, (k, a[k], b[k])
crimes, mentions = recompute(csv_rows)
table = list(csv.DictReader(open(sys.argv[3])))
checked = 0
for r in table:
    if r["platform"] == "TOTAL":
        continue
    k = (r["period"], r["group"], r["platform"])
    got = (len(crimes[k]), mentions[k])
    assert got == (int(r["crimes"]), int(r["mentions"])), (k, got, r)
    checked += 1
# and no platform in the hits file is missing from the table
listed = {(r["period"], r["group"], r["platform"]) for r in table}
assert all(k in listed for k in crimes), [k for k in crimes if k not in listed]
print(checked, "rows agree")
EOF

# ---- breakdowns ----
"$BIN" count -q --config "$INI" "$ARCHIVE" --by period,group,age_band,gender >"$T/by.csv"
check "age band and gender columns" grep -qx 'period,group,code,age_band,gender,platform,crimes,mentions' "$T/by.csv"
check "age bands and genders add up to the group total" python3 - "$T/by.csv" "$T/default.csv" <<'EOF'
import csv, sys, collections
by = list(csv.DictReader(open(sys.argv[1])))
bands = {r["age_band"] for r in by}; genders = {r["gender"] for r in by}
assert bands == {"11-and-under", "12-15", "16-17"}, bands
assert genders == {"Female", "Male", "Other", "Mixed", "Unknown"}, genders
tot = collections.Counter()
for r in by:
    if r["platform"] in ("TOTAL", "ANY"):
        tot[(r["period"], r["group"], r["platform"])] += int(r["crimes"])
for r in csv.DictReader(open(sys.argv[2])):
    if r["platform"] in ("TOTAL", "ANY"):
        assert tot[(r["period"], r["group"], r["platform"])] == int(r["crimes"]), r
EOF
"$BIN" count -q --config "$INI" "$ARCHIVE" --by period,group,age_band --age-bands 0-5,6-10,11-15,16-17 >"$T/bands.csv"
check "--age-bands preset" grep -q ',0-5,TOTAL,' "$T/bands.csv"
"$BIN" count -q --config "$INI" "$ARCHIVE" --age-bands 5-9,8-12 >/dev/null 2>"$T/err"
check "overlapping age bands are refused" grep -q 'overlaps' "$T/err"
"$BIN" count -q --config "$INI" "$ARCHIVE" --by period,group,flag --shares >"$T/flag.csv"
check "flag and share columns" grep -qx 'period,group,code,platform,crimes,mentions,flagged_online,keyword,both,either,where_known,share_pct' "$T/flag.csv"
check "flag columns add up (either = flagged + keyword - both)" python3 - "$T/flag.csv" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    f, k, b, e = (int(r[c]) for c in ("flagged_online", "keyword", "both", "either"))
    assert e == f + k - b and b <= min(f, k), r
    # A share is of ANY (its base): none for rows that are not part of it.
    if r["platform"] in ("TOTAL", "ONLINE", "other_online"):
        assert r["share_pct"] == "", r
    else:
        assert abs(float(r["share_pct"]) - (100.0 * int(r["crimes"]) / int(r["where_known"]) if int(r["where_known"]) else 0)) < 0.051, r
EOF

# ---- disclosure control, checked from the published table with its totals ----
"$BIN" count --config "$INI" "$ARCHIVE" --by period,group,age_band --suppress-below 10 --totals >"$T/sup.csv" 2>"$T/sup.err"
check "suppression: no count 1..9 shown, no hidden count recoverable from a total" python3 - "$T/sup.csv" <<'EOF'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1])))
dims = ["period", "group", "age_band"]
val = {}
hidden_any = 0
for r in rows:
    for m in ("crimes", "mentions"):
        v = r[m]
        if v == "*":
            hidden_any += 1
        else:
            assert int(v) == 0 or int(v) >= 10, r
        val[(r["period"], r["group"], r["age_band"], r["platform"], m)] = v
assert hidden_any > 0
# platforms absent from a cell are zeros
def get(p, g, a, plat, m):
    return val.get((p, g, a, plat, m), "0")
values = {d: sorted({r[d] for r in rows} - {"ALL"}) for d in dims}
platforms = {r["platform"] for r in rows} - {"ANY", "TOTAL"}
bad = []
def relation(total, parts, what):
    members = [total] + [x for x in parts if x != "0"]
    if sum(1 for x in members if x == "*") == 1:
        bad.append(what)
cells = {(r["period"], r["group"], r["age_band"]) for r in rows}
for cell in cells:
    for i, d in enumerate(dims):
        if cell[i] != "ALL":
            continue
        for plat in list(platforms) + ["ANY", "TOTAL"]:
            for m in ("crimes", "mentions"):
                parts = []
                for v in values[d]:
                    c = list(cell); c[i] = v
                    parts.append(get(*c, plat, m))
                relation(get(*cell, plat, m), parts, (cell, d, plat, m))
    relation(get(*cell, "ANY", "mentions"), [get(*cell, p, "mentions") for p in platforms], (cell, "mentions"))
assert not bad, bad[:10]
print(hidden_any, "hidden counts; every relation has 0 or 2+ hidden")
EOF
check "the run summary lists suppressed counts and why" grep -q 'primary: below 10' "$T/sup.err"
check "the run summary lists secondary suppression" grep -q 'secondary:' "$T/sup.err"
"$BIN" count -q --config "$INI" "$ARCHIVE" --suppress-below 10 --format json --no-timing >"$T/sup.json"
check "json: suppressed counts are null and listed" python3 -c "
import json,sys; d=json.load(open('$T/sup.json'))
assert d['disclosure']['suppress_below']==10 and d['disclosure']['suppressed']
assert any(r['crimes'] is None and 'crimes' in r['suppressed'] for r in d['rows'])
assert d['summary']['crimes_in_scope'] is None"

# ---- CSV for spreadsheets: UTF-8 BOM ----
"$BIN" count -q --config "$INI" "$ARCHIVE" --bom >"$T/bom.csv"
check "--bom" python3 -c "import sys; b=open('$T/bom.csv','rb').read(); assert b.startswith(b'\xef\xbb\xbfperiod,group'), b[:10]"

# ---- XLSX, read back from its XML ----
"$BIN" count -q --config "$INI" "$ARCHIVE" --by period,group,code --suppress-below 10 --format xlsx -o "$T/answer.xlsx" --title "FOI 1148A/20 test"
check "xlsx: sheets, tables, types, no hidden sheet, aggregates only" python3 - "$T/answer.xlsx" "$T/hits.csv" <<'EOF'
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
wb = z.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet name="([^"]+)"[^>]*/>', wb)
assert sheets == ["Cover", "Notes", "Headline", "Breakdown", "Online flag"], sheets
assert "hidden" not in wb, "a hidden sheet"
assert not any("pivot" in n.lower() for n in names), names
tables = [n for n in names if n.startswith("xl/tables/")]
assert len(tables) == 3, tables
shared = re.findall(r"<si><t[^>]*>(.*?)</t></si>", z.read("xl/sharedStrings.xml").decode(), re.S)
text = "\n".join(shared)
assert "FOI 1148A/20 test" in text and "Pattern-set hash" in text and "Run date" in text
assert "Disclosure control" in text and "Victim age" in text and "Fields searched" in text
# no crime ids, no MO text
hits = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
for h in hits[:200]:
    assert h["crime_id"] not in text, h["crime_id"]
    ctx = (h["context_before"] + h["match"] + h["context_after"]).strip()
    assert len(ctx) < 20 or ctx not in text
def sheet_xml(name):
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(name), wb).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    return z.read("xl/" + target.group(1)).decode()
def cells(xml):
    out = {}
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+\d+)"([^>]*)>(.*?)</c>', xml, re.S):
        t = re.search(r't="(\w+)"', attrs)
        v = re.search(r"<v>(.*?)</v>", body)
        out[ref] = (t.group(1) if t else "n", v.group(1) if v else None)
    return out
bd = cells(sheet_xml("Breakdown"))
# column C is the code: always a string; E, F (crimes, times recorded) numbers or "*"
codes = [v for k, v in bd.items() if re.fullmatch(r"C\d+", k) and k != "C1"]
assert codes and all(t == "s" for t, _ in codes), codes[:5]
counts = [(k, v) for k, v in bd.items() if re.fullmatch(r"[EF]\d+", k) and k not in ("E1", "F1")]
assert counts
star = shared.index("*") if "*" in shared else -1
for k, (t, v) in counts:
    assert t == "n" or (t == "s" and int(v) == star), (k, t, v)
assert any(t == "n" for _, (t, _) in counts) and any(t == "s" for _, (t, _) in counts)
hl = cells(sheet_xml("Headline"))
assert hl["C2"][0] in ("n", "s") and hl["B2"][0] == "s"
print("sheets:", ", ".join(sheets))
EOF

# ---- HTML: self-contained, rendered in headless Chromium ----
"$BIN" count -q --config "$INI" "$ARCHIVE" --suppress-below 10 --format html -o "$T/answer.html"
check "html: self-contained" python3 - "$T/answer.html" <<'EOF'
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
assert h.startswith("<!DOCTYPE html>") and "<style>" in h
assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', h), "external reference"
assert "<script" not in h and "@import" not in h and "url(" not in h
assert h.count('<svg class="chart"') == 2 and 'class="bar"' in h
assert "Method and caveats" in h and "Provenance" in h and "Pattern-set hash" in h
EOF
if [ "${MOSCAN_SKIP_BROWSER:-0}" = 1 ]; then
    echo "report_test: Chromium rendering skipped (MOSCAN_SKIP_BROWSER=1)"
else
    CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$CHROMIUM" ]; then
        fail "chromium not installed (scripts/setup.sh installs it when tests are requested)"
    else
        timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$T/chromium-profile" --window-size=1000,2600 --hide-scrollbars \
            --enable-logging=stderr --v=0 \
            --screenshot="$T/answer.png" "file://$T/answer.html" >"$T/chromium.out" 2>&1
        check "chromium rendered the page" test -s "$T/answer.png"
        check "no load errors" python3 - "$T/chromium.out" <<'EOF'
import sys
log = open(sys.argv[1], errors="replace").read()
bad = [l for l in log.splitlines() if "CONSOLE" in l or "net::ERR" in l or "Failed to load" in l]
assert not bad, bad[:5]
EOF
        check "the chart is drawn (its bar colour is on the screenshot)" python3 - "$T/answer.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
found = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        if abs(line[x] - 0x1f) < 8 and abs(line[x + 1] - 0x5f) < 8 and abs(line[x + 2] - 0xa8) < 8:
            found += 1
    prev = line
assert found > 200, found
print("bar pixels:", found)
EOF
    fi
fi

finish
