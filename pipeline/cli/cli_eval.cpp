#include "pipeline/cli/cli_eval.hpp"

#include "pipeline/cli/cli_options.hpp"
#include "pipeline/cli/cli_report.hpp"
#include "pipeline/job/count_job.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/output_file.hpp"
#include "pipeline/eval/eval.hpp"
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

constexpr const char* kScopeOptions[] = {"groups", "all-codes", "period",
                                         "every",  "max-age",   "unknown-age"};

} // namespace

int eval_command(const std::vector<std::string>& args) {
    po::options_description opts(
        "moscan eval --truth TRUTH.csv [options] ARCHIVE...\n\n"
        "Scores the pattern set against a labelled archive, per crime and platform: precision,\n"
        "recall and F1 (TP/FP/FN), micro and macro, with examples of false positives and\n"
        "negatives. TRUTH is a CSV with the header crime_id,platforms (platform ids joined by\n"
        "';', empty for none; other columns are ignored), as written by `moscan generate --truth`.\n\n"
        "Scope: without scope options every crime in both the truth and the archive is scored\n"
        "(every offence code, every date, any victim age). Any of --groups, --all-codes,\n"
        "--period, --every, --max-age, --unknown-age switches to the scope rules of `moscan\n"
        "count`, with count's defaults for the rest (codes of the list, victims aged 17 or under).\n\n"
        "Options");
    // clang-format off
    opts.add_options()
        ("help,h", "show this help")
        ("truth", po::value<std::string>(), "ground-truth CSV: crime_id,platforms[,...] (required)")
        ("max-examples", po::value<std::string>()->default_value("20"), "false positives and false negatives listed per platform, each, 0 to 100000 (0: none, and no second reading of the archive)")
        ("format", po::value<std::string>()->default_value("md"), "md, csv or json")
        ("output,o", po::value<std::string>(), "output file (default: standard output)")
        ("no-timing", "leave seconds out of JSON output");
    // clang-format on
    add_job_options(opts);
    po::options_description hidden; // count options a shared job config may hold: ignored
    hidden.add_options()("by", po::value<std::vector<std::string>>(), "")("stage-times", "")(
        "crimes-only", "");
    add_report_options(hidden);
    Args a(args, opts, hidden);
    const po::variables_map& vm = a.vm();
    if (a.has("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    auto str = [&](const char* key) { return a.str(key); };
    auto path_opt = [&](const char* key) { return a.path(key); };

    const std::string truth_file = path_opt("truth");
    if (truth_file.empty()) throw UsageError("--truth is required (moscan eval --help)");
    CountOptions o;
    bool scoped = false;
    for (const char* k : kScopeOptions) scoped = scoped || a.has(k);
    Engine engine = read_job_options(a, o, "eval");
    if (!scoped) {
        // A labelled archive is scored whole: every code, every date, any age.
        o.all_codes = true;
        o.max_age = -1;
    }
    const std::string format = str("format");
    if (format != "md" && format != "markdown" && format != "csv" && format != "json")
        a.fail("format", "--format '" + format + "': expected md, csv or json");
    const auto max_examples = static_cast<unsigned>(a.integer("max-examples", 0, 100000));
    o.output = a.output_path("output");
    std::vector<std::string> inputs = job_inputs(a, o);
    inputs.push_back(truth_file);
    check_outputs({{"-o", o.output}, {"--rejects", o.rejects_file}}, inputs);
    o.keep_crimes = true;

    // The truth first: a bad truth file should fail before a long run.
    const TruthSet truth = TruthSet::load(truth_file);
    CountJob job(std::move(o), engine);
    CountResult result = job.run();
    EvalOptions eo;
    eo.max_examples = max_examples;
    eo.scope = scoped;
    EvalReport report = evaluate(job, result, truth, eo);
    collect_examples(job, result, truth, report);

    const std::string& output = job.options().output;
    OutputFile file(output);
    std::ostream* out = &file.stream();
    if (format == "csv") write_eval_csv(*out, report);
    else if (format == "json")
        write_eval_json(*out, job, result, report, truth_file, !vm.count("no-timing"));
    else write_eval_markdown(*out, job, result, report, truth_file);
    file.commit();
    if (!job.options().quiet) {
        write_summary(std::cerr, job, result);
        char line[200];
        std::snprintf(line, sizeof line,
                      "moscan: eval: %llu crimes scored; micro precision %s recall %s F1 %s; "
                      "macro F1 %s\n",
                      static_cast<unsigned long long>(report.scored),
                      report.micro.precision() ? std::to_string(*report.micro.precision()).c_str() : "-",
                      report.micro.recall() ? std::to_string(*report.micro.recall()).c_str() : "-",
                      report.micro.f1() ? std::to_string(*report.micro.f1()).c_str() : "-",
                      report.macro_f1 ? std::to_string(*report.macro_f1).c_str() : "-");
        std::cerr << line;
        if (report.truth_not_evaluated || report.archive_not_in_truth)
            std::cerr << "moscan: eval: " << report.truth_not_evaluated
                      << " crimes of the truth not evaluated, " << report.archive_not_in_truth
                      << " crimes of the archive not in the truth (listed in the report)\n";
    }
    return 0;
}

} // namespace moscan::cli
