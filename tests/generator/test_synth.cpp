// Tests of the synthetic archive generator: determinism, size, CSV / JSONL well-formedness,
// and the consistency of the ground truth with the archive.
//
// The CSV reader here is written independently of pipeline/csv so that a bug shared by the
// generator and the pipeline's reader cannot hide itself.
#include "generator/synth.hpp"
#include "pipeline/base/error.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using moscan::synth::Format;
using moscan::synth::Options;
using moscan::synth::Stats;

struct Generated {
    std::string archive;
    std::string truth;
    Stats stats;
};

Generated run(const Options& options) {
    std::ostringstream archive;
    std::ostringstream truth;
    const Stats stats = moscan::synth::generate(options, archive, &truth);
    return {archive.str(), truth.str(), stats};
}

Options options_for(std::uint64_t seed, std::uint64_t bytes, Format format = Format::csv) {
    Options o;
    o.seed = seed;
    o.target_bytes = bytes;
    o.format = format;
    return o;
}

const std::vector<std::string> columns = {"CrimeRef",     "DateRecorded", "HOCode",
                                          "VictimAge",    "VictimGender", "OnlineFlag",
                                          "MOText",       "Notes"};

const std::vector<std::string> platform_order = {
    "facebook", "instagram", "whatsapp", "snapchat", "imessage", "telegram",
    "signal",   "twitch",    "online_gaming", "kik", "twitter",  "skype",
    "tiktok",   "facetime",  "discord",  "omegle"};

// ---- a small RFC 4180 reader

struct Field {
    std::string value;
    bool quoted = false;
};
using Record = std::vector<Field>;

// Splits `text` into records. Every record must end with `eol` ("\n" or "\r\n"); a quote may
// only open a field; inside quotes "" is a quote and CR / LF are data. Throws on any breach.
std::vector<Record> parse_csv(std::string_view text, std::string_view eol) {
    std::vector<Record> records;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        Record record;
        for (;;) {
            Field field;
            if (i < n && text[i] == '"') {
                field.quoted = true;
                ++i;
                for (;;) {
                    if (i >= n) {
                        throw std::runtime_error("unterminated quoted field");
                    }
                    if (text[i] == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field.value += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field.value += text[i++];
                }
            } else {
                while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"') {
                        throw std::runtime_error("quote inside an unquoted field");
                    }
                    field.value += text[i++];
                }
            }
            record.push_back(std::move(field));
            if (i < n && text[i] == ',') {
                ++i;
                continue;
            }
            if (text.substr(i, eol.size()) != eol) {
                throw std::runtime_error("record does not end with the expected line end at byte " +
                                         std::to_string(i));
            }
            i += eol.size();
            break;
        }
        records.push_back(std::move(record));
    }
    return records;
}

bool needs_quotes(std::string_view s) {
    return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

// ---- truth file

struct TruthLine {
    std::string crime;
    std::map<std::string, int> mentions; // platform id -> count
    std::string platforms_field;
    std::string mentions_field;
};

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    if (s.empty()) {
        return parts;
    }
    std::size_t from = 0;
    for (;;) {
        const std::size_t at = s.find(sep, from);
        parts.emplace_back(s.substr(from, at == std::string_view::npos ? s.npos : at - from));
        if (at == std::string_view::npos) {
            return parts;
        }
        from = at + 1;
    }
}

std::vector<TruthLine> parse_truth(const std::string& truth) {
    const auto lines = parse_csv(truth, "\n");
    REQUIRE(!lines.empty());
    REQUIRE(lines[0].size() == 3);
    CHECK(lines[0][0].value == "crime_id");
    CHECK(lines[0][1].value == "platforms");
    CHECK(lines[0][2].value == "mentions");
    std::vector<TruthLine> result;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        REQUIRE(lines[i].size() == 3);
        TruthLine t;
        t.crime = lines[i][0].value;
        t.platforms_field = lines[i][1].value;
        t.mentions_field = lines[i][2].value;
        for (const auto& pair : split(t.mentions_field, ';')) {
            const std::size_t colon = pair.find(':');
            REQUIRE(colon != std::string::npos);
            t.mentions[pair.substr(0, colon)] = std::stoi(pair.substr(colon + 1));
        }
        result.push_back(std::move(t));
    }
    return result;
}

// ---- field checks

