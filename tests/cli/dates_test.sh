#!/usr/bin/env bash
# --date-format and date detection (README "Input"): a generated archive's date column is
# rewritten by Python in each form; the table must equal the table of the original
# dd/mm/yyyy records, detected or named, at any chunk size and thread count.
. "$(dirname "$0")/cli_lib.sh" dates "$@"

"$BIN" generate --seed 7 --size 2M -o "$T/base.csv" 2>/dev/null
"$BIN" generate --seed 7 --size 1M --format jsonl -o "$T/base.jsonl" 2>/dev/null
run count "$T/base.csv"
expect_rc "base run" 0
cp "$T/out" "$T/base.table"
run count "$T/base.jsonl"
cp "$T/out" "$T/base_jsonl.table"

# rewrite.py IN OUT FORM: the DateRecorded values of IN written in FORM (Python's own
# datetime, strftime and zoneinfo; values that are not valid dates are left as they are, so
# they stay rejected). ISO forms with an offset give the same moment as the UK local time.
cat >"$T/rewrite.py" <<'PY'
import csv, datetime, json, sys
from zoneinfo import ZoneInfo
src, dst, form = sys.argv[1], sys.argv[2], sys.argv[3]
LON = ZoneInfo("Europe/London")
MON = ["JAN","FEB","MAR","APR","MAY","JUN","JUL","AUG","SEP","OCT","NOV","DEC"]

def parse(v):
    v = v.strip()
    for f, has_time in (("%d/%m/%Y %H:%M", True), ("%d/%m/%Y", False),
                        ("%Y-%m-%dT%H:%M:%S", True), ("%Y-%m-%d", False)):
        try:
            return datetime.datetime.strptime(v, f), has_time
        except ValueError:
            pass
    return None, False

def write(v, n):
    d, has_time = parse(v)
    if d is None:
        return v
    t = d.strftime(" %H:%M") if has_time else ""
    if form == "dmy-dash": return d.strftime("%d-%m-%Y") + t
    if form == "dmy-dot": return d.strftime("%d.%m.%Y") + t
    if form == "ymd-slash": return d.strftime("%Y/%m/%d") + t
    if form == "mdy": return d.strftime("%m/%d/%Y") + t
    if form == "oracle": return "%02d-%s-%02d" % (d.day, MON[d.month - 1], d.year % 100)
    if form == "day-mon": return "%d %s %d" % (d.day, d.strftime("%b").lower() if n % 2 else d.strftime("%b"), d.year)
    if form == "day-month": return "%d %s %d" % (d.day, d.strftime("%B"), d.year) + t
    if form == "excel":
        serial = (d.date() - datetime.date(1899, 12, 30)).days
        frac = (d.hour * 60 + d.minute) / 1440
        return str(serial) + ("%.6f" % frac)[1:] if frac else str(serial)
    if form in ("iso-z", "iso-offset"):
        local = d if has_time else d.replace(hour=(n * 7) % 24, minute=(n * 13) % 60)
        instant = local.replace(tzinfo=LON)
        if form == "iso-z":
            u = instant.astimezone(datetime.timezone.utc)
            return u.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (n % 1000)
        # A zone west or east of the UK: the written date is often not the UK one.
        tz = datetime.timezone(datetime.timedelta(hours=(-5, 3, -8, 9)[n % 4], minutes=(0, 30)[n % 2]))
        o = instant.astimezone(tz)
        off = o.strftime("%z")
        return o.strftime("%Y-%m-%dT%H:%M:%S") + off[:3] + ":" + off[3:]
    raise SystemExit("unknown form " + form)

if src.endswith(".jsonl"):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
        for n, line in enumerate(f):
            o = json.loads(line)
            if isinstance(o.get("DateRecorded"), str):
                o["DateRecorded"] = write(o["DateRecorded"], n)
            g.write(json.dumps(o) + "\n")
else:
    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as g:
        r = csv.reader(f)
        w = csv.writer(g, lineterminator="\n")
        head = next(r)
        col = head.index("DateRecorded")
        w.writerow(head)
        for n, row in enumerate(r):
            row[col] = write(row[col], n)
            w.writerow(row)
PY

# same_table NAME FILE EXPECTED [OPTIONS...]: the table of FILE equals EXPECTED, with 1 and 2
# threads and a small chunk (the detection sample then spans many chunks).
same_table() {
    local name=$1 file=$2 expected=$3
    shift 3
    run count "$file" "$@"
    if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$expected"; then ok; else fail "$name: table differs"; fi
    run count "$file" --threads 2 --chunk-size 4K "$@"
    if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$expected"; then ok; else fail "$name: table differs (2 threads, 4K chunks)"; fi
}

