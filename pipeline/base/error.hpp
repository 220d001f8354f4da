// Errors for setup and input problems.
//
// Setup failures (bad options, unreadable files, pattern compile errors, broken input
// structure) throw a moscan::Error carrying a sysexits-style exit code; main() catches once,
// prints "moscan: error: <message>" and exits with that code. Expected per-record problems
// (an invalid date, a missing id) are never thrown: the parser counts and reports them.
#pragma once

#include <stdexcept>
#include <string>

namespace moscan {

enum class ExitCode : int {
    ok = 0,
    usage = 64,    // bad command line
    data = 65,     // input data is malformed
    no_input = 66, // an input file does not exist or cannot be opened
    software = 70, // internal error
    io = 74,       // read or write failure
    config = 78,   // bad configuration: pattern set, code list, job config
};

class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ExitCode code() const noexcept { return code_; }

private:
    ExitCode code_;
};

struct UsageError : Error {
    explicit UsageError(const std::string& m) : Error(ExitCode::usage, m) {}
};
struct DataError : Error {
    explicit DataError(const std::string& m) : Error(ExitCode::data, m) {}
};
struct NoInputError : Error {
    explicit NoInputError(const std::string& m) : Error(ExitCode::no_input, m) {}
};
struct IoError : Error {
    explicit IoError(const std::string& m) : Error(ExitCode::io, m) {}
};
struct ConfigError : Error {
    explicit ConfigError(const std::string& m) : Error(ExitCode::config, m) {}
};

} // namespace moscan
