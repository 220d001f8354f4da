// An output file that appears whole or not at all: bytes go to a temporary file beside the
// target (NAME.tmp-PID, in the same directory so that the rename stays on one file system),
// and commit() renames it over the target only once everything is written and flushed. A run
// that fails or is killed never leaves a truncated table or audit trail under the target's
// name: an earlier file of that name stays as it was. (After SIGKILL the temporary file is
// left behind; its name ends in .tmp-PID, which no input directory reads.) Two runs writing
// the same target each write their own temporary file, so the target is one run's output,
// never a mix. "" or "-" is standard output, written directly.
#pragma once

#include <fstream>
#include <ostream>
#include <string>

namespace moscan {

class OutputFile {
public:
    // `what`: how errors name the file ("--hits", "-o"); throws IoError when it cannot be
    // created.
    explicit OutputFile(std::string path, std::string what = "");
    ~OutputFile(); // not committed: the temporary file is removed
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream();
    // Flushes, checks, and renames the temporary file over the target; throws IoError.
    void commit();

private:
    std::string path_, what_, temp_;
    std::ofstream file_;
    bool committed_ = false;
};

} // namespace moscan
