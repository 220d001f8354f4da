#include "pipeline/cli_options.hpp"

#include "pipeline/error.hpp"
#include "pipeline/input_source.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace moscan::cli {

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

void add_job_options(po::options_description& opts) {
    // clang-format off
    opts.add_options()
        ("config", po::value<std::string>(), "INI file holding any of these options (the command line wins); relative paths in it are relative to the file")
        ("input-format", po::value<std::string>(), "csv or jsonl (default: from the extension, else sniffed)")
        ("delimiter", po::value<std::string>(), "CSV field delimiter: ',' ';' tab '|' (also comma, semicolon, pipe, \\t; default: a sep= first line, else the most frequent in the header)")
        ("encoding", po::value<std::string>(), "auto (default: a byte order mark, else UTF-8, else Windows-1252 when the start is not valid UTF-8), utf-8, utf-16le, utf-16be, windows-1252 or latin-1")
        ("id-column", po::value<std::string>(), "crime id column (default: detect CrimeRef, CrimeID, ...)")
        ("date-column", po::value<std::string>(), "date column (default: detect DateRecorded, ...)")
        ("date-format", po::value<std::string>(), "how dates are written: auto (default: detected per file), uk (dd/mm/yyyy or yyyy-mm-dd), dmy, mdy, ymd, iso, excel, oracle, a picture such as dd-mm-yyyy or dd-mon-yy, or a format such as %d.%m.%Y")
        ("code-column", po::value<std::string>(), "Home Office offence code column (default: detect HOCode, ...)")
        ("age-column", po::value<std::string>(), "victim age column (default: detect VictimAge, Age, ...)")
        ("text-column", po::value<std::vector<std::string>>(), "free-text column to scan; repeat for several (default: detect MOText, MO, ...)")
        ("flag-column", po::value<std::string>(), "online/cyber flag column, optional (default: detect OnlineFlag, CyberFlag, ...)")
        ("period", po::value<std::vector<std::string>>(), "NAME=YYYY-MM-DD..YYYY-MM-DD, both ends inclusive; repeatable")
        ("every", po::value<std::string>(), "month, quarter, year or fy (April-March) periods instead of --period")
        ("groups", po::value<std::vector<std::string>>(), "offence groups to count, comma-separated (default: all groups of the code list)")
        ("all-codes", "every offence code is in scope: codes outside the code list are counted in group 'other'")
        ("codes", po::value<std::string>(), "code list CSV (code,group,description) instead of the bundled patterns/home_office_codes.csv")
        ("max-age", po::value<std::string>(), "a crime is in scope when a victim's known age is at most N (default 17); 'none' for no age filter")
        ("unknown-age", po::value<std::string>(), "include or exclude (default) crimes whose victims' ages are unknown")
        ("patterns", po::value<std::string>(), "platform pattern set instead of the bundled patterns/foi_platforms.pat")
        ("threads", po::value<unsigned>()->default_value(0), "worker threads (0: all cores)")
        ("chunk-size", po::value<std::string>()->default_value("1M"), "read size, e.g. 1M or 64K")
        ("max-record-mib", po::value<unsigned>()->default_value(64), "a record longer than this is an error (unterminated quote?)")
        ("crime-memory", po::value<std::string>()->default_value("16M"), "per-crime state kept in memory before it is spilled to --temp-dir, e.g. 16M or 1G; 'none' for no limit (--hits and eval never spill)")
        ("temp-dir", po::value<std::string>(), "where spilled crime state goes (default: $TMPDIR, else /tmp); the files are deleted as they are created")
        ("max-rejected", po::value<std::string>(), "the run fails (exit 65) when more rows than this are rejected: N rows or P% of rows read (default: 1%, at least 10 rows; 100% never fails)")
        ("rejects", po::value<std::string>(), "write every rejected row to this CSV file (file,line,reason,detail,record)")
        ("on-error", po::value<std::string>(), "fail: stop at the first bad row; skip: count and report bad rows and go on (default: stop on broken structure, skip bad values)")
        ("engine", po::value<std::string>()->default_value("hyperscan"), "hyperscan, or naive (the slow reference matcher)")
        ("progress", po::value<std::string>()->default_value("auto"), "auto (on a terminal), always (a log line every 5 s when not a terminal) or never")
        ("cache-dir", po::value<std::string>(), "compiled pattern-database cache (default: $XDG_CACHE_HOME/moscan or ~/.cache/moscan)")
        ("no-cache", "always compile the pattern set; neither read nor write the cache")
        ("quiet,q", "no run summary or progress on standard error");
    // clang-format on
}

Args::Args(const std::vector<std::string>& args, const po::options_description& visible,
           const po::options_description& hidden, const char* positional) {
    po::options_description all;
    all.add(visible).add(hidden);
    all.add_options()(positional, po::value<std::vector<std::string>>(), positional);
    po::positional_options_description pos;
    pos.add(positional, -1);
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm_);
    for (const auto& [k, v] : vm_)
        if (!v.defaulted()) from_command_line_.insert(k);
    if (vm_.count("config") && !vm_.count("help")) {
        const std::string file = vm_["config"].as<std::string>();
        std::ifstream in(file);
        if (!in) throw NoInputError("cannot open config file " + file);
        try {
            po::store(po::parse_config_file(in, all), vm_);
        } catch (const po::error& e) {
            throw ConfigError(file + ": " + e.what());
        }
        config_dir_ = fs::path(file).parent_path();
    }
    po::notify(vm_);
}

