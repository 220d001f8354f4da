// The reference matcher: plain, obviously-correct search, independent of Hyperscan.
//
// Each pattern is expanded into the finite list of literal strings it denotes (a small regex
// subset: literals, escapes, classes, groups, alternation, ?, {m,n}, and \b), and each literal
// is tried at every position of the text (only those that can begin with the bytes there, an
// index by the first two bytes, plus every edit-distance literal), comparing bytes case-insensitively (ASCII)
// where the pattern is caseless and checking \b (word/non-word change, word = [A-Za-z0-9_]).
// A pattern with an edit distance d matches a substring whose plain Levenshtein distance
// (over bytes, case-folded where caseless) to one of its literals is at most d; for each end
// offset the leftmost such start is kept and, for a whole-word pattern, the match is kept only
// if both its start and its end are word boundaries (what HyperscanMatcher does in its
// callback, since Hyperscan refuses \b with edit distance).
// It is slow by design and used for tests, `patterns check` and baseline benchmarks.
// Patterns outside the subset (unbounded repetition, '.', negated classes) are rejected with
// a ConfigError naming the pattern.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/pattern_set.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace moscan {

class NaiveMatcher final : public Matcher {
public:
    explicit NaiveMatcher(const PatternSet& set);
    std::unique_ptr<Scratch> make_scratch() const override;
    void scan(std::string_view text, Scratch& scratch, std::vector<Hit>& hits) const override;
    const char* name() const override { return "naive"; }

    // Token 0x100 in a literal is a \b assertion; others are bytes.
    using Literal = std::vector<int>;
    // The literal expansion of one regex (exposed for tests). Throws ConfigError.
    static std::vector<Literal> expand(const std::string& regex, const std::string& where);

private:
    struct Entry {
        Literal tokens;
        std::uint32_t pattern;
        bool caseless;
        unsigned edit; // Levenshtein distance allowed; 0: exact
    };
    std::vector<Entry> entries_;
    // Entries by the bytes a match starts with: one-byte literals by that byte, longer ones
    // by their first two (index b0 * 256 + b1); edit-distance literals may start anywhere.
    std::array<std::vector<std::uint32_t>, 256> by_one_;
    std::vector<std::vector<std::uint32_t>> by_two_;
    std::vector<std::uint32_t> anywhere_;
    std::vector<bool> boundary_check_; // per pattern: whole word checked on the hit's range
};

} // namespace moscan
