// Finalize: from merged per-crime states to the long table
//   period, group, code, platform, crimes, mentions
// For each cell of the chosen breakdown (--by; a dimension not broken down holds ALL): one
// row per platform with crimes > 0 in pattern-set order, then ANY (crimes naming at least
// one platform: the online element) and TOTAL (all crimes in scope). Cells are ordered by
// period (as defined, or chronological buckets), group and code (code-list order); every
// requested period and selected group gets its ANY and TOTAL rows even when they are zero.
#pragma once

#include "matchers/pattern_set.hpp"
#include "pipeline/codes.hpp"
#include "pipeline/crime_fold.hpp"
#include "pipeline/periods.hpp"
#include "pipeline/summary.hpp"

#include <string>
#include <vector>

namespace moscan {

struct TableRow {
    std::string period, group, code, platform;
    std::uint64_t crimes = 0, mentions = 0;
    bool operator==(const TableRow&) const = default;
};

struct Breakdown {
    bool period = true, group = true, code = false;
    static Breakdown parse(const std::vector<std::string>& by); // throws UsageError
};

struct ReduceInput {
    const PatternSet& patterns;
    const CodeList& codes;
    const CodeOrder& order;
    const std::vector<bool>& group_selected; // one per list group, then "other"
    const Periods& periods;
    Breakdown by;
    int max_age;           // -1: no age filter
    bool include_unknown_age;
};

// Decides each crime's scope, fills the crime and row counts of `summary`, returns the rows.
std::vector<TableRow> reduce(const CrimeMap& crimes, const ReduceInput& in, Summary& summary);

} // namespace moscan
