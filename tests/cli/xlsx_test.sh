#!/usr/bin/env bash
# Excel workbooks (.xlsx) as input (pipeline/input/xlsx_reader.hpp): a sheet is read as the CSV of
# the same records, so its table must equal the plain CSV's byte for byte. The workbooks are
# written here with python3's standard library (zipfile and hand-written XML) from synthetic
# records (moscan generate), with shared strings (stored after the sheet in the zip), inline
# strings (rich text runs), date-styled serial dates (1900 and 1904 systems), skipped cells and
# rows, a namespace prefix, entities, _xHHHH_ escapes, and texts with a comma, quotes, a line
# break and non-ASCII characters. Then the errors: unknown sheet, .xls, truncated zip, bad XML.
# Usage: tests/cli/xlsx_test.sh /path/to/moscan
set -u

. "$(dirname "$0")/cli_lib.sh" xlsx "$@"

need_tools python3

D="$T/data"
mkdir -p "$D/dir"
"$BIN" generate --seed 3 --size 200K -o "$D/g.csv" 2>/dev/null

python3 - "$D" <<'EOF'
import csv, datetime, io, re, sys, zipfile
from xml.sax.saxutils import escape, quoteattr

D = sys.argv[1]
with open(D + "/g.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, recs = rows[0], rows[1:]
ti = header.index("MOText")
# Texts with a comma, quotes, a line break and non-ASCII characters.
recs[0][ti] += ', he said "send pics" \u2013 caf\u00e9\nsecond line on snapchat'
recs[1][ti] = 'Zo\u00eb r\u00e9sum\u00e9 "quoted, with comma" instagram'
recs[2][ti] += " \U0001F600 end"
with open(D + "/ref.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows([header] + recs)

DATE = re.compile(r"^(\d\d)/(\d\d)/(\d{4})(?: (\d\d):(\d\d))?$")
NUM = re.compile(r"^(0|[1-9]\d{0,8})$")

def serial(m, date1904):
    try:
        d = datetime.datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4] or 0), int(m[5] or 0))
    except ValueError:
        return None  # not a date: written as text
    base = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    delta = d - base
    s = delta.days + delta.seconds / 86400
    return repr(s) if delta.seconds else str(delta.days)

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def xml_text(s):
    # Entities for markup, one character as a numeric reference, CRs kept as &#13;.
    return escape(s).replace("\u2013", "&#x2013;").replace("\r", "&#13;")

