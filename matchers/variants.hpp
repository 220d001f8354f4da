// Spelling variants of a name as literals: the edit-distance-1 neighbourhood of a word, for
// listing likely misspellings in a pattern set instead of paying for approximate matching
// ({edit=1}) at scan time. Used by `moscan patterns variants` (pipeline/cli/cli_patterns.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace moscan {

// Every string at edit distance exactly 1 from `word` under deletion of one letter, insertion
// of one letter of `alphabet`, substitution by one letter of `alphabet` and transposition of
// two adjacent letters (optimal-string-alignment distance 1), sorted and deduplicated, without
// `word` itself. `word` is taken as given (the caller lower-cases it).
std::vector<std::string> edit1_variants(std::string_view word,
                                        std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz");

} // namespace moscan
