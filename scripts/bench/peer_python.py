#!/usr/bin/env python3
"""The FOI job as a user would write it in plain Python (csv + re, standard library only).

    peer_python.py --config patterns/foi_1148a_20.ini ARCHIVE.csv > counts.csv

Computes what `moscan count --config patterns/foi_1148a_20.ini` computes, independently:

  rows:   the offence code (normalised: 086/02 = 86/2, 19c = 19C) must be in a selected group
          and the date (dd/mm/yyyy[ HH:MM[:SS]] or yyyy-mm-dd[THH:MM[:SS]]) valid and inside a
          period; other rows are dropped before crimes are formed (so are rows with a missing
          id, or an age that is neither a number nor an "unknown" marker)
  crimes: rows grouped by crime id; date = earliest row date (decides the period), code = the
          code of that row (ties: the code listed first), in scope if any row has a known age
          <= max-age
  text:   every text column is scanned; a platform is named when one of its patterns matches
          and overlaps none of its exclude matches (whole word and caseless unless {partial} /
          {case}: r'\\b(?:...)\\b', re.IGNORECASE, re.ASCII so that \\b is Hyperscan's ASCII
          word boundary)
  counts: crimes = distinct crimes naming the platform; mentions = merged overlapping matches,
          summed over the crime's distinct texts. Default (--distinct field): each text field
          on its own, so a Notes text repeated on a continuation row whose MOText differs
          counts once (the generator's ground truth does the same). --distinct row: the tuple
          of a row's text fields is the unit, as moscan 0.1 hashes it (that Notes text then
          counts once per distinct tuple; moscan counts per field).

Prints moscan's long CSV (period,group,code,platform,crimes,mentions; --by period,group).
"""
import argparse
import csv
import datetime
import os
import re
import sys
import time


# ---------------------------------------------------------------------------- job options

def read_ini(path):
    """The subset of moscan's INI config this peer understands; paths relative to the file."""
    opts = {"period": [], "text-column": []}
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;" or "=" not in line:
                continue
            key, value = (s.strip() for s in line.split("=", 1))
            if key in ("period", "text-column"):
                opts[key].append(value)
            elif key in ("codes", "patterns"):
                opts[key] = os.path.join(base, value)
            else:
                opts[key] = value
    return opts


def parse_period(spec):
    name, rng = spec.split("=", 1)
    a, b = rng.split("..")
    return (name, datetime.date.fromisoformat(a.strip()), datetime.date.fromisoformat(b.strip()))


# ---------------------------------------------------------------------------- codes

def normalise_code(code):
    """moscan's rule: drop whitespace, upper-case, drop a leading zero of each number part."""
    out = []
    part_start = 0
    for c in code:
        if c in " \t\r\n":
            continue
        if "a" <= c <= "z":
            c = c.upper()
        if "0" <= c <= "9" and len(out) == part_start + 1 and out[part_start] == "0":
            out.pop()
        out.append(c)
        if c == "/":
            part_start = len(out)
    return "".join(out)


def read_codes(path):
    """code -> (index, group) in list order, and the groups in order of first appearance."""
    codes, groups = {}, []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for r in rows:
            if not r or not r[0] or r[0].startswith("#"):
                continue
            code = normalise_code(r[0])
            group = r[1]
            if group not in groups:
                groups.append(group)
            codes[code] = (len(codes), group)
    return codes, groups


# ---------------------------------------------------------------------------- patterns

def read_patterns(path):
    """[(platform_id, [(regex, caseless, whole_word)], [exclude ...])] in file order."""
    platforms = []
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    meaningful = [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]
    keywords = {"set", "description", "platform", "name", "group", "pattern", "exclude",
                "match", "nomatch"}
    first = meaningful[0] if meaningful else ""
    plain = first.split(None, 1)[0] not in keywords or "\t" in first.split(" ", 1)[0]
    index = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if plain:  # platform<TAB>regex, caseless, no word boundaries added
            pid, expr = (s.strip() for s in line.split("\t", 1))
            if pid not in index:
                index[pid] = len(platforms)
                platforms.append((pid, [], []))
            platforms[index[pid]][1].append((expr, True, False))
            continue
        parts = line.split(None, 1)
        word, arg = parts[0], (parts[1] if len(parts) > 1 else "")
        if word == "platform":
            pid = arg.split(None, 1)[0]
            index[pid] = len(platforms)
            platforms.append((pid, [], []))
        elif word in ("pattern", "exclude"):
            caseless, whole = True, True
            expr = arg
            if expr.startswith("{"):
                close = expr.index("}")
                for opt in expr[1:close].split(","):
                    opt = opt.strip()
                    if opt == "case":
                        caseless = False
                    elif opt == "nocase":
                        caseless = True
                    elif opt == "partial":
                        whole = False
                    elif opt == "word":
                        whole = True
                expr = expr[close + 1:].strip()
            platforms[-1][2 if word == "exclude" else 1].append((expr, caseless, whole))
    return platforms


