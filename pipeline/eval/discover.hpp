// `moscan discover`: candidate platform names that a pattern set does not cover, for pattern
// curators, ranked by the number of crimes whose text has them.
//
// One serial pass over every record of the inputs (record_walk.hpp: count's reader, CSV
// tokenizer and JSON parser; no scope rules: every record with an id is read), each text
// scanned with the set's matcher and mention rule (MentionCounter::spans). A word (a run of
// ASCII letters, digits and '_', compared in lower case) is a candidate occurrence when no
// mention of any platform overlaps it, it is not a stopword (a list of ordinary English words
// in discover.cpp: articles, pronouns, prepositions, "phone", "social", "media", "online",
// days, months, ...), it has a letter and two bytes or more, and it is
//   (a) in a platform slot: the word after "via", "on", "over", "using", "through" (and so
//       after "messaged on", "added on", "met on", "chatted on"), "app called", "app named"
//       ("an app named"), or the word before "app", "account", "profile", "group", "chat",
//       "server", "username", "handle", "messages", "DMs" (and their singular/plural
//       forms; "X's account" too), with only spaces between the two words; or
//   (b) a near miss of a known name: within OSA edit distance 1 (literals of 5 to 7 letters)
//       or 2 (8 or more) of one of the set's pattern literals of 5+ letters (the expansions
//       of its include patterns, separators removed), but not equal to one: a likely
//       misspelling.
// Dictionary rule: a candidate that is an entry of the dictionary (default
// /usr/share/dict/british-english, Debian's wbritish; entries in lower case only) is dropped
// unless it is capitalised (first letter upper case) in more than half of its occurrences:
// "tinder", "hinge" used as apps are written Tinder, Hinge; ordinary words are not.
//
// Counts: crimes = distinct crime ids with an occurrence; mentions = occurrences, over each
// crime's distinct texts (a text repeated on a crime's other rows, as exports repeat the MO
// on every victim row, is read once), as count's mentions are. Ranking: crimes (most first),
// then the word. Output is deterministic (serial, input order): examples are the first K
// occurrences in input order, one per crime.
//
// Memory is bounded whatever the input size: at most `max_words` distinct candidate words
// are tracked (later new words are counted as untracked occurrences, and the report says
// so), each with K examples; distinct (word, crime) and (crime, text) pairs are remembered
// in one fixed-size table (`pair_slots` entries of 8 bytes); when it fills up, crimes are
// counted as changes of crime id per word and repeated texts are no longer skipped, and the
// report marks the counts as approximate.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "pipeline/job/options.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace moscan {

struct DiscoverOptions {
    std::size_t top = 30;      // candidates listed (0: all)
    std::size_t examples = 3;  // example snippets per candidate
    // Dictionary file (one word a line); empty: no dictionary rule. A missing file is an
    // error unless `dictionary_optional` (the default path on a machine without wbritish).
    std::string dictionary = "/usr/share/dict/british-english";
    bool dictionary_optional = true;
    std::size_t max_words = 500000;
    std::size_t pair_slots = std::size_t{1} << 22; // 32 MiB
};

struct DiscoverExample {
    std::string crime_id, file, column, snippet;
    std::uint64_t line = 0;
};

struct DiscoverCandidate {
    std::string word;  // lower case
    std::string form;  // as written at its first occurrence
    std::uint64_t crimes = 0, mentions = 0;
    std::uint64_t slot = 0, near = 0; // occurrences in a slot / as a near miss
    std::uint64_t capitalised = 0;    // occurrences with an upper-case first letter
    int near_platform = -1;           // index into the set's platforms; -1: no near miss
    std::string near_literal;
    int near_distance = 0;
    std::vector<DiscoverExample> examples;
    // "slot", "near-miss of snapchat ('snapchat', edit 1)" or "slot; near-miss of ...".
    std::string kind(const PatternSet& set) const;

    std::uint64_t last_crime = 0; // while counting
};

struct DiscoverReport {
    std::vector<DiscoverCandidate> candidates; // ranked; at most `top`
    std::uint64_t records = 0, skipped = 0;    // records read; records that do not parse
    std::uint64_t texts = 0, repeated_texts = 0;
    std::uint64_t words = 0;                   // distinct candidate words before the dictionary rule
    std::uint64_t dictionary_dropped = 0;      // of those, dropped as ordinary words
    std::uint64_t untracked = 0;               // occurrences of new words past max_words
    bool approximate = false;                  // the pair table filled up
    std::string dictionary;                    // the file used; empty: none
    std::size_t literals = 0;                  // pattern literals used for near misses
    std::vector<std::string> inputs;
};

// Reads every record of `options.inputs` (columns as `count` finds them).
DiscoverReport discover(const CountOptions& options, const PatternSet& set,
                        const Matcher& matcher, const DiscoverOptions& d);

void write_discover_markdown(std::ostream& out, const PatternSet& set, const DiscoverReport& r);
void write_discover_csv(std::ostream& out, const PatternSet& set, const DiscoverReport& r);
void write_discover_json(std::ostream& out, const PatternSet& set, const DiscoverReport& r);

} // namespace moscan
