// Everything a `moscan count` run is told, after the command line and config file are read.
#pragma once

#include "matchers/matcher_options.hpp"
#include "pipeline/input/read_options.hpp"
#include "pipeline/scope/crime_scope.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/scope/periods.hpp"
#include "pipeline/base/progress.hpp"
#include "pipeline/base/summary.hpp"
#include "pipeline/scope/victims.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace moscan {

enum class OutputFormat { csv, json, md };
enum class OnError { standard, fail, skip }; // standard: structural breakage fails, bad values skip
enum class UnknownAge { exclude, include };

// The input stage's share (inputs, format, columns, chunk and record sizes) is ReadOptions
// (pipeline/input/read_options.hpp); read_options_of() adds which optional columns this job needs.
struct CountOptions : ReadOptions {

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
    // FOI report (pipeline/output/report.hpp): CountResult::cube with every total, the age bands of
    // --by age_band, and the audit trail of every counted mention (pipeline/job/hits.hpp).
    bool cube = false;
    AgeBands age_bands;
    std::string hits_file; // CSV, or JSON Lines when it ends in .jsonl or .ndjson
    bool hits_bom = false; // the --hits CSV starts with a UTF-8 byte-order mark (--bom)
    std::size_t hits_context = 40;
    bool stage_times = false; // time each pipeline stage (Summary::stages)
    MatcherOptions matcher;   // database cache; single-match (count-only) mode
    ProgressMode progress = ProgressMode::automatic;
};

// What the input stage must be told for this job: the reading options, and that the victim
// age column is needed when ages filter (--max-age) or break down (--by age_band), the
// gender column when --by gender.
ReadOptions read_options_of(const CountOptions& options);

// The crime-scope rule this job applies (--max-age, --unknown-age).
inline CrimeScope scope_of(const CountOptions& options) {
    return {options.max_age, options.unknown_age == UnknownAge::include};
}

} // namespace moscan
