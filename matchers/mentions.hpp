// From raw hits to per-platform mention counts: the one place where the mention rule lives.
//
// Rule (see pattern_set.hpp for the full semantics): drop matches whose pattern or platform
// is not valid on the record's date; note which terms and labels are present in the text;
// drop term matches and matches whose require/unless or near/notnear conditions fail (near:
// some match of the name, other than this very hit, within N bytes); then, per platform,
// drop its matches that overlap one of its exclude matches and merge overlapping ranges;
// each merged range is one mention.
//
// Logical combinations are evaluated here, on the hits, rather than with Hyperscan's
// HS_FLAG_COMBINATION: a combination reports one id when its expression becomes true and
// loses the ranges that the overlap and exclude rules need; its sub-expressions would have
// to be HS_FLAG_QUIET, so the same pattern could not both count and serve as a condition;
// and the naive reference matcher would need its own evaluator. Here the rule is a pure,
// order-free function of the hits (presence of a name in one text), so both matchers give
// the same counts whenever they give the same hits.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/pattern_set.hpp"

#include <climits>
#include <cstdint>
#include <span>
#include <vector>

namespace moscan {

struct PlatformCount {
    std::uint32_t platform;
    std::uint32_t mentions;
    bool operator==(const PlatformCount&) const = default;
};

// One mention: a merged range of a platform's counted matches. `pattern` is the pattern of
// the range's first match.
struct MentionSpan {
    std::uint32_t platform, pattern, start, end;
    bool operator==(const MentionSpan&) const = default;
};

class MentionCounter {
public:
    explicit MentionCounter(const PatternSet& set);
    // Reorders `hits` (and removes those that do not count) and writes one entry per
    // platform with at least one mention, in platform order, to `out` (cleared first).
    // `day` is the date of the record the text belongs to (days since 1970-01-01; kNoDay
    // when unknown: then every date window passes). `hits` must be the hits of one text.
    static constexpr std::int32_t kNoDay = INT32_MIN;
    void count(std::vector<Hit>& hits, std::vector<PlatformCount>& out,
               std::int32_t day = kNoDay) const;
    // The same for hits in place (reordered; those that do not count are only dropped from a
    // copy).
    void count(std::span<Hit> hits, std::vector<PlatformCount>& out,
               std::int32_t day = kNoDay) const;
    // The same mentions as ranges, in platform then start order (for the audit trail):
    // count() is exactly a tally of these.
    void spans(std::vector<Hit>& hits, std::vector<MentionSpan>& out,
               std::int32_t day = kNoDay) const;

private:
    void apply_logic(std::vector<Hit>& hits, std::int32_t day) const;
    // The rule itself: calls open(platform, hit) for each new mention and extend(end) when a
    // match overlaps the current one.
    template <typename Open, typename Extend>
    void walk(std::vector<Hit>& hits, std::int32_t day, Open&& open, Extend&& extend) const;
    // One entry per platform with mentions, in platform order, from hits that all count.
    void tally(std::span<Hit> hits, std::vector<PlatformCount>& out) const;
    // The overlap and exclude part of the rule, on hits that all count.
    template <typename Open, typename Extend>
    void rule(std::span<Hit> hits, Open&& open, Extend&& extend) const;

    std::vector<std::uint32_t> platform_of_;
    std::vector<std::uint8_t> exclude_;
    std::vector<std::uint64_t> order_of_; // platform * 2, + 1 for an include: the sort's first key
    // Only filled when the set uses terms, labels, conditions or date windows.
    bool logic_ = false;
    std::size_t names_ = 0;
    std::vector<bool> term_;
    std::vector<Validity> window_; // the pattern's window within its platform's
    std::vector<std::vector<std::uint32_t>> require_, unless_, labels_;
    // Only filled when the set uses near/notnear: per pattern, its own and its platform's.
    bool proximity_ = false;
    std::vector<std::vector<Proximity>> near_, notnear_;
};

} // namespace moscan
