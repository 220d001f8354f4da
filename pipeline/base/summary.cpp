#include "pipeline/base/summary.hpp"
#include "pipeline/base/text_format.hpp"

#include "pipeline/base/error.hpp"
#include "pipeline/base/json_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

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

RejectLimit RejectLimit::parse(std::string_view s) {
    RejectLimit l;
    const std::string given(s);
    const auto bad = [&] {
        return UsageError("--max-rejected '" + given +
                          "': expected a number of rows (0: none) or a percentage such as 2%");
    };
    if (s.empty()) throw bad();
    const bool pct = s.back() == '%';
    if (pct) s.remove_suffix(1);
    if (s.empty()) throw bad();
    std::size_t dots = 0;
    for (char c : s) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') throw bad();
    }
    if (pct) {
        if (dots > 1) throw bad();
        l.kind = Kind::percent;
        l.percent = std::stod(std::string(s));
        if (l.percent > 100) throw bad();
    } else {
        if (dots) throw bad();
        l.kind = Kind::rows;
        try {
            l.rows = std::stoull(std::string(s));
        } catch (...) {
            throw bad();
        }
    }
    return l;
}

std::uint64_t RejectLimit::allowed(std::uint64_t read) const {
    switch (kind) {
    case Kind::standard: return std::max<std::uint64_t>(10, read / 100);
    case Kind::rows: return rows;
    case Kind::percent:
        return static_cast<std::uint64_t>(std::floor(static_cast<long double>(read) * percent / 100 + 1e-9));
    }
    return 0;
}

std::string RejectLimit::describe() const {
    char buf[64];
    switch (kind) {
    case Kind::standard: return "1% of rows read, at least 10 (the default)";
    case Kind::rows: return std::to_string(rows) + (rows == 1 ? " row" : " rows");
    case Kind::percent:
        std::snprintf(buf, sizeof buf, "%g%% of rows read", percent);
        return buf;
    }
    return "?";
}

RejectsFile::RejectsFile(std::string path) : path_(std::move(path)) {
    temp_ = path_ + ".tmp-" + std::to_string(::getpid());
    f_ = std::fopen(temp_.c_str(), "wb");
    if (!f_) throw IoError("cannot write " + temp_ + " (--rejects): " + std::strerror(errno));
    buf_ = "file,line,reason,detail,record\n";
}

RejectsFile::~RejectsFile() {
    if (f_) std::fclose(f_);
    if (!committed_) std::remove(temp_.c_str());
}

namespace {
// Always quoted; a value a spreadsheet would read as a formula (it begins with = + - @, a tab
// or a carriage return) gets a leading apostrophe, as in the --hits CSV.
void append_csv_field(std::string& out, std::string_view s) {
    out.push_back('"');
    if (reads_as_formula(s)) out.push_back('\'');
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}
} // namespace

void RejectsFile::add(std::string_view file, std::uint64_t line, std::string_view reason,
                      std::string_view detail, std::string_view record) {
    while (!record.empty() && (record.back() == '\n' || record.back() == '\r'))
        record.remove_suffix(1);
    append_csv_field(buf_, file);
    buf_ += "," + std::to_string(line) + ",";
    append_csv_field(buf_, reason);
    buf_.push_back(',');
    append_csv_field(buf_, detail);
    buf_.push_back(',');
    append_csv_field(buf_, record);
    buf_.push_back('\n');
    ++rows_;
    if (buf_.size() >= (1u << 20)) {
        if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
            throw IoError("write failed: " + temp_ + " (--rejects)");
        buf_.clear();
    }
}

void RejectsFile::commit() {
    if (committed_ || !f_) return;
    const bool ok = std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
    buf_.clear();
    const bool closed = std::fclose(f_) == 0;
    f_ = nullptr;
    if (!ok || !closed) throw IoError("write failed: " + temp_ + " (--rejects)");
    if (std::rename(temp_.c_str(), path_.c_str()) != 0)
        throw IoError("cannot rename " + temp_ + " to " + path_ + " (--rejects): " +
                      std::strerror(errno));
    committed_ = true;
}

