// finite_language(): the strings of a small regular expression, which the Hyperscan matcher
// compiles as literal lists of one width instead of start-of-match tracking. Expectations are
// written by hand; the matcher-level equivalence (split patterns give the same hits, starts
// included, as the naive matcher) is in test_matchers.cpp's differential tests and the
// case below, on text built to put several widths' matches at one end.
#include "matchers/finite_language.hpp"
#include "matchers/hyperscan_matcher.hpp"
#include "matchers/naive_matcher.hpp"
#include "matchers/pattern_set.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <tuple>
#include <string>
#include <vector>

namespace moscan {
namespace {

using V = std::vector<std::string>;

std::optional<V> fl(const char* e, std::size_t limit = 4096) { return finite_language(e, limit); }

} // namespace

TEST_CASE("finite_language: hand-computed languages") {
    CHECK(fl("abc") == V{"abc"});
    CHECK(fl("ab?c") == V{"abc", "ac"});
    CHECK(fl("(?:a|bc)[xy]") == V{"ax", "ay", "bcx", "bcy"});
    CHECK(fl("(a|b)(?:c|)") == V{"a", "ac", "b", "bc"});
    CHECK(fl("a{2,3}") == V{"aa", "aaa"});
    CHECK(fl("x{0,1}y{2}") == V{"xyy", "yy"});
    CHECK(fl("[a-c]") == V{"a", "b", "c"});
    CHECK(fl("[ ._-]") == V{" ", "-", ".", "_"});
    CHECK(fl("\\x41\\.\\-") == V{"A.-"});
    CHECK(fl("what(?:'|\\xe2\\x80\\x99)?s") == V{"what's", "whats", "what\xe2\x80\x99s"});
    CHECK(fl("a|a|ab?") == V{"a", "ab"}); // duplicates once
    CHECK(fl("snap ?chat") == V{"snap chat", "snapchat"});
}

TEST_CASE("finite_language: anything outside the finite subset is refused") {
    for (const char* e : {"a*", "a+", "a.", "^a", "a$", "\\ba", "\\w", "\\s", "\\d", "(?i)a",
                          "(?=a)b", "[^a]", "a{2,}", "a??", "(a", "a)", "[a", "[[:alpha:]]",
                          "a{", "\\1"})
        CHECK_MESSAGE(!fl(e), e);
}

TEST_CASE("finite_language: a language over the limit is refused") {
    CHECK(fl("[a-z][a-z]", 676)->size() == 676);
    CHECK(!fl("[a-z][a-z]", 675));
    CHECK(!fl("[a-z]{0,4}", 1000));
}

TEST_CASE("literal_expression: letters and digits as they are, the rest as \\xHH") {
    CHECK(literal_expression("ab9") == "ab9");
    CHECK(literal_expression("a b.c") == "a\\x20b\\x2ec");
    CHECK(literal_expression("\xe2\x80\x99") == "\\xe2\\x80\\x99");
}

// Several widths ending at one offset ("group chat" / "chat"), word boundaries, case and
// partial patterns: the split Hyperscan database and the naive matcher give the same hits,
// leftmost starts included.
TEST_CASE("split patterns: the same hits as the naive matcher on dense text") {
    const PatternSet set = PatternSet::parse(
        "platform p P\n"
        "  pattern (?:group ?)?chats?\n"
        "  pattern (?:a|an|the) apps?\n"
        "  pattern {partial} (?:x|xy|xyz)z\n"
        "  pattern {case} (?:Big|big )?Top\n"
        "  exclude (?:no|not) chats?\n"
        "platform q Q\n"
        "  pattern (?:on|via) (?:q|qq)\n",
        "split");
    const HyperscanMatcher hs(set);
    const NaiveMatcher naive(set);
    const char* words[] = {"group", "chat", "chats", "groupchat", "a", "an", "the", "app", "apps",
                           "x", "xy", "xyz", "xyzz", "z", "Big", "big", "Top", "top", "no", "not",
                           "on", "via", "q", "qq", ",", "  "};
    std::mt19937 rng(7);
    auto hs_scratch = hs.make_scratch();
    auto nv_scratch = naive.make_scratch();
    for (int round = 0; round < 400; ++round) {
        std::string text;
        const int n = 1 + static_cast<int>(rng() % 30);
        for (int i = 0; i < n; ++i) {
            text += words[rng() % (sizeof words / sizeof *words)];
            if (rng() % 4) text += ' ';
        }
        std::vector<Hit> a, b;
        hs.scan(text, *hs_scratch, a);
        naive.scan(text, *nv_scratch, b);
        auto key = [](const Hit& h) { return std::tie(h.pattern, h.end, h.start); };
        auto less = [&](const Hit& x, const Hit& y) { return key(x) < key(y); };
        std::sort(a.begin(), a.end(), less);
        std::sort(b.begin(), b.end(), less);
        CHECK_MESSAGE(a == b, "text: '" << text << "'");
    }
}

} // namespace moscan
