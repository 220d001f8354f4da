#include "pipeline/reader.hpp"

#include "pipeline/reducer.hpp"

#include "pipeline/csv.hpp"
#include "pipeline/error.hpp"
#include "pipeline/strings.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

namespace moscan {

namespace fs = std::filesystem;

namespace {

std::string fold_name(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\r') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

InputFormat format_from_name(const std::string& name) {
    std::string ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext == ".csv") return InputFormat::csv;
    if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::jsonl;
    return InputFormat::detect;
}

bool readable_input(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    return ext == ".csv" || ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
}

const std::vector<std::string> kIdNames = {"CrimeRef", "CrimeReference", "CrimeID", "CrimeNumber",
                                           "CrimeNo", "URN", "Id"};
const std::vector<std::string> kDateNames = {"DateRecorded", "RecordedDate", "RecordedOn",
                                             "DateCreated", "CrimeDate", "Date"};
const std::vector<std::string> kCodeNames = {"HOCode", "HomeOfficeCode", "OffenceCode",
                                             "HOClass", "Code"};
const std::vector<std::string> kAgeNames = {"VictimAge", "AgeOfVictim", "AgeAtOffence", "Age"};
const std::vector<std::string> kTextNames = {"MOText", "MO", "ModusOperandi", "MODescription",
                                             "Circumstances"};
const std::vector<std::string> kFlagNames = {"OnlineFlag", "CyberFlag", "OnlineMarker",
                                             "CyberMarker", "Online"};
const std::vector<std::string> kGenderNames = {"VictimGender", "VictimSex", "GenderOfVictim",
                                               "Gender", "Sex"};

} // namespace

void resolve_columns(FileSchema& schema, const CountOptions& options) {
    std::vector<std::string> folded;
    for (const auto& c : schema.columns) folded.push_back(fold_name(c));
    auto find = [&](const std::string& name) -> int {
        std::string f = fold_name(name);
        for (size_t i = 0; i < folded.size(); ++i)
            if (folded[i] == f) return static_cast<int>(i);
        return -1;
    };
    auto found_list = [&] {
        std::string s;
        for (const auto& c : schema.columns) s += (s.empty() ? "" : ", ") + c;
        return s.empty() ? std::string("(none)") : s;
    };
    auto resolve = [&](const std::string& requested, const std::vector<std::string>& usual,
                       const char* option, const char* what, bool required) -> int {
        if (!requested.empty()) {
            int i = find(requested);
            if (i < 0)
                throw DataError(schema.name + ": column '" + requested + "' (" + option +
                                ") not found; columns found: " + found_list());
            return i;
        }
        for (const auto& u : usual) {
            int i = find(u);
            if (i >= 0) return i;
        }
        if (!required) return -1;
        std::string tried;
        for (const auto& u : usual) tried += (tried.empty() ? "" : ", ") + u;
        throw DataError(schema.name + ": no " + what + " column (tried " + tried + "); name it with " +
                        option + "; columns found: " + found_list());
    };
    const ColumnNames& c = options.columns;
    schema.id = resolve(c.id, kIdNames, "--id-column", "crime id", true);
    schema.date = resolve(c.date, kDateNames, "--date-column", "date", true);
    schema.code = resolve(c.code, kCodeNames, "--code-column", "offence code", true);
    const Breakdown by = Breakdown::parse(options.by);
    schema.age = resolve(c.age, kAgeNames, "--age-column", "victim age",
                         options.max_age >= 0 || by.has(Dim::age_band));
    schema.flag = resolve(c.flag, kFlagNames, "--flag-column", "online flag", false);
    schema.gender = resolve(c.gender, kGenderNames, "--gender-column", "victim gender",
                            by.has(Dim::gender));
    schema.texts.clear();
    if (c.texts.empty()) {
        schema.texts.push_back(resolve("", kTextNames, "--text-column", "MO text", true));
    } else {
        for (const auto& t : c.texts)
            schema.texts.push_back(resolve(t, {}, "--text-column", "text", true));
    }
}

ChunkReader::ChunkReader(const CountOptions& options) : options_(options) {
    for (const auto& in : options.inputs) {
        if (in == "-") {
            inputs_.push_back(in);
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(in, ec)) {
            std::vector<std::string> files;
            for (const auto& e : fs::recursive_directory_iterator(in, ec))
                if (e.is_regular_file() && readable_input(e.path()))
                    files.push_back(e.path().string());
            std::sort(files.begin(), files.end());
            if (files.empty())
                throw NoInputError(in + ": directory holds no .csv, .jsonl or .ndjson files");
            inputs_.insert(inputs_.end(), files.begin(), files.end());
        } else {
            inputs_.push_back(in);
        }
    }
    if (inputs_.empty()) throw UsageError("no input files (use - for standard input)");
}

ChunkReader::~ChunkReader() { close_file(); }

std::uint64_t ChunkReader::total_bytes() const {
    std::uint64_t total = 0;
    for (const auto& in : inputs_) {
        std::error_code ec;
        if (in == "-" || !fs::is_regular_file(in, ec)) return 0;
        total += fs::file_size(in, ec);
    }
    return total;
}

Chunk* ChunkReader::acquire() {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
        Chunk* c = pool_.back();
        pool_.pop_back();
        c->size = 0;
        c->final_in_file = false;
        return c;
    }
    all_.push_back(std::make_unique<Chunk>());
    return all_.back().get();
}

