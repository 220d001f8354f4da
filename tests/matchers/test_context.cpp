// Tests of the context mechanisms of the pattern language: proximity conditions
// (near=NAME:N / notnear=NAME:N, on patterns, excludes and platforms) and macros
// (define NAME REGEX, {{NAME}}), on both matchers; and the edit-distance-1 variants that
// `moscan patterns variants` lists instead of {edit=1}.
//
// Expectations are written by hand (byte gaps counted in the test strings) or computed by an
// independent brute force written here (word search and gap arithmetic over the words the
// random texts are built from), never read back from the code under test.
#include "matchers/hyperscan_matcher.hpp"
#include "matchers/matcher_options.hpp"
#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "matchers/variants.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace moscan {
namespace {

using Counts = std::map<std::string, unsigned>;

template <class M>
Counts counts_on(const PatternSet& set, std::string_view text,
                 std::int32_t day = MentionCounter::kNoDay) {
    const M m(set);
    auto scratch = m.make_scratch();
    std::vector<Hit> hits;
    m.scan(text, *scratch, hits);
    MentionCounter counter(set);
    std::vector<PlatformCount> out;
    counter.count(hits, out, day);
    Counts c;
    for (const auto& pc : out) c[set.platforms[pc.platform].id] = pc.mentions;
    return c;
}

std::int32_t day_of(const char* iso) { return *parse_iso_date(iso); }

std::string spaces(int n) { return std::string(static_cast<size_t>(n), ' '); }

// The load error of `text`, or "" if it loads.
std::string load_error(const std::string& text) {
    try {
        PatternSet::parse(text, "ctx.pat");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("near/notnear: parsed on patterns, excludes and platforms") {
    const PatternSet set = PatternSet::parse("term cue (?:app|chat)\n"               // 1
                                             "term road (?:traffic|railway)\n"       // 2
                                             "platform signal Signal\n"              // 3
                                             "  near cue:40, road:3\n"               // 4
                                             "  notnear road:12\n"                   // 5
                                             "  pattern {near=cue:0,near=road:10000} signal\n"
                                             "  exclude {notnear=cue:7} signal box\n", // 7
                                             "ctx.pat");
    REQUIRE(set.names == std::vector<std::string>{"cue", "road"});
    const Platform& pl = set.platforms[0];
    CHECK(pl.near == std::vector<Proximity>{{0, 40}, {1, 3}});
    CHECK(pl.notnear == std::vector<Proximity>{{1, 12}});
    CHECK(set.patterns[2].near == std::vector<Proximity>{{0, 0}, {1, 10000}});
    CHECK(set.patterns[2].notnear.empty());
    CHECK(set.patterns[3].exclude);
    CHECK(set.patterns[3].notnear == std::vector<Proximity>{{0, 7}});
    CHECK(set.has_proximity());
    CHECK(set.has_logic());
    CHECK_FALSE(PatternSet::parse("term cue app\nplatform a\n  pattern {require=cue} x\n", "h")
                    .has_proximity());
}

TEST_CASE("near/notnear and define: load errors name file, line and what to write") {
    struct Case {
        std::string text, where, what;
    };
    const std::vector<Case> cases = {
        {"term cue app\nplatform a\n  pattern {near=cue:10001} x\n", "ctx.pat:3",
         "must be a number of bytes from 0 to 10000"},
        {"term cue app\nplatform a\n  pattern {near=cue} x\n", "ctx.pat:3", "from 0 to 10000"},
        {"term cue app\nplatform a\n  pattern {near=cue:-1} x\n", "ctx.pat:3", "from 0 to 10000"},
        {"term cue app\nplatform a\n  pattern {near=cue:1x} x\n", "ctx.pat:3", "from 0 to 10000"},
        {"term cue app\nplatform a\n  pattern {near=:4} x\n", "ctx.pat:3", "needs NAME:N"},
        {"platform a\n  pattern {notnear=nope:4} x\n", "ctx.pat:2",
         "no term or label named 'nope'"},
        {"platform a\n  near nope:4\n  pattern x\n", "ctx.pat:2", "no term or label named 'nope'"},
        {"term cue app\nplatform a\n  near\n  pattern x\n", "ctx.pat:3", "needs one or more NAME:N"},
        {"term cue app\nplatform a\n  notnear cue:99999\n  pattern x\n", "ctx.pat:3",
         "from 0 to 10000"},
        {"term cue app\nterm t {near=cue:3} x\nplatform a\n  pattern x\n", "ctx.pat:2",
         "not allowed on a term"},
        {"near cue:3\nplatform a\n  pattern x\n", "ctx.pat:1", "before any 'platform' line"},
        {"platform a\n  pattern what{{apos}}s app\n", "ctx.pat:2", "no macro named 'apos'"},
        {"platform a\n  pattern {{apos}}x\ndefine apos '\n", "ctx.pat:2", "no macro named 'apos'"},
        {"define a x\ndefine b {{c}}y\nplatform a\n  pattern x\n", "ctx.pat:2",
         "no macro named 'c'"},
        {"define a x\ndefine a y\nplatform a\n  pattern x\n", "ctx.pat:2", "defined twice"},
        {"define A x\nplatform a\n  pattern x\n", "ctx.pat:1", "must be lower-case"},
        {"define a\nplatform a\n  pattern x\n", "ctx.pat:1", "empty expression"},
        {"define a x\nplatform a\n  pattern {{a}\n", "ctx.pat:3", "unclosed '{{'"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const std::string e = load_error(c.text);
        CHECK(e.rfind(c.where + ": ", 0) == 0);
        CHECK(e.find(c.what) != std::string::npos);
        if (e.find(c.what) == std::string::npos) MESSAGE(e);
    }
}

TEST_CASE("near/notnear and define in the hash; old sets keep theirs") {
    const std::string base = "term cue (?:app|chat)\nplatform a\n  pattern signal\n";
    const std::string h = PatternSet::parse(base, "h").hash();
    auto with = [&](const std::string& line) {
        return PatternSet::parse("term cue (?:app|chat)\nplatform a\n" + line, "h").hash();
    };
    CHECK(with("  pattern signal\n") == h);
    const std::string n40 = with("  pattern {near=cue:40} signal\n");
    CHECK(n40 != h);
    CHECK(with("  pattern {near=cue:41} signal\n") != n40);
    CHECK(with("  pattern {notnear=cue:40} signal\n") != n40);
    CHECK(with("  near cue:40\n  pattern signal\n") != n40);
    CHECK(with("  near cue:40\n  pattern signal\n") != h);
    CHECK(with("  notnear cue:40\n  pattern signal\n") != with("  near cue:40\n  pattern signal\n"));
    // A macro is expanded text: the set hashes as the expression written out.
    CHECK(PatternSet::parse("define s (?:[ -])?\nterm cue (?:app|chat)\nplatform a\n"
                            "  pattern sig{{s}}nal\n",
                            "h")
              .hash() == with("  pattern sig(?:(?:[ -])?)nal\n"));
}

TEST_CASE_TEMPLATE("near: exactly N bytes counts, N+1 does not, before and after", M,
                   HyperscanMatcher, NaiveMatcher) {
    const PatternSet set = PatternSet::parse("term cue (?:app|chat)\n"
                                             "platform signal\n"
                                             "  pattern {near=cue:5} signal\n",
                                             "ctx.pat");
    const Counts one{{"signal", 1}}, none{};
    // After: "signal" [0,6), then k spaces, then "app": gap k.
    CHECK(counts_on<M>(set, "signal" + spaces(5) + "app") == one);
    CHECK(counts_on<M>(set, "signal" + spaces(6) + "app") == none);
    CHECK(counts_on<M>(set, "signal" + spaces(1) + "app") == one);
    // Before: "chat", k spaces, "signal".
    CHECK(counts_on<M>(set, "chat" + spaces(5) + "signal") == one);
    CHECK(counts_on<M>(set, "chat" + spaces(6) + "signal") == none);
    // Non-space bytes count too: "app, a ... signal" with the gap made of words.
    CHECK(counts_on<M>(set, "app, a signal") == one);   // gap ", a " = 4
    CHECK(counts_on<M>(set, "app, ab  signal") == none); // gap ", ab  " = 6
    // No cue at all, or the cue in another text: nothing.
    CHECK(counts_on<M>(set, "signal") == none);
    // Only the near signal counts: two signals, one cue beside the second.
    CHECK(counts_on<M>(set, "signal" + spaces(20) + "signal app") == one);
    CHECK(counts_on<M>(set, "app signal" + spaces(20) + "signal app") == Counts{{"signal", 2}});
}

TEST_CASE_TEMPLATE("near: an overlapping match of the name has gap 0", M, HyperscanMatcher,
                   NaiveMatcher) {
    const PatternSet set = PatternSet::parse("term cue signal (?:app|chat)\n"
                                             "platform signal\n"
                                             "  pattern {near=cue:0} signal\n",
                                             "ctx.pat");
    CHECK(counts_on<M>(set, "on signal app") == Counts{{"signal", 1}}); // cue [3,13) covers it
    CHECK(counts_on<M>(set, "on signal  app").empty());
    // Touching ranges: gap 0 as well.
    const PatternSet touch = PatternSet::parse("term cue {partial} app\n"
                                               "platform signal\n"
                                               "  pattern {partial,near=cue:0} signal\n",
                                               "ctx.pat");
    CHECK(counts_on<M>(touch, "signalapp") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(touch, "appsignal") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(touch, "app signal").empty());
}

TEST_CASE_TEMPLATE("notnear: a match within N bytes vetoes", M, HyperscanMatcher, NaiveMatcher) {
    const PatternSet set = PatternSet::parse("term road (?:traffic|railway|box)\n"
                                             "platform signal\n"
                                             "  pattern {notnear=road:10} signal\n",
                                             "ctx.pat");
    CHECK(counts_on<M>(set, "the traffic signal").empty());
    CHECK(counts_on<M>(set, "a signal box").empty());
    CHECK(counts_on<M>(set, "signal" + spaces(10) + "box").empty());
    CHECK(counts_on<M>(set, "signal" + spaces(11) + "box") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "messaged on signal") == Counts{{"signal", 1}});
    // Each match is judged on its own: the far one counts, the near one does not.
    CHECK(counts_on<M>(set, "railway signal" + spaces(30) + "signal") == Counts{{"signal", 1}});
}

TEST_CASE_TEMPLATE("near/notnear at platform level apply to every pattern; all must hold", M,
                   HyperscanMatcher, NaiveMatcher) {
    const PatternSet set = PatternSet::parse("term cue (?:app|chat)\n"
                                             "term road traffic\n"
                                             "platform signal\n"
                                             "  near cue:8\n"
                                             "  notnear road:4\n"
                                             "  pattern signal\n"
                                             "  pattern {near=cue:2} sgnl\n",
                                             "ctx.pat");
    CHECK(counts_on<M>(set, "signal app") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "signal").empty());
    CHECK(counts_on<M>(set, "traffic signal app").empty()); // notnear vetoes
    // "traffic" [0,7), ",   " then "signal" [11,17): gap 4 <= 4, vetoed; one more byte: not.
    CHECK(counts_on<M>(set, "traffic,   signal app").empty());
    CHECK(counts_on<M>(set, "traffic,    signal app") == Counts{{"signal", 1}});
    // "signal" [0,6), 9 spaces, "app": gap 9 > 8, the platform's near fails.
    CHECK(counts_on<M>(set, "signal" + spaces(8) + "app") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "signal" + spaces(9) + "app").empty());
    // The pattern's own near (cue:2) and the platform's (cue:8) must both hold.
    CHECK(counts_on<M>(set, "sgnl" + spaces(2) + "app") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "sgnl" + spaces(3) + "app").empty());
}

