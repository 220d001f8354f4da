// Finalize: from merged per-crime states to the counts of every cell of a breakdown.
//
// A breakdown (--by) is a list of dimensions: period, group, code, age_band, gender. Each
// in-scope crime has one value per dimension (a period may hold it several times when
// explicit periods overlap) and is added to the cell of its values. A dimension not broken
// down holds ALL. Every dimension is handled the same way, through DimSpec: its value of a
// crime, its value labels in report order, and whether its values partition the crimes
// (then the cell of ALL is the sum of its values: a "total" that disclosure control must
// respect).
//
// Cube: the counts per cell. Leaves are the cells at the breakdown's level; with margins,
// the cube also holds every total (any subset of the broken-down dimensions set to ALL),
// each counting distinct crimes (never a sum over overlapping periods).
//
// The long table (TableRow, the default output `period,group,code,platform,crimes,mentions`):
// per leaf cell, one row per platform with crimes > 0 in pattern-set order, then ANY
// (crimes naming at least one platform: the online element, the "where known" base) and
// TOTAL (all crimes in scope). A platform marked `outside-any` in the pattern set (an online
// service outside the listed platforms, e.g. "other online service") has its own row but is
// not part of ANY (which then means "names at least one listed platform"); a set with such a
// platform adds the row ONLINE after ANY: crimes naming any platform, listed or not (the
// online element). ONLINE's mentions are every platform's; ANY's (and TOTAL's) the listed
// platforms'. Neither ONLINE nor an outside platform has a where-known share. Sets without
// an outside platform have no ONLINE row, and their tables are as before. Cells are ordered by period (as defined, or chronological
// buckets), group and code (code-list order), then the other dimensions; every requested
// period and selected group (and age band and gender) gets its ANY and TOTAL rows even when
// they are zero, unless codes are broken down (then only codes seen appear).
#pragma once

#include "matchers/pattern_set.hpp"
#include "pipeline/scope/codes.hpp"
#include "pipeline/scope/crime_scope.hpp"
#include "pipeline/fold/crime_fold.hpp"
#include "pipeline/scope/periods.hpp"
#include "pipeline/base/summary.hpp"
#include "pipeline/scope/victims.hpp"

#include <array>
#include <climits>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace moscan {

enum class Dim : std::uint8_t { period, group, code, age_band, gender };
constexpr std::size_t kDims = 5;
const char* dim_name(Dim d);

// One row of the long table. The dimension columns beyond period, group and code, and the
// measures beyond crimes and mentions, are filled only when asked for (RowOptions).
struct TableRow {
    std::string period, group, code, platform;
    std::uint64_t crimes = 0, mentions = 0;
    std::vector<std::string> dims; // values of the extra dimensions (age_band, gender), in order
    // Online flag comparison (RowOptions::flag): crimes of the cell flagged online; of the
    // row's crimes (keyword = crimes), those also flagged (both) and those flagged or
    // naming the row's platform (either).
    std::uint64_t flagged = 0, both = 0, either = 0;
    // "Where known" (RowOptions::shares): the cell's ANY crimes and this row's share of them
    // in percent (-1: not applicable, on TOTAL rows).
    std::uint64_t base = 0;
    double share = -1;
    std::uint32_t hidden = 0; // suppressed measures (Hide bits)
    bool operator==(const TableRow&) const = default;
};

enum Hide : std::uint32_t {
    kHideCrimes = 1,
    kHideMentions = 2,
    kHideFlagged = 4,
    kHideBoth = 8,
    kHideEither = 16,
    kHideBase = 32,
    kHideShare = 64,
};

struct Breakdown {
    std::array<bool, kDims> on{true, true, false, false, false}; // default: period,group
    bool flag = false; // "flag" in --by: the online flag comparison columns
    bool has(Dim d) const { return on[static_cast<std::size_t>(d)]; }
    // The broken-down dimensions beyond period, group and code (extra columns), in order.
    std::vector<Dim> extra() const;
    // Items: period, group, code, age_band (or age), gender, platform (always broken down;
    // accepted for clarity), flag, none. Throws UsageError.
    static Breakdown parse(const std::vector<std::string>& by);
};

struct ReduceInput {
    const PatternSet& patterns;
    const CodeList& codes;
    const CodeOrder& order;
    const std::vector<bool>& group_selected; // one per list group, then "other"
    const Periods& periods;
    Breakdown by;
    CrimeScope scope;
    bool margins = false;  // also count every total (needed by disclosure control, xlsx, html)
    AgeBands bands{};
};

// A cell's key: one value per dimension (period key, group index, code rank, band index,
// gender index), or kAll.
constexpr int kAll = INT_MAX; // sorts after every value: totals come after their parts
using CellKey = std::array<int, kDims>;

struct CellCounts {
    std::vector<std::uint64_t> crimes, mentions, both; // per platform
    std::uint64_t any = 0, any_mentions = 0, any_both = 0, total = 0, flagged = 0;
    // ONLINE: crimes naming any platform, listed or outside ANY (equal to ANY's figures when
    // the set has no outside platform).
    std::uint64_t online = 0, online_mentions = 0, online_both = 0;
    bool operator==(const CellCounts&) const = default;
    // Adds another cell's counts (the same platforms, in the same order).
    CellCounts& operator+=(const CellCounts& o);
};

struct DimSpec {
    Dim dim;
    bool additive = true;             // values partition the crimes (sum = the ALL cell)
    std::vector<int> values;          // every value to report, in order
    std::map<int, std::string> label; // value -> label
    bool fixed = true;                // values known in advance (zero cells are filled)
};

struct Cube {
    Breakdown by;
    std::vector<std::string> platform_ids, platform_names;
    std::vector<char> platform_outside; // per platform: marked outside-any (not part of ANY)
    bool online_row = false;            // some platform is outside ANY: the ONLINE row is shown
    std::array<DimSpec, kDims> dims; // indexed by Dim; only those broken down matter
    std::map<CellKey, CellCounts> cells;
    bool margins = false;

    std::size_t platforms() const { return platform_ids.size(); }
    bool is_leaf(const CellKey& k) const;
    std::string label(Dim d, int value) const; // "ALL" for kAll
    const CellCounts* find(const CellKey& k) const;
};

// Decides each crime's scope, fills the crime and row counts of `summary`, counts the cells.
Cube build_cube(const CrimeSource& crimes, const ReduceInput& in, Summary& summary);

struct Suppression;

struct RowOptions {
    bool totals = false; // also the total cells (ALL in a broken-down dimension); needs margins
    bool flag = false;   // flagged, both, either
    bool shares = false; // where-known base and share
};
// The long table, with suppressed measures marked (and their values zeroed) when given.
std::vector<TableRow> rows_of(const Cube& cube, const RowOptions& o,
                              const Suppression* suppression = nullptr);

// build_cube + rows_of with the default row options.
std::vector<TableRow> reduce(const CrimeSource& crimes, const ReduceInput& in, Summary& summary);

} // namespace moscan
