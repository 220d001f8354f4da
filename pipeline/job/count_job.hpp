// `moscan count`: the whole job, wired as one oneTBB parallel_pipeline.
//
//   read      serial, in order   ChunkReader: record-aligned chunks from pooled buffers
//   process   parallel           parse records (CSV or JSONL) as views into the chunk; row
//                                filters first (offence code, then date), so out-of-scope
//                                text is never scanned; fold each row's facts into the
//                                thread's CrimeMap; scan the texts of rows whose crime is in
//                                scope so far (the others' texts are deferred: count_job.cpp,
//                                DeferredRows); count mentions; add the texts
//   collect   serial, in order   add row counts, keep the first issues, stop on a fatal one,
//                                return the buffer to the pool
// then visit every crime in parallel (deferred rows of crimes in scope are read back and
// scanned) and reduce (reducer.hpp). At most 2 chunks per thread
// are in flight, and the per-crime state of crimes that passed the row filters is held to
// CountOptions::crime_memory (spilled to disk beyond it; crime_fold.hpp), so peak memory does
// not depend on the size of the input.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "pipeline/scope/codes.hpp"
#include "pipeline/job/options.hpp"
#include "pipeline/reduce/reducer.hpp"
#include "pipeline/base/summary.hpp"

#include <memory>
#include <string>
#include <vector>

namespace moscan {

enum class Engine { hyperscan, naive };

struct CountResult {
    std::vector<TableRow> rows;
    // With CountOptions::keep_crimes: every crime that passed the row filters, by id (in
    // scope or not: CrimeState has the facts to decide).
    std::shared_ptr<CrimeMap> crimes;
    // With CountOptions::cube: every cell of the breakdown and every total.
    std::shared_ptr<Cube> cube;
    bool flag_column = false; // some input file has an online flag column
    Summary summary;
    std::vector<std::string> inputs; // after directory expansion
};

class CountJob {
public:
    // Loads the code list and pattern set and compiles the matcher: all setup errors are
    // thrown here, before any input is read.
    explicit CountJob(CountOptions options, Engine engine = Engine::hyperscan);
    ~CountJob();

    CountResult run();

    const CountOptions& options() const { return options_; }
    const PatternSet& patterns() const { return patterns_; }
    const CodeList& codes() const { return codes_; }
    const std::vector<bool>& group_selected() const { return group_selected_; }

private:
    CountOptions options_;
    PatternSet patterns_;
    CodeList codes_;
    std::vector<bool> group_selected_;
    std::unique_ptr<Matcher> matcher_;
    bool batch_scan_ = true;
};

} // namespace moscan
