#include "pipeline/cli/cli.hpp"

#include "generator/synth.hpp"
#include "pipeline/cli/cli_discover.hpp"
#include "pipeline/cli/cli_eval.hpp"
#include "pipeline/cli/cli_options.hpp"
#include "pipeline/cli/cli_patterns.hpp"
#include "pipeline/cli/cli_report.hpp"
#include "pipeline/job/count_job.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/output_file.hpp"
#include "pipeline/output/writers.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace moscan::cli {

namespace {

constexpr const char* kUsage = R"(moscan - exact per-crime platform counts from crime archives

Usage:
  moscan count [options] INPUT...     count platform mentions per crime (see: moscan count --help)
  moscan eval --truth T.csv ARCHIVE   precision, recall and F1 of the pattern set on a labelled archive
  moscan discover [options] INPUT...  candidate platform names the pattern set does not cover
  moscan generate [options]           write a synthetic archive and its ground truth
  moscan patterns check|bench FILE... check or benchmark pattern sets (see: moscan patterns --help)
  moscan --version | --help

Exit codes: 0 ok, 64 usage, 65 bad input data, 66 input missing, 70 internal error,
74 read/write failure, 78 bad configuration (pattern set, code list).
)";

int count_command(const std::vector<std::string>& args) {
    po::options_description opts("moscan count [options] INPUT...\n\nInputs: CSV (RFC 4180) or JSON Lines files, directories of them, or - for standard input.\n\nOptions");
    opts.add_options()("help,h", "show this help");
    add_job_options(opts);
    // clang-format off
    opts.add_options()
        ("by", po::value<std::vector<std::string>>(), "breakdown, comma-separated: any of period, group, code, age_band, gender, flag (default: period,group)")
        ("format", po::value<std::string>()->default_value("csv"), "csv, json, md, xlsx (spreadsheet: cover, notes, tables) or html (self-contained report with charts)")
        ("output,o", po::value<std::string>(), "output file (default: standard output)")
        ("no-timing", "leave seconds and threads out of JSON output, for byte-identical reruns")
        ("crimes-only", "count crimes only: the mentions column is 0 (HS_FLAG_SINGLEMATCH, one scan call per text; measured ~10% SLOWER than the default batched scan, kept as a tested option)")
        ("stage-times", "after the summary, the time spent in each pipeline stage");
    // clang-format on
    add_report_options(opts);
    Args a(args, opts);
    const po::variables_map& vm = a.vm();
    if (a.has("help")) {
        std::cout << opts << "\n";
        return 0;
    }

    CountOptions o;
    Engine engine = read_job_options(a, o, "count");
    if (a.has("by")) o.by = split_commas(vm["by"].as<std::vector<std::string>>());
    a.checked("by", [&] { Breakdown::parse(o.by); }); // validate early
    std::string format = a.str("format");
    if (format == "csv") o.format = OutputFormat::csv;
    else if (format == "json") o.format = OutputFormat::json;
    else if (format == "md" || format == "markdown") o.format = OutputFormat::md;
    else if (format == "xlsx" || format == "html") o.format = OutputFormat::csv; // cli_report
    else a.fail("format", "--format '" + format + "': expected csv, json, md, xlsx or html");
    o.output = a.output_path("output");
    o.stage_times = a.has("stage-times");
    o.matcher.single_match = a.has("crimes-only");

    ReportRequest report = read_report_options(a, o);
    check_outputs({{"-o", o.output}, {"--hits", o.hits_file}, {"--rejects", o.rejects_file}},
                  job_inputs(a, o));
    if (o.matcher.single_match && report.active)
        throw UsageError("--crimes-only counts no mentions, so it cannot be combined with the "
                         "report options (breakdowns, shares, suppression, xlsx, html, --hits)");
    CountJob job(std::move(o), engine);
    CountResult result = job.run();
    if (job.options().matcher.single_match) // --crimes-only: mentions were not counted
        for (auto& r : result.rows) r.mentions = 0;

    const std::string& output = job.options().output;
    OutputFile file(output);
    std::ostream* out = &file.stream();
    if (!write_report(report, job, result, *out, output, !vm.count("no-timing")))
    switch (job.options().format) {
    case OutputFormat::csv: write_csv(*out, result.rows); break;
    case OutputFormat::md: write_markdown(*out, job, result); break;
    case OutputFormat::json: write_json(*out, job, result, !vm.count("no-timing")); break;
    }
    file.commit();
    if (!job.options().quiet) {
        write_summary(std::cerr, job, result);
        write_report_summary(std::cerr, report);
    }
    if (job.options().stage_times)
        std::cerr << result.summary.stages.format(result.summary.bytes)
                  << result.summary.format_deferred();
    return 0;
}

