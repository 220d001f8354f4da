// Per-crime dedup: the facts of all rows of one crime merged into one state.
//
// Every merge is commutative and associative, so the result does not depend on the order in
// which rows arrive or on how they were spread over threads:
//   date    earliest date of its rows; code: the code of that earliest row (ties: the first
//           code in CodeOrder: list order, then codes outside the list alphabetically)
//   age     "has a child victim row" and "has an unknown-age row" are ORed
//   texts   distinct texts (by 64-bit hash) with their per-platform mention counts: identical
//           text on several rows counts once, different texts all count
// Sink (one map per thread) -> combine (merge the maps) -> finalize (reducer.hpp).
#pragma once

#include "matchers/mentions.hpp"
#include "pipeline/codes.hpp"
#include "pipeline/dates.hpp"

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moscan {

struct TextEntry {
    std::uint64_t hash;
    std::vector<PlatformCount> counts;
};

struct CrimeState {
    Day date = INT32_MAX;
    std::uint32_t code = UINT32_MAX;
    std::uint32_t rows = 0;
    bool child = false;       // a row with a known age within the limit
    bool unknown_age = false; // a row with no known age
    bool flagged = false;     // a row with the online flag set
    std::vector<TextEntry> texts;

    void add_row(Day d, std::uint32_t code_index, bool is_child, bool is_unknown, bool flag,
                 std::uint64_t text_hash, const std::vector<PlatformCount>& counts,
                 const CodeOrder& order);
    void merge(CrimeState&& other, const CodeOrder& order);
    // Total mentions per platform over distinct texts (appended to out, cleared first).
    void totals(std::vector<PlatformCount>& out) const;

private:
    void take_date(Day d, std::uint32_t code_index, const CodeOrder& order);
    void add_text(std::uint64_t hash, const std::vector<PlatformCount>& counts);
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

using CrimeMap = std::unordered_map<std::string, CrimeState, StringHash, std::equal_to<>>;

// Merges `from` into `into` (from is left empty).
void merge_maps(CrimeMap& into, CrimeMap& from, const CodeOrder& order);

} // namespace moscan
