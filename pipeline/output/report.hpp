// The FOI answer built from a Cube: the long table with the measures asked for, disclosure
// control, the method notes, and the spreadsheet (XLSX) and self-contained HTML report.
//
// What each output shows:
//   csv/json/md  the long table; extra dimension columns only when broken down (--by), flag
//                columns only with "flag" in --by, share columns only with --shares, total
//                rows only with --totals; suppressed counts as "*" (JSON: null, and listed)
//   xlsx         Cover, Notes, Headline (platforms x periods per group, with where-known
//                shares), Breakdown (the long table, when --by goes beyond period and group),
//                Online flag (when the input has an online flag column or --by has flag)
//   html         the headline table, one bar chart per period, method and caveats, provenance
#pragma once

#include "pipeline/job/count_job.hpp"
#include "pipeline/reduce/disclosure.hpp"
#include "pipeline/reduce/reducer.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace moscan {

struct ReportOptions {
    std::uint64_t suppress_below = 0; // 0: no suppression; N: counts 1..N-1 hidden
    bool totals = false;              // total rows (ALL) in the long table
    bool shares = false;              // where-known base and share columns in the long table
    bool flag = false;                // flag comparison measures (columns / sheet / section)
    bool bom = false;                 // CSV starts with a UTF-8 byte-order mark
    bool headline = false;            // the output shows the headline totals (xlsx, html)
    std::string title;                // xlsx and html title
    std::string run_date;             // yyyy-mm-dd; empty: today (UTC)
    std::string gender_column;        // as given, for the notes
};

struct Report {
    Cube cube;
    ReportOptions options;
    RowOptions row_options;
    std::optional<Suppression> suppression;
    std::vector<TableRow> rows; // the long table as published
    const Suppression* sup() const { return suppression ? &*suppression : nullptr; }
};

// Suppresses (when asked) and lays out the long table. With suppression or totals the cube
// must hold its margins.
Report make_report(Cube cube, const ReportOptions& options);

// A value as published: hidden values carry no number.
struct Shown {
    std::uint64_t value = 0;
    bool hidden = false;
    bool present = false; // the cell exists
};
Shown shown(const Report& r, const CellKey& k, Measure m, std::size_t platform = 0);

// The long table as CSV with the columns the report asks for (see write_csv for the default).
void write_report_csv(std::ostream& out, const Report& r);
// Every suppressed count and why (the run summary's disclosure section).
void write_disclosure_summary(std::ostream& out, const Report& r);

struct Note {
    std::string heading, text;
};
// Method and caveats, generated from the options actually used.
std::vector<Note> method_notes(const CountJob& job, const CountResult& result, const Report& r);

// The XLSX workbook (libxlsxwriter). Throws IoError when it cannot be written.
void write_xlsx(const std::string& path, const CountJob& job, const CountResult& result,
                const Report& r);
// One self-contained HTML file: inline CSS and SVG, no external requests.
void write_html(std::ostream& out, const CountJob& job, const CountResult& result,
                const Report& r);

// Helpers shared by the xlsx and html writers.
std::string today_utc();
std::string display_title(const Report& r);
// The headline cells: the period and group values to show (each selected group; kAll when
// not broken down), other dimensions ALL. Totals over groups are not shown: the FOI
// questions are per group, and a total beside two groups would cost a suppressed group count
// a second hidden count in a group that answers the question.
std::vector<int> headline_periods(const Cube& c);
std::vector<int> headline_groups(const Cube& c);
CellKey headline_key(int period, int group);
std::string group_title(const Cube& c, int group);  // "sexual" -> "Sexual offences (group sexual)"
std::string period_title(const Cube& c, int period); // "ALL" -> "All dates"

} // namespace moscan
