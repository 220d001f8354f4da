#include "pipeline/base/text_format.hpp"
#include "pipeline/cli/cli_patterns.hpp"

#include "pipeline/cli/cli_options.hpp"
#include "pipeline/base/json_text.hpp"

#include "matchers/hyperscan_matcher.hpp"
#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "matchers/variants.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/output_file.hpp"
#include "pipeline/input/reader.hpp"

#include <boost/program_options.hpp>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>
#include <unordered_set>
#include <unistd.h>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace moscan::cli {

namespace {

constexpr const char* kUsage = R"(moscan patterns - check and benchmark platform pattern sets

Usage:
  moscan patterns check FILE...                  compile each set and run its match/nomatch
                                                 examples on both engines (Hyperscan, naive)
  moscan patterns bench FILE... --input ARCHIVE  compile time, database size, scan speed,
                                                 hits per pattern and platform, side by side
  moscan patterns variants WORD... [--dict FILE] edit-distance-1 spellings of each word as
                                                 one `pattern` line of literals, less
                                                 dictionary words
  moscan patterns check --help | bench --help | variants --help

Pattern-set format: docs/patterns.md (native .pat format and plain platform<TAB>regex lists).
Exit codes: 0 ok, 1 an example failed (check), 64 usage, 65/66 bad or missing archive (bench),
78 a pattern set does not load or compile.
)";

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// A text excerpt for messages: quoted, control and non-ASCII bytes escaped, long texts cut.
std::string quoted(std::string_view s, std::size_t max = 120) {
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < max; ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    if (s.size() > max) out += "...";
    return out + "'";
}

std::string provenance_line(const PatternSet& set) {
    return "set " + set.name + " (hash " + set.hash() + ") from " +
           (set.path.empty() ? std::string("<bundled>") : set.path) + "; moscan " MOSCAN_VERSION
           "; hyperscan " + HyperscanMatcher::version();
}

std::string kind_of(const Pattern& p) {
    return p.term ? "term" : p.exclude ? "exclude" : "pattern";
}

// ---------------------------------------------------------------------------------------------
// check

struct Engine {
    const Matcher* matcher;
    std::unique_ptr<Scratch> scratch;
    int passed = 0, failed = 0;
};

// What an engine found in an example's text, for a failure message.
std::string found_in(const PatternSet& set, std::string_view text, const std::vector<Hit>& raw,
                     const std::vector<PlatformCount>& counts, std::uint32_t platform) {
    std::string s;
    std::string named;
    for (const PlatformCount& c : counts)
        named += (named.empty() ? "" : ", ") + set.platforms[c.platform].id + ":" +
                 std::to_string(c.mentions);
    s += "mentions found: " + (named.empty() ? std::string("none") : named);
    std::vector<Hit> mine;
    for (const Hit& h : raw) {
        const Pattern& p = set.patterns[h.pattern];
        if (!p.term && p.platform == platform) mine.push_back(h);
    }
    std::sort(mine.begin(), mine.end(), [](const Hit& a, const Hit& b) {
        return std::tie(a.start, a.end, a.pattern) < std::tie(b.start, b.end, b.pattern);
    });
    if (mine.empty()) {
        s += "; no match of " + set.platforms[platform].id + "'s patterns";
    } else {
        s += "; matches of " + set.platforms[platform].id + "'s patterns:";
        for (const Hit& h : mine) {
            const Pattern& p = set.patterns[h.pattern];
            s += " " + kind_of(p) + " line " + std::to_string(p.line) + " " +
                 quoted(text.substr(h.start, h.end - h.start)) + " [" + std::to_string(h.start) +
                 "," + std::to_string(h.end) + ")";
        }
    }
    return s;
}