TEST_CASE_TEMPLATE("near on an exclude: the false friend only where its cue is near", M,
                   HyperscanMatcher, NaiveMatcher) {
    const PatternSet set = PatternSet::parse("term rail (?:rail|railway|train)\n"
                                             "platform signal\n"
                                             "  pattern signal\n"
                                             "  exclude {near=rail:10} signal failure\n",
                                             "ctx.pat");
    // "train" [0,5), " delayed by " (12 bytes), "signal failure": gap 12 > 10, the exclude
    // does not count, the mention does.
    CHECK(counts_on<M>(set, "train delayed by signal failure") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "train held by signal failure").empty()); // gap 9
    CHECK(counts_on<M>(set, "rail signal failure").empty());
    CHECK(counts_on<M>(set, "signal failure, the app crashed") == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "railway" + spaces(11) + "signal failure") == Counts{{"signal", 1}});
}

TEST_CASE_TEMPLATE("near: a hit does not satisfy its own condition", M, HyperscanMatcher,
                   NaiveMatcher) {
    const PatternSet set = PatternSet::parse("platform box\n"
                                             "  pattern {label=boxy,near=boxy:3} box\n",
                                             "ctx.pat");
    CHECK(counts_on<M>(set, "box").empty());
    CHECK(counts_on<M>(set, "a box here").empty());
    CHECK(counts_on<M>(set, "box box") == Counts{{"box", 2}}); // each near the other
    CHECK(counts_on<M>(set, "box    box").empty());            // gap 4
    // Another pattern's match with the same label, overlapping, does count as near.
    const PatternSet two = PatternSet::parse("platform box\n"
                                             "  pattern {label=boxy,near=boxy:0} box\n"
                                             "platform other\n"
                                             "  pattern {label=boxy,partial} bo\n",
                                             "ctx.pat");
    CHECK(counts_on<M>(two, "box") == Counts{{"box", 1}, {"other", 1}});
    CHECK(counts_on<M>(two, "bot box") == Counts{{"box", 1}, {"other", 2}});
    CHECK(counts_on<M>(two, "bo").size() == 1);
}

