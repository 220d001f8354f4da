// The serial input stage: files in, record-aligned chunks out.
//
// Every input, regular file or stream (stdin, a pipe), is read sequentially in large blocks
// into pooled buffers (a few per thread, reused). Reading into a reused buffer beats mapping
// the file: the copy costs less than the kernel's work of mapping and unmapping every page,
// and the bytes are then in cache for the passes that follow. The reader finds the
// last complete record in the block (CSV: the last LF with an even number of quotes before
// it, see csv.hpp; JSONL: the last LF), hands that much on as a chunk and carries the
// unfinished tail into the next buffer, so every chunk starts and ends on a record boundary
// and can be parsed independently. A record longer than the block grows the buffer, up to
// max_record_bytes. The first record of a CSV file is its header: the reader resolves the
// column mapping once per file (FileSchema) before any chunk of that file is handed on.
// Buffers carry SIMDJSON_PADDING spare bytes so JSON lines can be parsed in place.
//
// The bytes come from an InputFile (input_source.hpp): compressed inputs are decompressed and
// other encodings transcoded there, so chunks are always UTF-8 text. Text read as UTF-8 is
// validated chunk by chunk (SIMD, simdjson::validate_utf8); a chunk holding invalid sequences
// has each replaced by U+FFFD, is counted (invalid_utf8()) and the first place is reported, so
// nothing downstream (patterns, --hits, reports) ever sees invalid UTF-8.
#pragma once

#include "pipeline/input/input_source.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/input/read_options.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace moscan {

struct FileSchema {
    std::string name; // as given ("-" shown as "<stdin>")
    std::uint32_t index = 0; // position among the run's inputs (ChunkReader::schemas())
    bool rereadable = false; // a regular file opened by name: its rows can be read again
    InputFormat format = InputFormat::csv;
    // How its dates are written: --date-format, or detected from its first values before any
    // of its chunks is processed (count_job.cpp); set once, by the serial input stage.
    DateFormat date_format;
    bool date_format_set = false;
    char delimiter = ',';  // CSV: ',' ';' '\t' or '|' (--delimiter, a sep= line, or detected)
    bool cr_lines = false; // CSV: CR-only line ends (old Mac), read as LFs
    bool sep_line = false; // CSV: an Excel "sep=;" first line, skipped (its line is counted)
    std::uint32_t key_objects = 0; // JSONL: objects whose keys name the columns (the first 1000)
    std::vector<std::string> columns; // header (CSV) or keys of the first object (JSONL)
    // CSV: column indices; JSONL: indices into `columns` naming the keys. -1 = absent.
    int id = -1, date = -1, code = -1, age = -1, flag = -1, gender = -1;
    std::vector<int> texts;
};

struct Chunk {
    // The chunk's bytes (in `data`).
    const char* bytes = nullptr;
    std::size_t size = 0;
    // Bytes readable from `bytes` (at least size + SIMDJSON_PADDING, for in-place JSON).
    std::size_t readable = 0;
    std::unique_ptr<char[]> data;     // pooled buffer
    std::size_t capacity = 0;         // usable bytes of data; the allocation has padding after it
    const FileSchema* schema = nullptr;
    std::uint64_t first_line = 1; // line number of data[0]
    std::uint64_t offset = 0;     // byte offset of data[0] in its file
    bool final_in_file = false;   // ends at end of file (the last record may lack a newline)
    // Its rows can be read again from the file at their offsets (FileSchema::rereadable, and the
    // chunk was not changed by UTF-8 repair).
    bool rereadable = false;
};

class ChunkReader {
public:
    explicit ChunkReader(ReadOptions options);
    ~ChunkReader();
    ChunkReader(const ChunkReader&) = delete;
    ChunkReader& operator=(const ChunkReader&) = delete;

    // The next chunk, or nullptr when all inputs are read. Throws on I/O or header errors.
    Chunk* next();
    // Returns a chunk's buffer to the pool (thread-safe).
    void release(Chunk* chunk);

    std::uint64_t bytes_read() const { return bytes_read_; }
    // Sum of the sizes of the regular files among the inputs (0 if any is a stream).
    std::uint64_t total_bytes() const;
    std::size_t files_read() const { return schemas_.size(); }
    const std::vector<std::unique_ptr<FileSchema>>& schemas() const { return schemas_; }
    // The text streams read so far, in reading order: files after expanding directories, zip
    // members as "archive.zip:member.csv". Every input once all are read.
    const std::vector<std::string>& input_names() const { return read_names_; }
    // Lines for the run summary: encodings detected, archives' sizes, files skipped in a
    // directory, invalid UTF-8 replaced.
    std::vector<std::string> notes() const;
    std::uint64_t invalid_utf8() const { return invalid_utf8_; }

private:
    bool open_next_file();
    void close_file();
    std::size_t fill(Chunk& c, std::size_t want); // reads until c.size >= want or EOF
    void grow(Chunk& c, std::size_t capacity);
    Chunk* acquire();
    void read_header(Chunk& c);
    bool csv_header_start(Chunk& c, std::size_t skip, int& cr_state, std::size_t& converted,
                          std::size_t& end);

    ReadOptions options_;
    std::vector<std::string> inputs_;
    std::size_t next_input_ = 0;
    void finish_input();
    void repair(Chunk& c);

    std::unique_ptr<InputFile> input_;
    std::uint64_t raw_done_ = 0;  // bytes of the inputs already closed
    std::uint64_t text_bytes_ = 0; // decoded bytes of the current stream
    std::vector<std::string> read_names_;
    std::vector<std::string> notes_;
    std::uint64_t invalid_utf8_ = 0;
    std::string invalid_first_; // "file:line" of the first invalid UTF-8
    std::string repaired_;
    bool eof_ = true;
    std::uint64_t line_ = 1;
    std::uint64_t offset_ = 0;
    std::uint64_t bytes_read_ = 0;
    FileSchema* schema_ = nullptr;
    std::vector<std::unique_ptr<FileSchema>> schemas_;
    std::string carry_; // unfinished tail of the previous block

    std::mutex pool_mutex_;
    std::vector<Chunk*> pool_;
    std::vector<std::unique_ptr<Chunk>> all_;
};

// Resolves the requested columns against the names found in a file (case, spaces and '_'
// ignored); empty requests try the usual export names. Throws DataError naming the missing
// column, the option that asked for it and the columns found.
void resolve_columns(FileSchema& schema, const ReadOptions& options);

} // namespace moscan
