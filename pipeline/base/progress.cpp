#include "pipeline/base/progress.hpp"

#include <unistd.h>

namespace moscan {

Progress::Progress(ProgressMode mode, std::uint64_t total, std::FILE* out)
    : total_(total), out_(out) {
    tty_ = ::isatty(::fileno(out)) == 1;
    enabled_ = mode == ProgressMode::always || (mode == ProgressMode::automatic && tty_);
    start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::update(std::uint64_t done) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    auto interval = tty_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
    if (now - last_ < interval) return;
    last_ = now;
    print(done, false);
}

void Progress::finish() {
    if (enabled_ && tty_ && printed_) std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
}

void Progress::print(std::uint64_t done, bool) {
    double secs = std::chrono::duration<double>(last_ - start_).count();
    double rate = secs > 0 ? done / 1e6 / secs : 0;
    char eta[32] = "";
    if (total_ > done && rate > 0) {
        auto left = static_cast<long>((total_ - done) / 1e6 / rate);
        std::snprintf(eta, sizeof eta, ", ETA %ld:%02ld", left / 60, left % 60);
    }
    char pct[16] = "";
    if (total_) std::snprintf(pct, sizeof pct, " (%.0f%%)", 100.0 * done / total_);
    std::fprintf(out_, "%smoscan: %.1f MB%s read, %.0f MB/s%s%s", tty_ ? "\r\033[K" : "",
                 done / 1e6, pct, rate, eta, tty_ ? "" : "\n");
    std::fflush(out_);
    printed_ = true;
}

} // namespace moscan
