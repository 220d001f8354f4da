// The count command's FOI-report options and output: breakdown dimensions beyond period,
// group and code, disclosure control, shares, totals, CSV byte-order mark, XLSX and HTML.
// Without any of them the count command writes exactly what it always did.
#pragma once

#include "pipeline/cli/cli_options.hpp"
#include "pipeline/job/count_job.hpp"
#include "pipeline/output/report.hpp"

#include <boost/program_options.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace moscan::cli {

struct ReportRequest {
    std::string format; // csv, json, md, xlsx, html
    ReportOptions options;
    bool active = false; // anything beyond the default table
    std::optional<Report> report; // built by write_report
};

void add_report_options(boost::program_options::options_description& opts);
// Reads the report options (and the --format value); adjusts the count options they need.
// Throws UsageError (ConfigError for a bad value from the config file, as Args::fail).
ReportRequest read_report_options(const Args& a, CountOptions& o);
// Writes the output when the request needs more than the default writers; returns false
// when it left the output to them.
// `timing`: as for write_json.
bool write_report(ReportRequest& req, const CountJob& job, CountResult& result, std::ostream& out,
                  const std::string& output, bool timing);
// The disclosure-control section of the run summary.
void write_report_summary(std::ostream& err, const ReportRequest& req);

} // namespace moscan::cli