namespace {

// Files with the same roles, in reading order of their first file.
std::vector<std::vector<const FileColumns*>> column_groups(const std::vector<FileColumns>& cs) {
    std::vector<std::vector<const FileColumns*>> groups;
    for (const auto& c : cs) {
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.front()->same_roles(c); });
        if (it == groups.end()) groups.push_back({&c});
        else it->push_back(&c);
    }
    return groups;
}

} // namespace

std::string Summary::format_columns() const {
    std::string out;
    const auto groups = column_groups(columns);
    for (const auto& g : groups) {
        const FileColumns& c = *g.front();
        std::string roles = "id " + c.id + ", date " + c.date + ", code " + c.code;
        if (!c.age.empty()) roles += ", age " + c.age;
        if (!c.flag.empty()) roles += ", flag " + c.flag;
        if (!c.gender.empty()) roles += ", gender " + c.gender;
        for (const auto& t : c.texts) roles += ", text " + t;
        out += groups.size() > 1 ? "  columns used" : "  columns used        ";
        if (groups.size() > 1) {
            out += " in ";
            for (std::size_t i = 0; i < g.size(); ++i) {
                if (i == 3) {
                    out += " and " + std::to_string(g.size() - 3) + " more";
                    break;
                }
                out += (i ? ", " : "") + g[i]->file;
            }
        }
        out += (groups.size() > 1 ? ": " : " ") + roles + "; dates " + c.dates + "\n";
    }
    for (const auto& n : notes) out += "  " + n + "\n";
    return out;
}

std::string Summary::columns_json() const {
    std::string j = "[";
    bool first = true;
    for (const auto& g : column_groups(columns)) {
        const FileColumns& c = *g.front();
        j += first ? "{" : ", {";
        first = false;
        j += "\"files\": [";
        for (std::size_t i = 0; i < g.size(); ++i) j += (i ? ", " : "") + json_string(g[i]->file);
        j += "]";
        const auto role = [&](const char* name, const std::string& v) {
            j += std::string(", \"") + name + "\": " + (v.empty() ? "null" : json_string(v));
        };
        role("id", c.id);
        role("date", c.date);
        role("code", c.code);
        role("age", c.age);
        role("flag", c.flag);
        role("gender", c.gender);
        j += ", \"texts\": [";
        for (std::size_t i = 0; i < c.texts.size(); ++i) j += (i ? ", " : "") + json_string(c.texts[i]);
        j += "], \"dates\": " + json_string(c.dates) + "}";
    }
    return j + "]";
}

std::optional<std::string> Summary::over_limit(const RejectLimit& limit) const {
    const std::uint64_t rejected = rows_rejected();
    const std::uint64_t allowed = limit.allowed(rows.read);
    if (rejected <= allowed) return std::nullopt;
    std::size_t top = 0;
    for (std::size_t i = 1; i < kRejectKinds; ++i)
        if (rows.rejected[i] > rows.rejected[top]) top = i;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f%%",
                  rows.read ? 100.0 * static_cast<double>(rejected) / static_cast<double>(rows.read) : 0.0);
    std::string m = "too many rows rejected: " + std::to_string(rejected) + " of " +
                    std::to_string(rows.read) + " rows read (" + pct + "), more than the " +
                    std::to_string(allowed) + " allowed (--max-rejected: " + limit.describe() +
                    "); most for " + reject_name(static_cast<Reject>(top)) + ": " +
                    std::to_string(rows.rejected[top]) + " rows";
    if (first_rejected[top]) m += ", the first at " + first_rejected[top]->message();
    if (static_cast<Reject>(top) == Reject::invalid_date || static_cast<Reject>(top) == Reject::missing_date)
        for (const auto& c : columns)
            m += "\n  " + c.file + ": dates read as " + c.dates + " from column " + c.date;
    if (static_cast<Reject>(top) == Reject::invalid_date)
        m += "\n  --date-format says how the dates are written (e.g. dmy, mdy, iso, excel, "
             "dd-mon-yy)";
    m += "\n  --rejects FILE lists every rejected row; --max-rejected N or P% allows more";
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
