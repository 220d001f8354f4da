#include "pipeline/base/text_format.hpp"
#include "pipeline/input/reader.hpp"


#include "pipeline/input/csv.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/strings.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace moscan {

namespace fs = std::filesystem;

namespace {

InputFormat format_from_name(const std::string& name) {
    std::string ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext == ".csv") return InputFormat::csv;
    if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::jsonl;
    return InputFormat::detect;
}

// The files of a directory moscan reads (input_file_name), in any subdirectory, sorted. Every
// entry is read or accounted for: one that cannot be looked at (an unreadable subdirectory or
// file, a symbolic link loop, a broken link named as an input) stops the run with its path;
// others (other names, links to directories, which are not followed) are listed in `skipped`.
void expand_directory(const std::string& dir, std::vector<std::string>& files,
                      std::vector<std::string>& skipped) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) throw NoInputError("cannot read directory " + dir + ": " + ec.message());
    std::vector<std::string> subdirs;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) throw IoError("cannot read directory " + dir + ": " + ec.message());
        const std::string p = it->path().string();
        struct stat lst {}, st {};
        if (::lstat(p.c_str(), &lst) != 0)
            throw NoInputError("cannot read " + p + ": " + std::strerror(errno));
        const bool link = S_ISLNK(lst.st_mode);
        if (::stat(p.c_str(), &st) != 0) {
            int e = errno;
            if (e == ELOOP)
                throw NoInputError(p + ": symbolic link loop (" + std::strerror(e) +
                                   "); remove the link or point it at a file");
            if (link && e == ENOENT) {
                std::error_code lec;
                std::string target = fs::read_symlink(p, lec).string();
                if (input_file_name(p))
                    throw NoInputError(p + ": broken symbolic link (its target " + target +
                                       " does not exist); remove it or restore the file");
                skipped.push_back(p + " (broken symbolic link)");
                continue;
            }
            throw NoInputError("cannot read " + p + ": " + std::strerror(e));
        }
        if (S_ISDIR(st.st_mode)) {
            if (link) skipped.push_back(p + " (symbolic link to a directory, not followed)");
            else subdirs.push_back(p);
            continue;
        }
        if (!input_file_name(p)) {
            skipped.push_back(p);
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            skipped.push_back(p + " (not a regular file)");
            continue;
        }
        if (::access(p.c_str(), R_OK) != 0)
            throw NoInputError("cannot read " + p + ": " + std::strerror(errno));
        files.push_back(p);
    }
    for (const auto& d : subdirs) expand_directory(d, files, skipped);
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

