#include "pipeline/cli.hpp"

#include "generator/synth.hpp"
#include "pipeline/cli_eval.hpp"
#include "pipeline/cli_patterns.hpp"
#include "pipeline/cli_report.hpp"
#include "pipeline/count_job.hpp"
#include "pipeline/error.hpp"
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

constexpr const char* kUsage = R"(moscan - exact per-crime platform counts from crime archives

Usage:
  moscan count [options] INPUT...     count platform mentions per crime (see: moscan count --help)
  moscan generate [options]           write a synthetic archive and its ground truth
  moscan patterns check|bench FILE... check or benchmark pattern sets (see: moscan patterns --help)
  moscan --version | --help

Exit codes: 0 ok, 64 usage, 65 bad input data, 66 input missing, 70 internal error,
74 read/write failure, 78 bad configuration (pattern set, code list).
)";

std::size_t parse_size(const std::string& s, const char* option) {
    std::size_t i = 0;
    double v = 0;
    try {
        v = std::stod(s, &i);
    } catch (...) {
        throw UsageError(std::string(option) + " '" + s + "': expected a size such as 4M or 512K");
    }
    std::string unit = s.substr(i);
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

int count_command(const std::vector<std::string>& args) {
    po::options_description opts("moscan count [options] INPUT...\n\nInputs: CSV (RFC 4180) or JSON Lines files, directories of them, or - for standard input.\n\nOptions");
    // clang-format off
    opts.add_options()
        ("help,h", "show this help")
        ("config", po::value<std::string>(), "INI file holding any of these options (the command line wins); relative paths in it are relative to the file")
        ("input-format", po::value<std::string>(), "csv or jsonl (default: from the extension, else sniffed)")
        ("id-column", po::value<std::string>(), "crime id column (default: detect CrimeRef, CrimeID, ...)")
        ("date-column", po::value<std::string>(), "date column: dd/mm/yyyy [HH:MM[:SS]] or yyyy-mm-dd[THH:MM[:SS]] (default: detect DateRecorded, ...)")
        ("code-column", po::value<std::string>(), "Home Office offence code column (default: detect HOCode, ...)")
        ("age-column", po::value<std::string>(), "victim age column (default: detect VictimAge, Age, ...)")
        ("text-column", po::value<std::vector<std::string>>(), "free-text column to scan; repeat for several (default: detect MOText, MO, ...)")
        ("flag-column", po::value<std::string>(), "online/cyber flag column, optional (default: detect OnlineFlag, CyberFlag, ...)")
        ("period", po::value<std::vector<std::string>>(), "NAME=YYYY-MM-DD..YYYY-MM-DD, both ends inclusive; repeatable")
        ("every", po::value<std::string>(), "month, quarter, year or fy (April-March) periods instead of --period")
        ("groups", po::value<std::vector<std::string>>(), "offence groups to count, comma-separated (default: all groups of the code list)")
        ("all-codes", "every offence code is in scope: codes outside the code list are counted in group 'other'")
        ("codes", po::value<std::string>(), "code list CSV (code,group,description) instead of the bundled patterns/home_office_codes.csv")
        ("max-age", po::value<std::string>()->default_value("17"), "a crime is in scope when a victim's known age is at most N; 'none' for no age filter")
        ("unknown-age", po::value<std::string>()->default_value("exclude"), "include or exclude crimes whose victims' ages are unknown")
        ("patterns", po::value<std::string>(), "platform pattern set instead of the bundled patterns/foi_platforms.pat")
        ("by", po::value<std::vector<std::string>>(), "breakdown: any of period,group,code (default: period,group)")
        ("format", po::value<std::string>()->default_value("csv"), "csv, json, md, xlsx (spreadsheet: cover, notes, tables) or html (self-contained report with charts)")
        ("output,o", po::value<std::string>(), "output file (default: standard output)")
        ("threads", po::value<unsigned>()->default_value(0), "worker threads (0: all cores)")
        ("chunk-size", po::value<std::string>()->default_value("4M"), "read size, e.g. 4M or 64K")
        ("max-record-mib", po::value<unsigned>()->default_value(64), "a record longer than this is an error (unterminated quote?)")
        ("on-error", po::value<std::string>(), "fail: stop at the first bad row; skip: count and report bad rows and go on (default: stop on broken structure, skip bad values)")
        ("no-timing", "leave seconds and threads out of JSON output, for byte-identical reruns")
        ("engine", po::value<std::string>()->default_value("hyperscan"), "hyperscan, or naive (the slow reference matcher)")
        ("progress", po::value<std::string>()->default_value("auto"), "auto (on a terminal), always (a log line every 5 s when not a terminal) or never")
        ("crimes-only", "count crimes only: the mentions column is 0 (HS_FLAG_SINGLEMATCH, one scan call per text; measured ~10% SLOWER than the default batched scan, kept as a tested option)")
        ("cache-dir", po::value<std::string>(), "compiled pattern-database cache (default: $XDG_CACHE_HOME/moscan or ~/.cache/moscan)")
        ("no-cache", "always compile the pattern set; neither read nor write the cache")
        ("stage-times", "after the summary, the time spent in each pipeline stage")
        ("quiet,q", "no run summary or progress on standard error");
    // clang-format on
    add_report_options(opts);
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>(), "input");
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
    fs::path config_dir;
    std::set<std::string> from_command_line;
    for (const auto& [k, v] : vm)
        if (!v.defaulted()) from_command_line.insert(k);
    if (vm.count("config")) {
        std::string file = vm["config"].as<std::string>();
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
    auto path_opt = [&](const char* key) -> std::string {
        if (!vm.count(key)) return "";
        std::string v = vm[key].as<std::string>();
        if (!from_command_line.count(key) && fs::path(v).is_relative() && !config_dir.empty())
            return (config_dir / v).lexically_normal().string();
        return v;
    };
    auto str = [&](const char* key) -> std::string {
        return vm.count(key) ? vm[key].as<std::string>() : "";
    };

    CountOptions o;
    if (vm.count("input")) o.inputs = vm["input"].as<std::vector<std::string>>();
    if (o.inputs.empty()) throw UsageError("no input files (moscan count --help)");
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
    if (vm.count("period")) {
        if (vm.count("every")) throw UsageError("give --period or --every, not both");
        for (const auto& p : vm["period"].as<std::vector<std::string>>())
            o.periods.add(Periods::parse(p));
    }
    if (vm.count("every")) o.periods.set_every(Periods::parse_every(str("every")));
    if (vm.count("groups")) o.groups = split_commas(vm["groups"].as<std::vector<std::string>>());
    o.codes_file = path_opt("codes");
    o.all_codes = vm.count("all-codes") > 0;
    o.patterns_file = path_opt("patterns");
    std::string max_age = str("max-age");
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
    std::string unknown = str("unknown-age");
    if (unknown == "include") o.unknown_age = UnknownAge::include;
    else if (unknown != "exclude")
        throw UsageError("--unknown-age '" + unknown + "': expected include or exclude");
    if (vm.count("by")) o.by = split_commas(vm["by"].as<std::vector<std::string>>());
    Breakdown::parse(o.by); // validate early
    std::string format = str("format");
    if (format == "csv") o.format = OutputFormat::csv;
    else if (format == "json") o.format = OutputFormat::json;
    else if (format == "md" || format == "markdown") o.format = OutputFormat::md;
    else if (format == "xlsx" || format == "html") o.format = OutputFormat::csv; // cli_report
    else throw UsageError("--format '" + format + "': expected csv, json, md, xlsx or html");
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
    o.stage_times = vm.count("stage-times") > 0;
    o.matcher.single_match = vm.count("crimes-only") > 0;
    if (!vm.count("no-cache"))
        o.matcher.cache_dir = vm.count("cache-dir") ? path_opt("cache-dir") : default_cache_dir();
    if (std::string p = str("progress"); p == "always") o.progress = ProgressMode::always;
    else if (p == "never") o.progress = ProgressMode::never;
    else if (p != "auto") throw UsageError("--progress '" + p + "': expected auto, always or never");
    Engine engine = Engine::hyperscan;
    if (str("engine") == "naive") engine = Engine::naive;
    else if (str("engine") != "hyperscan")
        throw UsageError("--engine '" + str("engine") + "': expected hyperscan or naive");

    ReportRequest report = read_report_options(vm, o);
    CountJob job(std::move(o), engine);
    CountResult result = job.run();
    if (job.options().matcher.single_match) // --crimes-only: mentions were not counted
        for (auto& r : result.rows) r.mentions = 0;

    std::ofstream file;
    std::ostream* out = &std::cout;
    const std::string& output = job.options().output;
    if (!output.empty() && output != "-") {
        file.open(output, std::ios::binary);
        if (!file) throw IoError("cannot write " + output);
        out = &file;
    }
    if (!write_report(report, job, result, *out, output, !vm.count("no-timing")))
    switch (job.options().format) {
    case OutputFormat::csv: write_csv(*out, result.rows); break;
    case OutputFormat::md: write_markdown(*out, job, result); break;
    case OutputFormat::json: write_json(*out, job, result, !vm.count("no-timing")); break;
    }
    out->flush();
    if (!*out) throw IoError("write failed" + (output.empty() ? "" : ": " + output));
    if (!job.options().quiet) {
        write_summary(std::cerr, job, result);
        write_report_summary(std::cerr, report);
    }
    if (job.options().stage_times) std::cerr << result.summary.stages.format(result.summary.bytes);
    return 0;
}

int generate_command(const std::vector<std::string>& args) {
    po::options_description opts("moscan generate [options]\n\nWrites a synthetic crime archive (never real data) and its ground truth.\n\nOptions");
    // clang-format off
    opts.add_options()
        ("help,h", "show this help")
        ("seed", po::value<std::uint64_t>()->default_value(1), "random seed; the same seed and size give the same bytes")
        ("size", po::value<std::string>()->default_value("10M"), "approximate archive size, e.g. 100M or 1G")
        ("format", po::value<std::string>()->default_value("csv"), "csv or jsonl")
        ("output,o", po::value<std::string>(), "archive file (default: standard output)")
        ("truth", po::value<std::string>(), "ground-truth CSV: crime_id,platforms,mentions")
        ("crlf", "CSV with CRLF record ends")
        ("bom", "CSV starting with a UTF-8 byte-order mark")
        ("first-year", po::value<int>()->default_value(2019), "first year of recorded dates")
        ("last-year", po::value<int>()->default_value(2021), "last year of recorded dates");
    // clang-format on
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    synth::Options o;
    o.seed = vm["seed"].as<std::uint64_t>();
    o.target_bytes = parse_size(vm["size"].as<std::string>(), "--size");
    std::string f = vm["format"].as<std::string>();
    if (f == "csv") o.format = synth::Format::csv;
    else if (f == "jsonl") o.format = synth::Format::jsonl;
    else throw UsageError("--format '" + f + "': expected csv or jsonl");
    o.crlf = vm.count("crlf") > 0;
    o.bom = vm.count("bom") > 0;
    o.first_year = vm["first-year"].as<int>();
    o.last_year = vm["last-year"].as<int>();
    if (o.last_year < o.first_year) throw UsageError("--last-year is before --first-year");

    std::ofstream archive_file, truth_file;
    std::ostream* archive = &std::cout;
    if (vm.count("output")) {
        archive_file.open(vm["output"].as<std::string>(), std::ios::binary);
        if (!archive_file) throw IoError("cannot write " + vm["output"].as<std::string>());
        archive = &archive_file;
    }
    std::ostream* truth = nullptr;
    if (vm.count("truth")) {
        truth_file.open(vm["truth"].as<std::string>(), std::ios::binary);
        if (!truth_file) throw IoError("cannot write " + vm["truth"].as<std::string>());
        truth = &truth_file;
    }
    synth::Stats st = synth::generate(o, *archive, truth);
    archive->flush();
    if (!*archive || (truth && !truth->flush())) throw IoError("write failed");
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
        throw UsageError("unknown command '" + cmd + "'\n" + kUsage);
    } catch (const po::error& e) {
        std::cerr << "moscan: error: " << e.what() << " (see --help)\n";
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
