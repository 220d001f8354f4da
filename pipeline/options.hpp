// Everything a `moscan count` run is told, after the command line and config file are read.
#pragma once

#include "matchers/matcher_options.hpp"
#include "pipeline/dates.hpp"
#include "pipeline/periods.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/summary.hpp"
#include "pipeline/victims.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace moscan {

enum class InputFormat { detect, csv, jsonl };
// Text encoding of the inputs (--encoding); auto: a byte order mark, else UTF-8, else
// Windows-1252 when the first block is not valid UTF-8 (pipeline/input_source.hpp).
enum class Encoding { automatic, utf8, utf16le, utf16be, cp1252, latin1 };
enum class OutputFormat { csv, json, md };
enum class OnError { standard, fail, skip }; // standard: structural breakage fails, bad values skip
enum class UnknownAge { exclude, include };

// Column names as given; an empty name means "detect from the usual export names".
struct ColumnNames {
    std::string id, date, code, age, flag, gender;
    std::vector<std::string> texts;
};

struct CountOptions {
    std::vector<std::string> inputs; // files, directories, or "-" for stdin
    InputFormat input_format = InputFormat::detect;
    char delimiter = 0; // CSV field delimiter (--delimiter): ',' ';' '\t' '|'; 0: detect per file
    Encoding encoding = Encoding::automatic;
    std::string sheet; // --sheet: an .xlsx workbook's sheet, by name or 1-based number; empty: the first
    ColumnNames columns;

    Periods periods;
    std::string codes_file;          // empty: the bundled Home Office code list
    std::vector<std::string> groups; // empty: every group of the code list
    bool all_codes = false;          // codes outside the list are in scope, group "other"
    int max_age = 17;                // -1: no age filter
    UnknownAge unknown_age = UnknownAge::exclude;
    std::string patterns_file; // empty: the bundled FOI platform set

    std::vector<std::string> by = {"period", "group"};
    OutputFormat format = OutputFormat::csv;
    std::string output; // empty or "-": stdout

    unsigned threads = 0;                     // 0: all hardware threads
    std::size_t chunk_bytes = 1u << 20;       // read size
    std::size_t max_record_bytes = 64u << 20; // longer records are structural errors
    // Crime state held in memory (all threads together) before it is spilled to temp_dir;
    // 0: no limit. Spilling keeps peak memory independent of the archive's size.
    std::size_t crime_memory = 16u << 20;
    std::string temp_dir; // empty: $TMPDIR, else /tmp
    OnError on_error = OnError::standard;
    // --date-format: nullopt (auto) detects each file's format from its first values
    // (dates.hpp, detect_date_format); otherwise every file is read in this one.
    std::optional<DateFormat> date_format;
    RejectLimit max_rejected; // --max-rejected: past it the run fails (exit 65)
    std::string rejects_file; // --rejects: every rejected row, as CSV
    bool keep_crimes = false; // CountResult::crimes holds every crime's merged state (eval)
    // Tests: called once every input has been read, before the crimes are reduced (and
    // deferred rows read back).
    std::function<void()> after_reading;
    // FOI report (pipeline/report.hpp): CountResult::cube with every total, the age bands of
    // --by age_band, and the audit trail of every counted mention (pipeline/hits.hpp).
    bool cube = false;
    AgeBands age_bands;
    std::string hits_file; // CSV, or JSON Lines when it ends in .jsonl or .ndjson
    std::size_t hits_context = 40;
    bool quiet = false;       // no run summary, no progress
    bool stage_times = false; // time each pipeline stage (Summary::stages)
    MatcherOptions matcher;   // database cache; single-match (count-only) mode
    ProgressMode progress = ProgressMode::automatic;
};

} // namespace moscan
