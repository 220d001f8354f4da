// Progress on stderr: a live line on a terminal (bytes done, MB/s, ETA), or with
// --progress always and no terminal, a plain log line every few seconds. Called only from
// the pipeline's serial collect stage, so it needs no locking.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace moscan {

enum class ProgressMode { automatic, always, never };

class Progress {
public:
    // total = 0 when unknown (stdin).
    Progress(ProgressMode mode, std::uint64_t total, std::FILE* out = stderr);
    void update(std::uint64_t done);
    void finish();
    bool active() const { return enabled_; }

private:
    void print(std::uint64_t done, bool final);
    bool enabled_ = false;
    bool tty_ = false;
    std::uint64_t total_;
    std::FILE* out_;
    std::chrono::steady_clock::time_point start_, last_;
    bool printed_ = false;
};

} // namespace moscan
