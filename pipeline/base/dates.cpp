#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/strings.hpp"

#include <cstdio>
#include <cstring>
#include <string>

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

namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (strptime's %y).
int pivot_year(int yy) { return yy <= 68 ? 2000 + yy : 1900 + yy; }

// An English month name or abbreviation (any case, "Sept" too): 1..12, or 0.
unsigned month_from_name(std::string_view w) {
    static const char* const names[] = {"january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december"};
    if (w.size() < 3 || w.size() > 9) return 0;
    char buf[10];
    for (size_t i = 0; i < w.size(); ++i) buf[i] = lower(w[i]);
    const std::string_view lw(buf, w.size());
    for (unsigned m = 0; m < 12; ++m) {
        const std::string_view full(names[m]);
        if (lw == full || lw == full.substr(0, 3)) return m + 1;
    }
    if (lw == "sept") return 9;
    return 0;
}

// Reads a run of letters at s[i] as a month name; advances i.
unsigned read_month_name(std::string_view s, size_t& i) {
    size_t j = i;
    while (j < s.size() && is_alpha(s[j])) ++j;
    const unsigned m = month_from_name(s.substr(i, j - i));
    if (m) i = j;
    return m;
}

// A time after a date, at s[i]: nothing, or spaces or 'T', then H[H](:|.)MM[(:|.)SS[(.|,)frac]]
// and an optional AM/PM. Valid, not kept.
bool loose_time_ok(std::string_view s, size_t i) {
    if (i == s.size()) return true;
    if (s[i] == 'T' || s[i] == 't') {
        ++i;
    } else {
        if (s[i] != ' ') return false;
        while (i < s.size() && s[i] == ' ') ++i;
    }
    int hh, mm, ss = 0;
    if (!read_num(s, i, 1, 2, hh) || i >= s.size() || (s[i] != ':' && s[i] != '.')) return false;
    ++i;
    if (!read_num(s, i, 2, 2, mm)) return false;
    if (i + 1 < s.size() && (s[i] == ':' || s[i] == '.') && is_digit(s[i + 1])) {
        ++i;
        if (!read_num(s, i, 2, 2, ss)) return false;
        if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
            ++i;
            int frac;
            if (!read_num(s, i, 1, 9, frac)) return false;
            while (i < s.size() && is_digit(s[i])) ++i; // more precision than kept
        }
    }
    size_t k = i;
    while (k < s.size() && s[k] == ' ') ++k;
    bool meridian = false;
    if (k + 2 == s.size() && (lower(s[k]) == 'a' || lower(s[k]) == 'p') && lower(s[k + 1]) == 'm') {
        meridian = true;
        i = s.size();
    }
    if (i != s.size()) return false;
    if (meridian ? (hh < 1 || hh > 12) : hh > 23) return false;
    return mm < 60 && ss < 60;
}

// A separator between date parts at s[i]: one of / - . (kind is that char), or spaces with
// at most one comma (kind ' ').
bool read_sep(std::string_view s, size_t& i, char& kind) {
    if (i >= s.size()) return false;
    if (s[i] == '/' || s[i] == '-' || s[i] == '.') {
        kind = s[i++];
        return true;
    }
    const size_t start = i;
    bool comma = false;
    while (i < s.size() && (s[i] == ' ' || (s[i] == ',' && !comma))) {
        comma |= s[i] == ',';
        ++i;
    }
    kind = ' ';
    return i > start;
}

// One part of a date: a number (digits) or a month name (name > 0).
struct Part {
    int value = 0;
    int digits = 0;
    unsigned name = 0;
};