bool is_crime_ref(std::string_view s) {
    if (s.size() != 13 || s[2] != '/' || s[10] != '/') {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i < 2 && !(c >= 'A' && c <= 'Z')) {
            return false;
        }
        if (i != 2 && i != 10 && i >= 3 && !(c >= '0' && c <= '9')) {
            return false;
        }
    }
    return true;
}

// "086/02" -> "86/2", " 19c" -> "19C"
std::string canonical_code(std::string_view s) {
    std::string out;
    bool at_number_start = true;
    for (const char c : s) {
        if (c == ' ') {
            continue;
        }
        if (c == '0' && at_number_start) {
            continue;
        }
        if (c == '/') {
            at_number_start = true;
            out += c;
            continue;
        }
        at_number_start = false;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

const std::set<std::string> sexual_codes = {
    "17",  "17A", "17B", "20A", "20B", "19C", "19D", "19E",  "19F",   "19G",  "19H", "19J",
    "19K", "21",  "22A", "22B", "23",  "70",  "71",  "72",   "73",    "74",   "88A", "88E",
    "71/1", "71/17", "86/2", "86/10"};
const std::set<std::string> other_codes = {"8A", "8N",  "105A", "126", "49", "45", "58A",
                                           "28E", "30A", "39",  "5D",  "34B", "93"};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool digits_at(std::string_view s, std::size_t at, std::size_t count, int& value) {
    if (at + count > s.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

enum class DateKind { uk_time, uk, iso, iso_time, invalid };

// Classifies a DateRecorded value; dates outside [first_year, last_year] count as invalid.
DateKind classify_date(std::string_view s, int first_year, int last_year) {
    int d = 0, m = 0, y = 0, hh = 0, mm = 0, ss = 0;
    DateKind kind = DateKind::invalid;
    if (s.size() >= 10 && s[2] == '/' && s[5] == '/' && digits_at(s, 0, 2, d) &&
        digits_at(s, 3, 2, m) && digits_at(s, 6, 4, y)) {
        if (s.size() == 10) {
            kind = DateKind::uk;
        } else if (s.size() == 16 && s[10] == ' ' && s[13] == ':' && digits_at(s, 11, 2, hh) &&
                   digits_at(s, 14, 2, mm)) {
            kind = DateKind::uk_time;
        }
    } else if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 0, 4, y) &&
               digits_at(s, 5, 2, m) && digits_at(s, 8, 2, d)) {
        if (s.size() == 10) {
            kind = DateKind::iso;
        } else if (s.size() == 19 && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
                   digits_at(s, 11, 2, hh) && digits_at(s, 14, 2, mm) &&
                   digits_at(s, 17, 2, ss)) {
            kind = DateKind::iso_time;
        }
    }
    if (kind == DateKind::invalid) {
        return kind;
    }
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < first_year || y > last_year || m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 ||
        ss > 59) {
        return DateKind::invalid;
    }
    const int max_day = m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
    return d <= max_day ? kind : DateKind::invalid;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// Words that can only come from a platform form (case-insensitive, as whole words, optionally
// with the endings s / d / ed). The generator must never write them in a crime whose truth
// names no platform ("twittering" birds are a negative, so whole words only).
const std::vector<std::string> unambiguous = {
    "facebook", "instagram", "whatsapp", "whats app", "snapchat", "snap chat", "imessage",
    "telegram", "omegle",    "tiktok",   "tik tok",   "tik-tok",  "skype",     "facetime",
    "twitter",  "fortnite",  "roblox",   "minecraft", "playstation", "xbox"};

// For each platform, substrings at least one of which any mention of it contains
// (first list case-insensitive, second case-sensitive); or, for the platforms whose names
// get random typos, a word within one edit of one of `typo_names`.
struct Indicator {
    std::vector<std::string> any_case;
    std::vector<std::string> exact;
    std::vector<std::string> typo_names;
};
const std::map<std::string, Indicator> indicators = {
    {"facebook", {{"facebook", "face book", "face-book", "fb", "facebok", "facbook"}, {},
                  {"facebook", "facebok", "facbook"}}},
    {"instagram", {{"insta", "instragram", "the gram"}, {"IG"},
                   {"instagram", "instagarm", "instragram"}}},
    {"whatsapp", {{"whatsap", "whats app", "what's app", "what's-app", "watsapp", "wa.me"},
                  {"on WA", "via WA"}}},
    {"snapchat", {{"snap"}, {"on SC", "via SC"}, {"snapchat", "snapcht", "snapchatt"}}},
    {"imessage", {{"imessage", "i-message", "imesage"}, {}}},
    {"telegram", {{"telegram", "telgram", "t.me/"}, {}}},
    {"signal", {{}, {"Signal"}}},
    {"twitch", {{"twitch"}, {}}},
    {"online_gaming",
     {{"gaming", "online game", "xbox", "x-box", "ps4", "ps5", "playstation", "psn",
       "ps party", "fortnite", "fortnight", "roblox", "minecraft", "call of duty", "warzone",
       "fifa online", "gta online", "nintendo switch"},
      {"COD", "Steam", "Among Us"},
      {"fortnite", "roblox", "minecraft", "playstation", "warzone"}}},
    {"kik", {{"kik"}, {}}},
    {"twitter", {{"twitter", "tweet", "twiter"}, {}}},
    {"skype", {{"skype", "skpye", "skyping"}, {}}},
    {"tiktok", {{"tiktok", "tik tok", "tik-tok", "tik.tok", "tiktock", "tik tock"}, {}}},
    {"facetime", {{"facetime", "face time", "face-time", "facetiming"}, {}, {"facetime"}}},
    {"discord", {{}, {"Discord", "DISCORD", "discord chat", "Discrod", "discord.gg"},
                 {"discord", "discrod"}}},
    {"omegle", {{"omegle", "omegel"}, {}}},
};

// Optimal string alignment distance <= 1 (one deletion, insertion, substitution or
// transposition of neighbours): the generator's random typos.
bool within_one_edit(std::string_view a, std::string_view b) {
    if (a == b) return true;
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) {
        if (a.substr(i + 1) == b.substr(i + 1)) return true; // substitution
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               a.substr(i + 2) == b.substr(i + 2); // transposition
    }
    return a.substr(i) == b.substr(i + 1); // one letter more in b
}

// Some word of letters in `folded` is within one edit of one of `names`.
bool has_near_word(const std::string& folded, const std::vector<std::string>& names) {
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && !(folded[i] >= 'a' && folded[i] <= 'z')) ++i;
        std::size_t j = i;
        while (j < folded.size() && folded[j] >= 'a' && folded[j] <= 'z') ++j;
        const std::string_view word(folded.data() + i, j - i);
        for (const auto& n : names)
            if (word.size() >= 5 && within_one_edit(word, n)) return true;
        i = j;
    }
    return false;
}

