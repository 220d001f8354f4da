#include "pipeline/base/output_file.hpp"

#include "pipeline/base/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace moscan {

namespace {
bool is_stdout(const std::string& p) { return p.empty() || p == "-"; }
} // namespace

OutputFile::OutputFile(std::string path, std::string what)
    : path_(std::move(path)), what_(std::move(what)) {
    if (is_stdout(path_)) return;
    temp_ = path_ + ".tmp-" + std::to_string(::getpid());
    file_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!file_)
        throw IoError("cannot write " + path_ + (what_.empty() ? "" : " (" + what_ + ")") + ": " +
                      std::strerror(errno));
}

OutputFile::~OutputFile() {
    if (is_stdout(path_) || committed_) return;
    file_.close();
    std::remove(temp_.c_str());
}

std::ostream& OutputFile::stream() { return is_stdout(path_) ? std::cout : file_; }

void OutputFile::commit() {
    const std::string named = path_ + (what_.empty() ? "" : " (" + what_ + ")");
    if (is_stdout(path_)) {
        std::cout.flush();
        if (!std::cout) throw IoError("write failed: standard output");
        return;
    }
    file_.flush();
    const bool ok = static_cast<bool>(file_);
    file_.close();
    if (!ok || file_.fail()) throw IoError("write failed: " + named);
    // The bytes reach the disk before the name does: a crash after the rename cannot leave
    // the new name on an empty or partial file.
    if (int fd = ::open(temp_.c_str(), O_RDONLY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0)
        throw IoError("cannot rename " + temp_ + " to " + named + ": " + std::strerror(errno));
    committed_ = true;
}

} // namespace moscan
