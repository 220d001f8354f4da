#!/usr/bin/env python3
"""Builds the Markdown report of scripts/compare.sh from its runs table and output files.

    report.py RUNS.tsv META.json > report.md

RUNS.tsv (tab-separated, one run per line):
    id  part  label  threads  rc  seconds  rss_kb  out  err  note
part is a, b, c (engine limit), d (a peer compared with (a)), or r (ripgrep: not comparable).
seconds is the wall time (for c: the scan time the tool reports). META.json holds the archive
and machine description, the date, the repeat count and the path of the reference table.
"""
import csv
import json
import os
import sys


NOTES = [
    "**Python** (`scripts/bench/peer_python.py`) applies moscan's rules independently: the same "
    "row filters before crimes are formed, earliest date, any known age <= 17, the pattern set "
    "translated to `re` (`\\b(?:...)\\b`, IGNORECASE unless `{case}`, `re.ASCII` so `\\b` is "
    "Hyperscan's ASCII boundary), every match start enumerated so that exclusions remove exactly "
    "the overlapping matches. Its crimes and mentions must equal moscan's: mentions count each "
    "distinct text *field* of a crime once, as moscan and the generator's ground truth do.",
    "**DuckDB** (`scripts/bench/peer_duckdb.mjs`): the same rules in SQL; RE2 alternation per "
    "platform; exclusions by `regexp_replace` of the exclude phrases before matching (the same "
    "unless exclude matches overlap each other); mentions by `len(regexp_extract_all(...))` "
    "over distinct text fields (non-overlapping leftmost-first matches; the same unless a "
    "shorter alternative wins where a longer overlapping one exists); `(?i)` folds Unicode case "
    "in RE2, ASCII in Hyperscan.",
    "**sqlite3** (`scripts/bench/peer_sqlite.sh`): LIKE `'%term%'` (caseless) and GLOB "
    "`'*term*'` (`{case}` patterns) over each pattern's literal expansions. No word boundaries: "
    "`insta` finds \"instant\", `IG` finds \"SIGN\", `twitch` finds \"twitching\", `fb` finds "
    "\"FBI\" (over-counts); exclusions can only drop a whole text that names a false friend "
    "anywhere (under-counts signal, discord); no mention counts. Scope (codes, dates validated "
    "with `date(x, '+0 days') = x`, earliest date, age) is the same as moscan's, so TOTAL agrees.",
    "**ripgrep** (`scripts/bench/peer_rg.sh`): `rg -c` counts matching *lines* of the whole file, "
    "one pass per platform: no code, date or age scope, no period or group split, one line per "
    "victim row (the MO is repeated on each), continuation rows again, a multi-line quoted field "
    "as several lines, no exclusions. It shows the cost of a bare scan, not the table.",
]


def read_table(path):
    """(period, group, code, platform) -> (crimes, mentions or None)."""
    cells = {}
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        if header[:6] != ["period", "group", "code", "platform", "crimes", "mentions"]:
            raise ValueError(f"{path}: not moscan's long CSV (header {header})")
        for r in rows:
            if len(r) < 6:
                continue
            m = r[5].strip()
            cells[tuple(r[:4])] = (int(r[4]), int(m) if m else None)
    return cells


def compare(ref, other):
    """Cells of crimes and of mentions that differ; a missing platform row is 0 crimes."""
    keys = sorted(set(ref) | set(other), key=lambda k: (list(ref).index(k) if k in ref else 10**9, k))
    has_mentions = any(v[1] is not None for v in other.values())
    crimes_diff, mentions_diff = [], []
    for k in keys:
        rc, rm = ref.get(k, (0, 0))
        oc, om = other.get(k, (0, 0 if has_mentions else None))
        if rc != oc:
            crimes_diff.append((k, rc, oc))
        if has_mentions and om is not None and rm != om:
            mentions_diff.append((k, rm, om))
    return len(keys), has_mentions, crimes_diff, mentions_diff


def fmt_s(x):
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def fmt_ratio(x):
    return f"{x:.1f}×" if x < 100 else f"{x:.0f}×"


