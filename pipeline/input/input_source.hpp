// The bytes under the reader: one input (a file, a directory's file, or standard input) opened,
// sniffed by its first bytes, decompressed and transcoded to UTF-8, as a stream of text.
//
//   file or stdin ──> [gzip | zstd | bzip2 | xz | zip member] ──> [UTF-16 | Windows-1252 → UTF-8]
//
// Every layer is streamed in bounded memory (a few blocks of the read size): nothing is
// decompressed whole, to memory or to disk. Compressed data is recognised by its magic bytes,
// whatever the name. gzip is inflated with zlib directly (multi-member; each member's CRC-32
// and length are checked, which libarchive's gzip filter does not do); libarchive does the
// others (zstd, multi-frame, with its checksums; bzip2; xz; zip). A zip archive is a sequence of members,
// each its own text stream named "archive.zip:inner/name.csv"; members not named .csv, .tsv,
// .jsonl, .ndjson or .json are skipped and listed in the notes. A zip that is an Excel workbook
// (.xlsx: [Content_Types].xml and xl/workbook.xml, whatever the file's name) is one stream: the
// sheet chosen by --sheet as CSV (pipeline/input/xlsx_reader.hpp).
//
// A single compressed stream (gzip, zstd, bzip2, xz; not zip, whose members are read one by
// one) is decompressed on a thread of its own, a few 1 MiB blocks ahead of the reader, as
// `zcat | moscan count -` would have it decompressed by another process: the serial input stage
// then only copies blocks, and decompression runs beside the parsing instead of before it.
//
// Only a plain, regular, UTF-8 file is "rereadable": byte offsets of its text are offsets in
// the file, so that deferred rows can be read again with pread (count_job.cpp). A decompressed
// or transcoded stream is read once, like standard input.
#pragma once

#include "pipeline/input/read_options.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace moscan {

namespace xlsx {
class WorkbookReader;
}

enum class Container { plain, gzip, zstd, bzip2, xz, zip };
const char* container_name(Container c);

// The container named by a file's first bytes (plain when none matches).
Container sniff_container(const char* data, std::size_t size);

// A description of binary data that is neither text nor an archive read here ("ELF binary",
// "PDF document", ...), or empty when the bytes may be text. `size` bytes from the start.
std::string sniff_binary(const char* data, std::size_t size);

// UTF-8 repair: the number of invalid sequences in [data, data + size) (each maximal invalid
// subpart counts once, as in the Unicode standard's U+FFFD substitution), and the offset of the
// first, or SIZE_MAX when there is none.
struct Utf8Check {
    std::uint64_t invalid = 0;
    std::size_t first = SIZE_MAX;
};
Utf8Check check_utf8(const char* data, std::size_t size);
// Appends `data` to `out` with every invalid sequence replaced by U+FFFD (EF BF BD).
void repair_utf8(const char* data, std::size_t size, std::string& out);

// Text decoders: append UTF-8 for `size` bytes of input; an incomplete unit at the end is left
// for the next call (its byte count is returned). Invalid units become U+FFFD (counted).
std::size_t utf16_to_utf8(const unsigned char* data, std::size_t size, bool big_endian,
                          std::string& out, std::uint64_t& invalid);
void cp1252_to_utf8(const unsigned char* data, std::size_t size, std::string& out);
void latin1_to_utf8(const unsigned char* data, std::size_t size, std::string& out);

// A name moscan reads in a directory: .csv, .tsv, .jsonl, .ndjson or .json, alone or followed
// by .gz, .zst, .bz2 or .xz; or .zip or .xlsx.
bool input_file_name(const std::string& name);

const char* encoding_name(Encoding e);
Encoding parse_encoding(const std::string& s); // throws UsageError

class InputFile {
public:
    // Opens `path` ("-": standard input) and looks at its first bytes. Throws NoInputError when
    // it cannot be opened or is not an input moscan reads.
    InputFile(const std::string& path, const ReadOptions& options);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    // Moves to the next text stream: the first call gives the file itself (or the first CSV /
    // JSONL member of a zip); false when none is left. Sniffs the stream's encoding.
    bool next_stream();

    const std::string& name() const { return name_; }          // "a.csv", "<stdin>", "a.zip:b.csv"
    const std::string& format_name() const { return format_name_; } // "b.csv" for "b.csv.gz"
    Container container() const { return container_; }
    Encoding encoding() const { return encoding_; } // of the current stream
    // The text is the file's own bytes (a plain regular file read as UTF-8).
    bool rereadable() const;
    // The text is the stream's bytes as they are (UTF-8): the reader validates it.
    bool utf8() const { return encoding_ == Encoding::utf8; }
    // The stream is an Excel workbook's sheet converted to CSV (comma-delimited UTF-8,
    // pipeline/input/xlsx_reader.hpp): read as CSV whatever --input-format and --delimiter say.
    bool workbook() const { return workbook_ != nullptr; }
    // Up to n bytes of the current stream's text (UTF-8); 0 at its end. Throws on I/O errors
    // (IoError) and corrupt compressed data (DataError naming the format).
    std::size_t read(char* buf, std::size_t n);
    // Bytes consumed from the file itself so far (compressed bytes for an archive).
    std::uint64_t raw_bytes() const;
    // Things worth a line in the run summary (encoding detected, members skipped, ...).
    std::vector<std::string>& notes() { return notes_; }
    // Invalid sequences replaced with U+FFFD by the UTF-16 decoder.
    std::uint64_t invalid_units() const { return invalid_units_; }

    struct Raw;
    struct Archive;
    struct Gzip;
    struct Prefetch;

private:
    std::size_t read_member(char* buf, std::size_t n); // decompressed bytes of the stream
    std::size_t decompress(char* buf, std::size_t n);  // the same, on the calling thread
    void sniff_text();
    [[noreturn]] void corrupt(const std::string& what) const;

    const ReadOptions& options_;
    std::string path_;
    std::string name_, format_name_;
    Container container_ = Container::plain;
    Encoding encoding_ = Encoding::utf8;
    std::unique_ptr<Raw> raw_;
    std::unique_ptr<Archive> archive_;
    std::unique_ptr<Gzip> gzip_;
    std::unique_ptr<Prefetch> prefetch_; // decompression ahead, on its own thread
    std::unique_ptr<xlsx::WorkbookReader> workbook_; // a zip that is an .xlsx workbook
    bool started_ = false;
    std::size_t read_count_ = 0; // zip members handed on
    std::string pending_;       // text bytes sniffed and not yet handed on (raw, undecoded)
    std::size_t pending_pos_ = 0;
    std::string in_;            // transcoding: undecoded input
    std::string out_;           // transcoding: decoded output not yet handed on
    std::size_t out_pos_ = 0;
    bool member_eof_ = false;
    std::uint64_t invalid_units_ = 0;
    std::vector<std::string> notes_;
    std::vector<std::string> skipped_;
};

} // namespace moscan
