// A plain serial walk over every record of a job's inputs, with count's reader, CSV tokenizer
// and JSON parser, for the passes that need the raw texts again after (or instead of) a count:
// eval's examples (eval.cpp) and `moscan discover` (discover.hpp). Not the count pipeline: no
// row filters, no crime fold, one thread.
#pragma once

#include "pipeline/input/read_options.hpp"
#include "pipeline/input/reader.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace moscan {

struct WalkRecord {
    const FileSchema* schema = nullptr;
    std::uint64_t line = 0;  // line of the record's first byte in its file
    std::string_view id;     // as in the file (not trimmed)
    std::string_view date;   // empty when the file has no date column
    // (column name, text) for each text column, in the schema's order.
    const std::vector<std::pair<std::string_view, std::string_view>>* texts = nullptr;
};

struct WalkStats {
    std::uint64_t records = 0; // records visited
    std::uint64_t skipped = 0; // records that do not parse (bad structure, invalid JSON,
                               // wrong field count) or whose file has no id column
};

// Calls visit() for every usable record, in input order. `keep(id)`, when given, is asked
// first: records it refuses are not decoded further (cheap skipping for a few wanted ids).
// Throws what ChunkReader throws (I/O, headers, missing columns).
WalkStats walk_records(const ReadOptions& options,
                       const std::function<bool(std::string_view id)>& keep,
                       const std::function<void(const WalkRecord&)>& visit);

} // namespace moscan
