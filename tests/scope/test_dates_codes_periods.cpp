// dates.hpp, codes.hpp and periods.hpp.
#include "pipeline/scope/codes.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/scope/periods.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace moscan;

namespace {

// Days since 1970-01-01, worked out by hand:
//   2020-01-01 = 50 * 365 + 12 leap days (1972..2016) = 18262
//   2020-03-01 = 18262 + 31 + 29 = 18322
//   2020-04-01 = 18322 + 31 = 18353
//   2020-09-30 = 18353 + 30 + 31 + 30 + 31 + 31 + 29 = 18535
//   2019-10-01 = 18262 - 92 (Oct 31 + Nov 30 + Dec 31) = 18170
//   2000-02-29 = 30 * 365 + 7 leap days (1972..1996) + 31 + 28 = 11016
constexpr Day k2020_01_01 = 18262;
constexpr Day k2020_03_01 = 18322;
constexpr Day k2020_04_01 = 18353;
constexpr Day k2020_09_30 = 18535;
constexpr Day k2019_10_01 = 18170;

std::vector<int> keys_of(const Periods& p, Day d) {
    std::vector<int> out;
    p.keys(d, out);
    return out;
}

template <class F> std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("dates: days_from_civil fixed points") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1970, 1, 2) == 1);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2020, 1, 1) == k2020_01_01);
    CHECK(days_from_civil(2020, 3, 1) == k2020_03_01);
    CHECK(days_from_civil(2000, 2, 29) == 11016);
    CHECK(format_iso(k2020_09_30) == "2020-09-30");
    CHECK(format_iso(0) == "1970-01-01");
}

TEST_CASE("dates: civil round trip, day by day from 1800 to 2200") {
    const Day first = days_from_civil(1800, 1, 1);
    const Day last = days_from_civil(2200, 12, 31);
    // 401 years, 97 leap years (1800, 1900, 2100 and 2200 are not leap years; 2000 is).
    REQUIRE(last - first + 1 == 401 * 365 + 97);
    int py = 1799;
    unsigned pm = 12, pd = 31;
    for (Day z = first; z <= last; ++z) {
        int y;
        unsigned m, d;
        civil_from_days(z, y, m, d);
        REQUIRE(valid_civil(y, m, d));
        REQUIRE(days_from_civil(y, m, d) == z);
        // The next calendar day of the previous one.
        bool next_in_month = y == py && m == pm && d == pd + 1;
        bool next_month = y == py && m == pm + 1 && d == 1;
        bool next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
        REQUIRE((next_in_month || next_month || next_year));
        py = y;
        pm = m;
        pd = d;
    }
    CHECK(py == 2200);
}

TEST_CASE("dates: parse_date accepts the export forms") {
    CHECK(parse_date("01/03/2020") == k2020_03_01);
    CHECK(parse_date("1/3/2020") == k2020_03_01);
    CHECK(parse_date("01/3/2020") == k2020_03_01);
    CHECK(parse_date("01/03/2020 23:59") == k2020_03_01);
    CHECK(parse_date("01/03/2020 00:00:00") == k2020_03_01);
    CHECK(parse_date("01/03/2020 23:59:59") == k2020_03_01);
    CHECK(parse_date("01/03/2020 23:59:59.123") == k2020_03_01);
    CHECK(parse_date("2020-03-01") == k2020_03_01);
    CHECK(parse_date("2020-03-01T10:20:30") == k2020_03_01);
    CHECK(parse_date("2020-03-01 10:20") == k2020_03_01);
    CHECK(parse_date("  01/03/2020 ") == k2020_03_01);
    CHECK(parse_date("01/03/2020\r") == k2020_03_01);
    CHECK(parse_date("29/02/2020") == k2020_03_01 - 1);
    CHECK(parse_date("31/12/2019") == k2020_01_01 - 1);
    CHECK(parse_date("2000-02-29") == 11016);
}

TEST_CASE("dates: parse_date rejects invalid dates and junk") {
    const char* bad[] = {"31/02/2020",       "29/02/2019",       "30/02/2020",
                         "2020-13-01",       "2020-00-10",       "2020-02-30",
                         "00/01/2020",       "32/01/2020",       "01/13/2020",
                         "1900-02-29",       "unknown",          "",
                         "   ",              "12/2020",          "01/03/20",
                         "01/03/2020x",      "01/03/2020 junk",  "2020-03-01Z",
                         "01/03/2020 25:00", "01/03/2020 24:00", "01/03/2020 12:60",
                         "01/03/2020 12:00:60", "01/03/2020 1:00", "2020-3-1",
                         "01-03-2020",       "01/03/20201",      "001/03/2020",
                         "2020/03/01",       "01/03/2020T",      "N/K"};
    for (const char* s : bad) {
        INFO("input: '", s, "'");
        CHECK_FALSE(parse_date(s).has_value());
    }
}