TEST_CASE_TEMPLATE("near with date windows: a cue outside its window is absent", M,
                   HyperscanMatcher, NaiveMatcher) {
    const PatternSet set = PatternSet::parse("term cue {valid=2020-01-01..} app\n"
                                             "platform signal\n"
                                             "  pattern {near=cue:10} signal\n"
                                             "  pattern {notnear=cue:10,valid=..2019-12-31} sgnl\n",
                                             "ctx.pat");
    CHECK(counts_on<M>(set, "signal app", day_of("2019-12-31")).empty());
    CHECK(counts_on<M>(set, "signal app", day_of("2020-01-01")) == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "signal app") == Counts{{"signal", 1}}); // unknown date
    CHECK(counts_on<M>(set, "sgnl app", day_of("2019-06-01")) == Counts{{"signal", 1}});
    CHECK(counts_on<M>(set, "sgnl app", day_of("2020-06-01")).empty()); // its own window
    CHECK(counts_on<M>(set, "sgnl app").empty());                        // unknown: cue present
}

TEST_CASE("single-match keeps every range that proximity needs") {
    const PatternSet set = PatternSet::parse("term cue (?:app|chat)\n"
                                             "term other (?:phone)\n"
                                             "platform signal\n"
                                             "  pattern {near=cue:5} signal\n"
                                             "platform telegram\n"
                                             "  near cue:5\n"
                                             "  pattern telegram\n"
                                             "platform phone\n"
                                             "  pattern {require=other} phones?\n",
                                             "ctx.pat");
    MatcherOptions o;
    o.single_match = true;
    const HyperscanMatcher single(set, o);
    // Only "phones?" may report once per call. The term "other" could too, but it has one
    // width: compiled bare, its word boundaries are checked on each hit (a first match that
    // fails them must not hide a later one), so it reports every match.
    CHECK(single.single_match_patterns() == 1);
    const MentionCounter counter(set);
    auto named = [&](const std::string& text) {
        auto scratch = single.make_scratch();
        std::vector<Hit> hits;
        single.scan(text, *scratch, hits);
        std::vector<PlatformCount> out;
        counter.count(hits, out);
        std::vector<std::string> ids;
        for (const auto& pc : out) ids.push_back(set.platforms[pc.platform].id);
        return ids;
    };
    // The first cue and the first signal are far apart; the second of each are near.
    CHECK(named("app" + spaces(30) + "signal" + spaces(30) + "signal app") ==
          std::vector<std::string>{"signal"});
    CHECK(named("chat" + spaces(30) + "telegram" + spaces(30) + "telegram chat") ==
          std::vector<std::string>{"telegram"});
}

