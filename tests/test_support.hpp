// Helpers shared by the tests: temporary files and running a CountJob on a string.
#pragma once

#include "matchers/matcher_options.hpp"
#include "pipeline/job/count_job.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>

namespace moscan::test {

// A file in a fresh temporary directory, removed with the object.
class TempFile {
public:
    explicit TempFile(const std::string& content, const std::string& name = "input.csv") {
        static int counter = 0;
        dir_ = std::filesystem::temp_directory_path() /
               ("moscan_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(dir_);
        path_ = dir_ / name;
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::string path() const { return path_.string(); }
    std::filesystem::path dir() const { return dir_; }

private:
    std::filesystem::path dir_, path_;
};

// The suite's shared compiled-database cache (each test case is its own process). Entries
// are keyed by the set's hash, Hyperscan's version and the CPU, and written atomically, so
// concurrent cases and stale entries are safe; the cache's own behaviour is tested with
// private directories.
inline MatcherOptions test_matcher_options() {
    MatcherOptions o;
    o.cache_dir = MOSCAN_TEST_CACHE;
    return o;
}

// Options for the FOI-style tests: the bundled code list and pattern set, quiet.
inline CountOptions basic_options(const std::string& input) {
    CountOptions o;
    o.inputs = {input};
    o.quiet = true;
    o.matcher = test_matcher_options();
    return o;
}

} // namespace moscan::test