def sheet_xml(header, recs, shared, p="", date1904=False, gaps=True):
    """p: a namespace prefix ("x:"); cells by reference, empty fields skipped."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n']
    ns = 'xmlns' + (":" + p[:-1] if p else "") + '="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    out.append(f'<{p}worksheet {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
    out.append(f'<{p}dimension ref="A1"/><{p}sheetData>')
    rn = 1
    for k, rec in enumerate([header] + recs):
        if gaps and k == 5:
            rn += 3  # skipped row numbers
            out.append(f'<{p}row r="{rn - 1}"><{p}c r="B{rn - 1}" s="0"/></{p}row>')  # a styled empty cell
        out.append(f'<{p}row r="{rn}" spans="1:{len(rec)}">')
        for i, v in enumerate(rec):
            if v == "":
                continue  # a skipped cell
            ref = f"{col(i)}{rn}"
            m = DATE.match(v) if k else None
            num = serial(m, date1904) if m else None
            if num is not None:
                out.append(f'<{p}c r="{ref}" s="{2 if date1904 else 1}"><{p}v>{num}</{p}v></{p}c>')
            elif k and NUM.match(v):
                out.append(f'<{p}c r="{ref}"><{p}v>{v}</{p}v></{p}c>')
            elif k % 3 == 1:
                # An inline string, in two rich text runs when it is long enough.
                h = len(v) // 2
                runs = (f'<{p}r><{p}rPr><{p}b/></{p}rPr><{p}t xml:space="preserve">{xml_text(v[:h])}</{p}t></{p}r>'
                        f'<{p}r><{p}t xml:space="preserve">{xml_text(v[h:])}</{p}t></{p}r>') if h else f'<{p}t>{xml_text(v)}</{p}t>'
                out.append(f'<{p}c r="{ref}" t="inlineStr"><{p}is>{runs}</{p}is></{p}c>')
            elif k % 3 == 2 and i == 0:
                out.append(f'<{p}c r="{ref}" t="str"><{p}f>A1</{p}f><{p}v>{xml_text(v)}</{p}v></{p}c>')
            else:
                if v not in shared:
                    shared[v] = len(shared)
                out.append(f'<{p}c r="{ref}" t="s"><{p}v>{shared[v]}</{p}v></{p}c>')
        out.append(f'</{p}row>')
        rn += 1
    out.append(f'</{p}sheetData></{p}worksheet>')
    return "".join(out)

def shared_xml(shared):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(shared), len(shared))]
    for s, i in sorted(shared.items(), key=lambda kv: kv[1]):
        t = xml_text(s)
        if i % 2:
            # Excel's escape of a character as _xHHHH_ (here the e-acute), and a phonetic run
            # that is not part of the text.
            t = t.replace("\u00e9", "_x00E9_")
            out.append(f'<si><t xml:space="preserve">{t}</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>')
        else:
            out.append(f'<si><t xml:space="preserve">{t}</t></si>')
    out.append("</sst>")
    return "".join(out)

STYLES = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mmm\\-yyyy;@"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/></cellXfs>'
          '</styleSheet>')

def book(path, sheets, date1904=False, shared_last=True):
    """sheets: [(name, xml)]; sharedStrings written after the sheets when shared_last."""
    shared = {}
    parts = [(f"xl/worksheets/sheet{i + 1}.xml", make(shared)) for i, (name, make) in enumerate(sheets)]
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/></Types>')
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          + (f'<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>') + '<sheets>'
          + "".join(f'<sheet name={quoteattr(n)} sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
          + '</sheets></workbook>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
            + '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        if not shared_last:
            z.writestr("xl/sharedStrings.xml", shared_xml(shared))
        for p, x in parts:
            z.writestr(p, x)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/styles.xml", STYLES)
        if shared_last:
            z.writestr("xl/sharedStrings.xml", shared_xml(shared))

cover = lambda shared: sheet_xml(["About"], [["Synthetic test extract"], ["not crime records"]], shared, gaps=False)
crimes = lambda shared: sheet_xml(header, recs, shared)
book(D + "/book.xlsx", [("Crimes", crimes), ("Cover & notes", cover)])
book(D + "/second.xlsx", [("Cover & notes", cover), ("Crimes", lambda s: sheet_xml(header, recs, s, p="x:"))], shared_last=False)
book(D + "/b1904.xlsx", [("Crimes", lambda s: sheet_xml(header, recs, s, date1904=True))], date1904=True)
# Named otherwise: recognised by its members, not its name.
book(D + "/extract.zip", [("Crimes", crimes)])
book(D + "/dir/in_dir.xlsx", [("Crimes", crimes)])
# A row with a date that does not exist, as text: rejected as in the CSV.
bad = [r[:] for r in recs]
for r in bad[3::40]:
    r[header.index("DateRecorded")] = "31/02/2020"
with open(D + "/rej.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows([header] + bad)
book(D + "/rej.xlsx", [("Crimes", lambda s: sheet_xml(header, bad, s, gaps=False))])
# A workbook whose sheet XML is cut short inside a row.
with zipfile.ZipFile(D + "/book.xlsx") as z, zipfile.ZipFile(D + "/badxml.xlsx", "w") as o:
    for n in z.namelist():
        data = z.read(n)
        o.writestr(n, data[: len(data) // 2] if n == "xl/worksheets/sheet1.xml" else data)
# A shared string index that does not exist.
with zipfile.ZipFile(D + "/book.xlsx") as z, zipfile.ZipFile(D + "/badindex.xlsx", "w") as o:
    for n in z.namelist():
        data = z.read(n)
        if n == "xl/worksheets/sheet1.xml":
            data = data.replace(b't="s"><v>0</v>', b't="s"><v>999999</v>', 1)
        o.writestr(n, data)
EOF
[ -s "$D/book.xlsx" ] && ok || { fail "workbooks written"; finish; exit 1; }

BY=(--by period,group,code --every year)
"$BIN" count "${BY[@]}" "$D/ref.csv" >"$T/ref.csv" 2>"$T/ref.err" || { echo "FAIL: reference run"; cat "$T/ref.err"; exit 1; }
[ "$(wc -l <"$T/ref.csv")" -gt 20 ] && ok || fail "reference table has rows"


same "first sheet by default" "$D/book.xlsx"
expect_in "the sheet read is said" "$T/err" "book.xlsx: Excel workbook, sheet 'Crimes' (1 of 2), read as CSV"
expect_re "the summary lists the workbook's sheet" "$T/err" "files read .*book.xlsx:Crimes"
grep -E "rows rejected +0" "$T/err" >/dev/null && ok || fail "no row rejected"
grep -E "read 646 rows" "$T/err" >/dev/null && ok || fail "every record read (646 rows)"
same "sheet by name" "$D/book.xlsx" --sheet Crimes
same "sheet by number, prefixed XML, shared strings first" "$D/second.xlsx" --sheet 2
expect_in "the second sheet is said" "$T/err" "sheet 'Crimes' (2 of 2)"
same "sheet by name, case ignored" "$D/second.xlsx" --sheet crimes
same "1904 date system" "$D/b1904.xlsx"
same "recognised whatever the name" "$D/extract.zip"
same "in a directory" "$D/dir"
expect_in "the directory's workbook is read" "$T/err" "in_dir.xlsx:Crimes"
same "--delimiter and --input-format do not apply to the sheet" "$D/book.xlsx" --delimiter ';' --input-format jsonl

# The texts come through whole: --hits gives the same rows as for the CSV.
"$BIN" count -q --hits "$T/hits_ref.csv" "$D/ref.csv" >/dev/null 2>&1
run count -q --hits "$T/hits_x.csv" "$D/book.xlsx"
python3 - "$T/hits_ref.csv" "$T/hits_x.csv" <<'EOF' && ok || fail "--hits equal apart from the file name"
import csv, sys
a, b = (list(csv.DictReader(open(p, newline="", encoding="utf-8"))) for p in sys.argv[1:3])
assert len(a) == len(b) and len(a) > 0, (len(a), len(b))
for x, y in zip(a, b):
    for k in x:
        if k not in ("file", "line", "offset"):
            assert x[k] == y[k], (k, x[k], y[k])
EOF

# --rejects: the same rows and reasons, at the same lines of the converted CSV.
"$BIN" count -q --max-rejected 50% --rejects "$T/rej_ref.csv" "$D/rej.csv" >/dev/null 2>&1
run count -q --max-rejected 50% --rejects "$T/rej_x.csv" "$D/rej.xlsx"
expect_rc "a rejected row" 0
python3 - "$T/rej_ref.csv" "$T/rej_x.csv" <<'EOF' && ok || fail "--rejects equal apart from the file name"
import csv, sys
a, b = (list(csv.reader(open(p, newline="", encoding="utf-8"))) for p in sys.argv[1:3])
assert len(a) == len(b) and len(a) > 2, (len(a), len(b))
assert a[0] == b[0] and a[0][0] == "file", a[0]
for x, y in zip(a[1:], b[1:]):
    assert x[0].endswith("rej.csv") and y[0].endswith("rej.xlsx:Crimes"), (x[0], y[0])
    assert x[1:] == y[1:], (x, y)
EOF

# The first sheet of second.xlsx is not crime data: its columns are named.
run count "$D/second.xlsx"
expect_rc "a sheet that is not crime records" 65
expect_in "its sheet is said" "$T/err" "second.xlsx:Cover & notes: no crime id column"

run count "$D/book.xlsx" --sheet Nope
expect_rc "unknown sheet" 64
expect_in "unknown sheet lists the sheets" "$T/err" "--sheet 'Nope': $D/book.xlsx has no such sheet; its sheets are 1 'Crimes', 2 'Cover & notes'"
run count "$D/book.xlsx" --sheet 3
expect_rc "sheet number out of range" 64
run count "$D/book.xlsx" --sheet ''
expect_rc "empty --sheet" 64

printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1%01000d' 0 >"$T/old.xls"
run count "$T/old.xls"
expect_rc ".xls" 66
expect_in ".xls is named" "$T/err" "old.xls: not a CSV/JSON Lines file (looks like old Excel .xls format"
expect_in ".xls says what to do" "$T/err" "save as .xlsx or CSV"

head -c "$(($(stat -c %s "$D/book.xlsx") / 2))" "$D/book.xlsx" >"$T/trunc.xlsx"
run count "$T/trunc.xlsx"
expect_rc "truncated workbook" 65
expect_re "truncated workbook is named" "$T/err" "trunc.xlsx: .*(truncated|corrupt)"

run count "$D/badxml.xlsx"
expect_rc "sheet XML cut short" 65
expect_in "sheet XML cut short names the part" "$T/err" "badxml.xlsx: xl/worksheets/sheet1.xml: malformed XML: "

run count "$D/badindex.xlsx"
expect_rc "bad shared string index" 65
expect_in "bad shared string index is said" "$T/err" "badindex.xlsx: xl/worksheets/sheet1.xml: row 1: shared string 999999 does not exist"

run count - <"$D/book.xlsx"
expect_rc "workbook on stdin" 66
expect_in "workbook on stdin says what to do" "$T/err" "give its path"

finish
