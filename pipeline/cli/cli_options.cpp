#include "pipeline/cli/cli_options.hpp"

#include "pipeline/base/error.hpp"
#include "pipeline/input/input_source.hpp"

#include <cctype>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace moscan::cli {

namespace {

std::string with_unit(std::size_t bytes) {
    struct Unit {
        std::size_t size;
        const char* name;
    };
    for (Unit u : {Unit{std::size_t{1} << 40, "T"}, Unit{std::size_t{1} << 30, "G"},
                   Unit{std::size_t{1} << 20, "M"}, Unit{std::size_t{1} << 10, "K"}})
        if (bytes >= u.size && bytes % u.size == 0) return std::to_string(bytes / u.size) + u.name;
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

// A line from a file as it may be shown in one line of an error: control characters as '?'.
std::string printable(std::string s) {
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return s;
}

// Reaches the substitutions Boost keeps protected (a pointer to member named through a class
// derived from it is allowed; the exception object itself is not const).
struct PoSubstitutions : po::error_with_option_name {
    static std::map<std::string, std::string>& of(const po::error_with_option_name& e) {
        return const_cast<po::error_with_option_name&>(e).*(&PoSubstitutions::m_substitutions);
    }
};

} // namespace

std::string message_of(const po::error& e) {
    if (const auto* named = dynamic_cast<const po::error_with_option_name*>(&e)) {
        for (auto& [name, value] : PoSubstitutions::of(*named)) {
            std::string safe;
            for (char c : value) {
                if (c == '%') safe += "\xEF\xBC\x85";
                else safe += c;
            }
            value = std::move(safe);
        }
    }
    return e.what();
}

std::size_t parse_size(const std::string& s, const char* option, std::size_t lo, std::size_t hi) {
    const std::string range = "from " + with_unit(lo) + " to " + with_unit(hi);
    std::size_t i = 0;
    double v = 0;
    // std::stod also reads "inf", "nan", hex floats and leading spaces: only digits and a dot.
    const bool plain =
        !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.');
    try {
        if (!plain) throw std::invalid_argument("");
        v = std::stod(s, &i);
    } catch (...) {
        throw UsageError(std::string(option) + " '" + s + "': expected a size " + range +
                         " such as 4M or 512K");
    }
    const std::string unit = s.substr(i);
    double mult = 1;
    if (unit == "" || unit == "B") mult = 1;
    else if (unit == "K" || unit == "KiB" || unit == "k") mult = 1024;
    else if (unit == "M" || unit == "MiB" || unit == "MB") mult = 1024.0 * 1024;
    else if (unit == "G" || unit == "GiB" || unit == "GB") mult = 1024.0 * 1024 * 1024;
    else if (unit == "T" || unit == "TiB" || unit == "TB") mult = 1024.0 * 1024 * 1024 * 1024;
    else throw UsageError(std::string(option) + " '" + s + "': unknown unit '" + unit + "'");
    const double bytes = v * mult;
    if (!(bytes >= static_cast<double>(lo) && bytes <= static_cast<double>(hi)))
        throw UsageError(std::string(option) + " '" + s + "': expected a size " + range);
    return static_cast<std::size_t>(bytes);
}

namespace {

// A whole number: an optional sign, then decimal digits only. False for anything else, and
// for a magnitude of 2^64 or more.
bool whole_number(const std::string& s, bool& negative, std::uint64_t& magnitude) {
    std::size_t i = 0;
    negative = !s.empty() && s[0] == '-';
    if (negative || (!s.empty() && s[0] == '+')) i = 1;
    if (i == s.size()) return false;
    magnitude = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        const unsigned d = static_cast<unsigned>(s[i] - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
        magnitude = magnitude * 10 + d;
    }
    return true;
}

[[noreturn]] void not_in_range(const std::string& s, const char* option, const std::string& lo,
                               const std::string& hi) {
    throw UsageError(std::string(option) + " '" + s + "': expected a whole number from " + lo +
                     " to " + hi);
}

} // namespace

std::int64_t parse_int(const std::string& s, const char* option, std::int64_t lo,
                       std::int64_t hi) {
    bool negative = false;
    std::uint64_t m = 0;
    constexpr std::uint64_t kLimit = std::uint64_t{1} << 63; // |INT64_MIN|
    if (whole_number(s, negative, m) && (negative ? m <= kLimit : m < kLimit)) {
        const std::int64_t v = !negative     ? static_cast<std::int64_t>(m)
                               : m == kLimit ? std::numeric_limits<std::int64_t>::min()
                                             : -static_cast<std::int64_t>(m);
        if (v >= lo && v <= hi) return v;
    }
    not_in_range(s, option, std::to_string(lo), std::to_string(hi));
}

std::uint64_t parse_uint64(const std::string& s, const char* option, std::uint64_t lo,
                           std::uint64_t hi) {
    bool negative = false;
    std::uint64_t m = 0;
    if (whole_number(s, negative, m) && (!negative || m == 0) && m >= lo && m <= hi) return m;
    not_in_range(s, option, std::to_string(lo), std::to_string(hi));
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
        ("sheet", po::value<std::string>(), "the sheet of an .xlsx workbook to read: its name or its number, from 1 (default: the first)")
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
        ("threads", po::value<std::string>()->default_value("0"), "worker threads, 0 to 1024 (0: all cores; more than the cores available runs on the cores available)")
        ("chunk-size", po::value<std::string>()->default_value("1M"), "read size, e.g. 1M or 64K (1 byte to 1G)")
        ("max-record-mib", po::value<std::string>()->default_value("64"), "a record longer than this many MiB (1 to 4096) is an error (unterminated quote?)")
        ("crime-memory", po::value<std::string>()->default_value("16M"), "per-crime state kept in memory before it is spilled to --temp-dir, e.g. 16M or 1G (1 byte to 1T); 'none' for no limit (--hits and eval never spill)")
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

namespace {

// Options that exclude each other: one of them given on the command line drops all of them
// from the config file (the command line wins: `--every fy` over the file's periods).
constexpr const char* kExclusive[][2] = {{"period", "every"}};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

} // namespace

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
        std::error_code ec;
        if (fs::is_directory(file, ec))
            throw NoInputError("config file " + file + " is a directory: give an INI file");
        std::ifstream in(file);
        if (!in) throw NoInputError("cannot open config file " + file);
        config_file_ = file;
        // The line of each key, read as Boost's parser reads the file: '#' to the end of a
        // line is a comment, [section] prefixes the keys after it with "section.".
        std::string line, prefix;
        for (std::size_t n = 1; std::getline(in, line); ++n) {
            if (auto h = line.find('#'); h != std::string::npos) line.erase(h);
            line = trim(line);
            if (line.size() >= 2 && line.front() == '[' && line.back() == ']') {
                prefix = line.substr(1, line.size() - 2);
                if (!prefix.empty() && prefix.back() != '.') prefix += '.';
            } else if (!line.empty() && line.find('=') == std::string::npos) {
                throw ConfigError(file + ":" + std::to_string(n) +
                                  ": expected 'key = value' or '[section]', found '" +
                                  printable(line.substr(0, 60)) + "'");
            } else if (auto eq = line.find('='); eq != std::string::npos) {
                const std::string key = prefix + trim(line.substr(0, eq));
                const std::string at = file + ":" + std::to_string(n) + ": ";
                if (key == "config")
                    throw ConfigError(at + "'config' cannot be set inside a config file (a "
                                           "config file does not read another; give one --config)");
                const po::option_description* d = all.find_nothrow(key, false);
                if (!d) throw ConfigError(at + "unknown option '" + key + "'");
                auto& lines = config_lines_[key];
                // Only list options (period, text-column, input, ...) may be repeated.
                if (!lines.empty() &&
                    !dynamic_cast<const po::typed_value<std::vector<std::string>>*>(
                        d->semantic().get()))
                    throw ConfigError(at + "'" + key + "' is given twice (first at line " +
                                      std::to_string(lines.front()) + ")");
                lines.push_back(n);
            }
        }
        in.clear();
        in.seekg(0);
        po::variables_map from_file;
        try {
            po::store(po::parse_config_file(in, all), from_file);
        } catch (const po::error& e) {
            throw ConfigError(file + ": " + message_of(e));
        }
        std::set<std::string> dropped;
        for (const auto& group : kExclusive) {
            bool on_command_line = false;
            for (const char* k : group) on_command_line |= from_command_line_.count(k) > 0;
            if (on_command_line)
                for (const char* k : group) dropped.insert(k);
        }
        for (const auto& [k, v] : from_file) {
            if (v.defaulted() || from_command_line_.count(k) || dropped.count(k)) continue;
            vm_.insert_or_assign(k, v);
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

std::string Args::output_path(const char* key) const {
    if (str(key) == "-") return "-";
    return path(key);
}

std::vector<std::string> Args::paths(const char* key) const {
    if (!vm_.count(key)) return {};
    std::vector<std::string> v = vm_[key].as<std::vector<std::string>>();
    if (!from_command_line_.count(key) && !config_dir_.empty())
        for (auto& p : v)
            if (p != "-" && fs::path(p).is_relative())
                p = (config_dir_ / p).lexically_normal().string();
    return v;
}

std::string Args::origin(const char* key, std::size_t i) const {
    if (from_command_line_.count(key) || !vm_.count(key)) return "";
    auto it = config_lines_.find(key);
    if (it == config_lines_.end() || it->second.empty()) return "";
    return config_file_ + ":" + std::to_string(it->second[std::min(i, it->second.size() - 1)]);
}

void Args::fail(const char* key, const std::string& message, std::size_t i) const {
    const std::string where = origin(key, i);
    if (where.empty()) throw UsageError(message);
    throw ConfigError(where + ": " + message);
}

std::int64_t Args::integer(const char* key, std::int64_t lo, std::int64_t hi) const {
    const std::string option = std::string("--") + key;
    return checked(key, [&] { return parse_int(str(key), option.c_str(), lo, hi); });
}

std::uint64_t Args::uint64(const char* key, std::uint64_t lo, std::uint64_t hi) const {
    const std::string option = std::string("--") + key;
    return checked(key, [&] { return parse_uint64(str(key), option.c_str(), lo, hi); });
}

std::size_t Args::size(const char* key, std::size_t lo, std::size_t hi) const {
    const std::string option = std::string("--") + key;
    return checked(key, [&] { return parse_size(str(key), option.c_str(), lo, hi); });
}

Engine read_job_options(const Args& a, CountOptions& o, const char* command) {
    const po::variables_map& vm = a.vm();
    if (a.has("input")) o.inputs = a.paths("input");
    if (o.inputs.empty())
        throw UsageError(std::string("no input files (moscan ") + command + " --help)");
    if (std::string f = a.str("input-format"); !f.empty()) {
        if (f == "csv") o.input_format = InputFormat::csv;
        else if (f == "jsonl") o.input_format = InputFormat::jsonl;
        else a.fail("input-format", "--input-format '" + f + "': expected csv or jsonl");
    }
    if (std::string e = a.str("encoding"); !e.empty())
        o.encoding = a.checked("encoding", [&] { return parse_encoding(e); });
    if (std::string d = a.str("delimiter"); !d.empty()) {
        if (d == "," || d == "comma") o.delimiter = ',';
        else if (d == ";" || d == "semicolon") o.delimiter = ';';
        else if (d == "\t" || d == "\\t" || d == "tab") o.delimiter = '\t';
        else if (d == "|" || d == "pipe") o.delimiter = '|';
        else a.fail("delimiter", "--delimiter '" + d + "': expected ',', ';', tab or '|'");
    }
    o.sheet = a.str("sheet");
    if (a.has("sheet") && o.sheet.empty()) a.fail("sheet", "--sheet: expected a sheet's name or number");
    o.columns.id = a.str("id-column");
    o.columns.date = a.str("date-column");
    o.columns.code = a.str("code-column");
    o.columns.age = a.str("age-column");
    o.columns.flag = a.str("flag-column");
    if (a.has("text-column"))
        o.columns.texts = split_commas(vm["text-column"].as<std::vector<std::string>>());

    if (a.has("period")) {
        if (a.has("every")) a.fail("every", "give --period or --every, not both");
        const auto specs = vm["period"].as<std::vector<std::string>>();
        std::map<std::string, std::string> seen; // name -> its spec
        for (std::size_t i = 0; i < specs.size(); ++i) {
            Period p = a.checked("period", [&] { return Periods::parse(specs[i]); }, i);
            if (auto [it, fresh] = seen.emplace(p.name, specs[i]); !fresh)
                a.fail("period",
                       "--period: the name '" + p.name + "' is given twice ('" + it->second +
                           "' and '" + specs[i] + "'); each period needs its own name",
                       i);
            o.periods.add(std::move(p));
        }
    }
    if (a.has("every"))
        o.periods.set_every(
            a.checked("every", [&] { return Periods::parse_every(a.str("every")); }));
    if (a.has("groups")) o.groups = split_commas(vm["groups"].as<std::vector<std::string>>());
    o.codes_file = a.path("codes");
    o.all_codes = a.has("all-codes");
    o.patterns_file = a.path("patterns");
    const std::string max_age = a.has("max-age") ? a.str("max-age") : "17";
    if (max_age == "none") {
        o.max_age = -1;
    } else {
        a.checked("max-age", [&] {
            try {
                o.max_age = static_cast<int>(parse_int(max_age, "--max-age", 0, 150));
            } catch (const UsageError& e) {
                throw UsageError(std::string(e.what()) + ", or 'none'");
            }
        });
    }
    const std::string unknown = a.has("unknown-age") ? a.str("unknown-age") : "exclude";
    if (unknown == "include") o.unknown_age = UnknownAge::include;
    else if (unknown != "exclude")
        a.fail("unknown-age", "--unknown-age '" + unknown + "': expected include or exclude");

    o.threads = static_cast<unsigned>(a.integer("threads", 0, kMaxThreads));
    o.chunk_bytes = a.size("chunk-size", 1, std::size_t{1} << 30);
    o.max_record_bytes = static_cast<std::size_t>(a.integer("max-record-mib", 1, 4096)) << 20;
    if (o.max_record_bytes < o.chunk_bytes) o.max_record_bytes = o.chunk_bytes * 2;
    if (std::string m = a.str("crime-memory"); m == "none") o.crime_memory = 0;
    else o.crime_memory = a.size("crime-memory", 1, std::size_t{1} << 40);
    o.temp_dir = a.path("temp-dir");
    if (std::string e = a.str("on-error"); !e.empty()) {
        if (e == "fail") o.on_error = OnError::fail;
        else if (e == "skip") o.on_error = OnError::skip;
        else a.fail("on-error", "--on-error '" + e + "': expected fail or skip");
    }
    if (a.has("date-format"))
        o.date_format = a.checked("date-format",
                                  [&] { return parse_date_format_option(a.str("date-format")); });
    if (a.has("max-rejected"))
        o.max_rejected =
            a.checked("max-rejected", [&] { return RejectLimit::parse(a.str("max-rejected")); });
    o.rejects_file = a.path("rejects");
    if (a.str("rejects") == "-")
        a.fail("rejects", "--rejects -: the rejected rows cannot go to standard output; give a "
                          "file name (--rejects rejects.csv)");
    o.quiet = a.has("quiet");
    if (!a.has("no-cache"))
        o.matcher.cache_dir = a.has("cache-dir") ? a.path("cache-dir") : default_cache_dir();
    if (std::string p = a.str("progress"); p == "always") o.progress = ProgressMode::always;
    else if (p == "never") o.progress = ProgressMode::never;
    else if (p != "auto")
        a.fail("progress", "--progress '" + p + "': expected auto, always or never");
    const std::string engine = a.str("engine");
    if (engine == "naive") return Engine::naive;
    if (engine != "hyperscan")
        a.fail("engine", "--engine '" + engine + "': expected hyperscan or naive");
    return Engine::hyperscan;
}

namespace {

// The path as the file system resolves it: absolute, symbolic links of its existing part
// followed, "." and ".." gone.
fs::path resolved(const std::string& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p).lexically_normal() : r;
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) {
        const bool same = fs::equivalent(a, b, ec); // hard links too
        if (!ec) return same;
    }
    return resolved(a) == resolved(b);
}

// Whether `p` lies inside the directory `dir` (both resolved).
bool inside(const fs::path& p, const fs::path& dir) {
    auto d = dir.begin(), e = p.begin();
    for (; d != dir.end(); ++d, ++e) {
        if (d->empty()) continue; // a trailing separator
        if (e == p.end() || *d != *e) return false;
    }
    return e != p.end();
}

} // namespace

void check_outputs(const std::vector<std::pair<std::string, std::string>>& outputs,
                   const std::vector<std::string>& inputs) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const auto& [option, out] = outputs[i];
        if (out.empty() || out == "-") continue;
        const std::string refuse = "refusing to write " + option + " " + out + ": ";
        for (const std::string& in : inputs) {
            if (in.empty() || in == "-") continue;
            std::error_code ec;
            if (fs::is_directory(in, ec)) {
                if (inside(resolved(out), resolved(in)))
                    throw UsageError(refuse + "it lies inside the input directory " + in +
                                     " (a later run would read it as input); write it elsewhere");
                if (same_file(out, in))
                    throw UsageError(refuse + "it is the input directory " + in);
            } else if (same_file(out, in)) {
                throw UsageError(refuse + "it is the same file as the input " + in +
                                 ", which it would overwrite");
            }
        }
        for (std::size_t j = 0; j < i; ++j) {
            const auto& [other_option, other] = outputs[j];
            if (!other.empty() && other != "-" && same_file(out, other))
                throw UsageError(refuse + "it is the same file as " + other_option + " " + other +
                                 "; give each output its own file");
        }
    }
}

std::vector<std::string> job_inputs(const Args& a, const CountOptions& o) {
    std::vector<std::string> in = o.inputs;
    for (const std::string& f : {o.codes_file, o.patterns_file, a.str("config")})
        if (!f.empty()) in.push_back(f);
    return in;
}

} // namespace moscan::cli
