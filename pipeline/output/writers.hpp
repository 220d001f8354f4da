// Output: the long table as CSV, JSON or Markdown, and the run summary as text.
// Every format carries provenance (version, pattern set and its hash, Hyperscan version);
// CSV keeps it out of the table (a spreadsheet wants a plain table) and in the summary.
#pragma once

#include "pipeline/job/count_job.hpp"

#include <ostream>
#include <string>

namespace moscan {

struct Report; // report.hpp

struct Provenance {
    std::string version;
    std::string pattern_set, pattern_hash, pattern_source;
    std::string engine;
    std::string codes_source;
    std::string periods, groups, age_rule, text_columns;
};

Provenance provenance_of(const CountJob& job);

void write_csv(std::ostream& out, const std::vector<TableRow>& rows);
// With a report: its rows, extra columns, suppressed counts as "*" (JSON: null, with the
// row's "suppressed" list and a "disclosure" section).
void write_markdown(std::ostream& out, const CountJob& job, const CountResult& result,
                    const Report* report = nullptr);
// `timing` adds seconds and threads: the only fields that vary between identical runs.
void write_json(std::ostream& out, const CountJob& job, const CountResult& result, bool timing,
                const Report* report = nullptr);
void write_summary(std::ostream& out, const CountJob& job, const CountResult& result);

} // namespace moscan