void resolve_columns(FileSchema& schema, const ReadOptions& options) {
    std::vector<std::string> folded;
    for (const auto& c : schema.columns) folded.push_back(fold_column_name(c));
    auto find = [&](const std::string& name) -> int {
        std::string f = fold_column_name(name);
        for (size_t i = 0; i < folded.size(); ++i)
            if (folded[i] == f) return static_cast<int>(i);
        return -1;
    };
    auto found_list = [&] {
        // Cut short: a header read wrongly (another delimiter, a binary file) can be megabytes.
        constexpr std::size_t kMax = 300;
        std::string s;
        std::size_t shown = 0;
        for (const auto& c : schema.columns) {
            if (shown > 0 && s.size() + c.size() > kMax) break;
            s += (shown ? ", " : "") + c.substr(0, kMax);
            if (c.size() > kMax) s += "... (" + std::to_string(c.size()) + " bytes)";
            ++shown;
        }
        if (shown < schema.columns.size())
            s += ", ... (" + std::to_string(schema.columns.size()) + " columns)";
        if (s.empty()) s = "(none)";
        if (schema.format == InputFormat::jsonl)
            s += " (the keys of the first " + std::to_string(schema.key_objects) +
                 " objects: a key first seen later is not looked for)";
        // One column: the file is likely split by something else.
        if (schema.columns.size() == 1 && schema.format == InputFormat::csv)
            s += "; the header has one column: is the file separated by something other than " +
                 std::string(schema.delimiter == '\t' ? "tab" : std::string(1, schema.delimiter)) +
                 "? (--delimiter ';', tab or '|')";
        return s;
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
    schema.age = resolve(c.age, kAgeNames, "--age-column", "victim age", options.needs.age);
    schema.flag = resolve(c.flag, kFlagNames, "--flag-column", "online flag", false);
    schema.gender = resolve(c.gender, kGenderNames, "--gender-column", "victim gender",
                            options.needs.gender);
    schema.texts.clear();
    if (c.texts.empty()) {
        schema.texts.push_back(resolve("", kTextNames, "--text-column", "MO text", true));
    } else {
        for (const auto& t : c.texts) {
            const int i = resolve(t, {}, "--text-column", "text", true);
            // The same column twice would have its every mention counted twice.
            if (std::find(schema.texts.begin(), schema.texts.end(), i) != schema.texts.end())
                throw UsageError(schema.name + ": --text-column '" + t + "' names column '" +
                                 schema.columns[static_cast<std::size_t>(i)].substr(0, 100) +
                                 "', which is already a text column; give each column once");
            schema.texts.push_back(i);
        }
    }
    // A column used with a name that another column has too (as compared: case, spaces and '_'
    // ignored) is an error: only one of them would be read.
    std::vector<int> used = {schema.id, schema.date, schema.code, schema.age, schema.flag,
                             schema.gender};
    used.insert(used.end(), schema.texts.begin(), schema.texts.end());
    for (int u : used) {
        if (u < 0) continue;
        for (std::size_t j = 0; j < folded.size(); ++j) {
            if (static_cast<int>(j) == u || folded[j] != folded[static_cast<std::size_t>(u)]) continue;
            const std::size_t a = std::min<std::size_t>(j, static_cast<std::size_t>(u));
            const std::size_t b = std::max<std::size_t>(j, static_cast<std::size_t>(u));
            const char* what = schema.format == InputFormat::jsonl ? "keys" : "columns";
            throw DataError(schema.name + ": " + what + " " + std::to_string(a + 1) + " '" +
                            schema.columns[a].substr(0, 100) + "' and " + std::to_string(b + 1) +
                            " '" + schema.columns[b].substr(0, 100) +
                            "' have the same name (case, spaces and '_' ignored), so only one "
                            "would be read; rename one of them");
        }
    }
}

ChunkReader::ChunkReader(ReadOptions options) : options_(std::move(options)) {
    for (const auto& in : options_.inputs) {
        if (in == "-") {
            inputs_.push_back(in);
            continue;
        }
        struct stat st {};
        if (::stat(in.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            std::vector<std::string> files, skipped;
            expand_directory(in, files, skipped);
            std::sort(files.begin(), files.end());
            if (files.empty())
                throw NoInputError(in + ": directory holds no .csv, .tsv, .jsonl or .ndjson files "
                                        "(nor .gz, .zst, .bz2, .xz or .zip of them)" +
                                   std::string(skipped.empty() ? "" : "; it holds " + skipped.front() +
                                               (skipped.size() > 1 ? ", ..." : "")));
            inputs_.insert(inputs_.end(), files.begin(), files.end());
            if (!skipped.empty()) {
                std::sort(skipped.begin(), skipped.end());
                std::string list;
                for (std::size_t i = 0; i < skipped.size() && i < 5; ++i)
                    list += (i ? ", " : "") + skipped[i];
                if (skipped.size() > 5) list += ", ...";
                notes_.push_back(in + ": skipped " + std::to_string(skipped.size()) +
                                 (skipped.size() == 1 ? " entry" : " entries") +
                                 " not named as input: " + list);
            }
        } else {
            inputs_.push_back(in);
        }
    }
    if (inputs_.empty()) throw UsageError("no input files (use - for standard input)");
}

ChunkReader::~ChunkReader() = default;

std::vector<std::string> ChunkReader::notes() const {
    std::vector<std::string> out = notes_;
    if (input_)
        for (const auto& n : input_->notes()) out.push_back(n);
    if (invalid_utf8_)
        out.push_back(std::to_string(invalid_utf8_) + " invalid UTF-8 sequence" +
                      (invalid_utf8_ == 1 ? "" : "s") + " replaced with U+FFFD, the first at " +
                      invalid_first_ + " (--encoding windows-1252 if the file is not UTF-8)");
    return out;
}

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
        std::size_t n = input_->read(c.data.get() + c.size, want - c.size);
        bytes_read_ = raw_done_ + input_->raw_bytes();
        if (n == 0) {
            eof_ = true;
            break;
        }
        c.size += n;
        text_bytes_ += n;
    }
    std::memset(c.data.get() + c.size, 0,
                std::min<std::size_t>(simdjson::SIMDJSON_PADDING, c.capacity - c.size));
    return c.size;
}

void ChunkReader::close_file() {
    if (text_bytes_ && input_ && input_->container() != Container::plain)
        notes_.push_back(schema_->name + ": " + container_name(input_->container()) + ", " +
                         std::to_string(text_bytes_) + " bytes of text");
    text_bytes_ = 0;
}

void ChunkReader::finish_input() {
    if (!input_) return;
    for (auto& n : input_->notes()) notes_.push_back(std::move(n));
    if (input_->invalid_units())
        notes_.push_back(input_->name() + ": " + std::to_string(input_->invalid_units()) +
                         " invalid UTF-16 units replaced with U+FFFD");
    raw_done_ += input_->raw_bytes();
    bytes_read_ = raw_done_;
    input_.reset();
}

