// Command-line plumbing shared by the commands that run a count job (`count`, `eval`): the
// job's options (inputs and columns, scope, pattern set, run control), reading a command
// line together with its --config INI file, and turning both into CountOptions.
#pragma once

#include "pipeline/count_job.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace moscan::cli {

namespace po = boost::program_options;

// "4M", "512K", "1G", "100" (bytes). Throws UsageError naming the option.
std::size_t parse_size(const std::string& s, const char* option);
// Repeated and comma-separated values as one list: --groups a,b --groups c -> a, b, c.
std::vector<std::string> split_commas(const std::vector<std::string>& items);

// Adds the options of a count job. --max-age and --unknown-age have no stored default, so
// that a caller can tell whether they were given (eval's scope rule).
void add_job_options(po::options_description& opts);

// A command line and, with --config FILE, that INI file: any option can live in it, the
// command line wins, and relative paths in it are relative to the file. Positional
// arguments are collected under `positional` ("input": the inputs).
class Args {
public:
    Args(const std::vector<std::string>& args, const po::options_description& visible,
         const po::options_description& hidden = po::options_description(),
         const char* positional = "input");
    bool has(const char* key) const { return vm_.count(key) > 0; }
    std::string str(const char* key) const;
    // A path option: as given on the command line, or relative to the config file.
    std::string path(const char* key) const;
    const po::variables_map& vm() const { return vm_; }

private:
    po::variables_map vm_;
    std::filesystem::path config_dir_;
    std::set<std::string> from_command_line_;
};

// Standard output for "" or "-", else the file (created or truncated). Throws IoError.
std::ostream& open_output(const std::string& path, std::ofstream& file);

// Reads the options of add_job_options into `o`; returns the engine to use. Throws
// UsageError naming the option at fault.
Engine read_job_options(const Args& a, CountOptions& o, const char* command);

} // namespace moscan::cli
