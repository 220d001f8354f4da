// RFC 4180 record parsing and record-aligned splitting.
//
// Quote rule, shared by the splitter and the parser so that they always agree: a '"' toggles
// the quoted state wherever it appears, and inside a quoted section '""' stands for one '"'.
// A newline is a record end exactly when the number of quotes since the start of the record
// is even. For well-formed RFC 4180 this is the standard reading; for a stray quote it makes
// the breakage visible (a wrong field count or an unterminated quote, with its line) instead
// of silently mis-splitting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace moscan::csv {

struct Field {
    std::string_view view; // the value if !raw; otherwise the raw bytes including quotes
    bool raw = false;      // needs unquoting (contains quotes other than the outer pair)
};

// The value of a field needing unquoting, built in `buf`.
std::string_view unquote(const Field& f, std::string& buf);
// The value of a field; uses `buf` only when the field needs unquoting.
inline std::string_view value(const Field& f, std::string& buf) {
    return f.raw ? unquote(f, buf) : f.view;
}

enum class ParseStatus { ok, unterminated };

struct RecordParse {
    const char* next;       // first byte after the record (and its line end)
    std::uint64_t newlines; // '\n' bytes consumed, including the record end
    ParseStatus status;
};

// Parses one record starting at p; fields are appended to `fields` (cleared first). The
// record ends at an unquoted LF (a CR before it is dropped) or at `end`. If `end` is reached
// inside quotes the status is `unterminated`.
RecordParse parse_record(const char* p, const char* end, std::vector<Field>& fields);
// The same without counting newlines (RecordParse::newlines is 0): the hot path, which
// works out line numbers only for the records it reports.
RecordParse parse_record_fast(const char* p, const char* end, std::vector<Field>& fields);

// Offset just past the last record end (unquoted LF) in [data, data+size), given that data
// starts at a record start; 0 if there is none.
std::size_t last_record_end(const char* data, std::size_t size);

// The same, also giving the number of LF bytes before that offset (for line numbers), from
// one pass over the bytes that counts quotes and LFs together.
struct Split {
    std::size_t end;        // as last_record_end
    std::uint64_t newlines; // LF bytes in [data, data + end)
};
Split split_records(const char* data, std::size_t size);
// LF bytes in [data, data + size) (the SIMD pass of split_records).
std::uint64_t count_newlines(const char* data, std::size_t size);

// Quotes and LFs in [data, data + size), counted in one pass.
void count_quotes_newlines(const char* data, std::size_t size, std::uint64_t& quotes,
                           std::uint64_t& newlines);

// Parses the whole text as CSV (for small files: code lists, truth files). Blank lines are
// skipped; each record comes with its line number. Throws DataError on an unterminated quote.
struct Row {
    std::uint64_t line;
    std::vector<std::string> fields;
};
std::vector<Row> parse_all(std::string_view text, const std::string& source_name);

// Appends s to out as a CSV field, quoting when needed.
void append_field(std::string& out, std::string_view s);
// Appends one record: the fields, comma-separated and quoted when needed, then LF.
void append_row(std::string& out, std::initializer_list<std::string_view> fields);

} // namespace moscan::csv