// Checks one file; returns 0, 1 (an example failed) or 78 (does not load or compile).
int check_file(const std::string& file, bool quiet) {
    PatternSet set;
    std::unique_ptr<HyperscanMatcher> hs;
    try {
        set = PatternSet::load(file);
        hs = std::make_unique<HyperscanMatcher>(set);
    } catch (const ConfigError& e) {
        std::cout.flush();
        std::cerr << "moscan: error: " << e.what() << "\n";
        return static_cast<int>(ExitCode::config);
    }
    std::unique_ptr<NaiveMatcher> naive;
    std::string naive_note;
    try {
        naive = std::make_unique<NaiveMatcher>(set);
    } catch (const ConfigError& e) {
        naive_note = e.what();
    }
    std::cout << file << ": " << provenance_line(set) << "\n";
    std::size_t edits = 0;
    for (const Pattern& p : set.patterns) edits += p.edit_distance > 0;
    std::size_t examples = 0;
    for (const Platform& p : set.platforms) examples += p.examples.size();
    std::cout << "  " << set.platforms.size() << " platforms, " << set.patterns.size()
              << " patterns (" << set.count_excludes() << " excludes, " << set.count_terms()
              << " terms, " << edits << " with edit distance), " << examples << " examples\n";

    std::vector<Engine> engines;
    engines.push_back(Engine{hs.get(), hs->make_scratch()});
    if (naive) engines.push_back(Engine{naive.get(), naive->make_scratch()});
    MentionCounter counter(set);
    std::vector<Hit> hits, raw;
    std::vector<PlatformCount> counts;
    for (std::uint32_t pi = 0; pi < set.platforms.size(); ++pi) {
        const Platform& pl = set.platforms[pi];
        for (const Example& ex : pl.examples) {
            for (Engine& en : engines) {
                hits.clear();
                en.matcher->scan(ex.text, *en.scratch, hits);
                raw = hits;
                counter.count(hits, counts, ex.day);
                bool named = std::any_of(counts.begin(), counts.end(),
                                         [&](const PlatformCount& c) { return c.platform == pi; });
                if (named == ex.must_match) {
                    ++en.passed;
                    continue;
                }
                ++en.failed;
                std::cout << ex.source << ": " << (ex.must_match ? "match" : "nomatch")
                          << " example failed on " << en.matcher->name() << ": "
                          << quoted(ex.text, 400)
                          << (ex.day != MentionCounter::kNoDay ? " at " + format_iso(ex.day) : "")
                          << (ex.must_match ? " names no " : " names ") << pl.id << "; "
                          << found_in(set, ex.text, raw, counts, pi) << "\n";
            }
        }
    }
    int failed = 0;
    for (const Engine& en : engines) {
        std::cout << "  " << en.matcher->name() << ": " << en.passed << " of " << examples
                  << " examples passed\n";
        failed += en.failed;
    }
    if (!naive)
        std::cout << "  naive: not run: the reference matcher cannot expand this set ("
                  << naive_note << ")\n";
    if (!quiet || failed) std::cout << "  " << (failed ? "FAILED" : "ok") << "\n";
    return failed ? 1 : 0;
}

int check_command(const std::vector<std::string>& args) {
    po::options_description opts(
        "moscan patterns check [options] FILE...\n\nCompiles each pattern set and runs every "
        "match/nomatch example through both matchers\n(Hyperscan and the naive reference, each "
        "followed by the mention rule). A failure\nis reported as FILE:LINE with the engine and "
        "what it found.\nExit 0: all passed; 1: an example failed; 78: a set does not load or "
        "compile.\n\nOptions");
    opts.add_options()("help,h", "show this help")("quiet,q", "no 'ok' line for passing sets");
    Args a(args, opts, po::options_description(), "file");
    const po::variables_map& vm = a.vm();
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    if (!vm.count("file")) throw UsageError("no pattern set given (moscan patterns check --help)");
    int rc = 0;
    for (const auto& f : vm["file"].as<std::vector<std::string>>()) {
        int r = check_file(f, vm.count("quiet") > 0);
        if (r == static_cast<int>(ExitCode::config) || rc == 0) rc = std::max(rc, r);
    }
    return rc;
}

// ---------------------------------------------------------------------------------------------
// bench: the archive's texts in memory

struct Corpus {
    std::string source;
    std::string format;
    std::vector<std::string> columns; // the text columns scanned
    std::string date_column;          // "" when none was found
    std::string arena;                // all non-empty texts, back to back
    std::vector<std::uint64_t> offsets{0};
    std::vector<std::int32_t> days;   // per text: the record's date, or kNoDay
    std::uint64_t records = 0, skipped = 0, archive_bytes = 0;

    std::size_t count() const { return days.size(); }
    std::string_view text(std::size_t i) const {
        return std::string_view(arena).substr(offsets[i], offsets[i + 1] - offsets[i]);
    }
    void add(std::string_view t, std::int32_t day) {
        if (t.empty()) return;
        arena.append(t);
        offsets.push_back(arena.size());
        days.push_back(day);
    }
};

// Text columns (and the date column, if any) among `header`, the way `moscan count` finds
// them; an archive without the columns `count` needs can still be benched with --text-column.
void resolve_text_columns(const std::vector<std::string>& header, const std::string& source,
                          const std::vector<std::string>& want_texts,
                          const std::string& want_date, std::vector<int>& texts, int& date) {
    FileSchema schema;
    schema.name = source;
    schema.columns = header;
    ReadOptions o; // no optional column is needed
    o.columns.texts = want_texts;
    o.columns.date = want_date;
    try {
        resolve_columns(schema, o);
        texts = schema.texts;
        date = schema.date;
        return;
    } catch (const DataError&) {
        if (want_texts.empty()) throw;
    }
    auto find = [&](const std::string& name) {
        for (size_t i = 0; i < header.size(); ++i)
            if (fold_column_name(header[i]) == fold_column_name(name)) return static_cast<int>(i);
        return -1;
    };
    texts.clear();
    for (const auto& t : want_texts) {
        int i = find(t);
        if (i < 0) {
            std::string found;
            for (const auto& c : header) found += (found.empty() ? "" : ", ") + c;
            throw DataError(source + ": column '" + t + "' (--text-column) not found; columns found: " +
                            found);
        }
        texts.push_back(i);
    }
    date = want_date.empty() ? -1 : find(want_date);
}

std::int32_t day_of(std::string_view raw) {
    auto d = parse_date(raw);
    return d ? *d : MentionCounter::kNoDay;
}

