// The audit trail (--hits FILE): one line per counted mention, so that a reviewer can check
// every number of the table against the text it came from.
//
// A line: crime id, source file and line, the text column, platform, pattern (id and
// expression), byte offsets of the mention in the field (start inclusive, end exclusive),
// the matched text, and up to --context N characters (UTF-8 code points) either side.
// Exactly the mentions the table counts are listed: for each crime in scope, each distinct
// text (column and value) once, at its first row in input order; mentions as the mention
// rule counts them (overlapping matches of a platform merged, false friends removed).
// So from the hits file alone: crimes per platform = distinct crime ids, mentions = lines.
// The crime's period(s), group and code are on each line for that check.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/mentions.hpp"
#include "matchers/pattern_set.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

// A mention found while scanning, before the crime's scope and the dedup are known.
struct HitCandidate {
    std::string crime_id;
    std::uint64_t text_key; // (column, value) hash, as the fold keys texts
    const void* schema;     // the input file's FileSchema (reader.hpp)
    std::uint64_t line;
    std::uint32_t column; // index into the text columns
    std::uint32_t platform, pattern, start, end;
    std::string match, before, after;
};

// Up to `n` UTF-8 code points of `text` before `start` / after `end`.
std::string_view context_before(std::string_view text, std::size_t start, std::size_t n);
std::string_view context_after(std::string_view text, std::size_t end, std::size_t n);

struct HitLine {
    const HitCandidate* hit;
    std::string file, column, periods, group, code;
};

// Writes the hits as CSV (header first; with `bom`, a UTF-8 byte-order mark before it; a text
// cell that a spreadsheet would read as a formula starts with an apostrophe,
// csv::append_text_field) or JSON Lines (the values exactly as they are).
void write_hits(std::ostream& out, bool jsonl, const PatternSet& set,
                const std::vector<HitLine>& lines, bool bom = false);

} // namespace moscan
