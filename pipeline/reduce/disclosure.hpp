// Disclosure control: small-number suppression of a Cube (--suppress-below N).
//
// Primary: every published count from 1 to N-1 is hidden (shown as "*"). Zeros are shown.
// A platform's mentions are hidden with its crimes (a small mention count bounds the crimes).
//
// Secondary: a hidden count must not be recoverable from the published counts. They are
// tied by exact linear relations:
//   - totals: for every dimension whose values partition the crimes (all but overlapping
//     explicit periods), the ALL cell is the sum of its values' cells, for every measure;
//   - mentions: ANY mentions = the sum of the platforms' mentions;
//   - online flag: either = flagged + keyword - both, for every row that shows it;
//   - the ONLINE row (sets with an outside-any platform): ANY mentions = the sum of the listed
//     platforms' mentions, ONLINE mentions = the sum of every platform's, and ONLINE
//     mentions = ANY mentions + the outside platforms' mentions; ONLINE - ANY is the number
//     of crimes naming only outside platforms, which is known exactly when it is 0 (no
//     outside platform named in the cell: then ONLINE = ANY for crimes, both and either) or
//     when ANY is 0 and one outside platform alone is named (then ONLINE = that platform).
//     ONLINE is a total-like row: the totals over dimensions hold for it as for ANY.
// Only the cells and measures the output publishes count (Publication): a relation with an
// unpublished member (a total that is not printed) tells nothing by itself. Whenever a
// relation has exactly one hidden member, one more member is hidden: the smallest non-zero
// member, the parts before the total, then the first in table order. This repeats until
// every relation has zero or at least two hidden members, so no hidden count can be worked
// out from the totals of its row, column or group. Percentages are hidden with their count
// or base. The result lists every suppressed count and why.
#pragma once

#include "pipeline/reduce/reducer.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace moscan {

enum class Measure : std::uint8_t {
    crimes, mentions, both, either,                     // per platform
    any_crimes, any_mentions, any_both, any_either,     // the ANY row
    total, flagged,                                     // the TOTAL row, the cell's flagged
    online_crimes, online_mentions, online_both, online_either, // the ONLINE row
};

struct SuppressedCount {
    CellKey key;
    Measure measure;
    std::size_t platform = 0; // for per-platform measures
    std::string what;         // "period=Oct2019-Mar2020 group=sexual snapchat crimes"
    std::string why;
    bool primary = false;
};

struct Suppression {
    std::uint64_t threshold = 0; // counts 1..threshold-1 are hidden
    bool flag = false;           // the flag measures were published (and protected)
    std::vector<SuppressedCount> counts; // primary first, then secondary in order chosen
    std::vector<std::string> unprotected; // relations that could not be protected (none expected)

    bool hidden(const CellKey& k, Measure m, std::size_t platform = 0) const {
        return set_.count({k, static_cast<int>(m), platform}) > 0;
    }
    std::size_t primary_count() const;
    std::size_t secondary_count() const { return counts.size() - primary_count(); }

    std::set<std::tuple<CellKey, int, std::size_t>> set_;
};

// What an output publishes.
struct Publication {
    std::function<bool(const CellKey&)> displayed; // cells shown (empty: the leaves)
    bool flag_rows = false;  // flagged/both/either on every platform row
    bool flag_cells = false; // flagged and ANY's both/either per cell
};
// The cube must hold its margins (ReduceInput::margins) when totals are displayed.
Suppression suppress(const Cube& cube, std::uint64_t threshold, const Publication& pub);

// The value of a measure of a cell.
std::uint64_t measure_value(const CellCounts& c, Measure m, std::size_t platform);
const char* measure_name(Measure m);
// "period=Oct2019-Mar2020 group=sexual platform=snapchat crimes" (broken-down dimensions).
std::string describe(const Cube& cube, const CellKey& k, Measure m, std::size_t platform);

} // namespace moscan
