// One record as the parsers hand it on: views into its chunk (or into row buffers), not yet
// decoded where decoding can wait until the row is known to be in scope.
#pragma once

#include "pipeline/input/csv.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace moscan {

struct RecordView {
    std::uint64_t line = 0;       // 0: not worked out yet (CSV: the worker counts lines lazily)
    const char* start = nullptr; // the record's first byte in its chunk
    const char* end = nullptr;   // just past the record (its line end included): --rejects
    std::string_view id, date, code, age, flag, gender;
    bool age_is_null = false;
    std::vector<std::string_view> texts;
    // CSV: the parsed fields, whose texts are unquoted only once the record is in scope.
    const std::vector<csv::Field>* csv_fields = nullptr;
    const std::vector<int>* text_columns = nullptr;
    // JSONL: texts[t] is still the raw content of a string literal, which may have escapes in
    // it; it is decoded (when it has) only once the record is in scope.
    std::vector<char> json_escaped;
};

} // namespace moscan
