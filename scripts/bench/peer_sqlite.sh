#!/usr/bin/env bash
# The FOI job as a user would write it with the sqlite3 command-line shell:
# .import the CSV, normalise codes and dates with string functions, and name platforms with
# LIKE '%snapchat%'-style tests (GLOB '*IG*' for case-sensitive patterns).
#
#   scripts/bench/peer_sqlite.sh [--config INI] ARCHIVE.csv > counts.csv
#
# Prints moscan's long CSV (period,group,code,platform,crimes,mentions) with mentions empty:
# LIKE says whether a text contains a string, not how many times.
#
# Its numbers are expected to differ from moscan's, because LIKE cannot express:
#   * word boundaries: '%insta%' finds "instant", '%fb%' finds "FBI", '*IG*' finds "SIGN",
#     '%tweet%' finds "tweeted", '%on snap%' finds "son snapped";
#   * exclusions by overlap: a text naming a false friend ("traffic signal") anywhere loses the
#     platform, even when it also names the platform properly elsewhere;
# and it assumes padded dd/mm/yyyy or yyyy-mm-dd dates, validated with date(x, '+0 days') = x
# (plain date(x) accepts 30 February).
# Everything else (code and date filters before crimes are formed, earliest date, age) is
# the same rule as moscan's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

config="$root/patterns/foi_1148a_20.ini"
archive=""
while (($#)); do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    -*) echo "peer_sqlite: unknown option $1" >&2; exit 64 ;;
    *) archive="$1"; shift ;;
  esac
done
[[ -n $archive && -r $archive ]] || { echo "peer_sqlite: no readable archive given" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "peer_sqlite: sqlite3 not installed (scripts/setup_bench.sh)" >&2; exit 69; }

tmp="$(mktemp -d)"
if [[ -n ${PEER_SQLITE_KEEP:-} ]]; then # debugging: keep the generated SQL and results
  echo "peer_sqlite: keeping $tmp" >&2
else
  trap 'rm -rf "$tmp"' EXIT
fi

# Job parameters from the INI (periods, groups, age, code list, pattern set), as SQL pieces.
python3 - "$config" "$here" >"$tmp/job.env" <<'EOF'
import os, sys, shlex
sys.path.insert(0, sys.argv[2])
import peer_python as pp
cfg = pp.read_ini(sys.argv[1])
codes, groups = pp.read_codes(cfg.get("codes") or os.path.join(sys.argv[2], "../../patterns/home_office_codes.csv"))
sel = (cfg.get("groups") or ",".join(groups)).split(",")
q = lambda s: "'" + s.replace("'", "''") + "'"
periods = [pp.parse_period(p) for p in cfg["period"]] or [("ALL", pp.datetime.date(1, 1, 1), pp.datetime.date(9999, 12, 31))]
print("CODES=" + shlex.quote(", ".join(f"({q(c)}, {i}, {q(g)})" for c, (i, g) in codes.items() if g in sel)))
print("PERIODS=" + shlex.quote(", ".join(f"({i}, {q(n)}, {q(a.isoformat())}, {q(b.isoformat())})" for i, (n, a, b) in enumerate(periods))))
print("PERIOD_NAMES=" + shlex.quote("\t".join(p[0] for p in periods)))
print("GROUP_LIST=" + shlex.quote("\t".join(g for g in groups if g in sel)))
age = cfg.get("max-age", "17")
print("MAX_AGE=" + shlex.quote(age))
print("UNKNOWN_AGE=" + shlex.quote(cfg.get("unknown-age", "exclude")))
print("PATTERNS=" + shlex.quote(cfg.get("patterns") or os.path.join(sys.argv[2], "../../patterns/foi_platforms.pat")))
print("TEXTS=" + shlex.quote("\t".join(cfg["text-column"] or ["MOText"])))
EOF
# shellcheck disable=SC1091
source "$tmp/job.env"

# Per platform: its LIKE/GLOB test on each text column, ORed.
IFS=$'\t' read -r -a text_cols <<<"$TEXTS"
for c in "${text_cols[@]}"; do
  python3 "$here/like_terms.py" "$PATTERNS" "\"${c//\"/\"\"}\"" >"$tmp/like.$c.tsv"
done
platform_ids=()
named_cols=()
k=0
while IFS=$'\t' read -r id _; do
  platform_ids+=("$id")
  tests=()
  for c in "${text_cols[@]}"; do
    tests+=("($(sed -n "$((k + 1))p" "$tmp/like.$c.tsv" | cut -f2-))")
  done
  joined="$(printf ' OR %s' "${tests[@]}")"
  named_cols+=("max(${joined# OR }) AS p$k")
  k=$((k + 1))
done <"$tmp/like.${text_cols[0]}.tsv"
np=$k

if [[ $MAX_AGE == none ]]; then
  child="1"; unknown="0"
else
  child="(trim(VictimAge) GLOB '[0-9]*' AND CAST(trim(VictimAge) AS INTEGER) <= $MAX_AGE)"
  unknown="(trim(VictimAge) NOT GLOB '[0-9]*')"
fi
if [[ $MAX_AGE == none ]]; then scope="1"
elif [[ $UNKNOWN_AGE == include ]]; then scope="(c.child OR c.unknown_age)"
else scope="c.child"; fi

sums=""; anyexpr=""
for ((i = 0; i < np; i++)); do
  sums+="sum(p$i), "
  anyexpr+="p$i OR "
done

cat >"$tmp/job.sql" <<EOF
.bail on
PRAGMA temp_store = MEMORY;
.mode csv
.import "$archive" raw
CREATE TEMP TABLE codes(code TEXT PRIMARY KEY, idx INTEGER, grp TEXT);
INSERT INTO codes VALUES $CODES;
CREATE TEMP TABLE periods(pidx INTEGER, name TEXT, first TEXT, last TEXT);
INSERT INTO periods VALUES $PERIODS;
-- Rows: normalised code in the list, valid date inside a period.
CREATE TEMP TABLE scoped AS
WITH p AS (
  SELECT trim(CrimeRef) AS id,
         upper(replace(replace(replace(HOCode, ' ', ''), char(9), ''), char(13), '')) AS c0,
         trim(DateRecorded) AS d0, VictimAge, *
  FROM raw
), q AS (
  SELECT *,
         CASE WHEN instr(c0, '/') > 0
              THEN ltrim(substr(c0, 1, instr(c0, '/') - 1), '0') || '/' || ltrim(substr(c0, instr(c0, '/') + 1), '0')
              ELSE ltrim(c0, '0') END AS code,
         CASE WHEN substr(d0, 3, 1) = '/' THEN substr(d0, 7, 4) || '-' || substr(d0, 4, 2) || '-' || substr(d0, 1, 2)
              ELSE substr(d0, 1, 10) END AS d
  FROM p
)
SELECT q.*, codes.idx, codes.grp, $child AS child, $unknown AS unknown_age
FROM q JOIN codes USING (code)
WHERE q.id <> '' AND date(q.d, '+0 days') = q.d
  AND EXISTS (SELECT 1 FROM periods WHERE q.d BETWEEN first AND last);
-- Crimes: earliest date, the code of that row (SQLite's bare column of a min() aggregate).
CREATE TEMP TABLE crimes AS
SELECT id, min(d) AS d, grp, max(child) AS child, max(unknown_age) AS unknown_age,
       $(IFS=,; echo "${named_cols[*]}")
FROM scoped GROUP BY id;
SELECT q.pidx, c.grp, ${sums}sum(${anyexpr}0), count(*)
FROM crimes c JOIN periods q ON c.d BETWEEN q.first AND q.last
WHERE $scope
GROUP BY q.pidx, c.grp;
EOF

sqlite3 -batch :memory: <"$tmp/job.sql" >"$tmp/result.csv"

python3 - "$tmp/result.csv" "$PERIOD_NAMES" "$GROUP_LIST" "${platform_ids[@]}" <<'EOF'
import csv, sys
res, periods, groups, ids = sys.argv[1], sys.argv[2].split("\t"), sys.argv[3].split("\t"), sys.argv[4:]
cells = {}
with open(res, newline="") as f:
    for r in csv.reader(f):
        cells[(int(r[0]), r[1])] = [int(x or 0) for x in r[2:]]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["period", "group", "code", "platform", "crimes", "mentions"])
for pi, pname in enumerate(periods):
    for g in groups:
        c = cells.get((pi, g), [0] * (len(ids) + 2))
        for k, pid in enumerate(ids):
            if c[k]:
                w.writerow([pname, g, "ALL", pid, c[k], ""])
        w.writerow([pname, g, "ALL", "ANY", c[len(ids)], ""])
        w.writerow([pname, g, "ALL", "TOTAL", c[len(ids) + 1], ""])
EOF
echo "peer_sqlite: sqlite $(sqlite3 --version | cut -d' ' -f1); LIKE/GLOB substring tests: no word boundaries, exclusions per text" >&2