bool ChunkReader::open_next_file() {
    if (schema_) close_file();
    while (true) {
        if (!input_) {
            if (next_input_ >= inputs_.size()) return false;
            input_ = std::make_unique<InputFile>(inputs_[next_input_++], options_);
        }
        if (input_->next_stream()) break;
        finish_input();
    }
    auto schema = std::make_unique<FileSchema>();
    schema->name = input_->name();
    schema->rereadable = input_->rereadable();
    read_names_.push_back(schema->name);
    schema->format = input_->workbook()                          ? InputFormat::csv
                     : options_.input_format != InputFormat::detect
                         ? options_.input_format
                         : format_from_name(input_->format_name());
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

namespace {

void cr_to_lf(char* p, std::size_t n) {
    for (char* e = p + n; (p = static_cast<char*>(std::memchr(p, '\r', static_cast<std::size_t>(e - p))));)
        *p++ = '\n';
}

const char* delimiter_name(char d) {
    switch (d) {
    case ',': return "','";
    case ';': return "';'";
    case '\t': return "tab";
    default: return "'|'";
    }
}

} // namespace

// CSV: the dialect from the first bytes (from `skip`, after any byte order mark): CR-only line
// ends (a CR not followed by LF before any LF; the CRs are made LFs as the bytes are read, so
// line numbers and records work as with LF), Excel's "sep=;" first line (skipped, counted as a
// line) and the delimiter (--delimiter, else sep=, else the most frequent of , ; tab | outside
// quotes in the header line, ',' on a tie). True, with `end` the header's first byte, once the
// header is complete in the block (or the file ends).
bool ChunkReader::csv_header_start(Chunk& c, std::size_t skip, int& cr_state,
                                   std::size_t& converted, std::size_t& end) {
    char* d = c.data.get();
    if (cr_state == 0) {
        const char* from = d + skip;
        const char* lf = static_cast<const char*>(std::memchr(from, '\n', c.size - skip));
        const char* stop = lf ? lf : d + c.size;
        const char* cr = static_cast<const char*>(std::memchr(from, '\r', static_cast<std::size_t>(stop - from)));
        if (cr && cr + 1 < d + c.size) cr_state = cr[1] == '\n' ? 1 : 2;
        else if (lf || eof_) cr_state = 1;
        if (cr_state == 2) {
            schema_->cr_lines = true;
            schema_->rereadable = false; // its rows are read back as they are in the file
            converted = skip;
        }
        if (cr_state == 0) return false;
    }
    if (schema_->cr_lines) {
        cr_to_lf(d + converted, c.size - converted);
        converted = c.size;
    }
    const char* first_lf = static_cast<const char*>(std::memchr(d + skip, '\n', c.size - skip));
    if (!first_lf && !eof_) return false;
    std::size_t h = skip; // the header's first byte
    std::string_view line(d + skip, static_cast<std::size_t>((first_lf ? first_lf : d + c.size) - (d + skip)));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    char delim = input_->workbook() ? ',' : options_.delimiter;
    schema_->sep_line = false;
    if (line.size() == 5 && line.substr(0, 4) == "sep=") {
        const char sep = line[4];
        if (sep != ',' && sep != ';' && sep != '\t' && sep != '|')
            throw DataError(schema_->name + ":" + std::to_string(line_) + ": \"sep=" + sep +
                            "\": the delimiter must be ',', ';', tab or '|'");
        if (!delim) delim = sep;
        h = first_lf ? static_cast<std::size_t>(first_lf - d) + 1 : c.size;
        schema_->sep_line = true;
        first_lf = static_cast<const char*>(std::memchr(d + h, '\n', c.size - h));
        if (!first_lf && !eof_) return false;
        line = std::string_view(d + h, static_cast<std::size_t>((first_lf ? first_lf : d + c.size) - (d + h)));
    }
    if (!delim) {
        // Counted outside quotes (a quote toggles: good enough for a header line).
        std::size_t n[4] = {0, 0, 0, 0};
        bool quoted = false;
        for (char ch : line) {
            if (ch == '"') quoted = !quoted;
            else if (!quoted)
                n[0] += ch == ',', n[1] += ch == ';', n[2] += ch == '\t', n[3] += ch == '|';
        }
        static constexpr char kDelims[4] = {',', ';', '\t', '|'};
        int best = 0;
        for (int i = 1; i < 4; ++i)
            if (n[i] > n[best]) best = i;
        delim = kDelims[best];
    }
    schema_->delimiter = delim;
    if (csv::last_record_end(d + h, c.size - h, delim) == 0 && !eof_) return false;
    end = h;
    return true;
}

void ChunkReader::read_header(Chunk& c) {
    // Read until the first record is complete.
    std::size_t want = 64 * 1024;
    std::size_t end = 0;
    int cr_state = 0;          // CSV: 0 line ends not known yet, 1 LF, 2 CR only
    std::size_t converted = 0; // CSV with CR-only line ends: bytes whose CRs are LFs now
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
            if (csv_header_start(c, skip, cr_state, converted, end)) break;
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
        if (schema_->sep_line) ++line_;
        else if (!options_.delimiter && schema_->delimiter != ',' && !options_.quiet)
            std::cerr << "moscan: " << schema_->name << ": header is separated by "
                      << delimiter_name(schema_->delimiter) << " (use --delimiter to choose)\n";
        std::vector<csv::Field> fields;
        csv::RecordParse r = csv::parse_record(d + end, d + c.size, fields, schema_->delimiter);
        if (r.status != csv::ParseStatus::ok)
            throw DataError(schema_->name + ":" + std::to_string(line_) +
                            ": unterminated quoted field in the header");
        std::string buf;
        for (const auto& f : fields) schema_->columns.emplace_back(csv::value(f, buf));
        if (input_->utf8())
            for (auto& col : schema_->columns)
                if (!simdjson::validate_utf8(col.data(), col.size())) {
                    std::string fixed;
                    repair_utf8(col.data(), col.size(), fixed);
                    col = fixed;
                }
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
                                    (err == simdjson::UTF8_ERROR
                                         ? std::string(": invalid UTF-8 in the first object "
                                                       "(--encoding if the file is not UTF-8)")
                                         : ": not a JSON object (" +
                                               std::string(simdjson::error_message(err)) + ")"));
                continue; // a bad later line is the parser's to report, with its line
            }
            ++schema_->key_objects;
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

