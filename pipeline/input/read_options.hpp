// What the input stage is told: where the records are, in which format and encoding, which
// columns to use, and how big a chunk and a record may be. The job's options
// (pipeline/job/options.hpp) extend it; eval and `patterns bench` read with it too.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace moscan {

enum class InputFormat { detect, csv, jsonl };
// Text encoding of the inputs (--encoding); auto: a byte order mark, else UTF-8, else
// Windows-1252 when the first block is not valid UTF-8 (pipeline/input/input_source.hpp).
enum class Encoding { automatic, utf8, utf16le, utf16be, cp1252, latin1 };

// Column names as given; an empty name means "detect from the usual export names".
struct ColumnNames {
    std::string id, date, code, age, flag, gender;
    std::vector<std::string> texts;
};

// Optional columns a job cannot do without: a missing one is then an error naming its option.
struct ColumnNeeds {
    bool age = false;
    bool gender = false;
};

struct ReadOptions {
    std::vector<std::string> inputs; // files, directories, or "-" for stdin
    InputFormat input_format = InputFormat::detect;
    char delimiter = 0; // CSV field delimiter (--delimiter): ',' ';' '\t' '|'; 0: detect per file
    Encoding encoding = Encoding::automatic;
    std::string sheet; // --sheet: an .xlsx workbook's sheet, by name or 1-based number; empty: the first
    ColumnNames columns;
    ColumnNeeds needs;
    std::size_t chunk_bytes = 1u << 20;       // read size
    std::size_t max_record_bytes = 64u << 20; // longer records are structural errors
    bool quiet = false;                       // no run summary, no progress, no warnings
};

} // namespace moscan
