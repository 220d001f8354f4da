// The matcher interface: find byte ranges of pattern matches in a text.
//
// A matcher is immutable after it is built and thread-safe; each thread owns a Scratch.
// Two implementations sit behind it: HyperscanMatcher (one compiled multi-pattern database,
// the production engine) and NaiveMatcher (plain case-insensitive search over the literal
// expansions of the same patterns, the reference for tests and honest benchmarks).
// Both report, for every pattern, every match range [start, end) that differs in its end
// offset, with the leftmost start for that end (for an approximate whole-word pattern, only
// those whose start and end are word boundaries: see pattern_set.hpp); mention counting
// (mentions.hpp) turns those hits into per-platform mention counts and is shared by both
// engines. Exception: a HyperscanMatcher built with MatcherOptions::single_match reports
// some patterns once per scan call, with an approximate start (hyperscan_matcher.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace moscan {

struct Hit {
    std::uint32_t pattern; // index into PatternSet::patterns
    std::uint32_t start;
    std::uint32_t end;
    bool operator==(const Hit&) const = default;
};

class Scratch {
public:
    virtual ~Scratch() = default;
};

class Matcher {
public:
    virtual ~Matcher() = default;
    virtual std::unique_ptr<Scratch> make_scratch() const = 0;
    // Appends the hits found in `text` to `hits`. Thread-safe with one scratch per thread.
    virtual void scan(std::string_view text, Scratch& scratch, std::vector<Hit>& hits) const = 0;
    virtual const char* name() const = 0;
};

} // namespace moscan
