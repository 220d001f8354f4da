// Helpers shared by the tests: temporary files and running a CountJob on a string.
#pragma once

#include "pipeline/count_job.hpp"

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

// Options for the FOI-style tests: the bundled code list and pattern set, quiet.
inline CountOptions basic_options(const std::string& input) {
    CountOptions o;
    o.inputs = {input};
    o.quiet = true;
    return o;
}

} // namespace moscan::test