void ChunkReader::release(Chunk* chunk) {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    pool_.push_back(chunk);
}

void ChunkReader::grow(Chunk& c, std::size_t capacity) {
    if (capacity <= c.capacity) return;
    std::unique_ptr<char[]> data(new char[capacity + simdjson::SIMDJSON_PADDING]);
    if (c.size) std::memcpy(data.get(), c.data.get(), c.size);
    std::memset(data.get() + capacity, 0, simdjson::SIMDJSON_PADDING);
    c.data = std::move(data);
    c.capacity = capacity;
}

std::size_t ChunkReader::fill(Chunk& c, std::size_t want) {
    grow(c, want);
    while (c.size < want && !eof_) {
        ssize_t n = ::read(fd_, c.data.get() + c.size, want - c.size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError(schema_->name + ": read failed: " + std::strerror(errno));
        }
        if (n == 0) {
            eof_ = true;
            break;
        }
        c.size += static_cast<size_t>(n);
        bytes_read_ += static_cast<std::uint64_t>(n);
    }
    std::memset(c.data.get() + c.size, 0,
                std::min<std::size_t>(simdjson::SIMDJSON_PADDING, c.capacity - c.size));
    return c.size;
}

void ChunkReader::close_file() {
    if (fd_ > 0) ::close(fd_);
    fd_ = -1;
}

bool ChunkReader::open_next_file() {
    close_file();
    if (next_input_ >= inputs_.size()) return false;
    const std::string& in = inputs_[next_input_++];
    auto schema = std::make_unique<FileSchema>();
    if (in == "-") {
        fd_ = 0;
        schema->name = "<stdin>";
    } else {
        fd_ = ::open(in.c_str(), O_RDONLY);
        if (fd_ < 0)
            throw NoInputError("cannot open " + in + ": " + std::strerror(errno));
        schema->name = in;
        struct stat st {};
        if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
            schema->rereadable = true;
            ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL); // larger readahead when cold
        }
    }
    schema->format = options_.input_format != InputFormat::detect ? options_.input_format
                                                                    : format_from_name(in);
    schema->index = static_cast<std::uint32_t>(schemas_.size());
    schemas_.push_back(std::move(schema));
    schema_ = schemas_.back().get();
    eof_ = false;
    line_ = 1;
    offset_ = 0;
    carry_.clear();

    Chunk* c = acquire();
    try {
        read_header(*c);
    } catch (...) {
        release(c);
        throw;
    }
    release(c);
    return true;
}