// --------------------------------------------------------------------------------------------
// Macros and UTF-8 byte sequences

TEST_CASE("NaiveMatcher::expand: \\xHH escapes, also in classes and ranges") {
    using L = NaiveMatcher::Literal;
    CHECK(NaiveMatcher::expand("\\xe2\\x80\\x99", "t") == std::vector<L>{{0xe2, 0x80, 0x99}});
    CHECK(NaiveMatcher::expand("a\\x41", "t") == std::vector<L>{{'a', 'A'}});
    CHECK(NaiveMatcher::expand("\\xe2\\x80[\\x90\\x91\\x93]", "t") ==
          std::vector<L>{{0xe2, 0x80, 0x90}, {0xe2, 0x80, 0x91}, {0xe2, 0x80, 0x93}});
    CHECK(NaiveMatcher::expand("[\\x90-\\x92]", "t") ==
          std::vector<L>{{0x90}, {0x91}, {0x92}});
    CHECK_THROWS_AS(NaiveMatcher::expand("\\xg1", "t"), ConfigError);
    CHECK_THROWS_AS(NaiveMatcher::expand("\\x4", "t"), ConfigError);
}

namespace {

const char* const kMacroSet =
    "define sep (?:[ ._-]|\\xc2\\xa0|\\xe2\\x80[\\x90\\x91\\x93])?\n"
    "define apos (?:'|\\xe2\\x80\\x99)?\n"
    "define book book{{apos}}s?\n"
    "platform whatsapp\n"
    "  pattern what{{apos}}s{{sep}}app\n"
    "platform facebook\n"
    "  pattern face{{sep}}{{book}}\n";

} // namespace

