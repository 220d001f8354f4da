// `moscan patterns check|bench`: pattern sets you can trust.
//
//   check FILE...            loads and compiles each set, runs every embedded match/nomatch
//                            example through HyperscanMatcher and NaiveMatcher (each followed
//                            by MentionCounter, at the example's {date=...}) and reports each
//                            failure as FILE:LINE with the engine and what was found.
//                            Exit 0 all passed, 1 an example failed, 78 a set does not load
//                            or compile (the other files are still checked).
//   bench FILE... --input A  compile time (fresh and from the database cache), database size,
//                            scan throughput over the archive's text fields (NUL-joined
//                            batches of ~4 MiB as the pipeline scans them, and one call per
//                            text), hits per pattern and mentions per platform; several sets
//                            side by side, with time ratios against the fastest set.
// Both print provenance: set name, hash, source, moscan and Hyperscan versions.
#pragma once

#include <string>
#include <vector>

namespace moscan::cli {

int patterns_command(const std::vector<std::string>& args);

} // namespace moscan::cli