int generate_command(const std::vector<std::string>& args) {
    po::options_description opts("moscan generate [options]\n\nWrites a synthetic crime archive (never real data) and its ground truth.\n\nOptions");
    // clang-format off
    opts.add_options()
        ("help,h", "show this help")
        ("seed", po::value<std::string>()->default_value("1"), "random seed, 0 to 18446744073709551615; the same seed and size give the same bytes")
        ("size", po::value<std::string>()->default_value("10M"), "approximate archive size, e.g. 100M or 1G (1 byte to 1T)")
        ("format", po::value<std::string>()->default_value("csv"), "csv or jsonl")
        ("output,o", po::value<std::string>(), "archive file (default: standard output)")
        ("truth", po::value<std::string>(), "ground-truth CSV: crime_id,platforms,mentions")
        ("crlf", "CSV with CRLF record ends")
        ("bom", "CSV starting with a UTF-8 byte-order mark")
        ("first-year", po::value<std::string>()->default_value("2019"), "first year of recorded dates (1 to 9999)")
        ("last-year", po::value<std::string>()->default_value("2021"), "last year of recorded dates (1 to 9999)");
    // clang-format on
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    synth::Options o;
    o.seed = parse_uint64(vm["seed"].as<std::string>(), "--seed");
    o.target_bytes = parse_size(vm["size"].as<std::string>(), "--size");
    std::string f = vm["format"].as<std::string>();
    if (f == "csv") o.format = synth::Format::csv;
    else if (f == "jsonl") o.format = synth::Format::jsonl;
    else throw UsageError("--format '" + f + "': expected csv or jsonl");
    o.crlf = vm.count("crlf") > 0;
    o.bom = vm.count("bom") > 0;
    o.first_year =
        static_cast<int>(parse_int(vm["first-year"].as<std::string>(), "--first-year", 1, 9999));
    o.last_year =
        static_cast<int>(parse_int(vm["last-year"].as<std::string>(), "--last-year", 1, 9999));
    if (o.last_year < o.first_year) throw UsageError("--last-year is before --first-year");
    const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
    const std::string truth_path = vm.count("truth") ? vm["truth"].as<std::string>() : "";
    if (truth_path == "-") throw UsageError("--truth -: give the ground truth a file name");
    check_outputs({{"-o", output}, {"--truth", truth_path}}, {});

    OutputFile archive(output); // -o -: standard output, as without -o
    std::unique_ptr<OutputFile> truth;
    if (!truth_path.empty()) truth = std::make_unique<OutputFile>(truth_path, "--truth");
    synth::Stats st = synth::generate(o, archive.stream(), truth ? &truth->stream() : nullptr);
    archive.commit();
    if (truth) truth->commit();
    std::cerr << "moscan: generated " << st.rows << " rows, " << st.crimes << " crimes, "
              << st.bytes << " bytes\n";
    return 0;
}

} // namespace

int run(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        if (args.empty()) {
            std::cerr << kUsage;
            return static_cast<int>(ExitCode::usage);
        }
        std::string cmd = args[0];
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (cmd == "--version" || cmd == "version") {
            std::cout << "moscan " << MOSCAN_VERSION << "\n";
            return 0;
        }
        if (cmd == "count") return count_command(rest);
        if (cmd == "generate") return generate_command(rest);
        if (cmd == "patterns") return patterns_command(rest);
        if (cmd == "eval") return eval_command(rest);
        if (cmd == "discover") return discover_command(rest);
        throw UsageError("unknown command '" + cmd + "'\n" + kUsage);
    } catch (const po::error& e) {
        std::cerr << "moscan: error: " << message_of(e) << " (see --help)\n";
        return static_cast<int>(ExitCode::usage);
    } catch (const Error& e) {
        std::cerr << "moscan: error: " << e.what() << "\n";
        return static_cast<int>(e.code());
    } catch (const std::bad_alloc&) {
        std::cerr << "moscan: error: out of memory\n";
        return static_cast<int>(ExitCode::software);
    } catch (const std::exception& e) {
        std::cerr << "moscan: error: " << e.what() << "\n";
        return static_cast<int>(ExitCode::software);
    }
}

} // namespace moscan::cli
