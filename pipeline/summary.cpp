#include "pipeline/summary.hpp"

#include <cstdio>

namespace moscan {

std::string StageTimes::format(std::uint64_t bytes) const {
    std::string out = "  stage times (parallel stages in thread-seconds; MB/s of the whole input):\n";
    auto line = [&](const char* name, double s) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "    %-8s %8.3f s %10.0f MB/s\n", name, s,
                      s > 0 ? bytes / 1e6 / s : 0.0);
        out += buf;
    };
    line("read", read);
    line("parse", parse);
    line("scan", scan);
    line("fold", fold);
    line("collect", collect);
    line("combine", combine);
    line("reduce", reduce);
    line("readback", read_back);
    return out;
}

std::string Summary::format_deferred() const {
    return "  rows deferred (adult victims' rows, texts not scanned on the first pass): " +
           std::to_string(rows_deferred) + ", read back (crime in scope): " +
           std::to_string(rows_read_back) + "\n";
}

const char* reject_name(Reject r) {
    switch (r) {
    case Reject::unterminated_quote: return "unterminated quoted field";
    case Reject::field_count: return "wrong number of fields";
    case Reject::invalid_json: return "invalid JSON";
    case Reject::record_too_long: return "record too long";
    case Reject::missing_id: return "missing crime id";
    case Reject::missing_code: return "missing offence code";
    case Reject::missing_date: return "missing date";
    case Reject::invalid_date: return "invalid date";
    case Reject::invalid_age: return "invalid age";
    case Reject::bad_value_type: return "value of the wrong type";
    case Reject::count_: break;
    }
    return "?";
}

bool is_structural(Reject r) {
    return r == Reject::unterminated_quote || r == Reject::field_count ||
           r == Reject::invalid_json || r == Reject::record_too_long;
}

std::string Issue::message() const {
    std::string m = file + ":" + std::to_string(line) + ": " + reject_name(reason);
    if (!detail.empty()) m += ": " + detail;
    return m;
}

void RowCounts::add(const RowCounts& o) {
    read += o.read;
    blank_lines += o.blank_lines;
    kept += o.kept;
    out_code += o.out_code;
    out_date += o.out_date;
    for (std::size_t i = 0; i < kRejectKinds; ++i) rejected[i] += o.rejected[i];
}

std::uint64_t RowCounts::rejected_total() const {
    std::uint64_t n = 0;
    for (auto v : rejected) n += v;
    return n;
}

} // namespace moscan