bool read_part(std::string_view s, size_t& i, Part& p, bool day_slot) {
    if (i >= s.size()) return false;
    if (is_alpha(s[i])) {
        p.name = read_month_name(s, i);
        return p.name != 0;
    }
    const size_t start = i;
    if (!read_num(s, i, 1, 4, p.value)) return false;
    p.digits = static_cast<int>(i - start);
    if (day_slot && i + 1 < s.size() && is_alpha(s[i])) { // 1st, 2nd, 3rd, 25th
        const char a = lower(s[i]), b = lower(s[i + 1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h'))
            i += 2;
    }
    return true;
}

bool day_part(const Part& p, unsigned& d) {
    if (p.name || p.digits > 2) return false;
    d = static_cast<unsigned>(p.value);
    return true;
}
bool month_part(const Part& p, unsigned& m) {
    if (p.name) {
        m = p.name;
        return true;
    }
    if (p.digits > 2) return false;
    m = static_cast<unsigned>(p.value);
    return true;
}
bool year_part(const Part& p, int& y, bool four_only) {
    if (p.name) return false;
    if (p.digits == 4) y = p.value;
    else if (p.digits == 2 && !four_only) y = pivot_year(p.value);
    else return false;
    return true;
}

// dmy, mdy or ymd. month_named: the month was written as a name.
std::optional<Day> parse_ordered(std::string_view s, DateOrder order, bool* month_named = nullptr) {
    size_t i = 0;
    Part a, b, c;
    char k1, k2;
    if (!read_part(s, i, a, order == DateOrder::dmy) || !read_sep(s, i, k1) ||
        !read_part(s, i, b, order == DateOrder::mdy) || !read_sep(s, i, k2) ||
        !read_part(s, i, c, order == DateOrder::ymd))
        return std::nullopt;
    if (k1 != k2) return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    bool ok = false;
    const Part* month = nullptr;
    switch (order) {
    case DateOrder::dmy:
        ok = day_part(a, d) && month_part(b, m) && year_part(c, y, false);
        month = &b;
        break;
    case DateOrder::mdy:
        ok = month_part(a, m) && day_part(b, d) && year_part(c, y, false);
        month = &a;
        break;
    case DateOrder::ymd:
        ok = year_part(a, y, true) && month_part(b, m) && day_part(c, d);
        month = &b;
        break;
    default: return std::nullopt;
    }
    if (!ok || !valid_civil(y, m, d) || !loose_time_ok(s, i)) return std::nullopt;
    if (month_named) *month_named = month->name != 0;
    return days_from_civil(y, m, d);
}

Day floor_div(std::int64_t a, std::int64_t b) {
    return static_cast<Day>(a >= 0 ? a / b : -((-a + b - 1) / b));
}

int weekday(Day z) { return static_cast<int>(((z % 7) + 7 + 4) % 7); } // 0 = Sunday

// The UK calendar date of a moment given as a local date and time and its UTC offset.
Day uk_date(Day day, int minutes, int offset_minutes) {
    const std::int64_t utc = std::int64_t{day} * 1440 + minutes - offset_minutes;
    int y;
    unsigned m, d;
    civil_from_days(floor_div(utc, 1440), y, m, d);
    const auto last_sunday = [&](unsigned month) {
        const Day last = days_from_civil(y, month, 31);
        return last - weekday(last);
    };
    const std::int64_t start = std::int64_t{last_sunday(3)} * 1440 + 60;
    const std::int64_t end = std::int64_t{last_sunday(10)} * 1440 + 60;
    const int shift = utc >= start && utc < end ? 60 : 0; // BST
    return floor_div(utc + shift, 1440);
}

// [Z|z|+HH[:MM]|-HH[:MM]|+HHMM] at s[i] to the end; offset in minutes.
bool read_offset(std::string_view s, size_t& i, int& offset) {
    if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
        offset = 0;
        return true;
    }
    if (s[i] != '+' && s[i] != '-') return false;
    const int sign = s[i] == '-' ? -1 : 1;
    ++i;
    int hh, mm = 0;
    if (!read_num(s, i, 2, 2, hh)) return false;
    if (i < s.size() && s[i] == ':') ++i;
    if (i < s.size() && !read_num(s, i, 2, 2, mm)) return false;
    if (hh > 23 || mm > 59) return false;
    offset = sign * (hh * 60 + mm);
    return true;
}

std::optional<Day> parse_iso_full(std::string_view s) {
    size_t i = 0;
    int y, m, d;
    if (!read_num(s, i, 4, 4, y) || i >= s.size() || s[i] != '-') return std::nullopt;
    ++i;
    if (!read_num(s, i, 2, 2, m) || i >= s.size() || s[i] != '-') return std::nullopt;
    ++i;
    if (!read_num(s, i, 2, 2, d)) return std::nullopt;
    if (!valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
    const Day day = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (i == s.size()) return day;
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    ++i;
    int hh, mi, ss = 0;
    if (!read_num(s, i, 2, 2, hh) || i >= s.size() || s[i] != ':') return std::nullopt;
    ++i;
    if (!read_num(s, i, 2, 2, mi)) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!read_num(s, i, 2, 2, ss)) return std::nullopt;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            int frac;
            if (!read_num(s, i, 1, 9, frac)) return std::nullopt;
            while (i < s.size() && is_digit(s[i])) ++i;
        }
    }
    if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
    if (i == s.size()) return day;
    int offset;
    if (!read_offset(s, i, offset) || i != s.size()) return std::nullopt;
    return uk_date(day, hh * 60 + mi, offset);
}