def compile_one(expr, caseless, whole):
    if whole:
        expr = r"\b(?:" + expr + r")\b"
    return re.compile(expr, re.ASCII | (re.IGNORECASE if caseless else 0))


def combined(pats):
    """One regex for a list of patterns (each keeps its own case rule): a fast first test."""
    alts = []
    for expr, caseless, whole in pats:
        e = r"\b(?:" + expr + r")\b" if whole else "(?:" + expr + ")"
        alts.append(("(?i:" if caseless else "(?-i:") + e + ")")
    return re.compile("|".join(alts), re.ASCII)


class Platform:
    def __init__(self, pid, include, exclude):
        self.id = pid
        self.any = combined(include)
        self.include = [compile_one(*p) for p in include]
        self.exclude = [compile_one(*p) for p in exclude]

    @staticmethod
    def spans(rx, text):
        """Every match start with the match found there (Hyperscan reports every match,
        overlapping ones too; finditer would skip those that overlap an earlier one)."""
        out = []
        m = rx.search(text)
        while m:
            out.append(m.span())
            m = rx.search(text, m.start() + 1)
        return out

    def mentions(self, text):
        if not self.any.search(text):
            return 0
        excl = [s for rx in self.exclude for s in self.spans(rx, text)]
        hits = []
        for rx in self.include:
            for s, e in self.spans(rx, text):
                if not any(xs < e and s < xe for xs, xe in excl):
                    hits.append((s, e))
        if not hits:
            return 0
        hits.sort()
        n, end = 0, -1
        for s, e in hits:  # overlapping matches are one mention
            if s < end:
                end = max(end, e)
            else:
                n += 1
                end = e
        return n


# ---------------------------------------------------------------------------- rows

DATE_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T] *(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?)?")
DATE_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ T] *(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?)?")


def parse_date(s):
    s = s.strip(" \t\r")
    m = DATE_UK.fullmatch(s)
    if m:
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    else:
        m = DATE_ISO.fullmatch(s)
        if not m:
            return None
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if m[4] is not None and (int(m[4]) > 23 or int(m[5]) > 59 or int(m[6] or 0) > 59):
        return None
    if not 1800 <= y <= 2200:
        return None
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        return None


UNKNOWN_AGE = {"", "-", "n/k", "nk", "unknown", "u", "not known", "null", "n/a"}
AGE = re.compile(r"(\d{1,4})(?:\.0*)?")


def classify_age(raw, max_age):
    """'child', 'adult', 'unknown' or None (invalid: the row is dropped)."""
    s = raw.strip(" \t\r\n")
    if s.lower() in UNKNOWN_AGE:
        return "unknown"
    m = AGE.fullmatch(s)
    if not m or int(m[1]) > 130:
        return None
    return "child" if int(m[1]) <= max_age else "adult"


