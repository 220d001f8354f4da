// How a HyperscanMatcher is built: database cache and the count-only (single-match) mode.
// A plain struct so that pipeline/job/options.hpp can hold one without including <hs.h>.
#pragma once

#include <string>

namespace moscan {

struct MatcherOptions {
    // Directory of the compiled-database cache (matchers/database_cache.hpp); empty: no
    // cache. `moscan` sets it to default_cache_dir() unless --no-cache.
    std::string cache_dir;
    // Count-only fast path: patterns whose every match is interchangeable for "is the
    // platform named in this text" get HS_FLAG_SINGLEMATCH. Mention counts are then wrong;
    // each scan call must cover exactly one text (see HyperscanMatcher).
    bool single_match = false;
};

// $XDG_CACHE_HOME/moscan, else $HOME/.cache/moscan, else "" (no cache).
std::string default_cache_dir();

} // namespace moscan
