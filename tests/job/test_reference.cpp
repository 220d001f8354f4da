// End to end against an independent reference: the full table of a generated archive equals
// the table computed here by a separate, deliberately plain implementation.
//
// The reference shares nothing with the pipeline except the NaiveMatcher and MentionCounter
// (the reference matcher, tested against Hyperscan and hand tables in test_matchers.cpp).
// It has its own CSV and JSON readers, code normalisation, date parsing, per-crime fold
// (std::map, exact strings) and table building, written from the documentation:
//   pipeline/job/count_job.hpp  row filters first: offence code, then date; invalid rows rejected
//   pipeline/fold/crime_fold.hpp earliest date (ties: the code listed first), any child victim,
//                           distinct texts counted once
//   pipeline/reduce/reducer.hpp    platform rows with crimes > 0 in set order, then ANY and TOTAL,
//                           every period x selected group even when zero
//   /work/shared/DESIGN.md  a crime's text is the union of its records' text fields: a
//                           field value repeated on several rows counts once
// The generator's truth file is used only as a sanity check of the pattern set, with a
// tolerance: the set is not perfect.
#include "generator/synth.hpp"
#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "pipeline/base/bundled.hpp"
#include "pipeline/job/count_job.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace moscan {
namespace {

// --------------------------------------------------------------------------------------------
// Plain helpers, written for this test.

std::string trim_ws(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
        --e;
    return s.substr(b, e - b);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// RFC 4180: fields separated by ',', records by LF or CRLF, '"' quotes a field and '""' inside
// quotes is one '"'. Returns the records (header included); skips a leading BOM.
std::vector<std::vector<std::string>> read_csv(const std::string& text, int& blank_lines) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, field_started = false;
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    blank_lines = 0;
    auto end_record = [&] {
        record.push_back(field);
        if (record.size() == 1 && record[0].empty() && !field_started) ++blank_lines;
        else records.push_back(record);
        record.clear();
        field.clear();
        field_started = false;
    };
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            field_started = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
            field_started = true;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            // CRLF: the LF ends the record
        } else if (c == '\n') {
            end_record();
        } else {
            field += c;
            field_started = true;
        }
    }
    REQUIRE_FALSE(quoted);
    if (!field.empty() || !record.empty() || field_started) end_record();
    return records;
}

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct JsonValue {
    std::string text; // strings unescaped; numbers and literals as written; null empty
    bool null = false;
};

// One flat JSON object per line: string keys; string, number, true/false or null values.
std::map<std::string, JsonValue> read_json_object(const std::string& line) {
    std::map<std::string, JsonValue> obj;
    size_t i = 0;
    auto need = [&](bool ok) {
        if (!ok) throw std::runtime_error("reference JSON reader: bad line: " + line);
    };
    auto skip_ws = [&] {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    };
    auto read_string = [&] {
        need(line[i] == '"');
        ++i;
        std::string s;
        while (true) {
            need(i < line.size());
            char c = line[i++];
            if (c == '"') break;
            if (c != '\\') {
                s += c;
                continue;
            }
            char e = line[i++];
            switch (e) {
            case 'n': s += '\n'; break;
            case 'r': s += '\r'; break;
            case 't': s += '\t'; break;
            case 'b': s += '\b'; break;
            case 'f': s += '\f'; break;
            case 'u': {
                unsigned cp = static_cast<unsigned>(std::stoul(line.substr(i, 4), nullptr, 16));
                i += 4;
                append_utf8(s, cp);
                break;
            }
            default: s += e; // '"', '\\', '/'
            }
        }
        return s;
    };
    skip_ws();
    need(line[i] == '{');
    ++i;
    while (true) {
        skip_ws();
        if (line[i] == '}') break;
        std::string key = read_string();
        skip_ws();
        need(line[i] == ':');
        ++i;
        skip_ws();
        JsonValue v;
        if (line[i] == '"') {
            v.text = read_string();
        } else {
            size_t start = i;
            while (i < line.size() && line[i] != ',' && line[i] != '}') ++i;
            v.text = trim_ws(line.substr(start, i - start));
            if (v.text == "null") {
                v.text.clear();
                v.null = true;
            }
        }
        obj[key] = v;
        skip_ws();
        if (line[i] == ',') ++i;
    }
    return obj;
}