for form in dmy-dash dmy-dot ymd-slash mdy oracle day-mon day-month excel iso-z iso-offset; do
    python3 "$T/rewrite.py" "$T/base.csv" "$T/$form.csv" "$form"
    same_table "$form detected" "$T/$form.csv" "$T/base.table"
    expect_in "$form: the format is said" "$T/err" "$form.csv: dates read as"
    if [ "$form" = mdy ]; then
        expect_in "mdy is named as month first" "$T/err" "month-day-year (mdy, US order)"
        expect_in "mdy: the note names a month-first value" "$T/err" "can only be month first"
    fi
done

# Named instead of detected.
same_table "dmy-dash named" "$T/dmy-dash.csv" "$T/base.table" --date-format dmy
same_table "dmy-dash as %d-%m-%Y" "$T/dmy-dash.csv" "$T/base.table" --date-format %d-%m-%Y
same_table "oracle named" "$T/oracle.csv" "$T/base.table" --date-format oracle
same_table "oracle as a picture" "$T/oracle.csv" "$T/base.table" --date-format dd-mon-yy
same_table "mdy named" "$T/mdy.csv" "$T/base.table" --date-format mdy
same_table "excel named" "$T/excel.csv" "$T/base.table" --date-format excel
same_table "iso named" "$T/iso-offset.csv" "$T/base.table" --date-format iso
expect_in "the summary says how dates were read" "$T/err" "dates ISO 8601"

# The default format: nothing said.
run count "$T/base.csv"
expect_not_in "default dates: no note" "$T/err" "dates read as"
expect_in "default dates: in the columns line" "$T/err" "dates dd/mm/yyyy or yyyy-mm-dd"

# JSON Lines detection.
python3 "$T/rewrite.py" "$T/base.jsonl" "$T/oracle.jsonl" oracle
same_table "jsonl oracle detected" "$T/oracle.jsonl" "$T/base_jsonl.table"

# Named in the wrong order: the rows are invalid dates, past --max-rejected: exit 65.
run count "$T/oracle.csv" --date-format uk
expect_rc "oracle read as uk fails" 65
expect_in "oracle read as uk: the top reason" "$T/err" "most for invalid date"
expect_in "oracle read as uk: the hint" "$T/err" "--date-format"

# A file whose sample has values valid only day first and others only month first.
{
    echo "CrimeRef,DateRecorded,HOCode,VictimAge,MOText"
    echo "A1,05/01/2020,22A,12,snapchat"
    echo "A2,25/01/2020,22A,12,snapchat"
    echo "A3,01/25/2020,22A,12,snapchat"
} >"$T/mixed.csv"
run count "$T/mixed.csv"
expect_rc "mixed orders fail" 65
expect_in "mixed: names the day-first example" "$T/err" "'25/01/2020' (line 3) can only be day/month/year"
expect_in "mixed: names the month-first example" "$T/err" "'01/25/2020' (line 4) only month/day/year"
run count "$T/mixed.csv" --date-format mdy --max-rejected 1
expect_rc "mixed, named mdy" 0
expect_in "mixed, named mdy: the day-first row rejected" "$T/err" "mixed.csv:3: invalid date: '25/01/2020'"

# Two-digit years: 68 is 2068, 69 is 1969.
{
    echo "CrimeRef,DateRecorded,HOCode,VictimAge,MOText"
    echo "P1,05-JAN-68,22A,12,snapchat"
    echo "P2,05-JAN-69,22A,12,snapchat"
    echo "P3,05-JAN-20,22A,12,snapchat"
} >"$T/pivot.csv"
run count "$T/pivot.csv" --period "y2068=2068-01-01..2068-12-31" --period "y1969=1969-01-01..1969-12-31" --period "y2020=2020-01-01..2020-12-31"
expect_rc "pivot run" 0
for p in y2068 y1969 y2020; do
    expect_in "pivot: $p has its crime" "$T/out" "$p,sexual,ALL,snapchat,1,1"
done

run count "$T/base.csv" --date-format dd-xx-yyyy
expect_rc "bad picture" 64
expect_in "bad picture: says why" "$T/err" "'xx' is not a part of a date picture"

finish
