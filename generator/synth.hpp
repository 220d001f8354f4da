// Synthetic crime archives with ground truth.
//
// Real crime data must never enter this repository, so every test, benchmark and the bundled
// sample are generated here: CSV or JSON Lines exports that look like a force's records-system
// dump (police shorthand MO text, multi-row crimes, quoting hazards, false friends), together
// with a ground-truth file that says which platforms each crime's text really names.
// Output is a pure function of the options: the same seed and size give the same bytes.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace moscan::synth {

enum class Format { csv, jsonl };

struct Options {
    std::uint64_t seed = 1;
    std::uint64_t target_bytes = 1 << 20; // stop after the crime that crosses this size
    Format format = Format::csv;
    bool crlf = false;        // CSV: CRLF record ends instead of LF
    bool bom = false;         // CSV: start with a UTF-8 byte-order mark
    int first_year = 2019;    // recorded dates fall in [first_year-01-01, last_year-12-31]
    int last_year = 2021;
};

struct Stats {
    std::uint64_t rows = 0;
    std::uint64_t crimes = 0;
    std::uint64_t bytes = 0;
};

// Writes the archive to `archive` and, if `truth` is not null, the ground truth to `truth`.
Stats generate(const Options& options, std::ostream& archive, std::ostream* truth);

} // namespace moscan::synth
