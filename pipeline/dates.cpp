#include "pipeline/dates.hpp"
#include "pipeline/strings.hpp"

#include <cstdio>
#include <cstring>

namespace moscan {

// Howard Hinnant's civil-from-days algorithms (public domain formulae).
Day days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(Day z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe) + era * 400 + (m <= 2);
}

bool valid_civil(int y, unsigned m, unsigned d) {
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    static const unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned max = len[m - 1];
    if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) max = 29;
    return d <= max;
}

namespace {

// Reads 1..max_digits digits at s[i]; advances i.
bool read_num(std::string_view s, size_t& i, int min_digits, int max_digits, int& out) {
    int n = 0, v = 0;
    while (i < s.size() && n < max_digits && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + (s[i] - '0');
        ++i;
        ++n;
    }
    out = v;
    return n >= min_digits;
}

bool parse_time(std::string_view s, size_t i) {
    // [ T]HH:MM[:SS[.fff]]
    int hh, mm, ss = 0;
    if (!read_num(s, i, 2, 2, hh) || i >= s.size() || s[i] != ':') return false;
    ++i;
    if (!read_num(s, i, 2, 2, mm)) return false;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!read_num(s, i, 2, 2, ss)) return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            int frac;
            if (!read_num(s, i, 1, 9, frac)) return false;
        }
    }
    return i == s.size() && hh < 24 && mm < 60 && ss < 60;
}

// What may follow the date at s[i]: nothing, or ' ' or 'T', spaces, and a valid time.
bool time_suffix_ok(std::string_view s, size_t i) {
    if (i == s.size()) return true;
    if (s.size() == i + 6 && (s[i] == ' ' || s[i] == 'T') && s[i + 3] == ':') {
        // The usual " HH:MM", at a glance.
        const auto digit = [&](size_t k) { return static_cast<unsigned>(s[k] - '0'); };
        const unsigned h1 = digit(i + 1), h2 = digit(i + 2), m1 = digit(i + 4), m2 = digit(i + 5);
        if (h1 <= 9 && h2 <= 9 && m1 <= 9 && m2 <= 9) return h1 * 10 + h2 < 24 && m1 < 6;
    }
    if (s[i] != ' ' && s[i] != 'T') return false;
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    return parse_time(s, i);
}

} // namespace

std::optional<Day> parse_iso_date(std::string_view s) {
    s = trim(s);
    size_t i = 0;
    int y, m, d;
    if (!read_num(s, i, 4, 4, y) || i >= s.size() || s[i] != '-') return std::nullopt;
    ++i;
    if (!read_num(s, i, 2, 2, m) || i >= s.size() || s[i] != '-') return std::nullopt;
    ++i;
    if (!read_num(s, i, 2, 2, d) || i != s.size()) return std::nullopt;
    if (!valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
    return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<Day> parse_date(std::string_view s) {
    s = trim(s);
    size_t i = 0;
    int a, b, c;
    int y, m, d;
    if (!read_num(s, i, 1, 4, a) || i >= s.size()) return std::nullopt;
    if (s[i] == '/' && i <= 2) {
        // dd/mm/yyyy
        ++i;
        d = a;
        if (!read_num(s, i, 1, 2, b) || i >= s.size() || s[i] != '/') return std::nullopt;
        ++i;
        m = b;
        size_t before = i;
        if (!read_num(s, i, 4, 4, c)) return std::nullopt;
        (void)before;
        y = c;
    } else if (s[i] == '-' && i == 4) {
        y = a;
        ++i;
        if (!read_num(s, i, 2, 2, b) || i >= s.size() || s[i] != '-') return std::nullopt;
        ++i;
        m = b;
        if (!read_num(s, i, 2, 2, c)) return std::nullopt;
        d = c;
    } else {
        return std::nullopt;
    }
    if (!time_suffix_ok(s, i)) return std::nullopt;
    if (!valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
    return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<Day> DateParser::parse(std::string_view s) {
    s = trim(s);
    // The fixed forms dd/mm/yyyy and yyyy-mm-dd: the date is exactly the first 10 bytes.
    if (s.size() < 10 || !((s[2] == '/' && s[5] == '/') || (s[4] == '-' && s[7] == '-')))
        return parse_date(s);
    std::uint64_t a;
    std::uint16_t b;
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + 8, 2);
    const std::uint64_t h = (a ^ (std::uint64_t{b} << 17)) * 0x9E3779B97F4A7C15ull;
    Slot& slot = slots_[h >> (64 - kBits)];
    if (slot.used && slot.a == a && slot.b == b) {
        if (!time_suffix_ok(s, 10)) return std::nullopt;
        return slot.day;
    }
    std::optional<Day> d = parse_date(s);
    if (d) slot = Slot{a, b, true, *d}; // valid, so its date is those 10 bytes
    return d;
}

std::string format_iso(Day day) {
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

} // namespace moscan
