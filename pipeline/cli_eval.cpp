#include "pipeline/cli_eval.hpp"

#include "pipeline/count_job.hpp"
#include "pipeline/error.hpp"
#include "pipeline/eval.hpp"
#include "pipeline/writers.hpp"

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

// The same size syntax as `count --chunk-size`.
std::size_t parse_size(const std::string& s, const char* option) {
    std::size_t i = 0;
    double v = 0;
    try {
        v = std::stod(s, &i);
    } catch (...) {
        throw UsageError(std::string(option) + " '" + s + "': expected a size such as 4M or 512K");
    }
    const std::string unit = s.substr(i);
    double mult = 1;
    if (unit == "" || unit == "B") mult = 1;
    else if (unit == "K" || unit == "KiB" || unit == "k") mult = 1024;
    else if (unit == "M" || unit == "MiB" || unit == "MB") mult = 1024.0 * 1024;
    else if (unit == "G" || unit == "GiB" || unit == "GB") mult = 1024.0 * 1024 * 1024;
    else throw UsageError(std::string(option) + " '" + s + "': unknown unit '" + unit + "'");
    if (v <= 0) throw UsageError(std::string(option) + " must be positive");
    return static_cast<std::size_t>(v * mult);
}

std::vector<std::string> split_commas(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const auto& item : items) {
        std::stringstream ss(item);
        std::string w;
        while (std::getline(ss, w, ','))
            if (!w.empty()) out.push_back(w);
    }
    return out;
}

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
        ("max-examples", po::value<unsigned>()->default_value(20), "false positives and false negatives listed per platform, each (0: none, and no second reading of the archive)")
        ("config", po::value<std::string>(), "INI file holding any of these options, e.g. a count job (its `by` is ignored); the command line wins")
        ("input-format", po::value<std::string>(), "csv or jsonl (default: from the extension, else sniffed)")
        ("id-column", po::value<std::string>(), "crime id column (default: detect)")
        ("date-column", po::value<std::string>(), "date column (default: detect)")
        ("code-column", po::value<std::string>(), "offence code column (default: detect)")
        ("age-column", po::value<std::string>(), "victim age column (default: detect)")
        ("text-column", po::value<std::vector<std::string>>(), "free-text column to scan; repeatable (default: detect the MO column)")
        ("flag-column", po::value<std::string>(), "online flag column, optional (default: detect)")
        ("period", po::value<std::vector<std::string>>(), "scope: NAME=YYYY-MM-DD..YYYY-MM-DD; repeatable")
        ("every", po::value<std::string>(), "scope: month, quarter, year or fy periods")
        ("groups", po::value<std::vector<std::string>>(), "scope: offence groups, comma-separated")
        ("all-codes", "scope: codes outside the code list are in scope too")
        ("codes", po::value<std::string>(), "code list CSV instead of the bundled one")
        ("max-age", po::value<std::string>(), "scope: a victim's known age at most N, or 'none' (count's default: 17)")
        ("unknown-age", po::value<std::string>(), "scope: include or exclude unknown victim ages (default: exclude)")
        ("patterns", po::value<std::string>(), "pattern set to evaluate instead of the bundled patterns/foi_platforms.pat")
        ("format", po::value<std::string>()->default_value("md"), "md, csv or json")
        ("output,o", po::value<std::string>(), "output file (default: standard output)")
        ("threads", po::value<unsigned>()->default_value(0), "worker threads (0: all cores)")
        ("chunk-size", po::value<std::string>()->default_value("4M"), "read size")
        ("on-error", po::value<std::string>(), "fail or skip (default: stop on broken structure, skip bad values)")
        ("engine", po::value<std::string>()->default_value("hyperscan"), "hyperscan or naive")
        ("no-timing", "leave seconds out of JSON output")
        ("progress", po::value<std::string>()->default_value("auto"), "auto, always or never")
        ("quiet,q", "no run summary or progress on standard error");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>(), "input")(
        "by", po::value<std::vector<std::string>>(), "ignored (a count option)")(
        "max-record-mib", po::value<unsigned>()->default_value(64), "record limit");
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("input", -1);

    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    std::set<std::string> from_command_line;
    for (const auto& [k, v] : vm)
        if (!v.defaulted()) from_command_line.insert(k);
    fs::path config_dir;
    if (vm.count("config")) {
        const std::string file = vm["config"].as<std::string>();
        std::ifstream in(file);
        if (!in) throw NoInputError("cannot open config file " + file);
        try {
            po::store(po::parse_config_file(in, all), vm);
        } catch (const po::error& e) {
            throw ConfigError(file + ": " + e.what());
        }
        config_dir = fs::path(file).parent_path();
    }
    po::notify(vm);
    auto str = [&](const char* key) -> std::string {
        return vm.count(key) ? vm[key].as<std::string>() : "";
    };
    auto path_opt = [&](const char* key) -> std::string {
        if (!vm.count(key)) return "";
        std::string v = vm[key].as<std::string>();
        if (!from_command_line.count(key) && fs::path(v).is_relative() && !config_dir.empty())
            return (config_dir / v).lexically_normal().string();
        return v;
    };

    const std::string truth_file = path_opt("truth");
    if (truth_file.empty()) throw UsageError("--truth is required (moscan eval --help)");
    CountOptions o;
    if (vm.count("input")) o.inputs = vm["input"].as<std::vector<std::string>>();
    if (o.inputs.empty()) throw UsageError("no input files (moscan eval --help)");
    if (std::string f = str("input-format"); !f.empty()) {
        if (f == "csv") o.input_format = InputFormat::csv;
        else if (f == "jsonl") o.input_format = InputFormat::jsonl;
        else throw UsageError("--input-format '" + f + "': expected csv or jsonl");
    }
    o.columns.id = str("id-column");
    o.columns.date = str("date-column");
    o.columns.code = str("code-column");
    o.columns.age = str("age-column");
    o.columns.flag = str("flag-column");
    if (vm.count("text-column"))
        o.columns.texts = split_commas(vm["text-column"].as<std::vector<std::string>>());

    bool scoped = false;
    for (const char* k : kScopeOptions) scoped = scoped || vm.count(k) > 0;
    if (vm.count("period")) {
        if (vm.count("every")) throw UsageError("give --period or --every, not both");
        for (const auto& p : vm["period"].as<std::vector<std::string>>())
            o.periods.add(Periods::parse(p));
    }
    if (vm.count("every")) o.periods.set_every(Periods::parse_every(str("every")));
    if (vm.count("groups")) o.groups = split_commas(vm["groups"].as<std::vector<std::string>>());
    o.codes_file = path_opt("codes");
    o.patterns_file = path_opt("patterns");
    if (scoped) {
        o.all_codes = vm.count("all-codes") > 0;
        const std::string max_age = vm.count("max-age") ? str("max-age") : "17";
        if (max_age == "none") {
            o.max_age = -1;
        } else {
            try {
                size_t used = 0;
                o.max_age = std::stoi(max_age, &used);
                if (used != max_age.size() || o.max_age < 0) throw std::invalid_argument("");
            } catch (...) {
                throw UsageError("--max-age '" + max_age + "': expected a whole number or 'none'");
            }
        }
        const std::string unknown = vm.count("unknown-age") ? str("unknown-age") : "exclude";
        if (unknown == "include") o.unknown_age = UnknownAge::include;
        else if (unknown != "exclude")
            throw UsageError("--unknown-age '" + unknown + "': expected include or exclude");
    } else {
        // A labelled archive is scored whole: every code, every date, any age.
        o.all_codes = true;
        o.max_age = -1;
    }
    const std::string format = str("format");
    if (format != "md" && format != "markdown" && format != "csv" && format != "json")
        throw UsageError("--format '" + format + "': expected md, csv or json");
    const unsigned max_examples = vm["max-examples"].as<unsigned>();
    o.output = str("output");
    o.threads = vm["threads"].as<unsigned>();
    o.chunk_bytes = parse_size(str("chunk-size"), "--chunk-size");
    o.max_record_bytes = std::size_t{vm["max-record-mib"].as<unsigned>()} << 20;
    if (o.max_record_bytes < o.chunk_bytes) o.max_record_bytes = o.chunk_bytes * 2;
    if (std::string e = str("on-error"); !e.empty()) {
        if (e == "fail") o.on_error = OnError::fail;
        else if (e == "skip") o.on_error = OnError::skip;
        else throw UsageError("--on-error '" + e + "': expected fail or skip");
    }
    o.quiet = vm.count("quiet") > 0;
    if (std::string p = str("progress"); p == "always") o.progress = ProgressMode::always;
    else if (p == "never") o.progress = ProgressMode::never;
    else if (p != "auto") throw UsageError("--progress '" + p + "': expected auto, always or never");
    Engine engine = Engine::hyperscan;
    if (str("engine") == "naive") engine = Engine::naive;
    else if (str("engine") != "hyperscan")
        throw UsageError("--engine '" + str("engine") + "': expected hyperscan or naive");
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

    std::ofstream file;
    std::ostream* out = &std::cout;
    const std::string& output = job.options().output;
    if (!output.empty() && output != "-") {
        file.open(output, std::ios::binary);
        if (!file) throw IoError("cannot write " + output);
        out = &file;
    }
    if (format == "csv") write_eval_csv(*out, report);
    else if (format == "json")
        write_eval_json(*out, job, result, report, truth_file, !vm.count("no-timing"));
    else write_eval_markdown(*out, job, result, report, truth_file);
    out->flush();
    if (!*out) throw IoError("write failed" + (output.empty() ? "" : ": " + output));
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
