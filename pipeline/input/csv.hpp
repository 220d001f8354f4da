// RFC 4180 record parsing and record-aligned splitting, for a delimiter of ',' ';' '\t' or '|'.
//
// Quote rule, the one Excel and Python's csv module use, shared by the splitter, the chunk
// tokenizer (csv_scan.hpp) and the parser so that they always agree: a '"' opens a quoted
// field only as the first byte of a field; inside it '""' stands for one '"' and any other '"'
// closes it (bytes after the closing quote, up to the next delimiter or LF, are kept as they
// are). A '"' anywhere else (5'10", He said "no" in an unquoted field) is a literal byte. A
// record ends at a LF outside quoted fields; a CR just before that LF is dropped.
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
RecordParse parse_record(const char* p, const char* end, std::vector<Field>& fields,
                         char delim = ',');
// The same without counting newlines (RecordParse::newlines is 0): the hot path, which
// works out line numbers only for the records it reports.
RecordParse parse_record_fast(const char* p, const char* end, std::vector<Field>& fields,
                              char delim = ',');

// Offset just past the last record end (LF outside quoted fields) in [data, data+size), given
// that data starts at a record start; 0 if there is none.
std::size_t last_record_end(const char* data, std::size_t size, char delim = ',');

// The same, also giving the number of LF bytes before that offset (for line numbers) and
// whether the data ends inside a quoted field, from one SIMD pass (csv_scan.cpp): the quoted
// regions are the prefix XOR of the quote bits, which is exact under the quote rule above as
// long as every quote that would open a region is at a field start (after a delimiter, a LF,
// the start, or a closing quote: a '""' pair); a quote that is not is a literal byte, and the
// pass starts again just after it, outside quotes.
struct Split {
    std::size_t end;        // as last_record_end
    std::uint64_t newlines; // LF bytes in [data, data + end)
    bool open = false;      // the data ends inside a quoted field (of the record at `end`)
};
Split split_records(const char* data, std::size_t size, char delim = ',');
// LF bytes in [data, data + size).
std::uint64_t count_newlines(const char* data, std::size_t size);

// Parses the whole text as CSV (for small files: code lists, truth files). Blank lines are
// skipped; each record comes with its line number. Throws DataError on an unterminated quote.
struct Row {
    std::uint64_t line;
    std::vector<std::string> fields;
};
std::vector<Row> parse_all(std::string_view text, const std::string& source_name,
                           char delim = ',');

// Appends s to out as a CSV field, quoting when needed.
void append_field(std::string& out, std::string_view s);
// The same for a cell of free text that a spreadsheet will open: a value beginning with '=',
// '+', '-', '@', a tab or a carriage return would be read by Excel or LibreOffice as a
// formula (=HYPERLINK(...) in an MO text), so it gets a leading apostrophe, which both show as
// text (OWASP's advice for CSV injection). Used for the texts of --hits and --rejects.
void append_text_field(std::string& out, std::string_view s);
// Appends one record: the fields, comma-separated and quoted when needed, then LF.
void append_row(std::string& out, std::initializer_list<std::string_view> fields);

} // namespace moscan::csv
