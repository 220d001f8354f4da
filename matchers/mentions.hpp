// From raw hits to per-platform mention counts: the one place where the dedup rule lives.
//
// Rule (see pattern_set.hpp): for each platform, drop its pattern matches that overlap one of
// its exclude matches, then merge overlapping ranges; each merged range is one mention.
// This is a pure function of the hits, so both matchers give the same counts when they give
// the same hits.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/pattern_set.hpp"

#include <climits>
#include <cstdint>
#include <vector>

namespace moscan {

struct PlatformCount {
    std::uint32_t platform;
    std::uint32_t mentions;
    bool operator==(const PlatformCount&) const = default;
};

class MentionCounter {
public:
    explicit MentionCounter(const PatternSet& set);
    // Sorts `hits` in place and writes one entry per platform with at least one mention,
    // in platform order, to `out` (cleared first). `day` is the date of the record the text
    // belongs to (days since 1970-01-01; kNoDay when unknown), for date-bound patterns.
    static constexpr std::int32_t kNoDay = INT32_MIN;
    void count(std::vector<Hit>& hits, std::vector<PlatformCount>& out,
               std::int32_t day = kNoDay) const;

private:
    std::vector<std::uint32_t> platform_of_;
    std::vector<bool> exclude_;
};

} // namespace moscan