std::string Args::str(const char* key) const {
    return vm_.count(key) ? vm_[key].as<std::string>() : "";
}

std::string Args::path(const char* key) const {
    if (!vm_.count(key)) return "";
    std::string v = vm_[key].as<std::string>();
    if (!from_command_line_.count(key) && fs::path(v).is_relative() && !config_dir_.empty())
        return (config_dir_ / v).lexically_normal().string();
    return v;
}

std::ostream& open_output(const std::string& path, std::ofstream& file) {
    if (path.empty() || path == "-") return std::cout;
    file.open(path, std::ios::binary);
    if (!file) throw IoError("cannot write " + path);
    return file;
}

Engine read_job_options(const Args& a, CountOptions& o, const char* command) {
    const po::variables_map& vm = a.vm();
    if (a.has("input")) o.inputs = vm["input"].as<std::vector<std::string>>();
    if (o.inputs.empty())
        throw UsageError(std::string("no input files (moscan ") + command + " --help)");
    if (std::string f = a.str("input-format"); !f.empty()) {
        if (f == "csv") o.input_format = InputFormat::csv;
        else if (f == "jsonl") o.input_format = InputFormat::jsonl;
        else throw UsageError("--input-format '" + f + "': expected csv or jsonl");
    }
    if (std::string e = a.str("encoding"); !e.empty()) o.encoding = parse_encoding(e);
    if (std::string d = a.str("delimiter"); !d.empty()) {
        if (d == "," || d == "comma") o.delimiter = ',';
        else if (d == ";" || d == "semicolon") o.delimiter = ';';
        else if (d == "\t" || d == "\\t" || d == "tab") o.delimiter = '\t';
        else if (d == "|" || d == "pipe") o.delimiter = '|';
        else throw UsageError("--delimiter '" + d + "': expected ',', ';', tab or '|'");
    }
    o.columns.id = a.str("id-column");
    o.columns.date = a.str("date-column");
    o.columns.code = a.str("code-column");
    o.columns.age = a.str("age-column");
    o.columns.flag = a.str("flag-column");
    if (a.has("text-column"))
        o.columns.texts = split_commas(vm["text-column"].as<std::vector<std::string>>());

    if (a.has("period")) {
        if (a.has("every")) throw UsageError("give --period or --every, not both");
        for (const auto& p : vm["period"].as<std::vector<std::string>>())
            o.periods.add(Periods::parse(p));
    }
    if (a.has("every")) o.periods.set_every(Periods::parse_every(a.str("every")));
    if (a.has("groups")) o.groups = split_commas(vm["groups"].as<std::vector<std::string>>());
    o.codes_file = a.path("codes");
    o.all_codes = a.has("all-codes");
    o.patterns_file = a.path("patterns");
    const std::string max_age = a.has("max-age") ? a.str("max-age") : "17";
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
    const std::string unknown = a.has("unknown-age") ? a.str("unknown-age") : "exclude";
    if (unknown == "include") o.unknown_age = UnknownAge::include;
    else if (unknown != "exclude")
        throw UsageError("--unknown-age '" + unknown + "': expected include or exclude");

    o.threads = vm["threads"].as<unsigned>();
    o.chunk_bytes = parse_size(a.str("chunk-size"), "--chunk-size");
    o.max_record_bytes = std::size_t{vm["max-record-mib"].as<unsigned>()} << 20;
    if (o.max_record_bytes < o.chunk_bytes) o.max_record_bytes = o.chunk_bytes * 2;
    if (std::string m = a.str("crime-memory"); m == "none") o.crime_memory = 0;
    else o.crime_memory = parse_size(m, "--crime-memory");
    o.temp_dir = a.path("temp-dir");
    if (std::string e = a.str("on-error"); !e.empty()) {
        if (e == "fail") o.on_error = OnError::fail;
        else if (e == "skip") o.on_error = OnError::skip;
        else throw UsageError("--on-error '" + e + "': expected fail or skip");
    }
    if (a.has("date-format")) o.date_format = parse_date_format_option(a.str("date-format"));
    if (a.has("max-rejected")) o.max_rejected = RejectLimit::parse(a.str("max-rejected"));
    o.rejects_file = a.path("rejects");
    o.quiet = a.has("quiet");
    if (!a.has("no-cache"))
        o.matcher.cache_dir = a.has("cache-dir") ? a.path("cache-dir") : default_cache_dir();
    if (std::string p = a.str("progress"); p == "always") o.progress = ProgressMode::always;
    else if (p == "never") o.progress = ProgressMode::never;
    else if (p != "auto")
        throw UsageError("--progress '" + p + "': expected auto, always or never");
    const std::string engine = a.str("engine");
    if (engine == "naive") return Engine::naive;
    if (engine != "hyperscan")
        throw UsageError("--engine '" + engine + "': expected hyperscan or naive");
    return Engine::hyperscan;
}

} // namespace moscan::cli