// Exact, independent mention counts for the platforms whose forms are unambiguous words:
// occurrences of each needle (case-insensitive) that start a word and end one, allowing the
// listed suffix ("skyped", "iMessages", "tweets").
struct ExactPlatform {
    std::string id;
    std::vector<std::string> needles;
    std::string suffix;
};
const std::vector<ExactPlatform> exact_platforms = {
    {"whatsapp",
     {"whatsapp", "whats app", "what's app", "what's-app", "whatsap", "watsapp", "whatsapped",
      "wa"}, // "wa": on WA, via WA, wa.me ("WA4" is not a word of its own)
     ""},
    {"imessage", {"imessage", "i-message", "imesage", "imessaged"}, "s"},
    {"telegram", {"telegram", "telgram", "t.me"}, ""},
    {"kik", {"kik"}, ""},
    {"twitter", {"twitter", "tweet", "twiter", "tweeted"}, "s"},
    {"skype", {"skype", "skpye", "skyping"}, "d"},
    {"tiktok", {"tiktok", "tik tok", "tik-tok", "tik.tok", "tiktock", "tik tock"}, "s"},
    {"omegle", {"omegle", "omegel"}, ""},
};

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

int count_words(const std::string& folded, const ExactPlatform& p) {
    int count = 0;
    for (const auto& needle : p.needles) {
        for (std::size_t at = folded.find(needle); at != std::string::npos;
             at = folded.find(needle, at + 1)) {
            if (at > 0 && word_char(folded[at - 1])) {
                continue;
            }
            std::size_t end = at + needle.size();
            if (!p.suffix.empty() && folded.compare(end, p.suffix.size(), p.suffix) == 0) {
                end += p.suffix.size();
            }
            if (end < folded.size() && word_char(folded[end])) {
                continue;
            }
            ++count;
        }
    }
    return count;
}

