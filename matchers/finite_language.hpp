// The strings a regular expression matches, when they are few: the compiler's way to give
// Hyperscan a list of literals of one width instead of a variable-width expression that needs
// start-of-match tracking (HS_FLAG_SOM_LEFTMOST), which is slow to compile and to scan.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

// Every string `expr` matches, sorted and without duplicates, when `expr` is written in the
// finite subset this reads — literal bytes, escaped punctuation, \xHH, \t \n \r, classes
// [...] of bytes and ranges (not negated), groups (...) and (?:...), alternation, and the
// quantifiers ?, {n} and {n,m} — and has at most `limit` strings. Anything else (*, +, .,
// anchors, \b \w \s \d, lookarounds, inline flags, lazy quantifiers) gives nullopt, as does a
// language over the limit. Case is left as written: a caseless pattern stays caseless.
std::optional<std::vector<std::string>> finite_language(std::string_view expr,
                                                        std::size_t limit);

// `s` as a Hyperscan expression matching exactly those bytes (letters and digits as they
// are, everything else as \xHH).
std::string literal_expression(std::string_view s);

} // namespace moscan
