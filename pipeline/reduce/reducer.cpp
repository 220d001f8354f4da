#include "pipeline/reduce/reducer.hpp"

#include "pipeline/reduce/disclosure.hpp"
#include "pipeline/base/error.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <span>
#include <atomic>
#include <unordered_map>

namespace moscan {

const char* dim_name(Dim d) {
    switch (d) {
    case Dim::period: return "period";
    case Dim::group: return "group";
    case Dim::code: return "code";
    case Dim::age_band: return "age_band";
    case Dim::gender: return "gender";
    }
    return "?";
}

std::vector<Dim> Breakdown::extra() const {
    std::vector<Dim> out;
    for (Dim d : {Dim::age_band, Dim::gender})
        if (has(d)) out.push_back(d);
    return out;
}

Breakdown Breakdown::parse(const std::vector<std::string>& by) {
    Breakdown b;
    b.on.fill(false);
    for (const auto& item : by) {
        std::string_view rest = item;
        while (!rest.empty()) {
            size_t comma = rest.find(',');
            std::string_view w = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            if (w == "period") b.on[0] = true;
            else if (w == "group") b.on[1] = true;
            else if (w == "code") b.on[2] = true;
            else if (w == "age_band" || w == "age" || w == "age-band") b.on[3] = true;
            else if (w == "gender") b.on[4] = true;
            else if (w == "flag" || w == "online_flag") b.flag = true;
            else if (w.empty() || w == "none" || w == "platform") continue;
            else
                throw UsageError("--by '" + std::string(w) +
                                 "': expected period, group, code, age_band, gender, platform "
                                 "or flag");
        }
    }
    return b;
}

bool Cube::is_leaf(const CellKey& k) const {
    for (size_t d = 0; d < kDims; ++d)
        if (by.on[d] && k[d] == kAll) return false;
    return true;
}

std::string Cube::label(Dim d, int value) const {
    if (value == kAll) return "ALL";
    const auto& m = dims[static_cast<size_t>(d)].label;
    auto it = m.find(value);
    return it == m.end() ? std::to_string(value) : it->second;
}

CellCounts& CellCounts::operator+=(const CellCounts& o) {
    total += o.total;
    flagged += o.flagged;
    any += o.any;
    any_mentions += o.any_mentions;
    any_both += o.any_both;
    online += o.online;
    online_mentions += o.online_mentions;
    online_both += o.online_both;
    for (size_t p = 0; p < o.crimes.size(); ++p) {
        crimes[p] += o.crimes[p];
        mentions[p] += o.mentions[p];
        both[p] += o.both[p];
    }
    return *this;
}

const CellCounts* Cube::find(const CellKey& k) const {
    auto it = cells.find(k);
    return it == cells.end() ? nullptr : &it->second;
}

namespace {

// The per-crime facts behind the age band and gender dimensions (see victims.hpp).
int age_band_of(const CrimeState& st, const ReduceInput& in) {
    const std::uint8_t age = st.youngest_age(in.scope.max_age);
    if (age == kNoAge) return in.bands.unknown_index();
    int b = in.bands.find(age);
    return b < 0 ? in.bands.other_index() : b;
}

int gender_of(const CrimeState& st) {
    return static_cast<int>(gender_of_bits(st.scope_genders()));
}

} // namespace

Cube build_cube(const CrimeSource& crimes, const ReduceInput& in, Summary& summary) {
    Cube cube;
    cube.by = in.by;
    cube.margins = in.margins;
    const size_t np = in.patterns.platforms.size();
    for (const auto& p : in.patterns.platforms) {
        cube.platform_ids.push_back(p.id);
        cube.platform_names.push_back(p.name);
        cube.platform_outside.push_back(p.outside_any ? 1 : 0);
        cube.online_row = cube.online_row || p.outside_any;
    }
    const std::vector<char>& outside = cube.platform_outside;
    const bool online_row = cube.online_row;
    auto cell = [&](std::map<CellKey, CellCounts>& cells, const CellKey& k) -> CellCounts& {
        CellCounts& c = cells[k];
        if (c.crimes.empty()) {
            c.crimes.assign(np, 0);
            c.mentions.assign(np, 0);
            c.both.assign(np, 0);
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

    // The broken-down dimensions and, with margins, every subset of them to set to ALL.
    std::vector<size_t> on;
    for (size_t d = 0; d < kDims; ++d)
        if (in.by.on[d]) on.push_back(d);
    const unsigned masks = in.margins ? 1u << on.size() : 1u;
    const bool by_period = in.by.has(Dim::period);
    const size_t period_bit = by_period ? 0 : SIZE_MAX; // period is first in `on` when there

    // The source may visit crimes from several threads at once: each thread counts into its
    // own cells and counters, added up afterwards (sums, so in any order the same).
    struct Acc {
        std::map<CellKey, CellCounts> cells;
        std::uint64_t out_age = 0, crimes_out_age = 0, rows_used = 0, in_scope = 0, online = 0;
        int lo = INT32_MAX, hi = INT32_MIN;
        std::vector<PlatformCount> totals;
        std::vector<int> period_keys;
    };
    oneapi::tbb::enumerable_thread_specific<Acc> accs;
    // Each thread's accumulator is looked up once per thread and run, not once per crime (the
    // thread-specific lookup costs about as much as counting a crime). `run` tells this run's
    // accumulators from those of an earlier run on the same thread.
    static std::atomic<std::uint64_t> runs{0};
    const std::uint64_t run = ++runs;
    crimes([&](std::string_view, const CrimeState& st) {
        thread_local std::uint64_t acc_run = 0;
        thread_local void* acc = nullptr;
        if (acc_run != run) {
            acc = &accs.local();
            acc_run = run;
        }
        Acc& a = *static_cast<Acc*>(acc);
        bool in_scope = in.scope.admits(st.child, st.unknown_age);
        if (!in_scope) {
            a.out_age += st.rows;
            ++a.crimes_out_age;
            return;
        }
        a.rows_used += st.rows;
        ++a.in_scope;
        const std::span<const PlatformCount> totals = st.totals(a.totals);
        bool online = !totals.empty();
        a.online += online;
        std::uint64_t sum = 0;
        for (const auto& t : totals) sum += t.mentions;
        // ANY: the listed platforms only (the same as ONLINE without outside platforms).
        bool listed = online;
        std::uint64_t listed_sum = sum;
        if (online_row) {
            listed = false;
            listed_sum = 0;
            for (const auto& t : totals)
                if (!outside[t.platform]) {
                    listed = true;
                    listed_sum += t.mentions;
                }
        }

        // Period keys: one, unless explicit periods overlap.
        int one_key = 0;
        std::span<const int> period_keys(&one_key, 1);
        if (in.periods.has_explicit()) {
            a.period_keys.clear();
            in.periods.keys(st.date, a.period_keys);
            period_keys = a.period_keys;
        } else {
            one_key = in.periods.key(st.date);
        }
        for (int pk : period_keys) {
            a.lo = std::min(a.lo, pk);
            a.hi = std::max(a.hi, pk);
        }
        CellKey base{kAll, kAll, kAll, kAll, kAll};
        if (in.by.has(Dim::group)) base[1] = static_cast<int>(in.order.group(st.code));
        if (in.by.has(Dim::code)) base[2] = rank_of.at(st.code);
        if (in.by.has(Dim::age_band)) base[3] = age_band_of(st, in);
        if (in.by.has(Dim::gender)) base[4] = gender_of(st);
        auto add = [&](const CellKey& k) {
            CellCounts& c = cell(a.cells, k);
            ++c.total;
            c.flagged += st.flagged;
            if (listed) {
                ++c.any;
                c.any_mentions += listed_sum;
                c.any_both += st.flagged;
            }
            if (online) {
                ++c.online;
                c.online_mentions += sum;
                c.online_both += st.flagged;
            }
            for (const auto& t : totals) {
                ++c.crimes[t.platform];
                c.mentions[t.platform] += t.mentions;
                c.both[t.platform] += st.flagged;
            }
        };
        for (unsigned m = 0; m < masks; ++m) {
            CellKey k = base;
            for (size_t i = 0; i < on.size(); ++i)
                if (m & (1u << i)) k[on[i]] = kAll;
            if (by_period && !(m & (1u << period_bit))) {
                for (int pk : period_keys) {
                    k[0] = pk;
                    add(k);
                }
            } else {
                add(k); // once, even when explicit periods overlap
            }
        }
    });
    int lo = INT32_MAX, hi = INT32_MIN;
    for (Acc& a : accs) {
        summary.out_age += a.out_age;
        summary.crimes_out_of_scope_age += a.crimes_out_age;
        summary.rows_used += a.rows_used;
        summary.crimes_in_scope += a.in_scope;
        summary.crimes_online += a.online;
        lo = std::min(lo, a.lo);
        hi = std::max(hi, a.hi);
        for (const auto& [k, c] : a.cells) cell(cube.cells, k) += c;
    }

    // The dimensions: values in report order and labels.
    {
        DimSpec& p = cube.dims[0];
        p.dim = Dim::period;
        p.values = by_period ? in.periods.report_keys(lo, hi, lo <= hi) : std::vector<int>{};
        for (int v : p.values) p.label[v] = in.periods.name(v);
        // Explicit periods that overlap count a crime in each: no sum relation.
        const auto& ex = in.periods.explicit_periods();
        for (size_t i = 0; i < ex.size(); ++i)
            for (size_t j = i + 1; j < ex.size(); ++j)
                if (ex[i].first <= ex[j].last && ex[j].first <= ex[i].last) p.additive = false;
        DimSpec& g = cube.dims[1];
        g.dim = Dim::group;
        for (size_t i = 0; i < in.group_selected.size(); ++i) {
            if (!in.group_selected[i]) continue;
            g.values.push_back(static_cast<int>(i));
            g.label[static_cast<int>(i)] =
                i < in.codes.groups().size() ? in.codes.groups()[i] : std::string("other");
        }
        DimSpec& c = cube.dims[2];
        c.dim = Dim::code;
        c.fixed = false;
        std::vector<int> codes_seen;
        for (const auto& [k, counts] : cube.cells)
            if (k[2] != kAll) codes_seen.push_back(k[2]);
        std::sort(codes_seen.begin(), codes_seen.end());
        codes_seen.erase(std::unique(codes_seen.begin(), codes_seen.end()), codes_seen.end());
        c.values = codes_seen;
        for (int v : codes_seen) c.label[v] = std::string(in.order.name(by_rank[static_cast<size_t>(v)]));
        DimSpec& a = cube.dims[3];
        a.dim = Dim::age_band;
        std::vector<std::string> bl = in.bands.labels();
        for (size_t i = 0; i < bl.size(); ++i) {
            int v = static_cast<int>(i);
            // "Other ages" exists without an age limit, or with one when the bands leave an age
            // within it uncovered (--age-bands 0-9,12-17: 10 and 11); "Unknown" only with
            // unknown ages in scope.
            if (v == in.bands.other_index() && in.scope.limited() &&
                in.bands.covers(0, in.scope.max_age))
                continue;
            if (v == in.bands.unknown_index() && in.scope.limited() && !in.scope.include_unknown)
                continue;
            a.values.push_back(v);
            a.label[v] = bl[i];
        }
        DimSpec& s = cube.dims[4];
        s.dim = Dim::gender;
        for (int v = 0; v < kGenders; ++v) {
            s.values.push_back(v);
            s.label[v] = gender_label(static_cast<Gender>(v));
        }
    }

    // Zero cells for every value of the fixed dimensions, so that a requested breakdown is
    // never silently missing. A cell whose codes are broken down is only there when seen.
    for (unsigned m = 0; m < masks; ++m) {
        std::vector<size_t> open; // dimensions broken down in this cell
        bool fixed = true;
        for (size_t i = 0; i < on.size(); ++i) {
            if (m & (1u << i)) continue;
            open.push_back(on[i]);
            fixed = fixed && cube.dims[on[i]].fixed;
        }
        if (!fixed) continue;
        CellKey k{kAll, kAll, kAll, kAll, kAll};
        // Odometer over the open dimensions' values.
        std::vector<size_t> idx(open.size(), 0);
        bool empty = false;
        for (size_t d : open) empty = empty || cube.dims[d].values.empty();
        if (empty) continue;
        while (true) {
            for (size_t i = 0; i < open.size(); ++i) k[open[i]] = cube.dims[open[i]].values[idx[i]];
            cell(cube.cells, k);
            size_t i = 0;
            for (; i < open.size(); ++i) {
                if (++idx[i] < cube.dims[open[i]].values.size()) break;
                idx[i] = 0;
            }
            if (i == open.size()) break;
        }
    }
    return cube;
}

std::vector<TableRow> rows_of(const Cube& cube, const RowOptions& o, const Suppression* sup) {
    const size_t np = cube.platforms();
    const std::vector<Dim> extra = cube.by.extra();
    std::vector<TableRow> rows;
    for (const auto& cell : cube.cells) {
        // Not a structured binding: clang 14 cannot capture one in the lambdas below.
        const CellKey& k = cell.first;
        const CellCounts& c = cell.second;
        if (!cube.is_leaf(k) && !o.totals) continue;
        TableRow base;
        base.period = cube.label(Dim::period, k[0]);
        base.group = cube.label(Dim::group, k[1]);
        base.code = cube.label(Dim::code, k[2]);
        for (Dim d : extra) base.dims.push_back(cube.label(d, k[static_cast<size_t>(d)]));
        auto hidden = [&](Measure m, std::size_t platform = 0) -> bool {
            return sup && sup->hidden(k, m, platform);
        };
        // One row: the row's crimes, mentions, and its flag and share measures.
        // no_share: TOTAL, ONLINE and outside platforms (not part of the where-known base).
        auto emit = [&](std::string platform, std::uint64_t crimes, std::uint64_t mentions,
                        std::uint64_t both, bool no_share, Measure mc, Measure mm, Measure mb,
                        Measure me, std::size_t p) {
            TableRow r = base;
            r.platform = std::move(platform);
            r.crimes = crimes;
            r.mentions = mentions;
            if (hidden(mc, p)) r.hidden |= kHideCrimes;
            if (hidden(mm, p)) r.hidden |= kHideMentions;
            if (o.flag) {
                r.flagged = c.flagged;
                r.both = both;
                r.either = c.flagged + crimes - both;
                if (hidden(Measure::flagged)) r.hidden |= kHideFlagged;
                if (hidden(mb, p)) r.hidden |= kHideBoth;
                if (hidden(me, p)) r.hidden |= kHideEither;
            }
            if (o.shares) {
                r.base = c.any;
                if (hidden(Measure::any_crimes)) r.hidden |= kHideBase;
                if (!no_share) {
                    r.share = c.any ? 100.0 * static_cast<double>(crimes) /
                                          static_cast<double>(c.any)
                                    : 0.0;
                    if (r.hidden & (kHideCrimes | kHideBase)) r.hidden |= kHideShare;
                }
            }
            // A suppressed value is never carried, so that no writer can leak it.
            if (r.hidden & kHideCrimes) r.crimes = 0;
            if (r.hidden & kHideMentions) r.mentions = 0;
            if (r.hidden & kHideFlagged) r.flagged = 0;
            if (r.hidden & kHideBoth) r.both = 0;
            if (r.hidden & kHideEither) r.either = 0;
            if (r.hidden & kHideBase) r.base = 0;
            if (r.hidden & kHideShare) r.share = 0;
            rows.push_back(std::move(r));
        };
        for (size_t i = 0; i < np; ++i) {
            // A platform row with no crimes is left out, unless its zero is hidden (it
            // never is: only counts from 1 are suppressed, and a secondary is never a zero).
            if (!c.crimes[i]) continue;
            emit(cube.platform_ids[i], c.crimes[i], c.mentions[i], c.both[i],
                 cube.platform_outside[i] != 0, Measure::crimes, Measure::mentions, Measure::both, Measure::either, i);
        }
        emit("ANY", c.any, c.any_mentions, c.any_both, false, Measure::any_crimes,
             Measure::any_mentions, Measure::any_both, Measure::any_either, 0);
        if (cube.online_row)
            emit("ONLINE", c.online, c.online_mentions, c.online_both, true,
                 Measure::online_crimes, Measure::online_mentions, Measure::online_both,
                 Measure::online_either, 0);
        // TOTAL: its keyword set is every crime of the cell, so both = flagged and
        // either = TOTAL; its mentions are those of ANY.
        emit("TOTAL", c.total, c.any_mentions, c.flagged, true, Measure::total,
             Measure::any_mentions, Measure::flagged, Measure::total, 0);
    }
    return rows;
}

std::vector<TableRow> reduce(const CrimeSource& crimes, const ReduceInput& in, Summary& summary) {
    return rows_of(build_cube(crimes, in, summary), RowOptions{});
}

} // namespace moscan