def find_column(header, given, candidates):
    key = lambda s: s.replace(" ", "").replace("_", "").lower()
    names = [key(h) for h in header]
    for c in ([given] if given else candidates):
        if key(c) in names:
            return names.index(key(c))
    if given:
        sys.exit(f"peer_python: no column '{given}' in {header}")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config")
    ap.add_argument("--patterns")
    ap.add_argument("--codes")
    ap.add_argument("--period", action="append", default=[])
    ap.add_argument("--groups")
    ap.add_argument("--max-age")
    ap.add_argument("--unknown-age")
    ap.add_argument("--text-column", action="append", default=[])
    ap.add_argument("--distinct", choices=["row", "field"], default="field",
                    help="what 'identical text' means for mentions: field (default: each text field on its own, as the generator's ground truth) or row (the tuple of a row's text fields; not moscan's rule, kept for comparison)")
    ap.add_argument("--other-distinct-out", metavar="FILE",
                    help="also write the table with the other --distinct choice to FILE "
                         "(same pass; shows whether a mentions difference is only that)")
    ap.add_argument("archive")
    a = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    cfg = read_ini(a.config) if a.config else {"period": [], "text-column": []}
    patterns_file = a.patterns or cfg.get("patterns") or os.path.join(root, "patterns/foi_platforms.pat")
    codes_file = a.codes or cfg.get("codes") or os.path.join(root, "patterns/home_office_codes.csv")
    periods = [parse_period(p) for p in (a.period or cfg["period"])]
    text_cols = a.text_column or cfg["text-column"] or ["MOText"]
    max_age_s = a.max_age or cfg.get("max-age", "17")
    max_age = None if max_age_s == "none" else int(max_age_s)
    unknown_in = (a.unknown_age or cfg.get("unknown-age", "exclude")) == "include"

    codes, groups = read_codes(codes_file)
    groups_sel = (a.groups or cfg.get("groups") or ",".join(groups)).split(",")
    platforms = [Platform(*p) for p in read_patterns(patterns_file)]
    if not periods:
        periods = [("ALL", datetime.date.min, datetime.date.max)]
    lo = min(p[1] for p in periods)
    hi = max(p[2] for p in periods)

    t0 = time.perf_counter()
    # id -> [date, code_index, group, child, unknown, {field text: [mentions per platform]},
    #        {row's text tuple: [[mentions per platform] per field]}]
    crimes = {}
    dropped = 0
    prev_texts, prev_counts = None, None
    with open(a.archive, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        c_id = find_column(header, cfg.get("id-column"), ["CrimeRef", "CrimeID", "CrimeNumber"])
        c_date = find_column(header, cfg.get("date-column"), ["DateRecorded", "RecordedDate", "Date"])
        c_code = find_column(header, cfg.get("code-column"), ["HOCode", "OffenceCode", "HomeOfficeCode"])
        c_age = find_column(header, cfg.get("age-column"), ["VictimAge", "Age"])
        c_text = [find_column(header, t, []) for t in text_cols]
        ncol = len(header)
        for r in rows:
            if len(r) != ncol:
                if len(r) == 0 or (len(r) == 1 and r[0] == ""):
                    continue
                sys.exit(f"peer_python: line {rows.line_num}: expected {ncol} fields, found {len(r)}")
            cid = r[c_id].strip(" \t\r\n")
            if not cid:
                dropped += 1
                continue
            code = codes.get(normalise_code(r[c_code]))
            if code is None or code[1] not in groups_sel:
                continue
            day = parse_date(r[c_date])
            if day is None or day < lo or day > hi:
                continue
            if not any(p[1] <= day <= p[2] for p in periods):
                continue
            if max_age is None:
                age = "child"
            else:
                age = classify_age(r[c_age] if c_age is not None else "", max_age)
                if age is None:
                    dropped += 1
                    continue
            texts = tuple(r[c] for c in c_text)
            if texts != prev_texts:  # victim rows repeat the MO: scan a run of them once
                prev_texts = texts
                prev_counts = [[p.mentions(t) for p in platforms] for t in texts]
            st = crimes.get(cid)
            if st is None:
                st = crimes[cid] = [day, code[0], code[1], False, False, {}, {}]
            elif day < st[0] or (day == st[0] and code[0] < st[1]):
                st[0], st[1], st[2] = day, code[0], code[1]
            st[3] |= age == "child"
            st[4] |= age == "unknown"
            for t, c in zip(texts, prev_counts):
                st[5][t] = c
            st[6][texts] = prev_counts

    elapsed = time.perf_counter() - t0
    write_table(sys.stdout, crimes, periods, groups, groups_sel, platforms, max_age, unknown_in,
                a.distinct)
    if a.other_distinct_out:
        with open(a.other_distinct_out, "w", newline="") as f:
            write_table(f, crimes, periods, groups, groups_sel, platforms, max_age, unknown_in,
                        "row" if a.distinct == "field" else "field")
    print(f"peer_python: {len(crimes)} crimes formed (rows dropped for a missing id or an "
          f"invalid age: {dropped}), "
          f"{elapsed:.1f} s", file=sys.stderr)


def write_table(stream, crimes, periods, groups, groups_sel, platforms, max_age, unknown_in,
                distinct):
    """Cell (period, group) -> per-platform crimes and mentions, ANY, TOTAL; moscan's order."""
    np_ = len(platforms)
    cells = {}
    for pi in range(len(periods)):
        for gi, g in enumerate(groups):
            if g in groups_sel:
                cells[(pi, gi)] = [[0] * np_, [0] * np_, 0, 0, 0]
    for st in crimes.values():
        if not (max_age is None or st[3] or (unknown_in and st[4])):
            continue
        totals = [0] * np_
        if distinct == "field":  # each distinct text field once
            for counts in st[5].values():
                for i, c in enumerate(counts):
                    totals[i] += c
        else:  # each distinct tuple of a row's text fields once
            for per_field in st[6].values():
                for counts in per_field:
                    for i, c in enumerate(counts):
                        totals[i] += c
        online = any(totals)
        for pi, (_, first, last) in enumerate(periods):
            if not first <= st[0] <= last:
                continue
            cell = cells[(pi, groups.index(st[2]))]
            cell[4] += 1
            if online:
                cell[2] += 1
                cell[3] += sum(totals)
            for i, m in enumerate(totals):
                if m:
                    cell[0][i] += 1
                    cell[1][i] += m

    out = csv.writer(stream, lineterminator="\n")
    out.writerow(["period", "group", "code", "platform", "crimes", "mentions"])
    for (pi, gi), (cr, me, any_c, any_m, total) in sorted(cells.items()):
        base = [periods[pi][0], groups[gi], "ALL"]
        for i, p in enumerate(platforms):
            if cr[i]:
                out.writerow(base + [p.id, cr[i], me[i]])
        out.writerow(base + ["ANY", any_c, any_m])
        out.writerow(base + ["TOTAL", total, any_m])


if __name__ == "__main__":
    main()