void load_csv(Corpus& c, std::string data, const std::vector<std::string>& want_texts,
              const std::string& want_date) {
    std::string_view d = data;
    if (d.substr(0, 3) == "\xEF\xBB\xBF") d.remove_prefix(3);
    const char* p = d.data();
    const char* end = p + d.size();
    std::vector<csv::Field> fields;
    std::string buf;
    csv::RecordParse rp = csv::parse_record(p, end, fields);
    std::vector<std::string> header;
    for (const auto& f : fields) header.emplace_back(csv::value(f, buf));
    if (header.empty() || (header.size() == 1 && header[0].empty()))
        throw DataError(c.source + ": no CSV header");
    p = rp.next;
    std::vector<int> texts;
    int date = -1;
    resolve_text_columns(header, c.source, want_texts, want_date, texts, date);
    for (int t : texts) c.columns.push_back(header[static_cast<size_t>(t)]);
    if (date >= 0) c.date_column = header[static_cast<size_t>(date)];
    while (p < end) {
        rp = csv::parse_record(p, end, fields);
        p = rp.next;
        if (fields.size() == 1 && fields[0].view.empty() && !fields[0].raw) continue;
        ++c.records;
        if (rp.status != csv::ParseStatus::ok || fields.size() != header.size()) {
            ++c.skipped;
            continue;
        }
        std::int32_t day = date >= 0 ? day_of(csv::value(fields[static_cast<size_t>(date)], buf))
                                     : MentionCounter::kNoDay;
        for (int t : texts) c.add(csv::value(fields[static_cast<size_t>(t)], buf), day);
    }
}

void load_jsonl(Corpus& c, const std::string& path, const std::vector<std::string>& want_texts,
                const std::string& want_date) {
    simdjson::padded_string json;
    if (simdjson::padded_string::load(path).get(json))
        throw NoInputError("cannot read " + path);
    const char* base = json.data();
    const char* end = base + json.size();
    simdjson::ondemand::parser parser;
    std::vector<std::string> text_keys;
    std::string date_key;
    bool resolved = false;
    for (const char* p = base; p < end;) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        const char* le = nl ? nl : end;
        const char* line = p;
        p = nl ? nl + 1 : end;
        std::string_view sv(line, static_cast<size_t>(le - line));
        if (sv.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        ++c.records;
        const size_t capacity = json.size() - static_cast<size_t>(line - base) + simdjson::SIMDJSON_PADDING;
        simdjson::ondemand::document doc;
        simdjson::ondemand::object obj;
        if (parser.iterate(line, sv.size(), capacity).get(doc) || doc.get_object().get(obj)) {
            ++c.skipped;
            continue;
        }
        if (!resolved) {
            std::vector<std::string> header;
            for (auto field : obj) {
                std::string_view key;
                if (!field.unescaped_key().get(key)) header.emplace_back(key);
            }
            std::vector<int> texts;
            int date = -1;
            resolve_text_columns(header, c.source, want_texts, want_date, texts, date);
            for (int t : texts) text_keys.push_back(header[static_cast<size_t>(t)]);
            if (date >= 0) date_key = header[static_cast<size_t>(date)];
            c.columns = text_keys;
            c.date_column = date_key;
            resolved = true;
            if (parser.iterate(line, sv.size(), capacity).get(doc) || doc.get_object().get(obj)) {
                ++c.skipped;
                continue;
            }
        }
        std::vector<std::string_view> values(text_keys.size());
        std::vector<std::string> copies(text_keys.size());
        std::int32_t day = MentionCounter::kNoDay;
        bool ok = true;
        for (auto field : obj) {
            std::string_view key, val;
            if (field.unescaped_key().get(key)) {
                ok = false;
                break;
            }
            bool is_date = !date_key.empty() && key == date_key;
            auto t = std::find(text_keys.begin(), text_keys.end(), key);
            if (!is_date && t == text_keys.end()) continue;
            simdjson::ondemand::value v;
            if (field.value().get(v)) {
                ok = false;
                break;
            }
            if (v.get_string().get(val)) continue; // null or a number: no text
            if (is_date) day = day_of(val);
            if (t != text_keys.end()) copies[static_cast<size_t>(t - text_keys.begin())] = std::string(val);
        }
        if (!ok) {
            ++c.skipped;
            continue;
        }
        for (const auto& s : copies) c.add(s, day);
    }
}

