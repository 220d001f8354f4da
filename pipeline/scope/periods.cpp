#include "pipeline/scope/periods.hpp"

#include "pipeline/base/error.hpp"

#include <cstdio>

namespace moscan {

Period Periods::parse(std::string_view spec) {
    auto bad = [&](const std::string& why) {
        return UsageError("--period '" + std::string(spec) + "': " + why +
                          " (expected NAME=YYYY-MM-DD..YYYY-MM-DD)");
    };
    size_t eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0) throw bad("missing NAME=");
    std::string_view range = spec.substr(eq + 1);
    size_t dots = range.find("..");
    if (dots == std::string_view::npos) throw bad("missing '..'");
    auto first = parse_iso_date(range.substr(0, dots));
    auto last = parse_iso_date(range.substr(dots + 2));
    if (!first) throw bad("invalid start date");
    if (!last) throw bad("invalid end date");
    if (*last < *first) throw bad("end before start");
    return Period{std::string(spec.substr(0, eq)), *first, *last};
}

Every Periods::parse_every(std::string_view s) {
    if (s == "month") return Every::month;
    if (s == "quarter") return Every::quarter;
    if (s == "year") return Every::year;
    if (s == "fy") return Every::fy;
    throw UsageError("--every '" + std::string(s) + "': expected month, quarter, year or fy");
}

namespace {
int bucket(Every e, Day d) {
    int y;
    unsigned m, dd;
    civil_from_days(d, y, m, dd);
    int mi = static_cast<int>(m) - 1;
    switch (e) {
    case Every::month: return y * 12 + mi;
    case Every::quarter: return y * 4 + mi / 3;
    case Every::year: return y;
    case Every::fy: return m >= 4 ? y : y - 1;
    case Every::none: break;
    }
    return 0;
}
} // namespace

void Periods::keys(Day d, std::vector<int>& out) const {
    if (!explicit_.empty()) {
        for (size_t i = 0; i < explicit_.size(); ++i)
            if (d >= explicit_[i].first && d <= explicit_[i].last)
                out.push_back(static_cast<int>(i));
        return;
    }
    out.push_back(key(d));
}

int Periods::key(Day d) const { return every_ == Every::none ? 0 : bucket(every_, d); }

std::string Periods::name(int key) const {
    if (!explicit_.empty()) return explicit_[static_cast<size_t>(key)].name;
    char buf[32];
    switch (every_) {
    case Every::none: return "ALL";
    case Every::month: std::snprintf(buf, sizeof buf, "%04d-%02d", key / 12, key % 12 + 1); break;
    case Every::quarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", key / 4, key % 4 + 1); break;
    case Every::year: std::snprintf(buf, sizeof buf, "%04d", key); break;
    case Every::fy: std::snprintf(buf, sizeof buf, "%04d/%02d", key, (key + 1) % 100); break;
    }
    return buf;
}

std::vector<int> Periods::report_keys(int lo, int hi, bool any) const {
    std::vector<int> out;
    if (!explicit_.empty()) {
        for (size_t i = 0; i < explicit_.size(); ++i) out.push_back(static_cast<int>(i));
    } else if (every_ == Every::none) {
        out.push_back(0);
    } else if (any) {
        for (int k = lo; k <= hi; ++k) out.push_back(k);
    }
    return out;
}

std::string Periods::describe() const {
    if (!explicit_.empty()) {
        std::string s;
        for (const auto& p : explicit_) {
            if (!s.empty()) s += "; ";
            s += p.name + " = " + format_iso(p.first) + " to " + format_iso(p.last);
        }
        return s;
    }
    switch (every_) {
    case Every::month: return "every calendar month";
    case Every::quarter: return "every calendar quarter";
    case Every::year: return "every calendar year";
    case Every::fy: return "every financial year (April to March)";
    case Every::none: break;
    }
    return "all dates";
}

} // namespace moscan
