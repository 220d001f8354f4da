// Reporting periods: named inclusive date ranges, or calendar buckets (month, quarter, year,
// April-to-March financial year). A crime's period is decided by the earliest date among its
// rows; with user-defined periods that overlap, a crime counts in each period holding it.
#pragma once

#include "pipeline/base/dates.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace moscan {

enum class Every { none, month, quarter, year, fy };

struct Period {
    std::string name;
    Day first; // inclusive
    Day last;  // inclusive
};

class Periods {
public:
    // No periods and no bucketing: one period "ALL" holding every valid date.
    Periods() = default;
    // Parses "NAME=YYYY-MM-DD..YYYY-MM-DD". Throws UsageError.
    static Period parse(std::string_view spec);
    static Every parse_every(std::string_view s);

    void add(Period p) { explicit_.push_back(std::move(p)); }
    void set_every(Every e) { every_ = e; }
    Every every() const { return every_; }
    bool has_explicit() const { return !explicit_.empty(); }
    const std::vector<Period>& explicit_periods() const { return explicit_; }

    // Whether a date falls in any period.
    bool contains(Day d) const { // inline: asked for every row that passes the code filter
        if (explicit_.empty()) return true;
        for (const auto& p : explicit_)
            if (d >= p.first && d <= p.last) return true;
        return false;
    }
    // Appends the ordinal of every period holding d (bucket keys for `every`; indices into
    // the explicit list otherwise; 0 for the single ALL period).
    void keys(Day d, std::vector<int>& out) const;
    // Without explicit periods a date has exactly one key: that key.
    int key(Day d) const;
    // Name of a period key; bucket names are "2020-04", "2020-Q2", "2020", "2020/21".
    std::string name(int key) const;
    // Keys to report, in order, given the smallest and largest key seen in the data: every
    // explicit period, or every bucket from `lo` to `hi`.
    std::vector<int> report_keys(int lo, int hi, bool any) const;
    std::string describe() const;

private:
    std::vector<Period> explicit_;
    Every every_ = Every::none;
};

} // namespace moscan
