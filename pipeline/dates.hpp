// Calendar dates as days since 1970-01-01, parsed from the forms that crime exports use.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace moscan {

using Day = std::int32_t; // days since 1970-01-01

Day days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(Day z, int& y, unsigned& m, unsigned& d);
bool valid_civil(int y, unsigned m, unsigned d);

// Accepts dd/mm/yyyy, dd/mm/yyyy HH:MM[:SS], yyyy-mm-dd, yyyy-mm-ddTHH:MM[:SS] (also with a
// space instead of T), with surrounding spaces. Day and month may have one digit in the UK
// form. The time, when present, must be valid but is not kept. nullopt if invalid.
std::optional<Day> parse_date(std::string_view s);

// parse_date with a cache of the date parts already seen: exports repeat a few hundred dates,
// each with many times. A date of the fixed forms dd/mm/yyyy and yyyy-mm-dd is looked up by
// its 10 bytes; what follows it (a time) is still checked on every call. The same results
// as parse_date. One per thread.
class DateParser {
public:
    std::optional<Day> parse(std::string_view s);

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
