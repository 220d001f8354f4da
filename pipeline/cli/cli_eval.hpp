// `moscan eval`: the command line of the pattern-set evaluation (pipeline/eval/eval.hpp).
#pragma once

#include <string>
#include <vector>

namespace moscan::cli {

// Parses the arguments after `eval`, runs the evaluation and writes the report; returns the
// exit code. Throws moscan::Error and boost::program_options errors (cli.cpp reports them).
int eval_command(const std::vector<std::string>& args);

} // namespace moscan::cli