def main():
    runs_path, meta_path = sys.argv[1], sys.argv[2]
    meta = json.load(open(meta_path))
    nbytes = meta["bytes"]
    runs = []
    with open(runs_path) as f:
        for line in f:
            if not line.strip():
                continue
            p = line.rstrip("\n").split("\t")
            runs.append(dict(id=p[0], part=p[1], label=p[2], threads=p[3], rc=int(p[4]),
                             seconds=float(p[5]) if p[5] else None,
                             rss_kb=int(p[6]) if p[6] else None, out=p[7], err=p[8],
                             note=p[9] if len(p) > 9 else ""))
    by_id = {r["id"]: r for r in runs}
    ok = lambda r: r is not None and r["rc"] == 0 and r["seconds"]
    nt = meta["threads"]

    ref_run = by_id.get(f"a{nt}") if ok(by_id.get(f"a{nt}")) else by_id.get("a1")
    ref = read_table(ref_run["out"]) if ok(ref_run) else None

    out = []
    w = out.append
    w(f"# moscan end-to-end comparison, {meta['date']}")
    w("")
    w(f"- **Archive**: {meta['archive_desc']}")
    w(f"- **Machine**: {meta['machine']}")
    w(f"- **Method**: one run of `scripts/compare.sh`; the archive is dropped from the page cache "
      f"and read back first (`dd iflag=nocache count=0`, then `cat`), so that it is cached as "
      f"read from disk whatever wrote it; "
      + (f"moscan, engine and DuckDB figures are the best of {meta['repeat']} runs, the slower "
         f"peers run once. "
         if meta['repeat'] > 1 else "every figure is from a single run. ")
      + f"Wall time from the clock around each run (to the millisecond), peak RSS from GNU time "
      f"(`%M`); (c) times only the scan, as the tool "
      f"reports it. MB = 10^6 bytes; MB/s = archive bytes / wall time. Only ratios within "
      f"this run mean anything: the machine's cores share throughput.")
    w("")
    w("## Runs")
    w("")
    w("| | run | threads | wall s | MB/s | peak RSS MB | numbers vs (a) |")
    w("|---|---|---:|---:|---:|---:|---|")
    detail = []
    for r in runs:
        part = {"a": "(a)", "b": "(b)", "c": "(c)", "d": "(d)", "r": "(d)"}[r["part"]]
        if r["rc"] != 0 or not r["seconds"]:
            why = r["note"] or f"exit code {r['rc']}"
            err_tail = ""
            if r["err"] and os.path.exists(r["err"]):
                lines = [l.strip() for l in open(r["err"], errors="replace") if l.strip()]
                err_tail = lines[-1][:160] if lines else ""
            w(f"| {part} | {r['label']} | {r['threads']} | — | — | — | **failed**: {why}"
              f"{': ' + err_tail.replace('|', '/') if err_tail else ''} |")
            continue
        mbps = nbytes / 1e6 / r["seconds"]
        rss = f"{r['rss_kb'] / 1024:.0f}" if r["rss_kb"] else "—"
        verdict = ""
        if r["part"] == "a":
            if r is ref_run:
                verdict = "reference"
            elif ref is not None:
                n, _, cd, md = compare(ref, read_table(r["out"]))
                verdict = ("identical" if not cd and not md
                           else f"**differs** from {ref_run['threads']} threads: {len(cd)} crimes, {len(md)} mentions cells")
        elif r["part"] == "b":
            verdict = "— (another job: all codes, all ages, all dates)"
        elif r["part"] == "c":
            verdict = f"— ({r['note']})" if r["note"] else "—"
        elif r["part"] == "r":
            verdict = "not comparable: matching lines of the whole file (see notes)"
        elif r["part"] == "d" and ref is not None:
            try:
                n, has_m, cd, md = compare(ref, read_table(r["out"]))
            except Exception as e:  # a peer that printed something else
                verdict = f"**unreadable output**: {e}"
            else:
                same = not cd and (not has_m or not md)
                parts = ["crimes " + ("identical" if not cd else f"**{len(cd)} of {n} cells differ**")]
                parts.append("mentions " + ("not computed" if not has_m else
                                            "identical" if not md else f"**{len(md)} of {n} cells differ**"))
                verdict = ("**same numbers**: " if same else "not the same: ") + "; ".join(parts)
                detail.append((r, n, has_m, cd, md))
        w(f"| {part} | {r['label']} | {r['threads']} | {fmt_s(r['seconds'])} | {mbps:.1f} | {rss} | {verdict} |")
    w("")

    # Ratios
    w("## Ratios")
    w("")
    def sec(i):
        r = by_id.get(i)
        return r["seconds"] if ok(r) else None
    tcounts = ["1", str(nt)] if nt != 1 else ["1"]
    w("Columns: the thread count of (a), (b) and (c). A peer runs with its own thread count "
      "(in brackets) and is set against (a) at 1 thread and at all threads.")
    w("")
    w("| ratio | " + " | ".join(f"at {t} thread{'s' if t != '1' else ''}" for t in tcounts) + " |")
    w("|---|" + "---:|" * len(tcounts))
    row = []
    for t in tcounts:
        b, c = sec(f"b{t}"), sec(f"c{t}")
        row.append(f"{fmt_ratio(b / c)} ({nbytes / 1e6 / b:.0f} vs {nbytes / 1e6 / c:.0f} MB/s: "
                   f"{100 * c / b:.0f}% of the limit)" if b and c else "—")
    w("| (b) / (c): whole moscan run, every record in scope, vs the engine alone | " + " | ".join(row) + " |")
    row = []
    for t in tcounts:
        a, b = sec(f"a{t}"), sec(f"b{t}")
        row.append(fmt_ratio(b / a) if a and b else "—")
    w("| (b) / (a): every record in scope vs the FOI job | " + " | ".join(row) + " |")
    for r in runs:
        if r["part"] not in "dr" or not ok(r):
            continue
        row = []
        for t in tcounts:
            a = sec(f"a{t}")
            row.append(fmt_ratio(r["seconds"] / a) if a else "—")
        w(f"| {r['label']} [{r['threads']} thr] / (a): how many times faster moscan is | " + " | ".join(row) + " |")
    w("")
    if nt != 1:
        w(f"Thread scaling (time at 1 thread / time at {nt} threads):")
        w("")
        for part, name in (("a", "(a) FOI job"), ("b", "(b) every record in scope"), ("c", "(c) engine limit")):
            s1, sn = sec(f"{part}1"), sec(f"{part}{nt}")
            w(f"- {name}: " + (f"{s1 / sn:.2f}× ({fmt_s(s1)} s → {fmt_s(sn)} s)" if s1 and sn else "—"))
        w("")

    # Numbers
    if detail:
        w("## Numbers: where the peers differ from (a)")
        w("")
        for r, n, has_m, cd, md in detail:
            if not cd and not md:
                w(f"- **{r['label']}**: every one of the {n} cells has the same crimes"
                  + (" and mentions." if has_m else " (mentions not computed)."))
                continue
            w(f"- **{r['label']}**: {len(cd)} crimes cells "
              + (f"and {len(md)} mentions cells of {n} differ." if has_m
                 else f"of {n} differ (mentions not computed)."))
            if cd:
                tot_ref = sum(rc for (k, rc, oc) in cd)
                tot_abs = sum(abs(oc - rc) for (k, rc, oc) in cd)
                w(f"  Crimes: sum of |difference| {tot_abs} over the differing cells "
                  f"(moscan's values there sum to {tot_ref}). Largest:")
                for k, rc, oc in sorted(cd, key=lambda x: -abs(x[2] - x[1]))[:8]:
                    pct = f" ({100 * (oc - rc) / rc:+.0f}%)" if rc else ""
                    w(f"  - {' / '.join(k[:2])} / {k[3]}: moscan {rc}, peer {oc}, {oc - rc:+d}{pct}")
            if md:
                w("  Mentions:")
                for k, rm, om in sorted(md, key=lambda x: -abs(x[2] - x[1]))[:8]:
                    w(f"  - {' / '.join(k[:2])} / {k[3]}: moscan {rm}, peer {om}, {om - rm:+d}")
            py = by_id.get("py")
            if r["id"] != "py" and ok(py):
                try:
                    _, _, pcd, pmd = compare(read_table(py["out"]), read_table(r["out"]))
                    w("  Against the Python peer: " + (
                        "identical, crimes and mentions." if not pcd and not pmd else
                        f"{len(pcd)} crimes cells differ" +
                        (f", {len(pmd)} mentions cells." if has_m else ".")))
                except Exception:
                    pass
            extra = r["note"]
            if extra:
                w(f"  {extra}")
        w("")
    for extra in meta.get("extra_checks", []):
        try:
            n, has_m, cd, md = compare(ref, read_table(extra["out"]))
            verdict = ("identical to (a), crimes and mentions" if not cd and not md
                       else f"{len(cd)} crimes and {len(md)} mentions cells differ from (a)")
        except Exception as e:
            verdict = f"not available ({e})"
        w(f"- {extra['label']}: {verdict}.")
    if meta.get("extra_checks"):
        w("")

    w("## Why a peer's numbers can differ")
    w("")
    for line in NOTES:
        w(f"- {line}")
    w("")
    tools = meta.get("tools", [])
    if tools:
        w("Tools: " + "; ".join(tools) + ".")
        w("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