TEST_CASE("define: expanded textually, wrapped in (?:...), earlier defines inside later") {
    const PatternSet set = PatternSet::parse(kMacroSet, "m.pat");
    CHECK(set.patterns[0].expression ==
          "what(?:(?:'|\\xe2\\x80\\x99)?)s(?:(?:[ ._-]|\\xc2\\xa0|\\xe2\\x80[\\x90\\x91\\x93])?)app");
    CHECK(set.patterns[1].expression ==
          "face(?:(?:[ ._-]|\\xc2\\xa0|\\xe2\\x80[\\x90\\x91\\x93])?)(?:book(?:(?:'|\\xe2\\x80\\x99)?)s?)");
    // At the start of an expression "{{" is a macro, not options; options may precede it.
    const PatternSet s2 = PatternSet::parse("define a (?:fb)\nplatform f\n  pattern {{a}}\n"
                                            "  pattern {case} {{a}}x\n",
                                            "m.pat");
    CHECK(s2.patterns[0].expression == "(?:(?:fb))");
    CHECK(s2.patterns[1].expression == "(?:(?:fb))x");
    CHECK_FALSE(s2.patterns[1].caseless);
}

TEST_CASE_TEMPLATE("define: curly apostrophes, NBSP and non-breaking hyphens in UTF-8", M,
                   HyperscanMatcher, NaiveMatcher) {
    const PatternSet set = PatternSet::parse(kMacroSet, "m.pat");
    const Counts wa{{"whatsapp", 1}}, fb{{"facebook", 1}};
    CHECK(counts_on<M>(set, "on WhatsApp") == wa);
    CHECK(counts_on<M>(set, "on What's App") == wa);
    CHECK(counts_on<M>(set, "on What\xe2\x80\x99s App") == wa);   // right single quote
    CHECK(counts_on<M>(set, "on Whats\xc2\xa0" "app") == wa);      // no-break space
    CHECK(counts_on<M>(set, "on what\xe2\x80\x99s-app") == wa);
    CHECK(counts_on<M>(set, "on What\xe2\x80\x98s App").empty()); // left quote: not listed
    CHECK(counts_on<M>(set, "Face\xe2\x80\x91" "book") == fb);     // non-breaking hyphen
    CHECK(counts_on<M>(set, "Face\xe2\x80\x90" "book") == fb);     // hyphen
    CHECK(counts_on<M>(set, "Face\xe2\x80\x93" "book") == fb);     // en dash
    CHECK(counts_on<M>(set, "Face\xe2\x80\x94" "book").empty());   // em dash: not listed
    CHECK(counts_on<M>(set, "Facebook\xe2\x80\x99s page") == fb);
    CHECK(counts_on<M>(set, "FACE BOOK") == fb);
    // A UTF-8 byte after the name is a non-word byte: the whole-word rule holds.
    CHECK(counts_on<M>(set, "\xe2\x80\x9c" "facebook\xe2\x80\x9d") == fb);
    CHECK(counts_on<M>(set, "facebooking").empty());
}

