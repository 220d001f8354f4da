// Chunk tokenizer: the records and fields of a chunk from one SIMD pass over its bytes.
//
// The technique is stage 1 of simdjson (Langdale & Lemire, "Parsing gigabytes of JSON per
// second"): each 64-byte block gives bitmasks of its '"' bytes and of its delimiter and LF
// bytes; the in-quotes mask is the prefix XOR of the quote bits (a carry-less multiply by all
// ones), with the quoted state carried from block to block; the separators are the delimiters
// and LFs outside quotes. The quote rule of csv.hpp (a quote opens only at a field start) is
// checked with a few more mask operations: a quote that would open a quoted section anywhere
// else is a literal byte, left out of the index, and the pass goes on just after it, outside
// quotes (rare: a block is then classified again from there). The offsets of the separators and of every quote go into an index, and a walk of that
// index gives the records and fields without looking at the bytes between them again.
//
// The results are exactly those of parse_record_fast called record after record, field views
// and raw flags included:
//   - a field with no quote, or whose quotes are literal bytes, is its bytes, not raw;
//   - a field that is '"' text '"' with no other quote is the text, not raw;
//   - any other field that starts with a quote is raw: its bytes, quotes included, for
//     csv::unquote;
//   - a CR just before the LF that ends a record, or at the very end of the data, is left out;
//   - a quote left open at the end of the data makes the last field run to the end (raw, a
//     final CR kept) and the record's status `unterminated`.
//
// The index is built a window of a few KiB at a time, just ahead of the walk, so that it stays
// small and the bytes are still in the cache when the walk and the caller read the fields; each
// byte still goes through the SIMD pass exactly once. Nothing is allocated per record: the
// index is kept across reset() calls, and the fields are written over the elements of the
// caller's vector, which keeps its capacity.
#pragma once

#include "pipeline/input/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace moscan::csv {

// Splits a chunk that starts at a record start into records, exactly as repeated
// parse_record_fast calls would (p = data; while (p < end) { rp = parse_record_fast(p, end,
// fields); p = rp.next; }).
class ChunkTokenizer {
public:
    // Starts on [data, data + size), which begins at a record start; size < 4 GiB (throws
    // std::length_error otherwise). `readable` >= size is how many bytes may be read from data
    // (the caller guarantees the padding; it may equal size). Bytes past `size` are never used.
    // `delim` is the field delimiter: ',' ';' '\t' or '|' (throws std::invalid_argument for a
    // byte whose low nibble is that of '"' or LF, which the lookup cannot tell apart).
    void reset(const char* data, std::size_t size, std::size_t readable, char delim = ',');
    // The next record's fields (what was in `fields` is replaced) and its RecordParse: `next` is
    // the first byte after the record and its line end, `newlines` is 0, `status` is ok or
    // unterminated. Returns false, with `fields` empty, when no record is left.
    bool next(std::vector<Field>& fields, RecordParse& rp);

private:
    // Indexes the next window of bytes after scanned_, into index_ from its start.
    void refill();
    // Indexes windows until one has an entry: the number of entries, or 0 at the end of the
    // data.
    std::uint32_t advance();
    // Ends the last record of the data with its last field, from s to the end, given the
    // field's quotes seen so far.
    bool last_field(std::vector<Field>& fields, RecordParse& rp, std::size_t s,
                    std::uint32_t quotes, std::size_t first_quote, std::size_t last_quote);

    const char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t readable_ = 0;
    std::size_t scanned_ = 0;          // bytes indexed so far (whole blocks, or size_)
    std::uint64_t in_quotes_ = 0;      // all ones when the byte before scanned_ is inside quotes
    std::uint64_t field_start_ = 1;    // 1 when a quote at scanned_ may open a quoted field
    char delim_ = ',';
    std::size_t record_ = 0;           // offset of the next record
    std::vector<std::uint32_t> index_; // offsets of the separators and quotes of a window
    std::uint32_t taken_ = 0;          // entries of index_ the walk has used
    std::uint32_t filled_ = 0;         // entries of index_ from the last window
};

} // namespace moscan::csv