std::optional<Day> parse_excel(std::string_view s) {
    size_t i = 0;
    int n;
    if (!read_num(s, i, 1, 7, n)) return std::nullopt;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    if (i != s.size() || n < 1 || n == 60) return std::nullopt; // 60: Excel's 1900-02-29
    // 1900 date system: 1 = 1900-01-01; Excel counts a 29 February 1900 that never was, so
    // from 61 (1900-03-01) on the serials count from 1899-12-30.
    const Day day = n < 60 ? days_from_civil(1899, 12, 31) + n : days_from_civil(1899, 12, 30) + n;
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    if (!valid_civil(y, m, d)) return std::nullopt;
    return day;
}

// An explicit strptime-like format (checked by parse_date_format_option).
std::optional<Day> parse_pattern(std::string_view s, std::string_view f) {
    size_t i = 0;
    int y = -1, d = -1, hour = -1, minute = 0, offset = 0;
    unsigned m = 0;
    bool has_offset = false, pm = false, am = false, twelve = false;
    for (size_t j = 0; j < f.size(); ++j) {
        const char c = f[j];
        if (c == ' ') {
            while (i < s.size() && s[i] == ' ') ++i;
            continue;
        }
        if (c != '%' || j + 1 >= f.size()) {
            if (i >= s.size() || lower(s[i]) != lower(c)) return std::nullopt;
            ++i;
            continue;
        }
        const char dir = f[++j];
        int v = 0;
        switch (dir) {
        case 'd':
        case 'e':
            if (dir == 'e')
                while (i < s.size() && s[i] == ' ') ++i;
            if (!read_num(s, i, 1, 2, d)) return std::nullopt;
            break;
        case 'm':
            if (!read_num(s, i, 1, 2, v)) return std::nullopt;
            m = static_cast<unsigned>(v);
            break;
        case 'b':
        case 'B':
        case 'h':
            if (!(m = read_month_name(s, i))) return std::nullopt;
            break;
        case 'y':
            if (!read_num(s, i, 2, 2, v)) return std::nullopt;
            y = pivot_year(v);
            break;
        case 'Y':
            if (!read_num(s, i, 4, 4, y)) return std::nullopt;
            break;
        case 'H':
        case 'I':
            if (!read_num(s, i, 1, 2, hour) || hour > (dir == 'I' ? 12 : 23) ||
                (dir == 'I' && hour < 1))
                return std::nullopt;
            twelve |= dir == 'I';
            break;
        case 'M':
            if (!read_num(s, i, 2, 2, minute) || minute > 59) return std::nullopt;
            break;
        case 'S':
            if (!read_num(s, i, 2, 2, v) || v > 59) return std::nullopt;
            break;
        case 'f':
            if (!read_num(s, i, 1, 9, v)) return std::nullopt;
            while (i < s.size() && is_digit(s[i])) ++i;
            break;
        case 'p':
            if (i + 1 >= s.size() || lower(s[i + 1]) != 'm') return std::nullopt;
            if (lower(s[i]) == 'a') am = true;
            else if (lower(s[i]) == 'p') pm = true;
            else return std::nullopt;
            i += 2;
            break;
        case 'z':
            if (i >= s.size() || !read_offset(s, i, offset)) return std::nullopt;
            has_offset = true;
            break;
        case '%':
            if (i >= s.size() || s[i] != '%') return std::nullopt;
            ++i;
            break;
        default: return std::nullopt;
        }
    }
    if (i != s.size() && !(hour < 0 && loose_time_ok(s, i))) return std::nullopt;
    if (y < 0 || d < 0 || !valid_civil(y, m, static_cast<unsigned>(d))) return std::nullopt;
    const Day day = days_from_civil(y, m, static_cast<unsigned>(d));
    if (!has_offset) return day;
    int h = hour < 0 ? 0 : hour;
    if (twelve || am || pm) h = (h % 12) + (pm ? 12 : 0);
    return uk_date(day, h * 60 + minute, offset);
}

} // namespace