// --------------------------------------------------------------------------------------------
// Differential: both engines + MentionCounter against a brute force of the near rule.

namespace {

struct Word {
    std::string text;
    std::size_t start, end;
};

// Independent reference: the texts are words joined by separators of 1-3 spaces, so a
// whole-word, caseless pattern for a word matches exactly that word's occurrences.
Counts brute_force(const std::vector<Word>& words, unsigned n_cue, unsigned n_road,
                   unsigned n_box) {
    auto gap = [](const Word& a, const Word& b) -> long {
        long g1 = static_cast<long>(b.start) - static_cast<long>(a.end);
        long g2 = static_cast<long>(a.start) - static_cast<long>(b.end);
        return std::max({0L, g1, g2});
    };
    auto any_within = [&](const Word& w, std::initializer_list<const char*> names, unsigned n,
                          bool skip_self) {
        for (const Word& o : words) {
            if (skip_self && &o == &w) continue;
            bool named = false;
            for (const char* nm : names) named |= o.text == nm;
            if (named && gap(w, o) <= static_cast<long>(n)) return true;
        }
        return false;
    };
    Counts c;
    for (const Word& w : words) {
        // signal: near cue (app|chat) within n_cue, and no road (traffic) within n_road.
        if (w.text == "signal" && any_within(w, {"app", "chat"}, n_cue, false) &&
            !any_within(w, {"traffic"}, n_road, false))
            ++c["signal"];
        // box: labelled boxy, near another boxy (box) within n_box: never itself.
        if (w.text == "box" && any_within(w, {"box"}, n_box, true)) ++c["box"];
    }
    return c;
}

} // namespace

TEST_CASE("differential: near/notnear on both engines against a brute force") {
    std::mt19937 rng(20261207);
    const std::vector<std::string> vocab = {"signal", "app", "chat", "traffic", "box",
                                            "the",    "on",  "sent", "a"};
    int mismatches = 0;
    unsigned mentions = 0, sets = 0;
    for (int round = 0; round < 40; ++round) {
        const unsigned n_cue = rng() % 30, n_road = rng() % 30, n_box = rng() % 12;
        const PatternSet set = PatternSet::parse(
            "term cue (?:app|chat)\n"
            "term road traffic\n"
            "platform signal\n"
            "  pattern {near=cue:" + std::to_string(n_cue) + "} signal\n"
            "  notnear road:" + std::to_string(n_road) + "\n"
            "platform box\n"
            "  pattern {label=boxy,near=boxy:" + std::to_string(n_box) + "} box\n",
            "diff.pat");
        ++sets;
        const HyperscanMatcher hs(set);
        const NaiveMatcher naive(set);
        const MentionCounter counter(set);
        auto hs_scratch = hs.make_scratch();
        auto nv_scratch = naive.make_scratch();
        for (int t = 0; t < 50; ++t) {
            std::vector<Word> words;
            std::string text;
            const int n = 1 + static_cast<int>(rng() % 12);
            for (int i = 0; i < n; ++i) {
                if (i) text += spaces(1 + static_cast<int>(rng() % 3));
                std::string w = vocab[rng() % vocab.size()];
                words.push_back(Word{w, text.size(), text.size() + w.size()});
                if (rng() % 4 == 0) w[0] = static_cast<char>(w[0] - 32); // caseless
                text += w;
            }
            const Counts want = brute_force(words, n_cue, n_road, n_box);
            for (const Matcher* m : {static_cast<const Matcher*>(&hs),
                                     static_cast<const Matcher*>(&naive)}) {
                std::vector<Hit> hits;
                m->scan(text, m == &hs ? *hs_scratch : *nv_scratch, hits);
                std::vector<PlatformCount> out;
                counter.count(hits, out);
                Counts got;
                for (const auto& pc : out) got[set.platforms[pc.platform].id] = pc.mentions;
                if (got != want && mismatches++ < 5)
                    FAIL_CHECK(m->name() << " on '" << text << "' (cue " << n_cue << ", road "
                                         << n_road << ", box " << n_box << ")");
            }
            for (const auto& [id, k] : want) mentions += k;
        }
    }
    CHECK(mismatches == 0);
    CHECK(mentions > 200); // the random texts exercise the rule, not only empty results
    MESSAGE(sets << " sets, " << mentions << " mentions");
}