void ChunkReader::read_header(Chunk& c) {
    // Read until the first record is complete.
    std::size_t want = 64 * 1024;
    std::size_t end = 0;
    while (true) {
        fill(c, want);
        const char* d = c.data.get();
        std::size_t skip = 0;
        if (c.size >= 3 && std::memcmp(d, "\xEF\xBB\xBF", 3) == 0) skip = 3;
        if (schema_->format == InputFormat::detect) {
            std::size_t i = skip;
            while (i < c.size && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
                ++i;
            if (i < c.size || eof_)
                schema_->format = (i < c.size && d[i] == '{') ? InputFormat::jsonl
                                                              : InputFormat::csv;
        }
        if (schema_->format == InputFormat::csv) {
            std::size_t e = csv::last_record_end(d + skip, c.size - skip);
            if (e > 0 || eof_) {
                end = skip;
                break;
            }
        } else if (schema_->format == InputFormat::jsonl) {
            // The first object, after any blank lines, must be complete.
            std::size_t i = skip;
            while (i < c.size && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
                ++i;
            if (eof_ || (i < c.size && std::memchr(d + i, '\n', c.size - i))) {
                end = skip;
                break;
            }
        }
        if (c.size >= options_.max_record_bytes)
            throw DataError(schema_->name + ":1: the first record is longer than " +
                            std::to_string(options_.max_record_bytes >> 20) + " MiB");
        want = c.size * 2;
    }
    const char* d = c.data.get();
    offset_ = end;
    if (c.size == end) {
        throw DataError(schema_->name + ": empty file" +
                        std::string(schema_->format == InputFormat::csv ? " (no header line)" : ""));
    }
    if (schema_->format == InputFormat::csv) {
        std::vector<csv::Field> fields;
        csv::RecordParse r = csv::parse_record(d + end, d + c.size, fields);
        if (r.status != csv::ParseStatus::ok)
            throw DataError(schema_->name + ":1: unterminated quoted field in the header");
        std::string buf;
        for (const auto& f : fields) schema_->columns.emplace_back(csv::value(f, buf));
        line_ += r.newlines;
        end = static_cast<std::size_t>(r.next - d);
        offset_ = end;
    } else {
        // The keys name the columns: those of the first object, then any new key of the next
        // objects in the block read so far (up to kKeyLines lines), since exporters often leave
        // out keys whose value is null. The lines themselves are data. Blank lines before the
        // first object are left in the data, where they are counted as blank lines.
        constexpr int kKeyLines = 1000;
        std::size_t first = end;
        while (first < c.size &&
               (d[first] == ' ' || d[first] == '\t' || d[first] == '\r' || d[first] == '\n'))
            ++first;
        std::uint64_t line = 1 + static_cast<std::uint64_t>(std::count(d + end, d + first, '\n'));
        simdjson::ondemand::parser parser;
        std::size_t pos = first;
        for (int n = 0; n < kKeyLines && pos < c.size; ++n, ++line) {
            const char* nl = static_cast<const char*>(std::memchr(d + pos, '\n', c.size - pos));
            if (!nl && !eof_) break; // an incomplete last line of the block
            std::size_t len = nl ? static_cast<std::size_t>(nl - (d + pos)) : c.size - pos;
            std::size_t start = pos;
            pos += len + 1;
            if (std::all_of(d + start, d + start + len, [](char ch) { return is_blank(ch); }))
                continue;
            simdjson::ondemand::document doc;
            simdjson::ondemand::object obj;
            auto err = parser.iterate(d + start, len, c.capacity + simdjson::SIMDJSON_PADDING - start)
                           .get(doc);
            if (!err) err = doc.get_object().get(obj);
            if (err) {
                if (n == 0)
                    throw DataError(schema_->name + ":" + std::to_string(line) +
                                    ": not a JSON object (" + simdjson::error_message(err) + ")");
                continue; // a bad later line is the parser's to report, with its line
            }
            for (auto field : obj) {
                std::string_view key;
                if (field.unescaped_key().get(key)) break;
                if (std::find(schema_->columns.begin(), schema_->columns.end(), key) ==
                    schema_->columns.end())
                    schema_->columns.emplace_back(key);
                simdjson::ondemand::value v;
                if (field.value().get(v)) break;
            }
        }
    }
    resolve_columns(*schema_, options_);
    carry_.assign(d + end, c.size - end);
}

Chunk* ChunkReader::next() {
    while (true) {
        if (eof_ && carry_.empty()) {
            if (!open_next_file()) return nullptr;
            if (eof_ && carry_.empty()) continue; // header only
        }
        Chunk* c = acquire();
        c->schema = schema_;
        c->first_line = line_;
        c->offset = offset_;
        grow(*c, carry_.size() + options_.chunk_bytes);
        std::memcpy(c->data.get(), carry_.data(), carry_.size());
        c->size = carry_.size();
        carry_.clear();
        std::size_t want = c->size + options_.chunk_bytes;
        std::size_t end = 0;
        std::uint64_t newlines = 0; // in [0, end), when known
        bool counted = false;
        while (true) {
            fill(*c, want);
            if (eof_) {
                end = c->size;
                c->final_in_file = true;
                break;
            }
            if (schema_->format == InputFormat::csv) {
                csv::Split split = csv::split_records(c->data.get(), c->size); // one pass
                end = split.end;
                newlines = split.newlines;
                counted = true;
            } else {
                const char* d = c->data.get();
                const void* nl = memrchr(d, '\n', c->size);
                end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - d) + 1 : 0;
                counted = false;
            }
            if (end > 0) break;
            if (c->size >= options_.max_record_bytes) {
                std::string name = schema_->name;
                std::uint64_t line = line_;
                release(c);
                throw DataError(name + ":" + std::to_string(line) + ": a record is longer than " +
                                std::to_string(options_.max_record_bytes >> 20) +
                                " MiB; is a quote left open? (--max-record-mib raises the limit)");
            }
            want = c->size * 2;
        }
        carry_.assign(c->data.get() + end, c->size - end);
        c->size = end;
        c->bytes = c->data.get();
        c->readable = c->capacity + simdjson::SIMDJSON_PADDING;
        if (!counted) newlines = csv::count_newlines(c->data.get(), end);
        line_ += newlines;
        offset_ += end;
        if (c->size == 0) {
            release(c);
            continue;
        }
        return c;
    }
}

} // namespace moscan