TEST_CASE("dates: DateParser (cached) gives exactly what parse_date gives") {
    // One parser for all strings, so that most calls hit its cache: the same date parts with
    // valid and invalid times, invalid dates of the fixed forms, and random junk made of the
    // characters dates are made of.
    std::mt19937 rng(20201207);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::vector<std::string> dates = {"24/07/2019", "01/01/2020", "31/12/2020", "29/02/2020",
                                            "29/02/2019", "31/04/2021", "00/01/2020", "2019-07-24",
                                            "2020-02-29", "2021-02-29", "2020-13-01", "1/7/2019",
                                            "24/7/2019", "24/07/19", "2019-7-24", "ab/cd/efgh"};
    const std::vector<std::string> tails = {"", " 07:14", "T07:14", "  07:14:59", " 07:14:59.123",
                                            " 24:00", " 07:60", " 07:14x", "x", " ", "T", " 7:14",
                                            " 07:14:5", " 07:14:59.", "07:14", " 23:59:59.999999999"};
    const std::string alphabet = "0123456789/-: T.x";
    DateParser parser;
    std::size_t checked = 0, valid = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string s;
        if (pick(4)) {
            s = dates[pick(dates.size())] + tails[pick(tails.size())];
            if (pick(8) == 0) s = " " + s + " ";
        } else {
            const std::size_t n = pick(22);
            for (std::size_t k = 0; k < n; ++k) s.push_back(alphabet[pick(alphabet.size())]);
        }
        const std::optional<Day> want = parse_date(s);
        const std::optional<Day> got = parser.parse(s);
        if (got != want) FAIL_CHECK("'" << s << "'");
        ++checked;
        valid += want.has_value();
    }
    CHECK(checked == 200000);
    CHECK(valid > 20000); // not vacuous: many valid dates, many cache hits
}

TEST_CASE("dates: parse_iso_date is strict") {
    CHECK(parse_iso_date("2020-04-01") == k2020_04_01);
    CHECK(parse_iso_date(" 2020-04-01 ") == k2020_04_01);
    CHECK_FALSE(parse_iso_date("01/04/2020").has_value());
    CHECK_FALSE(parse_iso_date("2020-04-01T00:00").has_value());
    CHECK_FALSE(parse_iso_date("2020-4-1").has_value());
    CHECK_FALSE(parse_iso_date("2019-02-29").has_value());
}

TEST_CASE("codes: normalise_code") {
    CHECK(normalise_code("086/02") == "86/2");
    CHECK(normalise_code("86/2") == "86/2");
    CHECK(normalise_code(" 19c ") == "19C");
    CHECK(normalise_code("19C") == "19C");
    CHECK(normalise_code("071/17") == "71/17");
    CHECK(normalise_code("017a") == "17A");
    CHECK(normalise_code("0") == "0");
    CHECK(normalise_code("00") == "0");
    CHECK(normalise_code("86/10") == "86/10");
    CHECK(normalise_code("100") == "100");
    CHECK(normalise_code("71/01") == "71/1");
    CHECK(normalise_code("8 6 / 0 2") == "86/2");
    CHECK(normalise_code("\t88e\r\n") == "88E");
    CHECK(normalise_code("") == "");
    CHECK(normalise_code("   ") == "");
}

TEST_CASE("codes: CodeList::parse") {
    const std::string text = "code,group,description\n"   // 1
                             "17,sexual,Indecent assault\n" // 2
                             "086/02,images,\"Taking, making\"\n" // 3
                             "# a comment line\n"           // 4
                             "19c,sexual\n";                // 5
    CodeList list = CodeList::parse(text, "codes.csv");
    REQUIRE(list.codes().size() == 3);
    CHECK(list.codes()[0].code == "17");
    CHECK(list.codes()[1].code == "86/2");
    CHECK(list.codes()[2].code == "19C");
    CHECK(list.codes()[1].description == "Taking, making");
    CHECK(list.codes()[2].description == "");
    REQUIRE(list.groups() == std::vector<std::string>{"sexual", "images"});
    CHECK(list.codes()[0].group == 0);
    CHECK(list.codes()[1].group == 1);
    CHECK(list.codes()[2].group == 0);
    CHECK(list.find("86/2") == 1);
    CHECK(list.find("19C") == 2);
    CHECK(list.find("086/02") == -1); // find takes canonical codes
    CHECK(list.find("45") == -1);
    CHECK(list.find_group("images") == 1);
    CHECK(list.find_group("other") == -1);
    CHECK(list.source == "codes.csv");

    // The header is matched without regard to case.
    CHECK(CodeList::parse("Code,Group\n17,x\n", "c.csv").codes().size() == 1);
}

