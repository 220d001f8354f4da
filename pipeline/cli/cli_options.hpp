// Command-line plumbing shared by the commands that run a count job (`count`, `eval`): the
// job's options (inputs and columns, scope, pattern set, run control), reading a command
// line together with its --config INI file, and turning both into CountOptions.
#pragma once

#include "pipeline/job/count_job.hpp"
#include "pipeline/base/error.hpp"

#include <boost/program_options.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace moscan::cli {

namespace po = boost::program_options;

// "4M", "512K", "1G", "100" (bytes), from `lo` to `hi` bytes. Throws UsageError naming the
// option and the range.
std::size_t parse_size(const std::string& s, const char* option, std::size_t lo = 1,
                       std::size_t hi = std::size_t{1} << 40);
// A whole number from `lo` to `hi`, in decimal digits (a leading '-' only where lo < 0).
// Anything else -- "-1" for an unsigned option, "1.5", "12x", out of range -- throws UsageError
// "--OPTION 'VALUE': expected a whole number from LO to HI". (Boost's unsigned types read "-1"
// as 4294967295, which is why the numeric options are declared as strings and read here.)
std::int64_t parse_int(const std::string& s, const char* option, std::int64_t lo,
                       std::int64_t hi);
std::uint64_t parse_uint64(const std::string& s, const char* option,
                           std::uint64_t lo = 0,
                           std::uint64_t hi = std::numeric_limits<std::uint64_t>::max());
// What a Boost option error says, safely. Boost fills its message by replacing each %token%
// until none is left, so a value that itself holds the token ("%value%" given as a value, or an
// INI line holding "%invalid_line%") never ends; here a '%' inside a quoted value is shown as
// the full-width '％' (U+FF05) first, which cannot form a token.
std::string message_of(const po::error& e);

// Repeated and comma-separated values as one list: --groups a,b --groups c -> a, b, c.
std::vector<std::string> split_commas(const std::vector<std::string>& items);

// Adds the options of a count job. --max-age and --unknown-age have no stored default, so
// that a caller can tell whether they were given (eval's scope rule).
void add_job_options(po::options_description& opts);

// A command line and, with --config FILE, that INI file: any option can live in it, the
// command line wins for every key (and --period or --every on the command line drops both
// from the file, as they exclude each other), and relative paths in it are relative to the
// file. `config =` in the file, or a directory as the file, is an error. Positional arguments
// are collected under `positional` ("input": the inputs; `input = FILE` in the file).
class Args {
public:
    Args(const std::vector<std::string>& args, const po::options_description& visible,
         const po::options_description& hidden = po::options_description(),
         const char* positional = "input");
    bool has(const char* key) const { return vm_.count(key) > 0; }
    std::string str(const char* key) const;
    // A path option: as given on the command line, or relative to the config file.
    std::string path(const char* key) const;
    // An output path: as path(), but "-" (standard output) is kept as it is.
    std::string output_path(const char* key) const;
    // A repeatable path option (the inputs): each as path(), "-" (standard input) kept.
    std::vector<std::string> paths(const char* key) const;
    const po::variables_map& vm() const { return vm_; }

    // Where the value of `key` (its i-th, for a repeated option) came from: "FILE:LINE" when
    // from the config file, "" when from the command line or a default.
    std::string origin(const char* key, std::size_t i = 0) const;
    // Throws the error for a bad value of `key`: UsageError(message) when it came from the
    // command line, ConfigError("FILE:LINE: " + message) when from the config file.
    [[noreturn]] void fail(const char* key, const std::string& message, std::size_t i = 0) const;
    // Runs `read` (which throws UsageError for a bad value) so that its error says where the
    // value of `key` came from, as fail().
    template <class F>
    auto checked(const char* key, F&& read, std::size_t i = 0) const -> decltype(read()) {
        try {
            return read();
        } catch (const UsageError& e) {
            fail(key, e.what(), i);
        }
    }
    // A numeric option (declared as a string): parse_int / parse_uint64 / parse_size with the
    // option's name, its error placed as fail().
    std::int64_t integer(const char* key, std::int64_t lo, std::int64_t hi) const;
    std::uint64_t uint64(const char* key, std::uint64_t lo, std::uint64_t hi) const;
    std::size_t size(const char* key, std::size_t lo, std::size_t hi) const;

private:
    po::variables_map vm_;
    std::filesystem::path config_dir_;
    std::string config_file_;
    std::map<std::string, std::vector<std::size_t>> config_lines_; // key -> its lines
    std::set<std::string> from_command_line_;
};

// The largest --threads: more than the cores available runs on the cores available (the run
// summary and JSON say how many ran).
inline constexpr std::int64_t kMaxThreads = 1024;

// Refuses, before anything is written, an output that would destroy an input or another
// output: `outputs` are (option, path) pairs ("-o", "--hits", ...; "" or "-" is standard
// output and skipped), `inputs` the files and directories read. An output that is the same
// file as an input (however named: relative paths, symbolic and hard links), that lies inside
// an input directory, or that is the same file as another output, throws UsageError naming
// both paths.
void check_outputs(const std::vector<std::pair<std::string, std::string>>& outputs,
                   const std::vector<std::string>& inputs);
// The inputs of a count job for check_outputs: the inputs, the code list, the pattern set and
// the config file, as given.
std::vector<std::string> job_inputs(const Args& a, const CountOptions& o);


// Reads the options of add_job_options into `o`; returns the engine to use. Throws
// UsageError naming the option at fault.
Engine read_job_options(const Args& a, CountOptions& o, const char* command);

} // namespace moscan::cli
