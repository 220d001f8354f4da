// pipeline/base/dates.hpp on arbitrary text: every parser returns a valid date or nullopt (never
// crashes), the cached DateParser agrees with parse_date across inputs, and a parsed date
// written again in the same format (by a writer here) parses back to the same day.
// Input: first byte picks the format, the rest is the value (also tried as a --date-format
// option and, split at LF, as a detection sample).
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace moscan;

namespace {

struct Form {
    const char* option; // --date-format value
    // Writes y-m-d in that form; false when the form cannot hold the date.
    bool (*write)(int y, unsigned m, unsigned d, Day day, std::string& out);
};

const char* const kMonths[12] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};

std::string fmt(const char* f, int a, int b, int c) {
    char s[64];
    std::snprintf(s, sizeof s, f, a, b, c);
    return s;
}

const Form kForms[] = {
    {"uk", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%02d/%02d/%04d", int(d), int(m), y); return true; }},
    {"dmy", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%d-%02d-%04d", int(d), int(m), y); return true; }},
    {"mdy", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%02d/%02d/%04d", int(m), int(d), y); return true; }},
    {"ymd", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%04d.%02d.%02d", y, int(m), int(d)); return true; }},
    {"iso", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%04d-%02d-%02dT12:00:00", y, int(m), int(d)); return true; }},
    {"excel", [](int, unsigned, unsigned, Day day, std::string& o) {
         // 1900 date system: serials count from 1899-12-30 from 1900-03-01 on (Excel's
         // phantom 1900-02-29 is serial 60), from 1899-12-31 before.
         const Day mar1 = days_from_civil(1900, 3, 1);
         const long n = day >= mar1 ? long(day) - days_from_civil(1899, 12, 30)
                                    : long(day) - days_from_civil(1899, 12, 31);
         if (n < 1) return false;
         o = std::to_string(n) + ".25";
         return true;
     }},
    {"%d.%m.%Y", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%02d.%02d.%04d", int(d), int(m), y); return true; }},
    {"%Y%m%d", [](int y, unsigned m, unsigned d, Day, std::string& o) { o = fmt("%04d%02d%02d", y, int(m), int(d)); return true; }},
    {"dd-mon-yy", [](int y, unsigned m, unsigned d, Day, std::string& o) {
         if (y < 1969 || y > 2068) return false; // two-digit years pivot at 69
         o = fmt("%02d-", int(d), 0, 0) + std::string(kMonths[m - 1]).substr(0, 3) + fmt("-%02d", y % 100, 0, 0);
         return true;
     }},
    {"%d %B %Y", [](int y, unsigned m, unsigned d, Day, std::string& o) {
         o = std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
         return true;
     }},
};
constexpr std::size_t kForm = sizeof kForms / sizeof kForms[0];

void check_day(Day day) {
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(day, y, m, d);
    FUZZ_CHECK(valid_civil(y, m, d));
    FUZZ_CHECK(days_from_civil(y, m, d) == day);
    FUZZ_CHECK(parse_iso_date(format_iso(day)) == day);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 256) return 0;
    static DateParser cached; // kept across inputs: its cache must never change an answer
    const std::string s(reinterpret_cast<const char*>(data) + 1, size - 1);

    const std::optional<Day> plain = parse_date(s);
    FUZZ_CHECK(cached.parse(s) == plain);
    if (plain) check_day(*plain);
    if (const auto iso = parse_iso_date(s)) check_day(*iso);

    const Form& form = kForms[data[0] % kForm];
    const std::optional<DateFormat> f = parse_date_format_option(form.option);
    FUZZ_CHECK(f.has_value());
    const std::optional<Day> got = parse_date_as(s, *f);
    FUZZ_CHECK(cached.parse(s, *f) == got);
    if (f->order == DateOrder::uk) FUZZ_CHECK(got == plain);
    if (got) {
        check_day(*got);
        int y = 0;
        unsigned m = 0, d = 0;
        civil_from_days(*got, y, m, d);
        std::string again;
        if (form.write(y, m, d, *got, again)) {
            const std::optional<Day> back = parse_date_as(again, *f);
            if (back != got) std::fprintf(stderr, "'%s' -> '%s'\n", s.c_str(), again.c_str());
            FUZZ_CHECK(back == got);
        }
    }

    // The value as a --date-format option: a format or UsageError, nothing else.
    try {
        if (const auto g = parse_date_format_option(s)) {
            (void)g->describe();
            if (const auto day = parse_date_as(s, *g)) check_day(*day);
            if (const auto day = parse_date_as("05-JAN-2020 10:00", *g)) check_day(*day);
        }
    } catch (const UsageError&) {
    }

    // Lines as a detection sample: a detection or DataError.
    std::vector<DateSampleValue> sample;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '\n') {
            sample.push_back({s.substr(from, i - from), sample.size() + 1});
            from = i + 1;
        }
    try {
        const DateDetection det = detect_date_format(sample, "fuzz.csv");
        for (const auto& v : sample)
            if (const auto day = parse_date_as(v.value, det.format)) check_day(*day);
    } catch (const DataError&) {
    }
    return 0;
}