// Offence codes: upper case, no spaces, leading zeros of each '/'-separated number dropped.
std::string canonical_code(const std::string& raw) {
    std::string s;
    for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        s += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    std::string out;
    size_t start = 0;
    while (true) {
        size_t slash = s.find('/', start);
        std::string part = s.substr(start, slash == std::string::npos ? std::string::npos
                                                                      : slash - start);
        while (part.size() > 1 && part[0] == '0' && part[1] >= '0' && part[1] <= '9')
            part.erase(0, 1);
        out += part;
        if (slash == std::string::npos) break;
        out += '/';
        start = slash + 1;
    }
    return out;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_ymd(int y, int m, int d) {
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    return d <= len[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

// Reads exactly `n` digits at s[i].
bool digits(const std::string& s, size_t& i, size_t n, int& v) {
    v = 0;
    for (size_t k = 0; k < n; ++k, ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    return true;
}

// dd/mm/yyyy [HH:MM[:SS]] (d and m with 1 or 2 digits) or yyyy-mm-dd[(T| )HH:MM[:SS]], as
// yyyymmdd; -1 if invalid. The time must be valid but is not kept.
int date_key(const std::string& raw) {
    std::string s = trim_ws(raw);
    int y = 0, m = 0, d = 0;
    size_t i = 0;
    if (s.size() >= 10 && s[4] == '-') {
        if (!digits(s, i, 4, y) || s[i++] != '-' || !digits(s, i, 2, m) || i >= s.size() ||
            s[i++] != '-' || !digits(s, i, 2, d))
            return -1;
    } else {
        size_t slash1 = s.find('/');
        if (slash1 == std::string::npos || slash1 == 0 || slash1 > 2) return -1;
        if (!digits(s, i, slash1, d) || s[i++] != '/') return -1;
        size_t slash2 = s.find('/', i);
        if (slash2 == std::string::npos || slash2 == i || slash2 - i > 2) return -1;
        if (!digits(s, i, slash2 - i, m) || s[i++] != '/' || !digits(s, i, 4, y)) return -1;
    }
    if (i < s.size()) {
        if (s[i] != ' ' && s[i] != 'T') return -1;
        ++i;
        while (i < s.size() && s[i] == ' ') ++i;
        int hh = 0, mm = 0, ss = 0;
        if (!digits(s, i, 2, hh) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, mm))
            return -1;
        if (i < s.size()) {
            if (s[i++] != ':' || !digits(s, i, 2, ss) || i != s.size()) return -1;
        }
        if (hh > 23 || mm > 59 || ss > 59) return -1;
    }
    if (!valid_ymd(y, m, d)) return -1;
    return y * 10000 + m * 100 + d;
}

enum class Age { child, adult, unknown, invalid };

Age classify(const JsonValue& v, int max_age) {
    std::string s = lower(trim_ws(v.text));
    if (v.null || s.empty() || s == "n/k" || s == "nk" || s == "unknown" || s == "u" ||
        s == "not known" || s == "null" || s == "n/a" || s == "-")
        return Age::unknown;
    if (s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos)
        return Age::invalid;
    int age = std::stoi(s);
    return age <= max_age ? Age::child : Age::adult;
}

// --------------------------------------------------------------------------------------------
// The reference computation.

struct RefPeriod {
    std::string name;
    int first, last; // yyyymmdd, inclusive
};

struct RefCode {
    std::string code, group;
};

struct RefCrime {
    int date = INT_MAX;
    int code = INT_MAX; // index in the code list
    bool child = false;
    std::uint64_t rows = 0;
    // Distinct texts: (text column, value). A value repeated in one column on several rows
    // is one text; the same words in another column are recorded separately.
    std::set<std::pair<size_t, std::string>> texts;
};

struct RefCounts {
    std::uint64_t read = 0, blank = 0, out_code = 0, out_date = 0, out_age = 0, used = 0;
    std::uint64_t rejected_invalid_date = 0, rejected_other = 0;
    std::uint64_t crimes_in_scope = 0, crimes_online = 0, crimes_out_age = 0;
};

// A record as the reference sees it: field values by role.
struct RefRecord {
    JsonValue id, date, code, age;
    std::vector<std::string> texts;
};

class Reference {
public:
    Reference() : set_(PatternSet::parse(bundled::platforms, "bundled")), naive_(set_),
                  counter_(set_), scratch_(naive_.make_scratch()) {
        // patterns/home_office_codes.csv: header, '#' comments, code,group,description.
        std::istringstream in{std::string(bundled::home_office_codes)};
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            if (trim_ws(line).empty() || line[0] == '#') continue;
            size_t c1 = line.find(','), c2 = line.find(',', c1 + 1);
            RefCode rc{canonical_code(line.substr(0, c1)), line.substr(c1 + 1, c2 - c1 - 1)};
            bool known = false;
            for (const auto& g : groups_) known |= g == rc.group;
            if (!known) groups_.push_back(rc.group);
            codes_.push_back(rc);
        }
    }

    const PatternSet& set() const { return set_; }
    const std::vector<RefCode>& codes() const { return codes_; }
    const std::vector<std::string>& groups() const { return groups_; }

    // Mentions per platform of one text on a record of `day` (days since 1970-01-01: the
    // set's validity windows, e.g. X for Twitter from 2023-07-24, depend on it). Cached: the
    // same texts recur. The generated archives' dates all fall before any window of the
    // bundled set opens, so the crime's date stands for each of its rows' dates here (a text
    // "on X (formerly Twitter)" of 2020 names Twitter once).
    const std::vector<unsigned>& mentions(const std::string& text,
                                          std::int32_t day = MentionCounter::kNoDay) {
        const std::string key = std::to_string(day) + '\n' + text;
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        std::vector<unsigned> m(set_.platforms.size(), 0);
        hits_.clear();
        naive_.scan(text, *scratch_, hits_);
        counter_.count(hits_, counts_, day);
        for (const auto& pc : counts_) m[pc.platform] = pc.mentions;
        return cache_.emplace(key, std::move(m)).first->second;
    }

    int code_index(const std::string& canonical) const {
        for (size_t i = 0; i < codes_.size(); ++i)
            if (codes_[i].code == canonical) return static_cast<int>(i);
        return -1;
    }

private:
    PatternSet set_;
    NaiveMatcher naive_;
    MentionCounter counter_;
    std::unique_ptr<Scratch> scratch_;
    std::vector<Hit> hits_;
    std::vector<PlatformCount> counts_;
    std::vector<RefCode> codes_;
    std::vector<std::string> groups_;
    std::unordered_map<std::string, std::vector<unsigned>> cache_;
};

// Days since 1970-01-01 of a yyyymmdd key (the matcher's validity windows count days), by
// the standard library's calendar rather than the project's date code.
std::int32_t epoch_day(int yyyymmdd) {
    const std::chrono::year_month_day ymd{std::chrono::year{yyyymmdd / 10000},
                                          std::chrono::month{unsigned(yyyymmdd / 100 % 100)},
                                          std::chrono::day{unsigned(yyyymmdd % 100)}};
    return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

Reference& reference() {
    static Reference r;
    return r;
}

// The records of a generated archive, in file order.
std::vector<RefRecord> read_records(const std::string& content, bool jsonl, int& blank) {
    std::vector<RefRecord> out;
    const std::vector<std::string> text_columns = {"MOText", "Notes"};
    if (!jsonl) {
        auto rows = read_csv(content, blank);
        REQUIRE(!rows.empty());
        const auto& header = rows[0];
        auto col = [&](const std::string& name) {
            for (size_t i = 0; i < header.size(); ++i)
                if (header[i] == name) return i;
            FAIL("no column " << name);
            return size_t{0};
        };
        size_t id = col("CrimeRef"), date = col("DateRecorded"), code = col("HOCode"),
               age = col("VictimAge");
        std::vector<size_t> texts;
        for (const auto& t : text_columns) texts.push_back(col(t));
        for (size_t r = 1; r < rows.size(); ++r) {
            if (rows[r].size() != header.size())
                throw std::runtime_error("reference CSV reader: bad field count in record " +
                                         std::to_string(r + 1));
            RefRecord rec;
            rec.id.text = rows[r][id];
            rec.date.text = rows[r][date];
            rec.code.text = rows[r][code];
            rec.age.text = rows[r][age];
            for (size_t t : texts) rec.texts.push_back(rows[r][t]);
            out.push_back(std::move(rec));
        }
    } else {
        blank = 0;
        std::istringstream in(content);
        std::string line;
        while (std::getline(in, line)) {
            if (trim_ws(line).empty()) {
                ++blank;
                continue;
            }
            auto obj = read_json_object(line);
            RefRecord rec;
            rec.id = obj["CrimeRef"];
            rec.date = obj["DateRecorded"];
            rec.code = obj["HOCode"];
            if (obj.count("VictimAge")) rec.age = obj["VictimAge"];
            else rec.age.null = true;
            for (const auto& t : text_columns) rec.texts.push_back(obj[t].text);
            out.push_back(std::move(rec));
        }
    }
    return out;
}

struct RefResult {
    std::map<std::string, RefCrime> crimes;
    RefCounts counts;
};

// Row filters and the per-crime fold.
RefResult fold(const std::vector<RefRecord>& records, const std::vector<RefPeriod>& periods,
               int max_age, int blank) {
    Reference& ref = reference();
    RefResult res;
    res.counts.blank = static_cast<std::uint64_t>(blank);
    for (const RefRecord& r : records) {
        ++res.counts.read;
        std::string id = trim_ws(r.id.text);
        std::string code_raw = trim_ws(r.code.text);
        if (id.empty() || code_raw.empty()) {
            ++res.counts.rejected_other;
            continue;
        }
        int code = ref.code_index(canonical_code(code_raw));
        if (code < 0) { // every group is selected
            ++res.counts.out_code;
            continue;
        }
        int day = date_key(r.date.text);
        if (day < 0) {
            if (trim_ws(r.date.text).empty()) ++res.counts.rejected_other;
            else ++res.counts.rejected_invalid_date;
            continue;
        }
        bool in_period = false;
        for (const auto& p : periods) in_period |= day >= p.first && day <= p.last;
        if (!in_period) {
            ++res.counts.out_date;
            continue;
        }
        Age age = classify(r.age, max_age);
        if (age == Age::invalid) {
            ++res.counts.rejected_other;
            continue;
        }
        RefCrime& c = res.crimes[id];
        if (day < c.date || (day == c.date && code < c.code)) {
            c.date = day;
            c.code = code;
        }
        c.child |= age == Age::child;
        ++c.rows;
        for (size_t t = 0; t < r.texts.size(); ++t) c.texts.insert({t, r.texts[t]});
    }
    return res;
}

struct RefCell {
    std::vector<std::uint64_t> crimes, mentions;
    // any/sum: crimes and mentions of the listed platforms; online/online_sum: of every
    // platform, the outside-any ones (other online services) included.
    std::uint64_t any = 0, total = 0, sum = 0, online = 0, online_sum = 0;
};

// The long table for a breakdown by period, group and optionally code.
std::vector<TableRow> ref_table(RefResult& res, const std::vector<RefPeriod>& periods,
                                bool by_code) {
    Reference& ref = reference();
    const size_t np = ref.set().platforms.size();
    std::map<std::tuple<size_t, size_t, int>, RefCell> cells;
    auto cell = [&](size_t p, size_t g, int code) -> RefCell& {
        RefCell& c = cells[{p, g, code}];
        if (c.crimes.empty()) {
            c.crimes.assign(np, 0);
            c.mentions.assign(np, 0);
        }
        return c;
    };
    if (!by_code)
        for (size_t p = 0; p < periods.size(); ++p)
            for (size_t g = 0; g < ref.groups().size(); ++g) cell(p, g, -1);

    for (auto& [id, c] : res.crimes) {
        if (!c.child) {
            res.counts.out_age += c.rows;
            ++res.counts.crimes_out_age;
            continue;
        }
        res.counts.used += c.rows;
        ++res.counts.crimes_in_scope;
        std::vector<std::uint64_t> total(np, 0);
        for (const auto& t : c.texts) {
            const auto& m = ref.mentions(t.second, epoch_day(c.date));
            for (size_t p = 0; p < np; ++p) total[p] += m[p];
        }
        std::uint64_t sum = 0, online_sum = 0;
        for (size_t p = 0; p < np; ++p) {
            online_sum += total[p];
            if (!ref.set().platforms[p].outside_any) sum += total[p];
        }
        res.counts.crimes_online += online_sum > 0;
        size_t g = 0;
        while (ref.groups()[g] != ref.codes()[static_cast<size_t>(c.code)].group) ++g;
        for (size_t p = 0; p < periods.size(); ++p) {
            if (c.date < periods[p].first || c.date > periods[p].last) continue;
            RefCell& cl = cell(p, g, by_code ? c.code : -1);
            ++cl.total;
            cl.sum += sum;
            cl.online_sum += online_sum;
            if (sum > 0) ++cl.any;
            if (online_sum > 0) ++cl.online;
            for (size_t i = 0; i < np; ++i) {
                cl.crimes[i] += total[i] > 0;
                cl.mentions[i] += total[i];
            }
        }
    }

    std::vector<TableRow> rows;
    for (const auto& [key, cl] : cells) {
        auto [p, g, code] = key;
        TableRow base;
        base.period = periods[p].name;
        base.group = ref.groups()[g];
        base.code = code < 0 ? "ALL" : ref.codes()[static_cast<size_t>(code)].code;
        for (size_t i = 0; i < np; ++i) {
            if (cl.crimes[i] == 0) continue;
            TableRow r = base;
            r.platform = ref.set().platforms[i].id;
            r.crimes = cl.crimes[i];
            r.mentions = cl.mentions[i];
            rows.push_back(r);
        }
        TableRow any = base, total = base;
        any.platform = "ANY";
        any.crimes = cl.any;
        any.mentions = cl.sum;
        total.platform = "TOTAL";
        total.crimes = cl.total;
        total.mentions = cl.sum; // crimes without a platform have no mentions
        rows.push_back(any);
        // ONLINE: listed or another online service; only when the set has outside-any ones.
        bool outside = false;
        for (const auto& pl : ref.set().platforms) outside = outside || pl.outside_any;
        if (outside) {
            TableRow online = base;
            online.platform = "ONLINE";
            online.crimes = cl.online;
            online.mentions = cl.online_sum;
            rows.push_back(online);
        }
        rows.push_back(total);
    }
    return rows;
}

std::string show(const TableRow& r) {
    std::ostringstream s;
    s << r.period << ',' << r.group << ',' << r.code << ',' << r.platform << ',' << r.crimes << ','
      << r.mentions;
    return s.str();
}

void compare_tables(const std::vector<TableRow>& got, const std::vector<TableRow>& want) {
    CHECK(got.size() == want.size());
    int shown = 0;
    for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
        std::string g = i < got.size() ? show(got[i]) : "(missing)";
        std::string w = i < want.size() ? show(want[i]) : "(missing)";
        if (g != w && shown++ < 10) FAIL_CHECK("row " << i << ": got " << g << ", expected " << w);
    }
    CHECK(shown == 0);
}

// --------------------------------------------------------------------------------------------
// The archives, generated once.

struct Generated {
    std::unique_ptr<test::TempFile> file;
    std::string content, truth;
    synth::Stats stats;
};

const Generated& archive(synth::Format format) {
    static std::map<synth::Format, Generated> made;
    auto it = made.find(format);
    if (it != made.end()) return it->second;
    synth::Options o;
    o.seed = 20201207;
    o.target_bytes = 3u << 20;
    o.format = format;
    std::ostringstream data, truth;
    Generated g;
    g.stats = synth::generate(o, data, &truth);
    g.content = data.str();
    g.truth = truth.str();
    g.file = std::make_unique<test::TempFile>(
        g.content, format == synth::Format::csv ? "archive.csv" : "archive.jsonl");
    return made.emplace(format, std::move(g)).first->second;
}

const std::vector<RefPeriod> kPeriods = {{"2019-10..2020-03", 20191001, 20200331},
                                         {"2020-04..2020-09", 20200401, 20200930}};

CountOptions foi_options(const std::string& path, std::vector<std::string> by) {
    CountOptions o = test::basic_options(path);
    o.periods.add(Periods::parse("2019-10..2020-03=2019-10-01..2020-03-31"));
    o.periods.add(Periods::parse("2020-04..2020-09=2020-04-01..2020-09-30"));
    o.max_age = 17;
    o.columns.texts = {"MOText", "Notes"};
    o.by = std::move(by);
    o.threads = 2;
    o.chunk_bytes = 256 * 1024; // several chunks, so that crimes are split between threads
    return o;
}

void check_summary(const Summary& s, const RefCounts& c) {
    CHECK(s.rows.read == c.read);
    CHECK(s.rows.blank_lines == c.blank);
    CHECK(s.rows.out_code == c.out_code);
    CHECK(s.rows.out_date == c.out_date);
    CHECK(s.out_age == c.out_age);
    CHECK(s.rows_used == c.used);
    CHECK(s.rows.rejected[static_cast<size_t>(Reject::invalid_date)] == c.rejected_invalid_date);
    CHECK(s.rows_rejected() == c.rejected_invalid_date + c.rejected_other);
    CHECK(s.crimes_in_scope == c.crimes_in_scope);
    CHECK(s.crimes_online == c.crimes_online);
    CHECK(s.crimes_out_of_scope_age == c.crimes_out_age);
    CHECK(c.read == c.used + c.out_code + c.out_date + c.out_age + c.rejected_invalid_date +
                        c.rejected_other);
}

// Sanity of the archive itself, so that the comparison is not vacuous.
void check_coverage(const RefResult& res, const std::vector<TableRow>& table) {
    CHECK(res.counts.read > 5000);
    CHECK(res.counts.out_code > 0);
    CHECK(res.counts.out_date > 0);
    CHECK(res.counts.out_age > 0);
    CHECK(res.counts.rejected_invalid_date > 0);
    CHECK(res.counts.crimes_online > 200);
    std::set<std::string> platforms;
    for (const auto& r : table)
        if (r.platform != "ANY" && r.platform != "ONLINE" && r.platform != "TOTAL")
            platforms.insert(r.platform);
    CHECK(platforms.size() == reference().set().platforms.size()); // every one, other_online too
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Counts the generated archive with `o` and compares the table and the run summary with the
// reference computed independently from the same bytes.
struct Compared {
    CountResult result;
    RefResult ref;
    std::vector<TableRow> want;
};
Compared count_and_compare(const Generated& g, bool jsonl, CountOptions o, bool by_code) {
    CountJob job(std::move(o), Engine::hyperscan);
    Compared c{job.run(), {}, {}};
    int blank = 0;
    auto records = read_records(g.content, jsonl, blank);
    CHECK(records.size() == g.stats.rows);
    c.ref = fold(records, kPeriods, 17, blank);
    c.want = ref_table(c.ref, kPeriods, by_code);
    compare_tables(c.result.rows, c.want);
    check_summary(c.result.summary, c.ref.counts);
    return c;
}

} // namespace

TEST_CASE("reference: FOI table of a generated CSV archive, by period and group") {
    auto t0 = std::chrono::steady_clock::now();
    const Generated& g = archive(synth::Format::csv);
    REQUIRE(g.content.size() >= (3u << 20));
    const Compared c =
        count_and_compare(g, false, foi_options(g.file->path(), {"period", "group"}), false);
    const RefResult& res = c.ref;
    check_coverage(res, c.want);
    MESSAGE("CSV " << g.content.size() << " bytes, " << res.counts.read << " rows, "
                   << res.crimes.size() << " crimes formed, " << res.counts.crimes_in_scope
                   << " in scope, " << res.counts.crimes_online << " online; "
                   << seconds_since(t0) << " s");
}

TEST_CASE("reference: FOI table of a generated CSV archive, by period, group and code, crime state spilled") {
    const Generated& g = archive(synth::Format::csv);
    // With crime state spilled to disk many times over: the table must not change.
    CountOptions o = foi_options(g.file->path(), {"period,group,code"});
    o.crime_memory = 8u << 10;
    const Compared c = count_and_compare(g, false, std::move(o), true);
    MESSAGE("spills " << c.result.summary.spills << ", " << c.result.summary.spilled_bytes << " bytes");
    CHECK(c.result.summary.spills >= 4);
    const std::vector<TableRow>& want = c.want;
    // Every period x group has crimes here, so the code breakdown leaves none of them out.
    std::set<std::pair<std::string, std::string>> cells;
    for (const auto& r : want) cells.insert({r.period, r.group});
    CHECK(cells.size() == kPeriods.size() * reference().groups().size());
}

TEST_CASE("reference: FOI table with many deferred rows read back, CSV and JSON Lines") {
    // Small chunks over three threads split many crimes, so that many adult rows are deferred
    // and then read back from the file because a child victim's row of their crime came in
    // another chunk; a small crime budget spills the deferred rows and resolves them in
    // batches. The table must not change.
    for (bool jsonl : {false, true}) {
        CAPTURE(jsonl);
        const Generated& g = archive(jsonl ? synth::Format::jsonl : synth::Format::csv);
        CountOptions o = foi_options(g.file->path(), {"period,group,code"});
        o.chunk_bytes = 4096;
        o.threads = 3;
        o.crime_memory = 16u << 10;
        const Compared c = count_and_compare(g, jsonl, std::move(o), true);
        const Summary& st = c.result.summary;
        MESSAGE("rows deferred " << st.rows_deferred << ", read back " << st.rows_read_back
                                 << ", spills " << st.spills);
        CHECK(st.rows_deferred > 100);
        CHECK(st.rows_read_back > 10);
        CHECK(st.rows_read_back < st.rows_deferred);
        CHECK(c.result.summary.spills >= 4);
    }
}

TEST_CASE("reference: FOI table of a generated JSON Lines archive") {
    const Generated& g = archive(synth::Format::jsonl);
    REQUIRE(g.content.size() >= (3u << 20));
    const Compared c =
        count_and_compare(g, true, foi_options(g.file->path(), {"period", "group"}), false);
    check_coverage(c.ref, c.want);
}

TEST_CASE("reference: a text field repeated on a crime's rows counts once") {
    // A crime's text is the union of its records' text fields (DESIGN.md): the note repeated on
    // the continuation row (new MO, same Notes) is one text, so Facebook is recorded once, not
    // twice. The generator's truth counts it once too. The first two rows are victim rows
    // repeating the whole record.
    test::TempFile in("CrimeRef,DateRecorded,HOCode,VictimAge,MOText,Notes\n"
                      "C1,01/05/2020,71/17,14,SUSP met IP on Snapchat,Screenshots from Facebook\n"
                      "C1,01/05/2020,71/17,15,SUSP met IP on Snapchat,Screenshots from Facebook\n"
                      "C1,03/05/2020,071/17,14,SUSP moved the chat to WhatsApp,"
                      "Screenshots from Facebook\n");
    CountOptions o = test::basic_options(in.path());
    o.columns.texts = {"MOText", "Notes"};
    CountResult r = CountJob(o).run();
    const std::vector<std::string> want = {
        "ALL,sexual,ALL,facebook,1,1", "ALL,sexual,ALL,whatsapp,1,1",
        "ALL,sexual,ALL,snapchat,1,1", "ALL,sexual,ALL,ANY,1,3",
        "ALL,sexual,ALL,ONLINE,1,3",   "ALL,sexual,ALL,TOTAL,1,3",
        "ALL,images,ALL,ANY,0,0",      "ALL,images,ALL,ONLINE,0,0",
        "ALL,images,ALL,TOTAL,0,0"};
    std::vector<std::string> got;
    for (const auto& row : r.rows) got.push_back(show(row));
    // Platform rows come in set order: facebook, whatsapp, snapchat.
    std::string shown;
    for (const auto& g : got) shown += "\n  " + g;
    CHECK_MESSAGE(got == want, "table:" << shown);
}

TEST_CASE("reference: the pattern set against the generator's truth (tolerance)") {
    // Over every crime of the archive, ignoring scope: the platforms the truth file lists
    // against the platforms found in the crime's distinct texts by the reference matcher.
    const Generated& g = archive(synth::Format::csv);
    Reference& ref = reference();
    const size_t np = ref.set().platforms.size();

    int blank = 0;
    std::map<std::string, std::set<std::string>> texts;
    for (const auto& r : read_records(g.content, false, blank))
        for (const auto& t : r.texts) texts[r.id.text].insert(t);

    int truth_blank = 0;
    auto truth = read_csv(g.truth, truth_blank);
    REQUIRE(truth.size() > 1);
    REQUIRE(truth[0] == std::vector<std::string>{"crime_id", "platforms", "mentions"});
    CHECK(truth.size() - 1 == texts.size());
    CHECK(truth.size() - 1 == g.stats.crimes);

    std::vector<std::uint64_t> tp(np), fp(np), fn(np), truth_mentions(np), found_mentions(np);
    std::uint64_t exact_mentions = 0, crimes = 0;
    for (size_t r = 1; r < truth.size(); ++r) {
        if (truth[r].size() != 3) FAIL("truth line " << r + 1 << " has not 3 fields");
        auto it = texts.find(truth[r][0]);
        if (it == texts.end()) FAIL("truth names an unknown crime " << truth[r][0]);
        ++crimes;
        std::vector<std::uint64_t> want(np, 0), got(np, 0);
        std::istringstream items(truth[r][2]);
        std::string item;
        while (std::getline(items, item, ';')) {
            size_t colon = item.find(':');
            int p = ref.set().find_platform(item.substr(0, colon));
            if (p < 0) FAIL("truth names an unknown platform: " << item);
            want[static_cast<size_t>(p)] = std::stoul(item.substr(colon + 1));
        }
        for (const auto& t : it->second) {
            const auto& m = ref.mentions(t);
            for (size_t p = 0; p < np; ++p) got[p] += m[p];
        }
        // The generator labels the 16 listed platforms only: an other-online find is not
        // scored against it (it does not speak about those services).
        for (size_t p = 0; p < np; ++p)
            if (ref.set().platforms[p].outside_any) got[p] = 0;
        exact_mentions += want == got;
        for (size_t p = 0; p < np; ++p) {
            tp[p] += want[p] > 0 && got[p] > 0;
            fp[p] += want[p] == 0 && got[p] > 0;
            fn[p] += want[p] > 0 && got[p] == 0;
            truth_mentions[p] += want[p];
            found_mentions[p] += got[p];
        }
    }
    std::uint64_t TP = 0, FP = 0, FN = 0;
    for (size_t p = 0; p < np; ++p) {
        TP += tp[p];
        FP += fp[p];
        FN += fn[p];
        double precision = tp[p] + fp[p] ? double(tp[p]) / double(tp[p] + fp[p]) : 1.0;
        double recall = tp[p] + fn[p] ? double(tp[p]) / double(tp[p] + fn[p]) : 1.0;
        char line[160];
        std::snprintf(line, sizeof line,
                      "%-14s crimes: truth %5llu found %5llu  precision %.3f recall %.3f  "
                      "mentions: truth %5llu found %5llu",
                      ref.set().platforms[p].id.c_str(),
                      static_cast<unsigned long long>(tp[p] + fn[p]),
                      static_cast<unsigned long long>(tp[p] + fp[p]), precision, recall,
                      static_cast<unsigned long long>(truth_mentions[p]),
                      static_cast<unsigned long long>(found_mentions[p]));
        MESSAGE(line);
        if (!ref.set().platforms[p].outside_any) CHECK(tp[p] > 0);
    }
    double precision = double(TP) / double(TP + FP), recall = double(TP) / double(TP + FN);
    MESSAGE("micro precision " << precision << ", recall " << recall << " over " << crimes
                               << " crimes; mentions exactly right in " << exact_mentions);
    CHECK(precision > 0.9);
    CHECK(recall > 0.9);
    CHECK(double(exact_mentions) / double(crimes) > 0.9);
}

} // namespace moscan