Corpus load_corpus(const std::string& path, const std::vector<std::string>& texts,
                   const std::string& date) {
    Corpus c;
    c.source = path;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw NoInputError(path + ": no such file");
    c.archive_bytes = fs::file_size(path, ec);
    std::string ext = fs::path(path).extension().string();
    for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool jsonl = ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
    if (ext != ".csv" && !jsonl) {
        std::ifstream in(path, std::ios::binary);
        char ch = 0;
        while (in.get(ch) && (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')) {}
        jsonl = ch == '{';
    }
    if (jsonl) {
        c.format = "jsonl";
        load_jsonl(c, path, texts, date);
    } else {
        c.format = "csv";
        std::ifstream in(path, std::ios::binary);
        if (!in) throw NoInputError("cannot open " + path);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        load_csv(c, std::move(data), texts, date);
    }
    if (c.count() == 0) throw DataError(path + ": no non-empty texts to scan");
    return c;
}

// ---------------------------------------------------------------------------------------------
// bench: measuring one set

struct SetResult {
    PatternSet set;
    std::string file;
    double compile_ms = 0, cached_ms = -1;
    std::string cache_note;
    std::size_t db_bytes = 0;
    std::size_t single_patterns = 0;
    bool batch_exact = false;
    double batch_s = -1, per_text_s = 0;
    std::vector<std::uint64_t> pattern_hits;
    std::vector<std::uint64_t> platform_mentions, platform_texts;
    std::uint64_t hits = 0, texts_named = 0;
};

struct BenchOptions {
    int repeat = 3;
    std::size_t batch_bytes = 4u << 20;
    bool single_match = false;
};

SetResult bench_set(const std::string& file, const Corpus& corpus,
                    const std::vector<std::string>& batches, const BenchOptions& bo) {
    SetResult r;
    r.file = file;
    r.set = PatternSet::load(file);
    MatcherOptions mo;
    mo.single_match = bo.single_match;

    // Compile: best of up to `repeat` fresh compiles; then a cache write and a timed load.
    std::unique_ptr<HyperscanMatcher> hs;
    for (int i = 0; i < std::max(1, std::min(bo.repeat, 3)); ++i) {
        auto t0 = Clock::now();
        auto m = std::make_unique<HyperscanMatcher>(r.set, mo);
        double ms = seconds_since(t0) * 1e3;
        if (!hs || ms < r.compile_ms) r.compile_ms = ms;
        hs = std::move(m);
    }
    {
        char tmpl[] = "/tmp/moscan_bench_cache.XXXXXX";
        if (char* dir = ::mkdtemp(tmpl)) {
            MatcherOptions cached = mo;
            cached.cache_dir = dir;
            HyperscanMatcher writer(r.set, cached);
            for (int i = 0; i < std::max(1, bo.repeat); ++i) {
                auto t0 = Clock::now();
                HyperscanMatcher reader(r.set, cached);
                double ms = seconds_since(t0) * 1e3;
                if (reader.cache_status() != HyperscanMatcher::CacheStatus::hit) {
                    r.cache_note = reader.cache_note();
                    break;
                }
                if (r.cached_ms < 0 || ms < r.cached_ms) r.cached_ms = ms;
            }
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    }
    r.db_bytes = hs->database_bytes();
    r.single_patterns = hs->single_match_patterns();
    // Whether NUL-joined batches give exactly the per-text hits, as for moscan count
    // (matchers/batch_proof.hpp; kept with the database in the cache).
    r.batch_exact = !bo.single_match && hs->batch_exact();

    auto scratch = hs->make_scratch();
    MentionCounter counter(r.set);
    std::vector<Hit> hits;
    std::vector<PlatformCount> counts;

    // The work first, checked: hits per pattern, mentions per platform, one call per text.
    r.pattern_hits.assign(r.set.patterns.size(), 0);
    r.platform_mentions.assign(r.set.platforms.size(), 0);
    r.platform_texts.assign(r.set.platforms.size(), 0);
    for (std::size_t i = 0; i < corpus.count(); ++i) {
        hits.clear();
        hs->scan(corpus.text(i), *scratch, hits);
        r.hits += hits.size();
        for (const Hit& h : hits) ++r.pattern_hits[h.pattern];
        counter.count(hits, counts, corpus.days[i]);
        r.texts_named += !counts.empty();
        for (const PlatformCount& c : counts) {
            r.platform_mentions[c.platform] += c.mentions;
            ++r.platform_texts[c.platform];
        }
    }
    if (r.batch_exact) {
        std::uint64_t batch_hits = 0;
        for (const auto& b : batches) {
            hits.clear();
            hs->scan(b, *scratch, hits);
            batch_hits += hits.size();
        }
        if (batch_hits != r.hits)
            throw Error(ExitCode::software, file + ": batched scan found " +
                                                std::to_string(batch_hits) + " hits, per-text " +
                                                std::to_string(r.hits) + " (internal error)");
    }

    // Timed runs: best of `repeat`.
    for (int rep = 0; rep < bo.repeat; ++rep) {
        auto t0 = Clock::now();
        for (std::size_t i = 0; i < corpus.count(); ++i) {
            hits.clear();
            hs->scan(corpus.text(i), *scratch, hits);
        }
        double s = seconds_since(t0);
        if (rep == 0 || s < r.per_text_s) r.per_text_s = s;
        if (r.batch_exact) {
            t0 = Clock::now();
            for (const auto& b : batches) {
                hits.clear();
                hs->scan(b, *scratch, hits);
            }
            s = seconds_since(t0);
            if (r.batch_s < 0 || s < r.batch_s) r.batch_s = s;
        }
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// bench: output


double mbps(double mb, double s) { return s > 0 ? mb / s : 0; }

void write_bench(std::ostream& out, const std::string& format, const Corpus& corpus,
                 const std::vector<SetResult>& results, const BenchOptions& bo) {
    const double text_mb = static_cast<double>(corpus.arena.size()) / 1e6;
    double best_batch = -1, best_text = -1;
    for (const auto& r : results) {
        if (r.batch_s > 0 && (best_batch < 0 || r.batch_s < best_batch)) best_batch = r.batch_s;
        if (best_text < 0 || r.per_text_s < best_text) best_text = r.per_text_s;
    }
    // Platforms of all sets, by id, in order of first appearance.
    std::vector<std::string> ids;
    std::map<std::string, std::string> names;
    for (const auto& r : results)
        for (const auto& p : r.set.platforms)
            if (std::find(ids.begin(), ids.end(), p.id) == ids.end()) {
                ids.push_back(p.id);
                names[p.id] = p.name;
            }
    auto platform_of = [](const SetResult& r, const std::string& id) { return r.set.find_platform(id); };
    std::string columns;
    for (const auto& c : corpus.columns) columns += (columns.empty() ? "" : ",") + c;
    const std::string engine = "hyperscan " + HyperscanMatcher::version();

    if (format == "json") {
        std::string j = "{\n  \"moscan\": {\"version\": \"" MOSCAN_VERSION "\", \"engine\": " +
                        json_string(engine) + ", \"platform\": " +
                        json_string(HyperscanMatcher::platform()) + "},\n";
        j += "  \"input\": {\"file\": " + json_string(corpus.source) + ", \"format\": " +
             json_string(corpus.format) + ", \"text_columns\": " + json_string(columns) +
             ", \"date_column\": " + json_string(corpus.date_column) +
             ", \"records\": " + std::to_string(corpus.records) +
             ", \"records_skipped\": " + std::to_string(corpus.skipped) +
             ", \"texts\": " + std::to_string(corpus.count()) +
             ", \"text_bytes\": " + std::to_string(corpus.arena.size()) + "},\n";
        j += "  \"repeat\": " + std::to_string(bo.repeat) + ", \"batch_bytes\": " +
             std::to_string(bo.batch_bytes) + ", \"single_match\": " +
             (bo.single_match ? "true" : "false") + ",\n  \"sets\": [\n";
        for (size_t k = 0; k < results.size(); ++k) {
            const SetResult& r = results[k];
            j += "    {\"file\": " + json_string(r.file) + ", \"set\": " + json_string(r.set.name) +
                 ", \"hash\": " + json_string(r.set.hash()) +
                 ", \"platforms\": " + std::to_string(r.set.platforms.size()) +
                 ", \"patterns\": " + std::to_string(r.set.patterns.size()) +
                 ", \"compile_ms\": " + fixed(r.compile_ms, 3) +
                 ", \"cached_load_ms\": " + (r.cached_ms >= 0 ? fixed(r.cached_ms, 3) : "null") +
                 ", \"database_bytes\": " + std::to_string(r.db_bytes) +
                 ", \"single_match_patterns\": " + std::to_string(r.single_patterns) +
                 ", \"batch_mb_per_s\": " + (r.batch_s > 0 ? fixed(mbps(text_mb, r.batch_s), 1) : "null") +
                 ", \"batch_time_vs_fastest\": " + (r.batch_s > 0 ? fixed(r.batch_s / best_batch, 3) : "null") +
                 ", \"per_text_mb_per_s\": " + fixed(mbps(text_mb, r.per_text_s), 1) +
                 ", \"per_text_time_vs_fastest\": " + fixed(r.per_text_s / best_text, 3) +
                 ", \"hits\": " + std::to_string(r.hits) +
                 ", \"texts_naming_a_platform\": " + std::to_string(r.texts_named) +
                 ",\n     \"platforms_found\": [";
            for (size_t i = 0; i < r.set.platforms.size(); ++i)
                j += std::string(i ? ", " : "") + "{\"platform\": " + json_string(r.set.platforms[i].id) +
                     ", \"mentions\": " + std::to_string(r.platform_mentions[i]) +
                     ", \"texts\": " + std::to_string(r.platform_texts[i]) + "}";
            j += "],\n     \"pattern_hits\": [";
            for (size_t i = 0; i < r.set.patterns.size(); ++i) {
                const Pattern& p = r.set.patterns[i];
                j += std::string(i ? ", " : "") + "{\"line\": " + std::to_string(p.line) +
                     ", \"kind\": " + json_string(kind_of(p)) + ", \"platform\": " +
                     json_string(p.term ? "" : r.set.platforms[p.platform].id) +
                     ", \"pattern\": " + json_string(p.expression) +
                     ", \"hits\": " + std::to_string(r.pattern_hits[i]) + "}";
            }
            j += "]}" + std::string(k + 1 < results.size() ? ",\n" : "\n");
        }
        j += "  ]\n}\n";
        out << j;
        return;
    }
    if (format == "csv") {
        std::string s = "set,hash,metric,key,value\n";
        auto row = [&](const SetResult& r, const std::string& metric, const std::string& key,
                       const std::string& value) {
            csv::append_row(s, {r.set.name, r.set.hash(), metric, key, value});
        };
        for (const SetResult& r : results) {
            row(r, "file", "", r.file);
            row(r, "engine", "", engine);
            row(r, "input", "", corpus.source);
            row(r, "text_bytes", "", std::to_string(corpus.arena.size()));
            row(r, "texts", "", std::to_string(corpus.count()));
            row(r, "compile_ms", "", fixed(r.compile_ms, 3));
            row(r, "cached_load_ms", "", r.cached_ms >= 0 ? fixed(r.cached_ms, 3) : "");
            row(r, "database_bytes", "", std::to_string(r.db_bytes));
            row(r, "batch_mb_per_s", "", r.batch_s > 0 ? fixed(mbps(text_mb, r.batch_s), 1) : "");
            row(r, "batch_time_vs_fastest", "", r.batch_s > 0 ? fixed(r.batch_s / best_batch, 3) : "");
            row(r, "per_text_mb_per_s", "", fixed(mbps(text_mb, r.per_text_s), 1));
            row(r, "per_text_time_vs_fastest", "", fixed(r.per_text_s / best_text, 3));
            row(r, "hits", "", std::to_string(r.hits));
            row(r, "texts_naming_a_platform", "", std::to_string(r.texts_named));
            for (size_t i = 0; i < r.set.platforms.size(); ++i) {
                row(r, "platform_mentions", r.set.platforms[i].id, std::to_string(r.platform_mentions[i]));
                row(r, "platform_texts", r.set.platforms[i].id, std::to_string(r.platform_texts[i]));
            }
            for (size_t i = 0; i < r.set.patterns.size(); ++i) {
                const Pattern& p = r.set.patterns[i];
                row(r, "pattern_hits", "line " + std::to_string(p.line) + " " + kind_of(p) + " " +
                                           (p.term ? "" : r.set.platforms[p.platform].id + " ") +
                                           p.expression,
                    std::to_string(r.pattern_hits[i]));
            }
        }
        out << s;
        return;
    }
    // Markdown
    std::string s = "# Pattern-set benchmark\n\n";
    s += "Input: " + md_cell(corpus.source) + " (" + corpus.format + ", " +
         thousands(corpus.archive_bytes) + " bytes): " + thousands(corpus.count()) +
         " non-empty texts from " + thousands(corpus.records) + " records (columns " +
         md_cell(columns) + "; dates from " +
         (corpus.date_column.empty() ? std::string("none: date windows not applied")
                                     : md_cell(corpus.date_column)) +
         "), " + fixed(text_mb, 1) + " MB of text";
    if (corpus.skipped) s += "; " + thousands(corpus.skipped) + " malformed records skipped";
    s += ".\nOne thread; best of " + std::to_string(bo.repeat) + " runs; " + engine + ", " +
         HyperscanMatcher::platform() + "; moscan " MOSCAN_VERSION +
         (bo.single_match ? "; single-match (count-only) databases" : "") + ".\n\n";
    s += "| |";
    for (const auto& r : results) s += " " + md_cell(r.set.name) + " |";
    s += "\n|---|";
    for (size_t i = 0; i < results.size(); ++i) s += "---:|";
    s += "\n";
    auto line = [&](const std::string& label, auto value) {
        s += "| " + label + " |";
        for (const auto& r : results) s += " " + value(r) + " |";
        s += "\n";
    };
    line("file", [](const SetResult& r) { return md_cell(r.file); });
    line("hash", [](const SetResult& r) { return r.set.hash(); });
    line("platforms / patterns", [](const SetResult& r) {
        return std::to_string(r.set.platforms.size()) + " / " + std::to_string(r.set.patterns.size());
    });
    line("compile ms", [](const SetResult& r) { return fixed(r.compile_ms, 1); });
    line("load from cache ms", [](const SetResult& r) {
        return r.cached_ms >= 0 ? fixed(r.cached_ms, 2) : "n/a";
    });
    line("database bytes", [](const SetResult& r) { return thousands(r.db_bytes); });
    if (bo.single_match)
        line("single-match patterns", [](const SetResult& r) { return std::to_string(r.single_patterns); });
    line("batched scan MB/s", [&](const SetResult& r) {
        return r.batch_s > 0 ? fixed(mbps(text_mb, r.batch_s), 1) : std::string("n/a");
    });
    line("batched: time vs fastest", [&](const SetResult& r) {
        return r.batch_s > 0 ? "×" + fixed(r.batch_s / best_batch, 2) : std::string("n/a");
    });
    line("per-text scan MB/s", [&](const SetResult& r) { return fixed(mbps(text_mb, r.per_text_s), 1); });
    line("per-text: time vs fastest", [&](const SetResult& r) {
        return "×" + fixed(r.per_text_s / best_text, 2);
    });
    line("hits", [](const SetResult& r) { return thousands(r.hits); });
    line("texts naming a platform", [](const SetResult& r) { return thousands(r.texts_named); });
    for (const auto& id : ids) {
        line(md_cell(names[id]) + ": mentions (texts)", [&](const SetResult& r) {
            int p = platform_of(r, id);
            if (p < 0) return std::string("-");
            return thousands(r.platform_mentions[static_cast<size_t>(p)]) + " (" +
                   thousands(r.platform_texts[static_cast<size_t>(p)]) + ")";
        });
    }
    s += "\nBatched: the texts NUL-joined in batches of ~" + std::to_string(bo.batch_bytes >> 20) +
         " MiB, one scan call per batch, as `moscan count` scans a chunk (n/a: the set needs "
         "one call per text: edit distance, single-match, or a pattern that can match NUL). "
         "Per-text: one call per text. Time vs fastest: this set's time over the fastest "
         "set's. Mentions and texts: over every text field of every record (no per-crime "
         "dedup).\n";
    for (const SetResult& r : results) {
        s += "\n## " + md_cell(r.set.name) + ": hits per pattern\n\n";
        s += "| line | kind | platform | pattern | hits |\n|---:|---|---|---|---:|\n";
        for (size_t i = 0; i < r.set.patterns.size(); ++i) {
            const Pattern& p = r.set.patterns[i];
            std::string opts;
            if (!p.caseless) opts += "case ";
            if (!p.whole_word) opts += "partial ";
            if (p.edit_distance) opts += "edit=" + std::to_string(p.edit_distance) + " ";
            s += "| " + std::to_string(p.line) + " | " + kind_of(p) + " | " +
                 (p.term ? std::string("-") : r.set.platforms[p.platform].id) + " | `" +
                 md_cell(p.expression) + "`" + (opts.empty() ? "" : " {" + opts.substr(0, opts.size() - 1) + "}") +
                 " | " + thousands(r.pattern_hits[i]) + " |\n";
        }
    }
    out << s;
}

int bench_command(const std::vector<std::string>& args) {
    po::options_description opts(
        "moscan patterns bench [options] FILE... --input ARCHIVE\n\nFor each pattern set: "
        "compile time (fresh, and loading from the database cache), database\nsize, scan "
        "throughput over the archive's text fields (NUL-joined ~4 MiB batches as the\npipeline "
        "scans them, and one call per text), hits per pattern and mentions per\nplatform. The "
        "archive's texts are loaded into memory once; one thread.\n\nOptions");
    // clang-format off
    opts.add_options()
        ("help,h", "show this help")
        ("input", po::value<std::string>(), "archive: CSV or JSON Lines file")
        ("text-column", po::value<std::vector<std::string>>(), "text column to scan; repeatable (default: as moscan count detects it)")
        ("date-column", po::value<std::string>(), "record date, for date-bound patterns (default: as moscan count detects it)")
        ("repeat", po::value<std::string>()->default_value("3"), "timed runs per set, 1 to 1000; the best is reported")
        ("batch-size", po::value<std::string>()->default_value("4M"), "batch size for the batched scan (1 byte to 1G)")
        ("single-match", "compile count-only databases (HS_FLAG_SINGLEMATCH, as moscan count --crimes-only); only per-text scanning applies")
        ("format", po::value<std::string>()->default_value("md"), "md, csv or json")
        ("output,o", po::value<std::string>(), "output file (default: standard output)");
    // clang-format on
    Args a(args, opts, po::options_description(), "file");
    const po::variables_map& vm = a.vm();
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    if (!vm.count("file")) throw UsageError("no pattern set given (moscan patterns bench --help)");
    if (!vm.count("input")) throw UsageError("--input ARCHIVE is required (moscan patterns bench --help)");
    std::string format = vm["format"].as<std::string>();
    if (format == "markdown") format = "md";
    if (format != "md" && format != "csv" && format != "json")
        throw UsageError("--format '" + format + "': expected md, csv or json");
    BenchOptions bo;
    bo.repeat = static_cast<int>(a.integer("repeat", 1, 1000));
    bo.batch_bytes = a.size("batch-size", 1, std::size_t{1} << 30);
    bo.single_match = vm.count("single-match") > 0;
    std::vector<std::string> files = vm["file"].as<std::vector<std::string>>();
    {
        std::vector<std::string> inputs = files;
        inputs.push_back(vm["input"].as<std::string>());
        check_outputs({{"-o", a.str("output")}}, inputs);
    }
    // Every set must load before the archive is read: a typo should not cost a long load.
    for (const auto& f : files) PatternSet::load(f);

    std::vector<std::string> texts;
    if (vm.count("text-column")) texts = vm["text-column"].as<std::vector<std::string>>();
    std::string date = vm.count("date-column") ? vm["date-column"].as<std::string>() : "";
    Corpus corpus = load_corpus(vm["input"].as<std::string>(), texts, date);

    // Batches as the pipeline builds them: each text followed by a NUL.
    std::vector<std::string> batches(1);
    for (std::size_t i = 0; i < corpus.count(); ++i) {
        if (!batches.back().empty() && batches.back().size() + corpus.text(i).size() > bo.batch_bytes)
            batches.emplace_back();
        batches.back().append(corpus.text(i));
        batches.back().push_back('\0');
    }
    std::vector<SetResult> results;
    for (const auto& f : files) results.push_back(bench_set(f, corpus, batches, bo));

    OutputFile file(vm.count("output") ? vm["output"].as<std::string>() : "");
    write_bench(file.stream(), format, corpus, results, bo);
    file.commit();
    return 0;
}

// ---------------------------------------------------------------------------------------------
// variants: misspellings as literals

// The default dictionary: the first of these that exists (Debian's wbritish, wamerican).
std::string default_dictionary() {
    for (const char* p : {"/usr/share/dict/british-english", "/usr/share/dict/american-english",
                          "/usr/share/dict/words"}) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p;
    }
    return "";
}

int variants_command(const std::vector<std::string>& args) {
    po::options_description opts(
        "moscan patterns variants [options] WORD...\n\nFor each word, prints every spelling at "
        "edit distance 1 (one letter deleted, inserted\nor substituted by a-z, or two adjacent "
        "letters swapped), lower case, sorted, less\nthe real words of a dictionary and the word "
        "itself, as `pattern` lines of\nliterals (one line per length, which Hyperscan compiles "
        "fast) to paste under the\nplatform in a .pat file, "
        "with a comment line before it\nsaying how many variants were dropped as dictionary "
        "words (docs/patterns.md,\n\"Edit distance\").\n\nOptions");
    opts.add_options()("help,h", "show this help")(
        "dict", po::value<std::string>(),
        "word list, one word a line (default: /usr/share/dict/british-english, else "
        "american-english, else words)")("keep-words",
                                         "keep variants that are dictionary words (no dictionary "
                                         "needed)")(
        "min-length", po::value<std::string>()->default_value("6"),
        "refuse shorter words (1 to 100): their variants are mostly other words or names")(
        "one-per-line", "one `pattern` line per variant instead of one alternation per length");
    Args a(args, opts, po::options_description(), "word");
    const po::variables_map& vm = a.vm();
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    if (!vm.count("word")) throw UsageError("no word given (moscan patterns variants --help)");
    const int min_length = static_cast<int>(a.integer("min-length", 1, 100));
    const bool keep = vm.count("keep-words") > 0;
    std::vector<std::string> words;
    for (const auto& raw : vm["word"].as<std::vector<std::string>>()) {
        std::string w;
        for (char c : raw) w.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
        for (char c : w)
            if (c < 'a' || c > 'z')
                throw UsageError("'" + raw + "': a word must be letters a-z only (write other " +
                                 "spellings, e.g. with a space or hyphen, as patterns)");
        if (static_cast<int>(w.size()) < min_length)
            throw UsageError("'" + raw + "' has " + std::to_string(w.size()) +
                             " letters: the edit-1 variants of words under " +
                             std::to_string(min_length) +
                             " letters are mostly real words or other names (--min-length " +
                             std::to_string(w.size()) + " to list them anyway)");
        words.push_back(std::move(w));
    }
    std::string dict_file;
    std::unordered_set<std::string> dict;
    if (!keep) {
        dict_file = vm.count("dict") ? vm["dict"].as<std::string>() : default_dictionary();
        if (dict_file.empty())
            throw UsageError("no dictionary: none of /usr/share/dict/british-english, "
                             "american-english or words exists (apt-get install wbritish), so "
                             "give --dict FILE, or --keep-words to keep every variant");
        std::ifstream in(dict_file, std::ios::binary);
        if (!in) throw IoError(dict_file + ": cannot open dictionary");
        std::string line;
        while (std::getline(in, line)) {
            std::string w;
            for (char c : line)
                if (c != '\r') w.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
            if (!w.empty()) dict.insert(std::move(w));
        }
        if (in.bad()) throw IoError(dict_file + ": read error");
    }
    for (const std::string& w : words) {
        std::vector<std::string> all = edit1_variants(w), kept, dropped;
        for (auto& v : all) (dict.count(v) ? dropped : kept).push_back(std::move(v));
        std::cout << "# " << w << ": " << all.size() << " edit-distance-1 variants; "
                  << (keep ? std::string("dictionary words kept")
                           : std::to_string(dropped.size()) + " dropped as words of " +
                                 dict_file);
        for (std::size_t i = 0; i < dropped.size(); ++i)
            std::cout << (i ? ", " : ": ") << dropped[i];
        if (vm.count("one-per-line")) {
            std::cout << "\n";
            for (const auto& v : kept) std::cout << "pattern " << v << "\n";
            continue;
        }
        // One alternation per length: a list of literals of one width compiles as literals
        // with its word boundaries checked on the hit (matchers/hyperscan_matcher.cpp);
        // one list of mixed widths inside \b...\b takes Hyperscan seconds per word.
        std::stable_sort(kept.begin(), kept.end(),
                         [](const std::string& x, const std::string& y) { return x.size() < y.size(); });
        for (std::size_t i = 0; i < kept.size(); ++i) {
            const bool first = i == 0 || kept[i].size() != kept[i - 1].size();
            std::cout << (first ? "\npattern " : "|") << kept[i];
        }
        std::cout << "\n";
    }
    if (!std::cout) throw IoError("write failed");
    return 0;
}

} // namespace

int patterns_command(const std::vector<std::string>& args) {
    if (args.empty()) {
        std::cerr << kUsage;
        return static_cast<int>(ExitCode::usage);
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "check") return check_command(rest);
    if (args[0] == "bench") return bench_command(rest);
    if (args[0] == "variants") return variants_command(rest);
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return 0;
    }
    throw UsageError("unknown patterns command '" + args[0] + "'\n" + kUsage);
}

} // namespace moscan::cli