TEST_CASE("codes: CodeList::parse errors name file and line") {
    std::string dup = error_of([] {
        CodeList::parse("code,group\n17,sexual\n\n# c\n086/02,images\n86/2,images\n", "codes.csv");
    });
    CHECK(contains(dup, "codes.csv:6"));
    CHECK(contains(dup, "86/2"));
    CHECK(contains(dup, "twice"));

    std::string hdr = error_of([] { CodeList::parse("offence,category\n17,x\n", "h.csv"); });
    CHECK(contains(hdr, "h.csv:1"));
    CHECK(contains(hdr, "header"));

    std::string nogroup = error_of([] { CodeList::parse("code,group\n17,a\n18,\n", "g.csv"); });
    CHECK(contains(nogroup, "g.csv:3"));

    std::string short_row = error_of([] { CodeList::parse("code,group\n17\n", "s.csv"); });
    CHECK(contains(short_row, "s.csv:2"));

    std::string empty = error_of([] { CodeList::parse("", "e.csv"); });
    CHECK(contains(empty, "e.csv"));

    CHECK_THROWS_AS(CodeList::parse("code,group\n\"17,x\n", "q.csv"), ConfigError);
    CHECK_THROWS_AS(CodeList::parse("code,group\n17,a\n017,b\n", "d.csv"), ConfigError);
}

TEST_CASE("codes: the bundled code list") {
    CodeList list = CodeList::load(MOSCAN_SOURCE_DIR "/patterns/home_office_codes.csv");
    CHECK(list.codes().size() == 28);
    CHECK(list.groups() == std::vector<std::string>{"sexual", "images"});
    REQUIRE(list.find("86/2") >= 0);
    CHECK(list.groups()[list.codes()[static_cast<size_t>(list.find("86/2"))].group] ==
          "images");
    REQUIRE(list.find("71/17") >= 0);
    CHECK(list.groups()[list.codes()[static_cast<size_t>(list.find("71/17"))].group] ==
          "sexual");
    CHECK(list.find("45") == -1);
    CHECK_THROWS_AS(CodeList::load("/nonexistent/codes.csv"), ConfigError);
}

TEST_CASE("periods: parse") {
    Period p = Periods::parse("H1=2020-04-01..2020-09-30");
    CHECK(p.name == "H1");
    CHECK(p.first == k2020_04_01);
    CHECK(p.last == k2020_09_30);

    Period one = Periods::parse("day=2020-04-01..2020-04-01");
    CHECK(one.first == one.last);

    const char* bad[] = {"H1",
                         "2020-04-01..2020-09-30",
                         "=2020-04-01..2020-09-30",
                         "H1=2020-04-01",
                         "H1=2020-04-01-2020-09-30",
                         "H1=2020-04-01..",
                         "H1=..2020-09-30",
                         "H1=2020-02-30..2020-09-30",
                         "H1=2020-04-01..2020-09-31",
                         "H1=01/04/2020..30/09/2020",
                         "H1=2020-09-30..2020-04-01"};
    for (const char* s : bad) {
        INFO("spec: ", s);
        CHECK_THROWS_AS(Periods::parse(s), UsageError);
    }
    std::string msg = error_of([] { Periods::parse("H1=2020-09-30..2020-04-01"); });
    CHECK(contains(msg, "--period"));
    CHECK(contains(msg, "end before start"));

    CHECK(Periods::parse_every("fy") == Every::fy);
    CHECK(Periods::parse_every("month") == Every::month);
    CHECK(Periods::parse_every("quarter") == Every::quarter);
    CHECK(Periods::parse_every("year") == Every::year);
    CHECK_THROWS_AS(Periods::parse_every("week"), UsageError);
    CHECK_THROWS_AS(Periods::parse_every(""), UsageError);
}

