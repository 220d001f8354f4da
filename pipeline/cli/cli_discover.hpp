// `moscan discover`: the command line of the candidate-name finder (pipeline/eval/discover.hpp).
#pragma once

#include <string>
#include <vector>

namespace moscan::cli {

// Parses the arguments after `discover`, runs it and writes the list; returns the exit code.
// Throws moscan::Error and boost::program_options errors (cli.cpp reports them).
int discover_command(const std::vector<std::string>& args);

} // namespace moscan::cli