std::optional<Day> parse_date_as(std::string_view s, const DateFormat& f) {
    s = trim(s);
    switch (f.order) {
    case DateOrder::uk: return parse_date(s);
    case DateOrder::dmy:
    case DateOrder::mdy:
    case DateOrder::ymd:
        // ISO 8601 values (a 4-digit year, then '-') cannot be mistaken for another order:
        // read as iso, as exports mix them in.
        if (s.size() >= 5 && s[4] == '-' && is_digit(s[0]))
            if (auto d = parse_iso_full(s)) return d;
        return parse_ordered(s, f.order);
    case DateOrder::iso: return parse_iso_full(s);
    case DateOrder::excel: return parse_excel(s);
    case DateOrder::pattern: return parse_pattern(s, f.pattern);
    }
    return std::nullopt;
}

std::string DateFormat::describe() const {
    switch (order) {
    case DateOrder::uk: return "dd/mm/yyyy or yyyy-mm-dd";
    case DateOrder::dmy: return "day-month-year (dmy)";
    case DateOrder::mdy: return "month-day-year (mdy, US order)";
    case DateOrder::ymd: return "year-month-day (ymd)";
    case DateOrder::iso: return "ISO 8601 (iso; a time with an offset is converted to the UK date)";
    case DateOrder::excel: return "Excel serial day numbers (excel)";
    case DateOrder::pattern: return "'" + (given.empty() ? pattern : given) + "'";
    }
    return "?";
}

std::optional<DateFormat> parse_date_format_option(std::string_view s) {
    const std::string given(trim(s));
    std::string low;
    for (char c : given) low.push_back(lower(c));
    DateFormat f;
    f.given = given;
    if (low == "auto" || low.empty()) return std::nullopt;
    if (low == "uk") f.order = DateOrder::uk;
    else if (low == "dmy" || low == "oracle") f.order = DateOrder::dmy;
    else if (low == "mdy" || low == "us") f.order = DateOrder::mdy;
    else if (low == "ymd") f.order = DateOrder::ymd;
    else if (low == "iso") f.order = DateOrder::iso;
    else if (low == "excel") f.order = DateOrder::excel;
    if (f.order != DateOrder::uk || low == "uk") {
        if (low == "oracle") f.given = "oracle (dmy)";
        return f;
    }
    const auto bad = [&](const std::string& why) {
        return UsageError("--date-format '" + given + "': " + why +
                          "; expected auto, uk, dmy, mdy, ymd, iso, excel, oracle, a picture "
                          "such as dd-mm-yyyy or dd-mon-yy, or a format such as %d-%m-%Y");
    };
    f.order = DateOrder::pattern;
    if (given.find('%') != std::string::npos) {
        f.pattern = given;
    } else { // a picture: dd-mm-yyyy, dd-mon-yy, mm/dd/yyyy, d month yyyy ...
        for (size_t i = 0; i < low.size();) {
            if (!is_alpha(low[i])) {
                f.pattern.push_back(low[i++]);
                continue;
            }
            size_t j = i;
            while (j < low.size() && is_alpha(low[j])) ++j;
            const std::string w = low.substr(i, j - i);
            if (w == "d" || w == "dd") f.pattern += "%d";
            else if (w == "m" || w == "mm") f.pattern += "%m";
            else if (w == "mon" || w == "mmm") f.pattern += "%b";
            else if (w == "month" || w == "mmmm") f.pattern += "%B";
            else if (w == "yy") f.pattern += "%y";
            else if (w == "yyyy") f.pattern += "%Y";
            else throw bad("'" + w + "' is not a part of a date picture (d, dd, m, mm, mon, month, yy, yyyy)");
            i = j;
        }
    }
    bool day = false, month = false, year = false;
    for (size_t i = 0; i < f.pattern.size(); ++i) {
        if (f.pattern[i] != '%') continue;
        if (i + 1 >= f.pattern.size()) throw bad("a lone % at the end");
        const char c = f.pattern[++i];
        if (std::string_view("demMbBhyYHISfpz%").find(c) == std::string_view::npos)
            throw bad(std::string("%") + c + " is not supported");
        day |= c == 'd' || c == 'e';
        month |= c == 'm' || c == 'b' || c == 'B' || c == 'h';
        year |= c == 'y' || c == 'Y';
    }
    if (!day || !month || !year) throw bad("it needs a day, a month and a year");
    return f;
}

