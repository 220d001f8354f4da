#include "pipeline/cli/cli_report.hpp"

#include "pipeline/base/error.hpp"
#include "pipeline/output/writers.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace po = boost::program_options;

namespace moscan::cli {

void add_report_options(po::options_description& opts) {
    // clang-format off
    opts.add_options()
        ("hits", po::value<std::string>(), "audit trail: write every counted mention to FILE (CSV, or JSON Lines for .jsonl): crime id, file and line, column, platform, pattern, byte offsets, match and context")
        ("context", po::value<std::string>()->default_value("40"), "characters of context either side of a mention in --hits (0 to 10000)")
        ("gender-column", po::value<std::string>(), "victim gender column for --by gender (default: detect VictimGender, Gender, ...)")
        ("age-bands", po::value<std::string>(), "age bands for --by age_band: 11-and-under,12-15,16-17 (default) or 0-5,6-10,11-15,16-17, or any list of N-M, N-and-under, N-and-over")
        ("suppress-below", po::value<std::string>(), "disclosure control (N from 2 to 1000000): show counts from 1 to N-1 as *, and hide further counts so that none can be worked out from totals; the run summary lists each and why")
        ("shares", "add the where-known base (crimes naming any platform) and each row's share of it in percent")
        ("totals", "add total rows (ALL) for every broken-down dimension")
        ("bom", "start CSV output with a UTF-8 byte-order mark (for Excel)")
        ("title", po::value<std::string>(), "title of the xlsx and html report");
    // clang-format on
}

ReportRequest read_report_options(const Args& a, CountOptions& o) {
    const po::variables_map& vm = a.vm();
    ReportRequest req;
    req.format = vm.count("format") ? vm["format"].as<std::string>() : "csv";
    if (req.format == "markdown") req.format = "md";
    if (req.format != "csv" && req.format != "json" && req.format != "md" &&
        req.format != "xlsx" && req.format != "html")
        a.fail("format", "--format '" + req.format + "': expected csv, json, md, xlsx or html");
    ReportOptions& r = req.options;
    if (vm.count("suppress-below")) {
        // At least 2: counts 1..N-1 are hidden.
        r.suppress_below = a.uint64("suppress-below", 2, 1000000);
    }
    r.shares = vm.count("shares") > 0;
    r.totals = vm.count("totals") > 0;
    r.bom = vm.count("bom") > 0;
    o.hits_bom = r.bom; // the --hits CSV opens in Excel as the table does
    if (vm.count("title")) r.title = vm["title"].as<std::string>();
    if (vm.count("age-bands"))
        o.age_bands = a.checked("age-bands",
                                [&] { return AgeBands::parse(vm["age-bands"].as<std::string>()); });
    if (vm.count("gender-column")) {
        o.columns.gender = vm["gender-column"].as<std::string>();
        r.gender_column = o.columns.gender;
    }
    if (vm.count("hits")) o.hits_file = a.path("hits");
    if (a.str("hits") == "-")
        a.fail("hits", "--hits -: the audit trail cannot go to standard output; give a file "
                       "name (--hits hits.csv, or hits.jsonl for JSON Lines)");
    o.hits_context = static_cast<std::size_t>(a.integer("context", 0, 10000));
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) { // reproducible builds' rule
        std::time_t t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[16];
        std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
        r.run_date = buf;
    }
    Breakdown by = Breakdown::parse(o.by);
    r.flag = by.flag;
    r.headline = req.format == "xlsx" || req.format == "html";
    req.active = req.format == "xlsx" || req.format == "html" || r.suppress_below || r.shares ||
                 r.totals || r.bom || by.flag || !by.extra().empty();
    o.cube = req.active; // the cells and every total
    return req;
}

namespace {

// The bytes of an xlsx written to a temporary file.
std::string xlsx_bytes(const CountJob& job, const CountResult& result, const Report& r) {
    std::string dir = std::filesystem::temp_directory_path().string();
    std::string tmpl = dir + "/moscan_xlsx_XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw IoError("cannot create a temporary file in " + dir);
    ::close(fd);
    struct Remove {
        std::string path;
        ~Remove() { std::remove(path.c_str()); }
    } remove{tmpl};
    write_xlsx(tmpl, job, result, r);
    std::ifstream in(tmpl, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

bool write_report(ReportRequest& req, const CountJob& job, CountResult& result, std::ostream& out,
                  const std::string& output, bool timing) {
    if (!req.active) return false;
    if (req.format == "xlsx" && (output.empty() || output == "-") && ::isatty(1))
        throw UsageError("--format xlsx writes a binary file: give -o FILE.xlsx");
    if (!result.cube) throw Error(ExitCode::software, "internal error: no cube for the report");
    // The flag comparison: asked for (--by flag), or in the xlsx and html when there is a flag.
    if (req.options.headline && result.flag_column) req.options.flag = true;
    req.report = make_report(*result.cube, req.options);
    Report& r = *req.report;
    result.rows = r.rows;
    if (req.format == "csv") write_report_csv(out, r);
    else if (req.format == "json") write_json(out, job, result, timing, &r);
    else if (req.format == "md") write_markdown(out, job, result, &r);
    else if (req.format == "html") write_html(out, job, result, r);
    else out << xlsx_bytes(job, result, r);
    return true;
}

void write_report_summary(std::ostream& err, const ReportRequest& req) {
    if (req.report) write_disclosure_summary(err, *req.report);
}

} // namespace moscan::cli
