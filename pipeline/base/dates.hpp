// Calendar dates as days since 1970-01-01, parsed from the forms that crime exports use.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

using Day = std::int32_t; // days since 1970-01-01

Day days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(Day z, int& y, unsigned& m, unsigned& d);
bool valid_civil(int y, unsigned m, unsigned d);

// Accepts dd/mm/yyyy, dd/mm/yyyy HH:MM[:SS], yyyy-mm-dd, yyyy-mm-ddTHH:MM[:SS] (also with a
// space instead of T), with surrounding spaces. Day and month may have one digit in the UK
// form. The time, when present, must be valid but is not kept. nullopt if invalid.
std::optional<Day> parse_date(std::string_view s);

// How a file's dates are written (--date-format; README "Input", "Dates").
//   uk     dd/mm/yyyy or yyyy-mm-dd, each with an optional time: the forms accepted by
//          parse_date, and the default when a file's dates need no detection
//   dmy    day, month, year: separators / - . or spaces; the month a number or an English
//          name or abbreviation (any case: 05-JAN-20, 5 January 2020); the year 4 or 2 digits
//   mdy    month, day, year (US order: 01/25/2020, Jan 25, 2020)
//   ymd    year (4 digits), month, day: 2020/01/25, 2020.01.25, 2020-01-25
//   iso    ISO 8601: yyyy-mm-dd[(T| )HH:MM[:SS[.frac]]][Z|+HH:MM|-HH:MM|+HHMM|+HH]; with an
//          offset the instant is converted to the UK calendar date (Europe/London: GMT, or
//          BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
//          October); without one the date is as written
//   excel  Excel serial day numbers (1900 date system, 43835 = 2020-01-05), with an optional
//          fraction (the time)
//   pattern  an explicit strptime-like format (%d %m %b %B %y %Y %H %I %M %S %f %p %z %%)
// dmy, mdy and ymd also read ISO 8601 values (yyyy-mm-dd..., as iso), which exports mix in
// and which cannot be mistaken for another order.
// Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (as strptime's %y). Every form
// but excel and pattern may be followed by a time (space or T, then H:MM[:SS[.frac]],
// optionally AM/PM), which must be valid but is not kept.
enum class DateOrder : std::uint8_t { uk, dmy, mdy, ymd, iso, excel, pattern };

struct DateFormat {
    DateOrder order = DateOrder::uk;
    std::string pattern; // DateOrder::pattern: the %-form
    std::string given;   // the option's value as written (a picture, a %-form, oracle ...)
    // "dd/mm/yyyy or yyyy-mm-dd", "day-month-year", "'%d-%m-%Y'", ...
    std::string describe() const;
    bool operator==(const DateFormat& o) const {
        return order == o.order && pattern == o.pattern;
    }
};

// A --date-format value: auto (nullopt), uk, dmy, mdy, ymd, iso, excel, oracle (= dmy),
// a strptime-like format with %, or a picture such as dd-mm-yyyy, dd-mon-yy, mm/dd/yyyy,
// yyyy.mm.dd (d or dd day, m or mm month, mon or mmm month abbreviation, month the name,
// yy or yyyy the year). Throws UsageError.
std::optional<DateFormat> parse_date_format_option(std::string_view s);

// A value in the given format (surrounding spaces ignored); nullopt if invalid.
std::optional<Day> parse_date_as(std::string_view s, const DateFormat& f);

// The format of a file's dates, from the first values of its date column (detect_date_format).
struct DateSampleValue {
    std::string value;
    std::uint64_t line = 0;
};
struct DateDetection {
    DateFormat format;
    std::string note; // non-empty when the format is not the default (uk): what was chosen
};
// Every value readable as uk: uk, no note. Otherwise the format (dmy, iso, ymd, mdy, excel)
// that reads the most values, preferring them in that order on a tie (an ambiguous day and
// month is read day first, as in the UK). Throws DataError naming `file` and an example of
// each when some values can only be day-first and others only month-first.
DateDetection detect_date_format(const std::vector<DateSampleValue>& sample,
                                 const std::string& file);
constexpr std::size_t kDateSample = 1000; // values looked at per file

// parse_date with a cache of the date parts already seen: exports repeat a few hundred dates,
// each with many times. A date of the fixed forms dd/mm/yyyy and yyyy-mm-dd is looked up by
// its 10 bytes; what follows it (a time) is still checked on every call. The same results
// as parse_date. One per thread.
class DateParser {
public:
    std::optional<Day> parse(std::string_view s);
    // In a file's format: uk goes the cached way above, the others parse_date_as.
    std::optional<Day> parse(std::string_view s, const DateFormat& f) {
        if (f.order == DateOrder::uk) [[likely]]
            return parse(s);
        return parse_date_as(s, f);
    }

private:
    static constexpr unsigned kBits = 12;
    struct Slot {
        std::uint64_t a = 0;
        std::uint16_t b = 0;
        bool used = false;
        Day day = 0;
    };
    std::array<Slot, 1u << kBits> slots_{};
};

// yyyy-mm-dd only (for options and config files).
std::optional<Day> parse_iso_date(std::string_view s);

std::string format_iso(Day d);

} // namespace moscan