// --------------------------------------------------------------------------------------------
// edit1_variants against an exhaustive search with a distance computed by dynamic programming

namespace {

// Optimal-string-alignment distance (Levenshtein plus adjacent transposition), plain DP.
unsigned osa(const std::string& a, const std::string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<unsigned>> d(n + 1, std::vector<unsigned>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<unsigned>(i);
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

// Every string over `alphabet` of length lo..hi.
void all_strings(const std::string& alphabet, std::size_t lo, std::size_t hi,
                 std::vector<std::string>& out, std::string prefix = "") {
    if (prefix.size() >= lo) out.push_back(prefix);
    if (prefix.size() == hi) return;
    for (char c : alphabet) all_strings(alphabet, lo, hi, out, prefix + c);
}

} // namespace

TEST_CASE("edit1_variants: exactly the strings at distance 1, by exhaustive search") {
    // Over a sub-alphabet S holding the word's letters, the a-z variants restricted to S* are
    // the strings of S* at distance 1: every candidate of length n-1..n+1 is tried.
    for (const std::string word : {"abcabc", "aabbca", "cbacab"}) {
        CAPTURE(word);
        const std::string alphabet = "abcx";
        std::vector<std::string> candidates;
        all_strings(alphabet, word.size() - 1, word.size() + 1, candidates);
        std::vector<std::string> want;
        for (const auto& c : candidates)
            if (osa(c, word) == 1) want.push_back(c);
        std::sort(want.begin(), want.end());
        std::vector<std::string> got;
        for (const auto& v : edit1_variants(word))
            if (v.find_first_not_of(alphabet) == std::string::npos) got.push_back(v);
        CHECK(got == want);
        CHECK(want.size() > 30);
    }
    // With the full alphabet: sorted, unique, all at distance 1, none the word itself.
    const std::vector<std::string> v = edit1_variants("snapchat");
    CHECK(std::is_sorted(v.begin(), v.end()));
    CHECK(std::adjacent_find(v.begin(), v.end()) == v.end());
    for (const auto& s : v) CHECK(osa(s, "snapchat") == 1);
    // Hand count for a word of 8 distinct letters but a repeated 'a': "snapchat" has letters
    // s n a p c h a t. Deletions 8 (all different results), substitutions 8 x 25 = 200,
    // transpositions 7 (no equal neighbours), insertions: 26 x 9 = 234 slots, less those
    // equal to another insertion (inserting c before or after an equal letter c gives the
    // same string: 8 letters, each once) = 226. Deletion, substitution, insertion and
    // transposition results never coincide (lengths differ, or a transposition of distinct
    // letters is two substitutions). 8 + 200 + 7 + 226 = 441.
    CHECK(v.size() == 441);
    CHECK(std::binary_search(v.begin(), v.end(), "snapcaht"));
    CHECK(std::binary_search(v.begin(), v.end(), "snpchat"));
    CHECK(std::binary_search(v.begin(), v.end(), "snapchats"));
    CHECK(std::binary_search(v.begin(), v.end(), "snapxhat"));
    CHECK_FALSE(std::binary_search(v.begin(), v.end(), "snapchat"));
    CHECK_FALSE(std::binary_search(v.begin(), v.end(), "snpcaht"));
}

} // namespace moscan