TEST_CASE("periods: explicit periods are inclusive at both ends") {
    Periods ps;
    ps.add(Periods::parse("H2_2019=2019-10-01..2020-03-31"));
    ps.add(Periods::parse("H1_2020=2020-04-01..2020-09-30"));
    CHECK(ps.has_explicit());
    CHECK(keys_of(ps, k2019_10_01 - 1).empty());
    CHECK(keys_of(ps, k2019_10_01) == std::vector<int>{0});
    CHECK(keys_of(ps, k2020_04_01 - 1) == std::vector<int>{0});
    CHECK(keys_of(ps, k2020_04_01) == std::vector<int>{1});
    CHECK(keys_of(ps, k2020_09_30) == std::vector<int>{1});
    CHECK(keys_of(ps, k2020_09_30 + 1).empty());
    CHECK_FALSE(ps.contains(k2019_10_01 - 1));
    CHECK(ps.contains(k2019_10_01));
    CHECK(ps.contains(k2020_09_30));
    CHECK_FALSE(ps.contains(k2020_09_30 + 1));
    CHECK(ps.name(0) == "H2_2019");
    CHECK(ps.name(1) == "H1_2020");
    CHECK(ps.report_keys(0, 0, true) == std::vector<int>{0, 1});
    CHECK(ps.report_keys(0, 0, false) == std::vector<int>{0, 1}); // even with no data

    // Overlapping periods: a date counts in each.
    ps.add(Periods::parse("Y2020=2020-01-01..2020-12-31"));
    CHECK(keys_of(ps, k2020_04_01) == std::vector<int>{1, 2});
    CHECK(keys_of(ps, k2020_01_01 - 1) == std::vector<int>{0});
}

TEST_CASE("periods: no periods means one ALL period") {
    Periods ps;
    CHECK_FALSE(ps.has_explicit());
    CHECK(ps.contains(-100000));
    CHECK(ps.contains(k2020_04_01));
    CHECK(keys_of(ps, k2020_04_01) == std::vector<int>{0});
    CHECK(ps.name(0) == "ALL");
    CHECK(ps.report_keys(0, 0, false) == std::vector<int>{0});
}

TEST_CASE("periods: calendar buckets") {
    auto name_of = [](Every e, int y, unsigned m, unsigned d) {
        Periods ps;
        ps.set_every(e);
        auto k = keys_of(ps, days_from_civil(y, m, d));
        REQUIRE(k.size() == 1);
        return ps.name(k[0]);
    };
    CHECK(name_of(Every::fy, 2020, 3, 31) == "2019/20");
    CHECK(name_of(Every::fy, 2020, 4, 1) == "2020/21");
    CHECK(name_of(Every::fy, 2021, 3, 31) == "2020/21");
    CHECK(name_of(Every::fy, 2000, 1, 15) == "1999/00");
    CHECK(name_of(Every::fy, 2009, 12, 31) == "2009/10");
    CHECK(name_of(Every::quarter, 2020, 3, 31) == "2020-Q1");
    CHECK(name_of(Every::quarter, 2020, 4, 1) == "2020-Q2");
    CHECK(name_of(Every::quarter, 2020, 5, 15) == "2020-Q2");
    CHECK(name_of(Every::quarter, 2020, 12, 31) == "2020-Q4");
    CHECK(name_of(Every::quarter, 2021, 1, 1) == "2021-Q1");
    CHECK(name_of(Every::month, 2020, 1, 1) == "2020-01");
    CHECK(name_of(Every::month, 2020, 5, 31) == "2020-05");
    CHECK(name_of(Every::month, 2020, 12, 31) == "2020-12");
    CHECK(name_of(Every::year, 2020, 12, 31) == "2020");
    CHECK(name_of(Every::year, 2021, 1, 1) == "2021");

    // Buckets to report run from the smallest to the largest key seen, gaps included.
    Periods m;
    m.set_every(Every::month);
    int lo = keys_of(m, days_from_civil(2020, 11, 20))[0];
    int hi = keys_of(m, days_from_civil(2021, 2, 3))[0];
    std::vector<std::string> names;
    for (int k : m.report_keys(lo, hi, true)) names.push_back(m.name(k));
    CHECK(names == std::vector<std::string>{"2020-11", "2020-12", "2021-01", "2021-02"});
    CHECK(m.report_keys(lo, hi, false).empty());
    CHECK(m.contains(days_from_civil(1850, 6, 1)));
}
