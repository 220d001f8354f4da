#include "pipeline/reducer.hpp"

#include "pipeline/error.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <tuple>

namespace moscan {

Breakdown Breakdown::parse(const std::vector<std::string>& by) {
    Breakdown b{false, false, false};
    for (const auto& item : by) {
        std::string_view rest = item;
        while (!rest.empty()) {
            size_t comma = rest.find(',');
            std::string_view w = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            if (w == "period") b.period = true;
            else if (w == "group") b.group = true;
            else if (w == "code") b.code = true;
            else if (w.empty() || w == "none") continue;
            else
                throw UsageError("--by '" + std::string(w) + "': expected period, group or code");
        }
    }
    return b;
}

namespace {

constexpr int kAll = -1;

struct Cell {
    std::vector<std::uint64_t> crimes, mentions;
    std::uint64_t any = 0, any_mentions = 0, total = 0;
};

} // namespace

std::vector<TableRow> reduce(const CrimeMap& crimes, const ReduceInput& in, Summary& summary) {
    const size_t np = in.patterns.platforms.size();
    using Key = std::tuple<int, int, int>; // period key, group, code (kAll when not broken down)
    std::map<Key, Cell> cells;
    auto cell = [&](const Key& k) -> Cell& {
        Cell& c = cells[k];
        if (c.crimes.empty()) {
            c.crimes.assign(np, 0);
            c.mentions.assign(np, 0);
        }
        return c;
    };

    // Codes are keyed by rank (CodeOrder), so that output order never depends on the order
    // in which codes outside the list were first seen.
    std::vector<std::uint32_t> by_rank; // rank -> code index
    std::unordered_map<std::uint32_t, int> rank_of;
    {
        const auto listed = static_cast<std::uint32_t>(in.codes.codes().size());
        for (std::uint32_t i = 0; i < listed; ++i) by_rank.push_back(i);
        if (in.order.extras) {
            std::vector<std::uint32_t> extra;
            for (std::uint32_t i = 0; i < in.order.extras->size(); ++i) extra.push_back(listed + i);
            std::sort(extra.begin(), extra.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return in.order.less(a, b); });
            by_rank.insert(by_rank.end(), extra.begin(), extra.end());
        }
        for (size_t r = 0; r < by_rank.size(); ++r) rank_of[by_rank[r]] = static_cast<int>(r);
    }

    std::vector<PlatformCount> totals;
    std::vector<int> period_keys;
    int lo = INT32_MAX, hi = INT32_MIN;
    crimes.for_each([&](std::string_view, const CrimeState& st) {
        bool in_scope = in.max_age < 0 || st.child || (in.include_unknown_age && st.unknown_age);
        if (!in_scope) {
            summary.out_age += st.rows;
            ++summary.crimes_out_of_scope_age;
            return;
        }
        summary.rows_used += st.rows;
        ++summary.crimes_in_scope;
        st.totals(totals);
        bool online = !totals.empty();
        summary.crimes_online += online;
        std::uint64_t sum = 0;
        for (const auto& t : totals) sum += t.mentions;

        period_keys.clear();
        in.periods.keys(st.date, period_keys);
        int group = static_cast<int>(in.order.group(st.code));
        for (int pk : period_keys) {
            lo = std::min(lo, pk);
            hi = std::max(hi, pk);
            Key k{in.by.period ? pk : kAll, in.by.group ? group : kAll,
                  in.by.code ? rank_of.at(st.code) : kAll};
            Cell& c = cell(k);
            ++c.total;
            if (online) {
                ++c.any;
                c.any_mentions += sum;
            }
            for (const auto& t : totals) {
                ++c.crimes[t.platform];
                c.mentions[t.platform] += t.mentions;
            }
        }
    });

    // Zero cells for every requested period and selected group, so that a requested
    // breakdown is never silently missing.
    std::vector<int> period_list =
        in.by.period ? in.periods.report_keys(lo, hi, lo <= hi) : std::vector<int>{kAll};
    std::vector<int> group_list;
    if (in.by.group) {
        for (size_t g = 0; g < in.group_selected.size(); ++g)
            if (in.group_selected[g]) group_list.push_back(static_cast<int>(g));
    } else {
        group_list.push_back(kAll);
    }
    if (!in.by.code)
        for (int p : period_list)
            for (int g : group_list) cell(Key{p, g, kAll});

    std::vector<TableRow> rows;
    for (const auto& [k, c] : cells) {
        auto [p, g, code] = k;
        TableRow base;
        base.period = p == kAll ? "ALL" : in.periods.name(p);
        base.group = g == kAll ? "ALL"
                     : static_cast<size_t>(g) < in.codes.groups().size()
                         ? in.codes.groups()[static_cast<size_t>(g)]
                         : std::string("other");
        base.code = code == kAll ? "ALL"
                                 : std::string(in.order.name(by_rank[static_cast<size_t>(code)]));
        for (size_t i = 0; i < np; ++i) {
            if (!c.crimes[i]) continue;
            TableRow r = base;
            r.platform = in.patterns.platforms[i].id;
            r.crimes = c.crimes[i];
            r.mentions = c.mentions[i];
            rows.push_back(std::move(r));
        }
        TableRow any = base;
        any.platform = "ANY";
        any.crimes = c.any;
        any.mentions = c.any_mentions;
        rows.push_back(std::move(any));
        TableRow total = base;
        total.platform = "TOTAL";
        total.crimes = c.total;
        total.mentions = c.any_mentions;
        rows.push_back(std::move(total));
    }
    return rows;
}

} // namespace moscan