DateDetection detect_date_format(const std::vector<DateSampleValue>& sample,
                                 const std::string& file) {
    DateDetection out;
    if (sample.empty()) return out;
    // Candidates in order of preference on a tie: the UK default, then day first.
    static constexpr DateOrder kCandidates[] = {DateOrder::uk,  DateOrder::dmy, DateOrder::iso,
                                                DateOrder::ymd, DateOrder::mdy, DateOrder::excel};
    constexpr size_t kN = std::size(kCandidates);
    std::array<std::size_t, kN> count{};
    std::array<std::size_t, kN> first{}; // first value each reads
    std::array<bool, kN> any{};
    const DateSampleValue* only_dmy = nullptr; // numeric, valid day first only
    const DateSampleValue* only_mdy = nullptr; // numeric, valid month first only
    bool all_uk = true;
    for (std::size_t v = 0; v < sample.size(); ++v) {
        const std::string_view s = trim(sample[v].value);
        if (!parse_date(s)) all_uk = false;
        bool named_d = false, named_m = false;
        bool ok[kN];
        ok[0] = parse_date(s).has_value();
        const bool iso_form = s.size() >= 5 && s[4] == '-' && is_digit(s[0]);
        // An ISO value counts for iso only (dmy, mdy and ymd read it too, but it says nothing
        // of their order).
        ok[1] = !iso_form && parse_ordered(s, DateOrder::dmy, &named_d).has_value();
        ok[2] = parse_iso_full(s).has_value();
        ok[3] = !iso_form && parse_ordered(s, DateOrder::ymd).has_value();
        ok[4] = !iso_form && parse_ordered(s, DateOrder::mdy, &named_m).has_value();
        ok[5] = parse_excel(s).has_value();
        for (size_t k = 0; k < kN; ++k)
            if (ok[k]) {
                if (!any[k]) first[k] = v;
                any[k] = true;
                ++count[k];
            }
        if (ok[1] && !ok[4] && !named_d && !iso_form && !only_dmy) only_dmy = &sample[v];
        if (ok[4] && !ok[1] && !named_m && !iso_form && !only_mdy) only_mdy = &sample[v];
    }
    if (all_uk) return out;
    if (only_dmy && only_mdy)
        throw DataError(file + ": the dates are written both ways round: '" + only_dmy->value +
                        "' (line " + std::to_string(only_dmy->line) +
                        ") can only be day/month/year, '" + only_mdy->value + "' (line " +
                        std::to_string(only_mdy->line) +
                        ") only month/day/year; say which with --date-format dmy or mdy "
                        "(the other rows are then rejected as invalid dates)");
    size_t best = 0;
    for (size_t k = 1; k < kN; ++k)
        if (count[k] > count[best]) best = k;
    if (count[best] == 0) return out; // nothing reads them: rejected as invalid dates
    out.format.order = kCandidates[best];
    if (out.format.order == DateOrder::uk) return out;
    const DateSampleValue& ex = sample[first[best]];
    std::string note = file + ": dates read as " + out.format.describe() + ", e.g. '" +
                       std::string(trim(ex.value)) + "' (line " + std::to_string(ex.line) +
                       ") is " + format_iso(*parse_date_as(ex.value, out.format));
    if (out.format.order == DateOrder::mdy && only_mdy)
        note += "; '" + only_mdy->value + "' (line " + std::to_string(only_mdy->line) +
                ") can only be month first";
    if (out.format.order == DateOrder::dmy && !only_dmy && count[4] == count[1])
        note += "; every value could also be month first: read day first, as in the UK";
    note += " (detected from " + std::to_string(sample.size()) +
            (sample.size() == 1 ? " value" : " values") + "; --date-format chooses)";
    out.note = std::move(note);
    return out;
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
