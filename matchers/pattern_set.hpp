// Platform pattern sets: which platforms exist and which expressions name them.
//
// Two formats are read. The native format is line-oriented and human-editable (full reference
// with examples: docs/patterns.md):
//
//     # comment                              (blank lines and indentation are ignored)
//     set foi-1148a-20                       (optional name; default: the file's stem)
//     description Platforms listed in FOI 1148A/20
//     define apos (?:'|\xe2\x80\x99)?          (a macro: {{apos}} in a later expression
//                                             becomes (?:'|\xe2\x80\x99)?; \xHH is a byte)
//     term app_context (?:app|account|dm|online)
//                                            (a named helper expression: matched like a
//                                             pattern, never a mention itself; usable by
//                                             require/unless anywhere in the file)
//     platform snapchat Snapchat             (id, then display name)
//       group meta                           (optional roll-up group)
//       outside-any                          (optional: an online service outside the
//                                             listed platforms; its own row, not in ANY,
//                                             counted in ONLINE)
//       valid ..2023-07-23                   (optional: the platform counts only on records
//                                             dated in this window; both ends inclusive,
//                                             either may be left open)
//       require app_context                  (optional: the platform's patterns count only in
//                                             a text where every named term/label matches)
//       unless school_context                (optional: ... and where none of these matches)
//       near app_context:40                  (optional: ... and only within 40 bytes of a
//                                             match of each name listed)
//       notnear road_context:20              (optional: ... and not within 20 bytes of any)
//       pattern snap[ -]?chat(?:'?s)?        (Hyperscan regex; caseless and whole word)
//       pattern {case,partial} SC            (per-pattern options, see below)
//       pattern {edit=1} snapchat            (approximate: within Levenshtein distance 1)
//       exclude snap(?:ped|ping)             (false friend: removes overlapping matches)
//       match  added IP on snap chat         (example that must give a snapchat mention)
//       nomatch he snapped at her            (example that must not)
//       match {date=2024-01-01} posted on X  (an example evaluated at a record date)
//
// Per-pattern options, in braces before the expression, comma-separated (also on `exclude`;
// `term` takes the first five):
//     case | nocase        case-sensitive | caseless (default)
//     partial | word       may match inside a word | whole word only (default)
//     edit=N               match within edit (Levenshtein) distance N, 0..4, over bytes
//     valid=FROM..TO       the pattern counts only on records dated in the window
//     require=NAME         counts only in a text where term/label NAME also matches
//                          (repeat the option for several: all are required)
//     unless=NAME          counts only in a text where term/label NAME does not match
//                          (repeat for several: none may match)
//     near=NAME:N          counts only if a match of term/label NAME lies within N bytes
//                          (0..10000; gap between the ranges, 0 when they overlap or touch),
//                          other than this very hit; repeat for several: all are required
//     notnear=NAME:N       counts only if no match of NAME lies within N bytes
//     label=NAME           this pattern's matches also make NAME present (like a term)
//
// The plain list format, for keyword lists handed over by requesters: one `platform<TAB>regex`
// per line, `#` comments and blank lines ignored, case-insensitive, each regex carrying its own
// word boundaries (nothing is added).
//
// Semantics shared by every matcher (HyperscanMatcher, NaiveMatcher) and MentionCounter:
//  - A pattern match is a byte range [start, end) of one text. For each end offset a pattern
//    reports one match, with the leftmost start.
//  - Whole word: an exact pattern is compiled as \b(?:...)\b. Hyperscan refuses \b with edit
//    distance, so an approximate whole-word pattern is compiled without it and its match
//    [start, end) (leftmost start for that end) is kept only if both start and end are word
//    boundaries (word bytes: [A-Za-z0-9_]).
//  - Dates: a pattern counts on a record only if the record's date lies in the pattern's and
//    its platform's windows. An unknown date (examples without {date=...}) passes every
//    window. Validity is applied first, and also to terms and labels.
//  - Names: a term or label NAME is present in a text when one of its expressions has a
//    (date-valid) match in that text. Presence ignores excludes and conditions, so conditions
//    can never form a cycle.
//  - Conditions: a pattern match (include or exclude) counts only if every `require` name of
//    the pattern and of its platform is present in the same text and no `unless` name is,
//    and every `near` name has (and no `notnear` name has) a match within its distance: gap
//    = max(0, other.start - end, start - other.end), the same hit (pattern and range) never
//    counting for itself. Proximity uses the names' date-valid matches, like presence.
//  - Mentions: a platform's mentions in a text are its counting matches that overlap none of
//    its counting exclude matches, with overlapping matches merged: "Facebook Messenger" is
//    one facebook mention. Terms are never mentions.
#pragma once