struct CrimeTexts {
    std::vector<std::string> texts; // distinct non-empty MOText / Notes values
    std::set<std::string> codes;
    std::vector<std::size_t> rows;
};

} // namespace

TEST_CASE("synth: the same options give the same bytes, another seed other bytes") {
    for (const Format format : {Format::csv, Format::jsonl}) {
        const Generated a = run(options_for(7, 200'000, format));
        const Generated b = run(options_for(7, 200'000, format));
        const Generated c = run(options_for(8, 200'000, format));
        CHECK(a.archive == b.archive);
        CHECK(a.truth == b.truth);
        CHECK(a.archive != c.archive);
        CHECK(a.truth != c.truth);
    }
}

TEST_CASE("synth: CSV and JSONL with one seed hold the same crimes") {
    const Generated csv = run(options_for(3, 300'000, Format::csv));
    const Generated json = run(options_for(3, 300'000, Format::jsonl));
    const auto a = split(csv.truth, '\n'); // each ends with an empty piece after the last LF
    const auto b = split(json.truth, '\n');
    const std::size_t n = std::min(a.size(), b.size()) - 1;
    REQUIRE(n > 100);
    CHECK(std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin()));
}

TEST_CASE("synth: size is honoured to within one crime") {
    for (const std::uint64_t target : {1ULL, 10'000ULL, 250'000ULL, 1'000'000ULL}) {
        const Generated g = run(options_for(11, target));
        CHECK(g.stats.bytes == g.archive.size());
        CHECK(g.stats.bytes >= target);
        // A crime is at most 5 records of a few KB each.
        CHECK(g.stats.bytes < target + 32 * 1024);
        CHECK(g.stats.crimes >= 1);
        CHECK(g.stats.crimes == parse_truth(g.truth).size());
    }
}

TEST_CASE("synth: bad year range is rejected") {
    Options o = options_for(1, 1000);
    o.first_year = 2022;
    o.last_year = 2021;
    std::ostringstream sink;
    CHECK_THROWS_AS(moscan::synth::generate(o, sink, nullptr), moscan::UsageError);
    o.first_year = 0;
    CHECK_THROWS_AS(moscan::synth::generate(o, sink, nullptr), moscan::UsageError);
}

TEST_CASE("synth: a failing stream is reported") {
    std::ostringstream archive;
    archive.setstate(std::ios::badbit);
    CHECK_THROWS_AS(moscan::synth::generate(options_for(1, 10'000), archive, nullptr),
                    moscan::IoError);
}

TEST_CASE("synth: no truth stream is fine") {
    std::ostringstream archive;
    const Stats s = moscan::synth::generate(options_for(5, 50'000), archive, nullptr);
    CHECK(s.bytes == archive.str().size());
    CHECK(archive.str() == run(options_for(5, 50'000)).archive);
}

TEST_CASE("synth: CSV records are well formed and agree with the truth") {
    const Options options = options_for(2024, 3'000'000);
    const Generated g = run(options);
    const auto records = parse_csv(g.archive, "\n");
    REQUIRE(records.size() > 1000);
    REQUIRE(records[0].size() == columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
        CHECK(records[0][i].value == columns[i]);
        CHECK(!records[0][i].quoted);
    }
    CHECK(g.archive.compare(0, 3, "\xEF\xBB\xBF") != 0);
    CHECK(g.stats.rows == records.size() - 1);

    std::vector<std::string> order; // crimes by first appearance
    std::map<std::string, CrimeTexts> crimes;
    std::size_t bad_fields = 0, invalid_dates = 0, sexual = 0, non_canonical = 0;
    std::array<std::size_t, 5> date_kinds{};
    std::size_t blank_age = 0, unknown_age = 0, child = 0, adult = 0;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& rec = records[r];
        REQUIRE(rec.size() == columns.size());
        for (const Field& f : rec) {
            // Quoted exactly when needed.
            if (f.quoted != needs_quotes(f.value)) {
                ++bad_fields;
            }
        }
        const std::string& ref = rec[0].value;
        if (!is_crime_ref(ref)) {
            ++bad_fields;
        }
        const DateKind kind = classify_date(rec[1].value, options.first_year, options.last_year);
        ++date_kinds[static_cast<std::size_t>(kind)];
        invalid_dates += kind == DateKind::invalid;

        const std::string code = canonical_code(rec[2].value);
        if (sexual_codes.count(code) != 0) {
            ++sexual;
        } else if (other_codes.count(code) == 0) {
            ++bad_fields;
        }
        non_canonical += code != rec[2].value;

        const std::string& age = rec[3].value;
        if (age.empty()) {
            ++blank_age;
        } else if (age == "N/K" || age == "Unknown") {
            ++unknown_age;
        } else {
            const int a = std::stoi(age);
            if (std::to_string(a) != age || a < 0 || a > 89) {
                ++bad_fields;
            }
            (a < 18 ? child : adult) += 1;
        }
        const std::string& gender = rec[4].value;
        if (gender != "Female" && gender != "Male" && gender != "Unknown" && !gender.empty()) {
            ++bad_fields;
        }
        const std::string& flag = rec[5].value;
        if (flag != "Y" && flag != "N" && !flag.empty()) {
            ++bad_fields;
        }

        auto [it, fresh] = crimes.try_emplace(ref);
        if (fresh) {
            order.push_back(ref);
        }
        CrimeTexts& crime = it->second;
        crime.codes.insert(rec[2].value);
        crime.rows.push_back(r);
        for (const std::size_t column : {std::size_t{6}, std::size_t{7}}) {
            const std::string& text = rec[column].value;
            if (!text.empty() &&
                std::find(crime.texts.begin(), crime.texts.end(), text) == crime.texts.end()) {
                crime.texts.push_back(text);
            }
        }
    }
    CHECK(bad_fields == 0);

    const std::size_t rows = records.size() - 1;
    const double n = static_cast<double>(rows);
    // Dates: almost all valid and in range, each style present, a few deliberately invalid.
    CHECK(invalid_dates > 0);
    CHECK(static_cast<double>(invalid_dates) / n < 0.01);
    CHECK(static_cast<double>(date_kinds[0]) / n > 0.75);
    CHECK(date_kinds[1] > 0);
    CHECK(date_kinds[2] > 0);
    CHECK(date_kinds[3] > 0);
    // Codes: about 55% sexual offences, about 15% written non-canonically.
    CHECK(static_cast<double>(sexual) / n == doctest::Approx(0.55).epsilon(0.15));
    CHECK(static_cast<double>(non_canonical) / n == doctest::Approx(0.15).epsilon(0.35));
    // Ages: some blank, some unknown, about half of the known ones children.
    CHECK(static_cast<double>(blank_age) / n == doctest::Approx(0.08).epsilon(0.4));
    CHECK(unknown_age > 0);
    CHECK(static_cast<double>(child) / static_cast<double>(child + adult) ==
          doctest::Approx(0.5).epsilon(0.15));

    // Truth lists the crimes of the archive, in order of first appearance.
    const auto truth = parse_truth(g.truth);
    REQUIRE(truth.size() == order.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
        REQUIRE(truth[i].crime == order[i]);
    }
    CHECK(g.stats.crimes == truth.size());

    std::size_t multi = 0, scattered = 0, with_cont = 0;
    for (const auto& [ref, crime] : crimes) {
        // All rows of a crime share the code.
        CHECK(crime.codes.size() == 1);
        multi += crime.rows.size() > 1;
        scattered += crime.rows.back() - crime.rows.front() + 1 != crime.rows.size();
        for (const auto& t : crime.texts) {
            with_cont += t.rfind("CONT", 0) == 0 || t.rfind("Continued", 0) == 0 ||
                         t.rfind("UPDATE", 0) == 0;
        }
    }
    const double crimes_n = static_cast<double>(crimes.size());
    CHECK(static_cast<double>(multi) / crimes_n == doctest::Approx(0.32).epsilon(0.25));
    CHECK(scattered > 0);
    CHECK(static_cast<double>(scattered) / static_cast<double>(multi) < 0.15);
    CHECK(static_cast<double>(with_cont) / crimes_n == doctest::Approx(0.03).epsilon(0.5));

    // Each crime's truth against its text.
    std::size_t none = 0, one = 0, quoted = 0, newline = 0, non_ascii = 0, long_text = 0;
    std::size_t leaked = 0, unsupported = 0, miscounted = 0;
    for (const TruthLine& t : truth) {
        const CrimeTexts& crime = crimes.at(t.crime);
        std::string joined;
        for (const auto& text : crime.texts) {
            joined += text;
            joined += '\n';
        }
        const std::string folded = lower(joined);
        if (t.mentions.empty()) {
            ++none;
            for (const auto& word : unambiguous) {
                for (std::size_t at = folded.find(word); at != std::string::npos;
                     at = folded.find(word, at + 1)) {
                    if (at > 0 && word_char(folded[at - 1])) continue;
                    std::size_t end = at + word.size();
                    for (const char* suffix : {"ed", "s", "d"}) {
                        if (folded.compare(end, std::strlen(suffix), suffix) == 0) {
                            end += std::strlen(suffix);
                            break;
                        }
                    }
                    if (end < folded.size() && word_char(folded[end])) continue;
                    ++leaked;
                    MESSAGE("crime " << t.crime << " has no platform but contains " << word);
                    break;
                }
            }
        }
        one += t.mentions.size() == 1;
        for (const auto& [platform, count] : t.mentions) {
            const auto ind = indicators.find(platform);
            REQUIRE(ind != indicators.end());
            bool seen = false;
            for (const auto& s : ind->second.any_case) {
                seen = seen || folded.find(s) != std::string::npos;
            }
            for (const auto& s : ind->second.exact) {
                seen = seen || joined.find(s) != std::string::npos;
            }
            seen = seen || has_near_word(folded, ind->second.typo_names);
            if (!seen) {
                ++unsupported;
                MESSAGE("crime " << t.crime << " lists " << platform << " not in its text");
            }
            (void)count;
        }
        // Exact counts where the forms are unambiguous: catches double counting of repeated
        // rows, missed Notes or continuation texts, and forms that merge or split.
        for (const auto& p : exact_platforms) {
            int expected = 0;
            for (const auto& text : crime.texts) {
                expected += count_words(lower(text), p);
            }
            const auto it = t.mentions.find(p.id);
            const int listed = it == t.mentions.end() ? 0 : it->second;
            if (listed != expected) {
                ++miscounted;
                MESSAGE("crime " << t.crime << ": " << p.id << " listed " << listed
                                 << ", counted " << expected);
            }
        }
        const std::string& mo = crime.texts.empty() ? std::string() : crime.texts.front();
        quoted += mo.find('"') != std::string::npos;
        newline += mo.find('\n') != std::string::npos;
        non_ascii += std::any_of(mo.begin(), mo.end(),
                                 [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        long_text += mo.size() >= 1000;
    }
    CHECK(leaked == 0);
    CHECK(unsupported == 0);
    CHECK(miscounted == 0);
    const double tn = static_cast<double>(truth.size());
    CHECK(static_cast<double>(none) / tn == doctest::Approx(0.55).epsilon(0.12));
    CHECK(static_cast<double>(one) / tn == doctest::Approx(0.30).epsilon(0.2));
    CHECK(static_cast<double>(quoted) / tn == doctest::Approx(0.15).epsilon(0.35));
    CHECK(static_cast<double>(newline) / tn == doctest::Approx(0.03).epsilon(0.5));
    CHECK(non_ascii > 0);
    CHECK(static_cast<double>(non_ascii) / tn < 0.03);
    CHECK(static_cast<double>(long_text) / tn == doctest::Approx(0.03).epsilon(0.5));
}

TEST_CASE("synth: CSV with BOM and CRLF record ends") {
    Options options = options_for(99, 400'000);
    options.bom = true;
    options.crlf = true;
    const Generated g = run(options);
    REQUIRE(g.archive.compare(0, 3, "\xEF\xBB\xBF") == 0);
    // The reader insists on CRLF after every record; LF or CRLF inside quoted text is data.
    const auto records = parse_csv(std::string_view(g.archive).substr(3), "\r\n");
    REQUIRE(records.size() > 100);
    CHECK(records[0][0].value == "CrimeRef");
    CHECK(g.stats.rows == records.size() - 1);
    for (const Record& r : records) {
        CHECK(r.size() == columns.size());
    }
    std::set<std::string> refs;
    for (std::size_t i = 1; i < records.size(); ++i) {
        refs.insert(records[i][0].value);
    }
    CHECK(refs.size() == parse_truth(g.truth).size());
}

TEST_CASE("synth: JSONL lines are objects with the eight keys in order") {
    const Generated g = run(options_for(31, 2'000'000, Format::jsonl));
    REQUIRE(!g.archive.empty());
    REQUIRE(g.archive.back() == '\n');
    simdjson::dom::parser parser;
    std::vector<std::string> order;
    std::set<std::string> seen;
    std::size_t lines = 0, numeric_codes = 0, null_ages = 0, bad = 0;
    std::size_t from = 0;
    while (from < g.archive.size()) {
        const std::size_t end = g.archive.find('\n', from);
        REQUIRE(end != std::string::npos);
        const std::string_view line(g.archive.data() + from, end - from);
        from = end + 1;
        ++lines;
        simdjson::dom::element doc;
        const auto error = parser.parse(line.data(), line.size()).get(doc);
        REQUIRE_MESSAGE(error == simdjson::SUCCESS, "line " << lines << ": " << line);
        simdjson::dom::object object;
        REQUIRE(doc.get_object().get(object) == simdjson::SUCCESS);
        std::size_t k = 0;
        for (const auto field : object) {
            REQUIRE(k < columns.size());
            CHECK(field.key == columns[k]);
            const auto type = field.value.type();
            using T = simdjson::dom::element_type;
            if (k == 3) {
                if (type == T::NULL_VALUE) {
                    ++null_ages;
                } else if (type != T::INT64 && type != T::UINT64) {
                    ++bad;
                }
            } else if (k == 2) {
                if (type == T::INT64 || type == T::UINT64) {
                    ++numeric_codes;
                } else if (type != T::STRING) {
                    ++bad;
                }
            } else if (type != T::STRING) {
                ++bad;
            }
            if (k == 0) {
                const std::string ref(field.value.get_string().value());
                if (!is_crime_ref(ref)) {
                    ++bad;
                }
                if (seen.insert(ref).second) {
                    order.push_back(ref);
                }
            }
            ++k;
        }
        CHECK(k == columns.size());
    }
    CHECK(bad == 0);
    CHECK(lines == g.stats.rows);
    CHECK(numeric_codes > 0);
    CHECK(null_ages > 0);
    const auto truth = parse_truth(g.truth);
    REQUIRE(truth.size() == order.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
        REQUIRE(truth[i].crime == order[i]);
    }
}

TEST_CASE("synth: truth lines are consistent") {
    const Generated g = run(options_for(77, 1'000'000));
    const auto truth = parse_truth(g.truth);
    REQUIRE(truth.size() > 100);
    std::set<std::string> crimes;
    std::size_t named = 0;
    for (const TruthLine& t : truth) {
        CHECK(crimes.insert(t.crime).second); // unique
        const auto platforms = split(t.platforms_field, ';');
        const auto pairs = split(t.mentions_field, ';');
        CHECK(platforms.empty() == t.mentions_field.empty());
        REQUIRE(platforms.size() == pairs.size());
        CHECK(t.mentions.size() == platforms.size());
        int last = -1;
        for (std::size_t i = 0; i < platforms.size(); ++i) {
            const auto at = std::find(platform_order.begin(), platform_order.end(), platforms[i]);
            REQUIRE(at != platform_order.end());
            const int index = static_cast<int>(at - platform_order.begin());
            CHECK(index > last); // fixed order, no repeats
            last = index;
            CHECK(pairs[i].rfind(platforms[i] + ":", 0) == 0);
            CHECK(t.mentions.at(platforms[i]) >= 1);
        }
        named += !platforms.empty();
    }
    // Every platform occurs somewhere in a sample this size.
    std::set<std::string> used;
    for (const TruthLine& t : truth) {
        for (const auto& [p, c] : t.mentions) {
            used.insert(p);
        }
    }
    CHECK(used.size() == platform_order.size());
    CHECK(named > 0);
}

TEST_CASE("synth: a single year range gives dates in that year only") {
    Options o = options_for(4, 200'000);
    o.first_year = 2020;
    o.last_year = 2020;
    const Generated g = run(o);
    const auto records = parse_csv(g.archive, "\n");
    std::size_t valid = 0;
    for (std::size_t i = 1; i < records.size(); ++i) {
        valid += classify_date(records[i][1].value, 2020, 2020) != DateKind::invalid;
    }
    CHECK(static_cast<double>(valid) / static_cast<double>(records.size() - 1) > 0.99);
    // Crime references carry the two-digit year.
    for (std::size_t i = 1; i < records.size(); ++i) {
        CHECK(records[i][0].value.substr(11) == "20");
    }
}
