// One clock for the stages of a chunk (--stage-times): each lap() adds the time since the
// previous lap to one StageTimes field. Off (no --stage-times), it reads no clock at all.
#pragma once

#include <chrono>

namespace moscan {

class StageClock {
public:
    using Clock = std::chrono::steady_clock;
    explicit StageClock(bool on) : on_(on) {
        if (on_) last_ = Clock::now();
    }
    void lap(double& seconds) {
        if (!on_) return;
        const Clock::time_point now = Clock::now();
        seconds += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }

private:
    bool on_;
    Clock::time_point last_{};
};

} // namespace moscan
