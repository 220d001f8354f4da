// The start-up proof that batch scanning is exact: texts joined with a NUL byte between them
// and scanned in one call give exactly the hits of scanning each text on its own.
//
// That holds when no pattern can match a NUL (then no match spans two texts, and \b or \B sees
// the NUL as a non-word byte, as it sees the start or end of a text) and no pattern is
// anchored (^ $ \A \z \Z \G would see the batch's ends, not the text's). Edit distance can
// match the NUL by substitution, so a set with any {edit=N} pattern is never batched.
//
// The proof is a single linear pass over each expression's tokens, conservative: a pattern
// that uses anything it does not know to be NUL-free ('.', a negated class, \W \S \D \H \V \N,
// \0, \x00, \c@, \Q...\E, [:cntrl:], inline options or lookaround, anchors) makes the set
// "not proven", and it is scanned one text per call. It looks at every atom of the
// expression, reachable or not, so it never needs to expand alternations or repetitions:
// 10,000 patterns take milliseconds. Its result is also kept with the compiled database in
// the cache entry (HyperscanMatcher::batch_exact()).
#pragma once

#include "matchers/pattern_set.hpp"

#include <string_view>

namespace moscan {

// Whether the expression (as handed to the engine) can match no NUL byte and has no anchor.
// false means "not proven".
bool expression_nul_free(std::string_view regex);

// Whether scanning the set's texts NUL-joined is exact: no edit distance, every expression
// NUL-free. (A single-match database is never batched either; that is the caller's option.)
bool batch_scan_exact(const PatternSet& set);

} // namespace moscan
