// What a run read, used, set aside and rejected: every row is accounted for.
//   rows_read = rows_used + rows_out_of_scope() + rows_rejected()
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

enum class Reject : std::uint8_t {
    unterminated_quote, // structural
    field_count,        // structural
    invalid_json,       // structural
    record_too_long,    // structural (longer than --max-record-mib: a quote left open?)
    missing_id,
    missing_code,
    missing_date,
    invalid_date,
    invalid_age,
    bad_value_type,
    count_
};
constexpr std::size_t kRejectKinds = static_cast<std::size_t>(Reject::count_);

const char* reject_name(Reject r);
bool is_structural(Reject r);

struct Issue {
    std::string file;
    std::uint64_t line = 0;
    Reject reason{};
    std::string detail;
    std::string message() const; // "file:line: what is wrong"
};

// --max-rejected: how many rejected rows a run may have before it fails (exit 65).
//   standard  more than 1% of the rows read, and more than 10 rows (so that a small file with
//             one bad row still runs)
//   rows      more than N rows (0: any rejected row fails the run)
//   percent   more than P% of the rows read (100%: never)
struct RejectLimit {
    enum class Kind : std::uint8_t { standard, rows, percent } kind = Kind::standard;
    std::uint64_t rows = 0;
    double percent = 0;
    static RejectLimit parse(std::string_view s); // N or P%; throws UsageError
    std::uint64_t allowed(std::uint64_t rows_read) const; // the most rejected rows that pass
    std::string describe() const; // "1% of rows read, at least 10", "5 rows", "2.5% of rows read"
};

// --rejects FILE: every rejected row, written to FILE.tmp-PID as the run goes and renamed to
// FILE when the run has read its input (also when it then fails for the rows it rejected);
// removed if the run fails otherwise. CSV: file,line,reason,detail,record (the raw record, its
// line end left off).
class RejectsFile {
public:
    explicit RejectsFile(std::string path);
    ~RejectsFile(); // removes the temporary file unless committed
    RejectsFile(const RejectsFile&) = delete;
    RejectsFile& operator=(const RejectsFile&) = delete;
    void add(std::string_view file, std::uint64_t line, std::string_view reason,
             std::string_view detail, std::string_view record);
    void commit(); // flush, close and rename; throws IoError
    std::uint64_t rows() const { return rows_; }

private:
    std::string path_, temp_;
    std::FILE* f_ = nullptr;
    std::string buf_;
    std::uint64_t rows_ = 0;
    bool committed_ = false;
};

// The columns used for each role in a file, as named in its header (empty: none).
struct FileColumns {
    std::string file;
    std::string id, date, code, age, flag, gender;
    std::vector<std::string> texts;
    std::string dates; // how its dates were read (DateFormat::describe)
    bool same_roles(const FileColumns& o) const {
        return id == o.id && date == o.date && code == o.code && age == o.age && flag == o.flag &&
               gender == o.gender && texts == o.texts && dates == o.dates;
    }
};

struct RowCounts {
    std::uint64_t read = 0;
    std::uint64_t blank_lines = 0; // empty lines: not rows, reported apart
    std::uint64_t kept = 0;        // passed the row filters; decided per crime at the end
    std::uint64_t out_code = 0;
    std::uint64_t out_date = 0;
    std::array<std::uint64_t, kRejectKinds> rejected{};

    void add(const RowCounts& o);
    std::uint64_t rejected_total() const;
};

// Where the time went (--stage-times). Serial stages are wall time on their thread; the
// parallel stage's parts are summed over all threads (thread-seconds).
struct StageTimes {
    double read = 0;    // serial: map or read, split into record-aligned chunks
    double parse = 0;   // parallel: parse records, row filters, queue in-scope texts
    double scan = 0;    // parallel: Hyperscan over the queued texts
    double fold = 0;    // parallel: count mentions per text, fold into the crime map
    double collect = 0; // serial: row counts, issues, recycle buffers
    double combine = 0; // merge the per-thread crime maps
    double reduce = 0;  // decide scope per crime, build the table (includes read_back)
    double read_back = 0; // deferred rows of crimes in scope read back and scanned
    std::string format(std::uint64_t bytes) const;
};

struct Summary {
    RowCounts rows;
    StageTimes stages;
    std::uint64_t rows_used = 0;   // rows of crimes in scope
    std::uint64_t out_age = 0;     // rows of crimes without a victim in the age range
    std::uint64_t crimes_in_scope = 0;
    std::uint64_t crimes_online = 0;
    std::uint64_t crimes_out_of_scope_age = 0;
    std::uint64_t bytes = 0;
    std::size_t files = 0;
    std::vector<std::string> input_notes; // encodings detected, archives, files skipped (reader.hpp)
    unsigned threads = 0;
    double seconds = 0;
    // Crime state spilled to disk (CountOptions::crime_memory): how often and how much. Like
    // the timing, it depends on how chunks were spread over threads; the counts never do.
    std::size_t spills = 0;
    std::uint64_t spilled_bytes = 0;
    // Adult victims' rows whose texts were not scanned on the first pass, and those of them
    // read back because their crime came into scope (count_job.cpp, DeferredRows). Like the
    // spills, they depend on how chunks were spread over threads.
    std::uint64_t rows_deferred = 0;
    std::uint64_t rows_read_back = 0;
    std::string format_deferred() const;
    std::vector<Issue> issues; // the first few rejected rows, in input order
    static constexpr std::size_t kMaxIssues = 20;
    // The first rejected row of each reason, in input order (for --max-rejected's message).
    std::array<std::optional<Issue>, kRejectKinds> first_rejected;
    std::vector<FileColumns> columns; // per file read, in reading order
    std::vector<std::string> notes;   // e.g. a file's dates read in a detected format
    std::uint64_t rejects_written = 0; // rows written to --rejects

    // "  columns used: ..." lines, once for all files when they agree, else per group of files.
    std::string format_columns() const;
    // The JSON array of the same: [{"files": [...], "id": ..., ..., "dates": ...}].
    std::string columns_json() const;
    // The message of a run over --max-rejected, or nullopt when within it: how many were
    // rejected against the limit, the top reason with its count and first file:line.
    std::optional<std::string> over_limit(const RejectLimit& limit) const;

    std::uint64_t rows_out_of_scope() const { return rows.out_code + rows.out_date + out_age; }
    std::uint64_t rows_rejected() const { return rows.rejected_total(); }
    bool balanced() const {
        return rows.read == rows_used + rows_out_of_scope() + rows_rejected();
    }
};

} // namespace moscan
