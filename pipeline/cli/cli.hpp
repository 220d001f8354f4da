// The command line: subcommands, options, config files, exit codes. main() only calls run().
#pragma once

namespace moscan::cli {

// Runs the command; returns the process exit code. Never throws.
int run(int argc, char** argv);

} // namespace moscan::cli
