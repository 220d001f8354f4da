// dates.hpp: --date-format forms, detection, and the UK date of ISO times with an offset.
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace moscan;

namespace {

// Days since 1970-01-01, by hand: 2020-01-01 = 50 * 365 + 12 leap days = 18262.
constexpr Day k2020_01_01 = 18262;
constexpr Day k2020_01_05 = k2020_01_01 + 4;

DateFormat fmt(const char* s) {
    auto f = parse_date_format_option(s);
    REQUIRE(f.has_value());
    return *f;
}

std::optional<Day> as(const char* value, const char* format) {
    return parse_date_as(value, fmt(format));
}

std::string iso(std::optional<Day> d) { return d ? format_iso(*d) : "(invalid)"; }

std::vector<DateSampleValue> sample(std::initializer_list<const char*> values) {
    std::vector<DateSampleValue> out;
    std::uint64_t line = 2;
    for (const char* v : values) out.push_back({v, line++});
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

} // namespace

TEST_CASE("date formats: day first with - . / and spaces, month numbers and names") {
    for (const char* v : {"05-01-2020", "05.01.2020", "5/1/2020", "05 01 2020", "05-JAN-20",
                          "05-jan-2020", "5 January 2020", "5 Jan 2020", "05 Sept 2020"}) {
        CAPTURE(v);
        const std::optional<Day> d = as(v, "dmy");
        REQUIRE(d);
        if (std::string(v).find("Sept") == std::string::npos) CHECK(*d == k2020_01_05);
        else CHECK(iso(d) == "2020-09-05");
    }
    CHECK(iso(as("5th January 2020", "dmy")) == "2020-01-05");
    CHECK(iso(as("05-01-2020 13:45", "dmy")) == "2020-01-05");
    CHECK(iso(as("05-JAN-20 10.30.00.000000 AM", "oracle")) == "2020-01-05");
    CHECK(iso(as("05-01-2020 12:00 PM", "dmy")) == "2020-01-05");
    // Invalid: a 13th month, 31 April, a mixed separator, a bad time, a 3-digit year.
    CHECK_FALSE(as("05-13-2020", "dmy"));
    CHECK_FALSE(as("31-04-2020", "dmy"));
    CHECK_FALSE(as("05-01/2020", "dmy"));
    CHECK_FALSE(as("05-01-2020 25:00", "dmy"));
    CHECK_FALSE(as("05-01-2020 13:00 PM", "dmy"));
    CHECK_FALSE(as("05-01-202", "dmy"));
    CHECK_FALSE(as("Jan 5 2020", "dmy")); // a name where the day goes
}

TEST_CASE("date formats: dmy, mdy and ymd also read ISO values, as iso does") {
    CHECK(iso(as("2020-01-05", "dmy")) == "2020-01-05");
    CHECK(iso(as("2020-01-05T10:00:00", "mdy")) == "2020-01-05");
    CHECK(iso(as("2020-06-30T23:30:00Z", "dmy")) == "2020-07-01");
    CHECK(iso(as("2020-06-30T23:30:00Z", "ymd")) == "2020-07-01");
    CHECK_FALSE(as("2020-13-05", "dmy"));
    // A file of day-first values with ISO ones mixed in is dmy, not split between them.
    std::vector<DateSampleValue> mixed;
    for (int i = 0; i < 10; ++i) mixed.push_back({"05-JAN-20", 2u + i});
    mixed.push_back({"2020-01-06T10:00:00", 12});
    CHECK(detect_date_format(mixed, "f.csv").format.order == DateOrder::dmy);
}

TEST_CASE("date formats: month first and year first") {
    CHECK(iso(as("01/25/2020", "mdy")) == "2020-01-25");
    CHECK(iso(as("Jan 25, 2020", "mdy")) == "2020-01-25");
    CHECK(iso(as("January 25 2020 08:00", "mdy")) == "2020-01-25");
    CHECK_FALSE(as("25/01/2020", "mdy"));
    CHECK(iso(as("2020/01/25", "ymd")) == "2020-01-25");
    CHECK(iso(as("2020.1.25", "ymd")) == "2020-01-25");
    CHECK(iso(as("2020-JAN-25", "ymd")) == "2020-01-25");
    CHECK_FALSE(as("20/01/25", "ymd")); // ymd needs a 4-digit year
}

TEST_CASE("date formats: two-digit years pivot at 69") {
    CHECK(iso(as("05-JAN-00", "oracle")) == "2000-01-05");
    CHECK(iso(as("05-JAN-68", "oracle")) == "2068-01-05");
    CHECK(iso(as("05-JAN-69", "oracle")) == "1969-01-05");
    CHECK(iso(as("05-JAN-99", "oracle")) == "1999-01-05");
    CHECK(iso(as("05/01/68", "%d/%m/%y")) == "2068-01-05");
    CHECK(iso(as("05/01/69", "dd/mm/yy")) == "1969-01-05");
}

TEST_CASE("date formats: Excel serial numbers (1900 date system)") {
    CHECK(iso(as("43835", "excel")) == "2020-01-05");
    CHECK(iso(as("43835.5", "excel")) == "2020-01-05");
    CHECK(iso(as("43835.999", "excel")) == "2020-01-05");
    CHECK(iso(as("1", "excel")) == "1900-01-01");
    CHECK(iso(as("59", "excel")) == "1900-02-28");
    CHECK(iso(as("61", "excel")) == "1900-03-01");
    CHECK_FALSE(as("60", "excel")); // Excel's 29 February 1900, which never was
    CHECK_FALSE(as("0", "excel"));
    CHECK_FALSE(as("43835,5", "excel"));
    CHECK_FALSE(as("05/01/2020", "excel"));
}

TEST_CASE("date formats: ISO 8601 with Z or an offset is the UK calendar date") {
    CHECK(iso(as("2020-01-05", "iso")) == "2020-01-05");
    CHECK(iso(as("2020-01-05T10:00:00.123", "iso")) == "2020-01-05");
    // Winter: UK time is UTC.
    CHECK(iso(as("2020-01-05T23:30:00Z", "iso")) == "2020-01-05");
    CHECK(iso(as("2020-01-05T23:30:00-01:00", "iso")) == "2020-01-06");
    CHECK(iso(as("2020-01-05T00:30:00+01:00", "iso")) == "2020-01-04");
    CHECK(iso(as("2020-01-05T00:30+0100", "iso")) == "2020-01-04");
    CHECK(iso(as("2020-01-05 19:00:00-05", "iso")) == "2020-01-06");
    // Summer (BST, UTC+1): 23:30 UTC is 00:30 the next day in the UK.
    CHECK(iso(as("2020-06-30T23:30:00Z", "iso")) == "2020-07-01");
    CHECK(iso(as("2020-06-30T23:30:00+01:00", "iso")) == "2020-06-30");
    // BST in 2020: from 01:00 UTC on Sunday 29 March to 01:00 UTC on Sunday 25 October.
    CHECK(iso(as("2020-03-28T23:30:00Z", "iso")) == "2020-03-28"); // GMT still
    CHECK(iso(as("2020-03-29T23:30:00Z", "iso")) == "2020-03-30"); // BST
    CHECK(iso(as("2020-10-24T23:30:00Z", "iso")) == "2020-10-25"); // BST still
    CHECK(iso(as("2020-10-25T23:30:00Z", "iso")) == "2020-10-25"); // GMT again
    CHECK_FALSE(as("2020-01-05T10:00:00+25:00", "iso"));
    CHECK_FALSE(as("2020-01-05T10:00:00 Z", "iso"));
    CHECK_FALSE(as("05/01/2020", "iso"));
}

TEST_CASE("date formats: explicit strptime-like formats and pictures") {
    CHECK(iso(as("05-01-2020", "%d-%m-%Y")) == "2020-01-05");
    CHECK(iso(as("05-jan-20", "%d-%b-%y")) == "2020-01-05");
    CHECK(iso(as("2020 January 05", "%Y %B %d")) == "2020-01-05");
    CHECK(iso(as("05-01-2020 10:15", "%d-%m-%Y")) == "2020-01-05"); // a time may follow
    CHECK(iso(as("01/05/2020 11:30 PM -05:00", "%m/%d/%Y %I:%M %p %z")) == "2020-01-06");
    CHECK(iso(as("05.01.2020", "dd.mm.yyyy")) == "2020-01-05");
    CHECK(iso(as("05-JAN-20", "dd-mon-yy")) == "2020-01-05");
    CHECK(iso(as("01/05/2020", "mm/dd/yyyy")) == "2020-01-05");
    CHECK_FALSE(as("05/01/2020", "%d-%m-%Y"));
    CHECK_FALSE(as("05-01-20", "%d-%m-%Y"));
}

TEST_CASE("date formats: option values") {
    CHECK_FALSE(parse_date_format_option("auto").has_value());
    CHECK(fmt("UK").order == DateOrder::uk);
    CHECK(fmt("oracle").order == DateOrder::dmy);
    CHECK(fmt("ISO").order == DateOrder::iso);
    CHECK(error_of([] { parse_date_format_option("%d-%m"); }).find("a day, a month and a year") !=
          std::string::npos);
    CHECK(error_of([] { parse_date_format_option("%d-%m-%Q"); }).find("%Q is not supported") !=
          std::string::npos);
    CHECK(error_of([] { parse_date_format_option("dd-xx-yyyy"); }).find("'xx'") != std::string::npos);
}

TEST_CASE("date detection: the default, dmy, mdy, ymd, iso and excel") {
    // All readable as dd/mm/yyyy or yyyy-mm-dd: the default, said nothing of.
    auto d = detect_date_format(sample({"05/01/2020", "2020-01-06", "13/02/2020 10:00"}), "f.csv");
    CHECK(d.format.order == DateOrder::uk);
    CHECK(d.note.empty());
    // A few bad values do not move it.
    d = detect_date_format(sample({"05/01/2020", "2020-01-06", "unknown", "13/02/2020"}), "f.csv");
    CHECK(d.format.order == DateOrder::uk);

    d = detect_date_format(sample({"05-01-2020", "25-01-2020"}), "f.csv");
    CHECK(d.format.order == DateOrder::dmy);
    CHECK(d.note.find("f.csv: dates read as day-month-year") == 0);
    CHECK(d.note.find("'05-01-2020' (line 2) is 2020-01-05") != std::string::npos);
    // Every value ambiguous, not with '/': read day first, and said so.
    d = detect_date_format(sample({"05-01-2020", "06-02-2020"}), "f.csv");
    CHECK(d.format.order == DateOrder::dmy);
    CHECK(d.note.find("could also be month first") != std::string::npos);
    // Every value ambiguous with '/': the UK default.
    d = detect_date_format(sample({"05/01/2020", "06/02/2020"}), "f.csv");
    CHECK(d.format.order == DateOrder::uk);

    // US order: one value valid only month first is enough, and the note names it.
    d = detect_date_format(sample({"01/05/2020", "02/06/2020", "01/25/2020", "03/04/2020"}), "us.csv");
    CHECK(d.format.order == DateOrder::mdy);
    CHECK(d.note.find("'01/25/2020' (line 4) can only be month first") != std::string::npos);

    d = detect_date_format(sample({"2020/01/05", "2020/01/25"}), "f.csv");
    CHECK(d.format.order == DateOrder::ymd);
    d = detect_date_format(sample({"2020-01-05T10:00:00Z", "2020-01-06"}), "f.csv");
    CHECK(d.format.order == DateOrder::iso);
    d = detect_date_format(sample({"43835", "43836.25"}), "f.csv");
    CHECK(d.format.order == DateOrder::excel);
    d = detect_date_format(sample({"05-JAN-20", "06-FEB-20"}), "f.csv");
    CHECK(d.format.order == DateOrder::dmy);
    d = detect_date_format(sample({"Jan 5, 2020", "Feb 6, 2020"}), "f.csv");
    CHECK(d.format.order == DateOrder::mdy);
    // Nothing reads them: the default (the rows are rejected as invalid dates).
    d = detect_date_format(sample({"soon", "later"}), "f.csv");
    CHECK(d.format.order == DateOrder::uk);
}

TEST_CASE("date detection: values only day first and others only month first fail") {
    const std::string e = error_of([] {
        detect_date_format(sample({"05/01/2020", "25/01/2020", "01/05/2020", "01/25/2020"}),
                           "mixed.csv");
    });
    CHECK(e.find("mixed.csv") == 0);
    CHECK(e.find("'25/01/2020' (line 3) can only be day/month/year") != std::string::npos);
    CHECK(e.find("'01/25/2020' (line 5) only month/day/year") != std::string::npos);
    CHECK(e.find("--date-format dmy or mdy") != std::string::npos);
}