#include <climits>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace moscan {

// A date window in days since 1970-01-01, both ends inclusive.
struct Validity {
    std::int32_t from = INT32_MIN;
    std::int32_t to = INT32_MAX;
    bool always() const { return from == INT32_MIN && to == INT32_MAX; }
    // INT32_MIN (an unknown date, MentionCounter::kNoDay) is inside every window.
    bool contains(std::int32_t day) const {
        return day == INT32_MIN || (day >= from && day <= to);
    }
    std::string describe() const; // "2023-07-24..", "..2023-07-23", "2020-01-01..2020-12-31"
    bool operator==(const Validity&) const = default;
};

// A proximity condition: some (near) / no (notnear) date-valid match of term or label `name`
// lies within `distance` bytes of the match being tested, in the same text (gap = bytes
// between the two ranges; 0 when they touch or overlap).
struct Proximity {
    std::uint32_t name = 0;     // index into PatternSet::names
    std::uint32_t distance = 0; // 0..kMaxNearDistance
    bool operator==(const Proximity&) const = default;
};
constexpr std::uint32_t kMaxNearDistance = 10000;

struct Pattern {
    static constexpr std::uint32_t kNoPlatform = UINT32_MAX;
    std::uint32_t platform = 0; // index into PatternSet::platforms; kNoPlatform for a term
    std::string expression;     // as written in the file
    bool caseless = true;
    bool whole_word = true;
    bool exclude = false;       // a false friend of its platform, not a mention
    bool term = false;          // a named helper expression (see `names`), never a mention
    unsigned edit_distance = 0; // 0: exact
    Validity valid;             // the pattern's own window (the platform's is separate)
    std::vector<std::uint32_t> require, unless; // indices into PatternSet::names
    std::vector<Proximity> near, notnear;       // proximity conditions (all near must hold,
                                                // no notnear may)
    std::vector<std::uint32_t> labels; // names this expression makes present (a term: its name)
    std::string source;         // "file:line", for messages
    int line = 0;

    // The expression handed to the regex engine: exact whole-word patterns become
    // \b(?:...)\b; approximate ones are left alone (see boundary_check()).
    std::string engine_expression() const;
    // The matcher must check word boundaries at the hit's start and end itself.
    bool boundary_check() const { return whole_word && edit_distance > 0; }
};

struct Example {
    std::string text;
    bool must_match = true;
    std::string source;
    std::int32_t day = INT32_MIN; // {date=...}; INT32_MIN: no date
};

struct Platform {
    std::string id;   // lower-case identifier: facebook, online_gaming, ...
    std::string name; // display name
    std::string group;
    std::vector<Example> examples;
    Validity valid;
    std::vector<std::uint32_t> require, unless; // indices into PatternSet::names
    std::vector<Proximity> near, notnear;       // apply to every pattern of the platform
    std::string source; // "file:line" of its `platform` line
    // `outside-any`: an online service outside the listed platforms (e.g. "other online
    // service"): its own row, but not part of ANY; counted in ONLINE (pipeline/reduce/reducer.hpp).
    bool outside_any = false;
};

class PatternSet {
public:
    std::string name;
    std::string description;
    std::string path;
    std::vector<Platform> platforms;
    std::vector<Pattern> patterns;  // includes, excludes and terms, in file order
    std::vector<std::string> names; // term and label names

    // Loads a pattern set (native or plain list format). Throws ConfigError naming file and
    // line (and the pattern, where one is involved) on any problem.
    static PatternSet load(const std::filesystem::path& file);
    static PatternSet parse(std::string_view text, const std::string& source_name);

    // Index of the platform with this id, or -1.
    int find_platform(std::string_view id) const;
    // Index into `names`, or -1.
    int find_name(std::string_view name) const;

    // A stable hash of everything that affects matching (FNV-1a 64 over the normalised set),
    // printed as 16 hex digits; used for provenance and the database cache. Sets that use
    // none of edit/valid/require/unless/label/term hash as they did before those existed.
    std::string hash() const;

    // Whether any pattern uses edit distance (such a pattern can match a separator byte by
    // substitution, so texts must be scanned one by one, never NUL-joined).
    bool has_edit_distance() const;
    // Whether anything needs more than the plain mention rule: terms, labels, conditions or
    // date windows (MentionCounter takes its fast path when not).
    bool has_logic() const;
    // Whether any pattern or platform has a near/notnear condition.
    bool has_proximity() const;

    std::size_t count_excludes() const;
    std::size_t count_terms() const;
};

} // namespace moscan
