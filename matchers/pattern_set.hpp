// Platform pattern sets: which platforms exist and which expressions name them.
//
// Two formats are read. The native format is line-oriented and human-editable:
//
//     # comment
//     set foi-1148a-20                       (optional name; default: the file's stem)
//     description Platforms listed in FOI 1148A/20
//     platform snapchat Snapchat             (id, then display name)
//       group meta                           (optional roll-up group)
//       pattern snap[ -]?chat(?:'?s)?        (Hyperscan regex; caseless and whole word)
//       pattern {case,partial} SC            (options: case = case-sensitive, partial = not
//                                             whole word)
//       exclude snap(?:ped|ping)             (false friend: removes overlapping matches)
//       match  added IP on snap chat         (example that must give a snapchat mention)
//       nomatch he snapped at her            (example that must not)
//
// The plain list format, for keyword lists handed over by requesters: one `platform<TAB>regex`
// per line, `#` comments and blank lines ignored, case-insensitive, each regex carrying its own
// word boundaries (nothing is added).
//
// Semantics shared by every matcher: a pattern match is a byte range [start, end) of the text.
// A platform's mentions in a text are its pattern matches that overlap none of its exclude
// matches, with overlapping matches merged: "Facebook Messenger" is one facebook mention.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace moscan {

struct Pattern {
    std::uint32_t platform = 0; // index into PatternSet::platforms
    std::string expression;     // as written in the file
    bool caseless = true;
    bool whole_word = true;
    bool exclude = false;       // a false friend of its platform, not a mention
    std::string source;         // "file:line", for messages
    int line = 0;

    // The expression handed to the regex engine: whole-word patterns become \b(?:...)\b.
    std::string engine_expression() const;
};

struct Example {
    std::string text;
    bool must_match = true;
    std::string source;
};

struct Platform {
    std::string id;   // lower-case identifier: facebook, online_gaming, ...
    std::string name; // display name
    std::string group;
    std::vector<Example> examples;
};

class PatternSet {
public:
    std::string name;
    std::string description;
    std::string path;
    std::vector<Platform> platforms;
    std::vector<Pattern> patterns;

    // Loads a pattern set (native or plain list format). Throws ConfigError naming file and
    // line on any problem.
    static PatternSet load(const std::filesystem::path& file);
    static PatternSet parse(std::string_view text, const std::string& source_name);

    // Index of the platform with this id, or -1.
    int find_platform(std::string_view id) const;

    // A stable hash of everything that affects matching (FNV-1a 64 over the normalised set),
    // printed as 16 hex digits; used for provenance and the database cache.
    std::string hash() const;
};

} // namespace moscan