// Replaces the chunk's invalid UTF-8 with U+FFFD (its line numbers are unchanged; its offsets
// no longer match the file, so its rows are not read again).
void ChunkReader::repair(Chunk& c) {
    Utf8Check check = check_utf8(c.data.get(), c.size);
    if (!check.invalid) return;
    if (!invalid_utf8_)
        invalid_first_ = schema_->name + ":" +
                         std::to_string(c.first_line + csv::count_newlines(c.data.get(), check.first));
    invalid_utf8_ += check.invalid;
    repaired_.clear();
    repair_utf8(c.data.get(), c.size, repaired_);
    c.size = 0;
    grow(c, repaired_.size());
    std::memcpy(c.data.get(), repaired_.data(), repaired_.size());
    c.size = repaired_.size();
    c.bytes = c.data.get();
    std::memset(c.data.get() + c.size, 0,
                std::min<std::size_t>(simdjson::SIMDJSON_PADDING, c.capacity - c.size));
    c.readable = c.capacity + simdjson::SIMDJSON_PADDING;
    c.rereadable = false;
}

Chunk* ChunkReader::next() {
    while (true) {
        if (eof_ && carry_.empty()) {
            if (!open_next_file()) {
                if (schema_) close_file();
                schema_ = nullptr;
                finish_input();
                return nullptr;
            }
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
            const std::size_t before = c->size;
            fill(*c, want);
            if (schema_->cr_lines) cr_to_lf(c->data.get() + before, c->size - before);
            if (schema_->format == InputFormat::csv) {
                const char* d = c->data.get();
                csv::Split split = csv::split_records(d, c->size, schema_->delimiter); // one pass
                end = split.end;
                newlines = split.newlines;
                counted = true;
                if (eof_ && !split.open) {
                    end = c->size;
                    counted = false;
                    c->final_in_file = true;
                    break;
                }
                if (split.open && end == 0 && (eof_ || c->size >= options_.max_record_bytes)) {
                    // A quoted field that is never closed (or runs past --max-record-mib): the
                    // record holding it is handed on alone, as far as the end of its first line
                    // (where it is rejected as unterminated), and the next line is read as a
                    // record start, so that it never takes the rest of the file with it.
                    const void* nl = std::memchr(d, '\n', c->size);
                    if (nl) {
                        end = static_cast<std::size_t>(static_cast<const char*>(nl) - d) + 1;
                        newlines = 1;
                    } else if (eof_) {
                        end = c->size;
                        c->final_in_file = true;
                    }
                }
                if (end > 0 || eof_) break;
            } else {
                if (eof_) {
                    end = c->size;
                    c->final_in_file = true;
                    break;
                }
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
        c->rereadable = schema_->rereadable;
        if (input_->utf8() && !simdjson::validate_utf8(c->data.get(), end)) repair(*c);
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
