#include "pipeline/input/input_source.hpp"

#include "pipeline/base/error.hpp"
#include "pipeline/base/strings.hpp"
#include "pipeline/input/xlsx_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace moscan {

namespace {

constexpr std::size_t kSniffBytes = 64u << 10; // the first block: container and encoding
constexpr std::size_t kBlock = 1u << 20;       // compressed bytes handed to libarchive at a time

bool starts(const char* d, std::size_t n, std::string_view magic) {
    return n >= magic.size() && std::memcmp(d, magic.data(), magic.size()) == 0;
}

std::string lower_ext(const std::string& name) {
    std::string ext = std::filesystem::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    return ext;
}

bool text_name(const std::string& name) {
    std::string ext = lower_ext(name);
    return ext == ".csv" || ext == ".tsv" || ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
}

// "a.csv.gz" -> "a.csv": the name whose extension tells CSV from JSONL.
std::string strip_compression(const std::string& name) {
    std::string ext = lower_ext(name);
    if (ext == ".gz" || ext == ".gzip" || ext == ".zst" || ext == ".zstd" || ext == ".bz2" ||
        ext == ".xz")
        return name.substr(0, name.size() - ext.size());
    return name;
}

// Length of the valid UTF-8 sequence at p (1..4), or 0 when it is invalid; `bad` is then the
// length of its maximal invalid subpart (replaced by one U+FFFD).
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end, std::size_t& bad) {
    const unsigned c = p[0];
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        bad = 1;
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if (p + k >= end) {
            bad = k;
            return 0;
        }
        const unsigned b = p[k];
        const unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            bad = k;
            return 0;
        }
    }
    return len;
}

// Windows-1252's 0x80-0x9F (the five bytes it leaves undefined map to the C1 controls, as
// Windows itself decodes them).
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::uint64_t line_at(const std::string& s, std::size_t pos) {
    return 1 + static_cast<std::uint64_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

} // namespace

const char* container_name(Container c) {
    switch (c) {
    case Container::plain: return "plain";
    case Container::gzip: return "gzip";
    case Container::zstd: return "zstd";
    case Container::bzip2: return "bzip2";
    case Container::xz: return "xz";
    case Container::zip: return "zip";
    }
    return "?";
}

Container sniff_container(const char* d, std::size_t n) {
    if (starts(d, n, "\x1f\x8b")) return Container::gzip;
    if (starts(d, n, "\x28\xb5\x2f\xfd")) return Container::zstd;
    if (n >= 4 && starts(d, n, "BZh") && d[3] >= '1' && d[3] <= '9') return Container::bzip2;
    if (starts(d, n, std::string_view("\xfd" "7zXZ\0", 6))) return Container::xz;
    if (starts(d, n, "PK\x03\x04") || starts(d, n, "PK\x05\x06")) return Container::zip;
    return Container::plain;
}

std::string sniff_binary(const char* d, std::size_t n) {
    if (starts(d, n, "\x7f" "ELF")) return "ELF binary";
    if (starts(d, n, "%PDF-")) return "PDF document";
    if (starts(d, n, "\x89PNG")) return "PNG image";
    if (starts(d, n, "\xff\xd8\xff")) return "JPEG image";
    if (starts(d, n, "GIF8")) return "GIF image";
    if (starts(d, n, "7z\xbc\xaf\x27\x1c")) return "7-Zip archive; extract it first";
    if (starts(d, n, "Rar!\x1a\x07")) return "RAR archive; extract it first";
    if (starts(d, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
        return "old Excel .xls format (or another old Office document): save as .xlsx or CSV";
    if (starts(d, n, std::string_view("SQLite format 3\0", 16))) return "SQLite database";
    if (sniff_container(d, n) != Container::plain)
        return std::string(container_name(sniff_container(d, n))) +
               " data inside a compressed stream or archive; decompress the outer layer first";
    return {};
}

Utf8Check check_utf8(const char* data, std::size_t size) {
    Utf8Check r;
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    const auto* end = p + size;
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        std::size_t bad = 0;
        std::size_t len = utf8_sequence(p, end, bad);
        if (len) {
            p += len;
            continue;
        }
        if (r.invalid == 0) r.first = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(data));
        ++r.invalid;
        p += bad;
    }
    return r;
}

void repair_utf8(const char* data, std::size_t size, std::string& out) {
    const auto* base = reinterpret_cast<const unsigned char*>(data);
    const auto* p = base;
    const auto* end = p + size;
    const auto* run = p; // start of the valid bytes not yet copied
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        std::size_t bad = 0;
        std::size_t len = utf8_sequence(p, end, bad);
        if (len) {
            p += len;
            continue;
        }
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
        out.append("\xEF\xBF\xBD");
        p += bad;
        run = p;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(end - run));
}

std::size_t utf16_to_utf8(const unsigned char* d, std::size_t size, bool be, std::string& out,
                          std::uint64_t& invalid) {
    auto unit = [&](std::size_t i) -> std::uint32_t {
        return be ? (std::uint32_t{d[i]} << 8 | d[i + 1]) : (std::uint32_t{d[i + 1]} << 8 | d[i]);
    };
    std::size_t i = 0;
    while (i + 1 < size) {
        std::uint32_t u = unit(i);
        if (u < 0x80) {
            out.push_back(static_cast<char>(u));
            i += 2;
        } else if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= size) break; // the low half may come with the next block
            std::uint32_t lo = unit(i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i += 4;
            } else {
                append_utf8(out, 0xFFFD);
                ++invalid;
                i += 2;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            append_utf8(out, 0xFFFD);
            ++invalid;
            i += 2;
        } else {
            append_utf8(out, u);
            i += 2;
        }
    }
    return size - i;
}

void cp1252_to_utf8(const unsigned char* d, std::size_t size, std::string& out) {
    for (std::size_t i = 0; i < size; ++i) {
        unsigned c = d[i];
        if (c < 0x80) out.push_back(static_cast<char>(c));
        else if (c < 0xA0) append_utf8(out, kCp1252High[c - 0x80]);
        else append_utf8(out, c);
    }
}

void latin1_to_utf8(const unsigned char* d, std::size_t size, std::string& out) {
    for (std::size_t i = 0; i < size; ++i) {
        unsigned c = d[i];
        if (c < 0x80) out.push_back(static_cast<char>(c));
        else append_utf8(out, c);
    }
}

bool input_file_name(const std::string& name) {
    return text_name(strip_compression(name)) || lower_ext(name) == ".zip" ||
           lower_ext(name) == ".xlsx";
}

const char* encoding_name(Encoding e) {
    switch (e) {
    case Encoding::automatic: return "auto";
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf16le: return "UTF-16LE";
    case Encoding::utf16be: return "UTF-16BE";
    case Encoding::cp1252: return "Windows-1252";
    case Encoding::latin1: return "Latin-1";
    }
    return "?";
}

Encoding parse_encoding(const std::string& s) {
    std::string f;
    for (char c : s)
        if (c != '-' && c != '_') f.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (f == "auto") return Encoding::automatic;
    if (f == "utf8") return Encoding::utf8;
    if (f == "utf16le") return Encoding::utf16le;
    if (f == "utf16be") return Encoding::utf16be;
    if (f == "windows1252" || f == "cp1252") return Encoding::cp1252;
    if (f == "latin1" || f == "iso88591") return Encoding::latin1;
    throw UsageError("--encoding '" + s +
                     "': expected auto, utf-8, utf-16le, utf-16be, windows-1252 or latin-1");
}

// ---------------------------------------------------------------------------------------------
// The file itself: a descriptor, the bytes read to sniff it handed on first.

struct InputFile::Raw {
    std::string name;
    int fd = -1;
    bool is_stdin = false;
    bool regular = false;
    std::uint64_t size_at_open = 0;
    std::uint64_t pos = 0;      // offset of the next byte read from fd
    std::uint64_t consumed = 0; // bytes handed on
    std::string prefix;
    std::size_t prefix_pos = 0;
    std::vector<char> block; // libarchive's read buffer

    ~Raw() {
        if (fd > 0) ::close(fd);
    }

    std::size_t read_fd(char* buf, std::size_t n) {
        while (true) {
            ssize_t r = ::read(fd, buf, n);
            if (r < 0) {
                if (errno == EINTR) continue;
                throw IoError(name + ": read failed: " + std::strerror(errno));
            }
            pos += static_cast<std::uint64_t>(r);
            if (r == 0 && regular && pos < size_at_open)
                throw IoError(name + ": the file got shorter while it was read (end at byte " +
                              std::to_string(pos) + " of " + std::to_string(size_at_open) +
                              "); run again on a copy that does not change");
            return static_cast<std::size_t>(r);
        }
    }

    std::size_t read(char* buf, std::size_t n) {
        std::size_t got;
        if (prefix_pos < prefix.size()) {
            got = std::min(n, prefix.size() - prefix_pos);
            std::memcpy(buf, prefix.data() + prefix_pos, got);
            prefix_pos += got;
        } else {
            got = read_fd(buf, n);
        }
        consumed += got;
        return got;
    }

    // Back to byte 0 (a regular file only): seeking archives (zip) read it themselves.
    void rewind() {
        if (::lseek(fd, 0, SEEK_SET) < 0)
            throw IoError(name + ": cannot seek: " + std::strerror(errno));
        pos = 0;
        prefix.clear();
        prefix_pos = 0;
    }
};

// ---------------------------------------------------------------------------------------------
// libarchive over Raw: the raw format (one stream, any filter) or zip (members).

struct InputFile::Archive {
    archive* a = nullptr;
    Raw* raw = nullptr;
    std::exception_ptr error; // thrown in a callback, rethrown after libarchive returns
    bool seeking = false;

    ~Archive() {
        if (a) archive_read_free(a);
    }

    static la_ssize_t read_cb(archive*, void* self, const void** buffer) {
        auto* s = static_cast<Archive*>(self);
        try {
            std::size_t got = s->raw->read(s->raw->block.data(), s->raw->block.size());
            *buffer = s->raw->block.data();
            return static_cast<la_ssize_t>(got);
        } catch (...) {
            s->error = std::current_exception();
            return -1;
        }
    }
    static la_int64_t seek_cb(archive*, void* self, la_int64_t offset, int whence) {
        auto* s = static_cast<Archive*>(self);
        off_t r = ::lseek(s->raw->fd, static_cast<off_t>(offset), whence);
        if (r < 0) return ARCHIVE_FATAL;
        s->raw->pos = static_cast<std::uint64_t>(r);
        return r;
    }

    void rethrow() {
        if (error) {
            std::exception_ptr e = error;
            error = nullptr;
            std::rethrow_exception(e);
        }
    }
};

// ---------------------------------------------------------------------------------------------
// gzip with zlib: members one after another (cat a.gz b.gz), each checked against its trailer.

struct InputFile::Gzip {
    z_stream zs{};
    Raw* raw = nullptr;
    std::vector<unsigned char> in;
    bool in_member = false; // input of a member given to inflate, and its end not yet seen
    bool eof = false;

    explicit Gzip(Raw* r) : raw(r), in(kBlock) {
        if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw Error(ExitCode::software, "zlib: cannot start");
    }
    ~Gzip() { inflateEnd(&zs); }

    // Decompressed bytes into buf; 0 at the end. `bad` gets zlib's complaint.
    std::size_t read(char* buf, std::size_t n, std::string& bad) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
        const uInt want = zs.avail_out;
        while (zs.avail_out == want) {
            if (zs.avail_in == 0) {
                if (eof) break;
                std::size_t got = raw->read(reinterpret_cast<char*>(in.data()), in.size());
                if (got == 0) {
                    eof = true;
                    if (in_member) bad = "unexpected end of file";
                    break;
                }
                zs.next_in = in.data();
                zs.avail_in = static_cast<uInt>(got);
            }
            in_member = true;
            int r = inflate(&zs, Z_NO_FLUSH);
            if (r == Z_STREAM_END) {
                in_member = false;
                inflateReset(&zs); // another member may follow
            } else if (r == Z_BUF_ERROR) {
                continue; // needs more input
            } else if (r != Z_OK) {
                bad = zs.msg ? zs.msg : "inflate failed";
                break;
            }
        }
        return want - zs.avail_out;
    }
};

// ---------------------------------------------------------------------------------------------
// Decompression ahead of the reader: a thread fills up to kAhead blocks; read() takes them.

struct InputFile::Prefetch {
    static constexpr std::size_t kAhead = 4;
    std::thread thread;
    std::mutex m;
    std::condition_variable filled, drained;
    std::deque<std::string> ready; // blocks decompressed, in order
    std::vector<std::string> spare; // blocks handed back, for reuse
    bool done = false, stop = false;
    std::exception_ptr error;
    std::string current;
    std::size_t pos = 0;

    void start(InputFile* f) {
        thread = std::thread([this, f] {
            try {
                while (true) {
                    std::string block;
                    {
                        std::unique_lock<std::mutex> lock(m);
                        drained.wait(lock, [&] { return stop || ready.size() < kAhead; });
                        if (stop) return;
                        if (!spare.empty()) {
                            block = std::move(spare.back());
                            spare.pop_back();
                        }
                    }
                    block.resize(kBlock);
                    std::size_t got = 0;
                    while (got < kBlock) {
                        std::size_t n = f->decompress(block.data() + got, kBlock - got);
                        if (n == 0) break;
                        got += n;
                    }
                    block.resize(got);
                    std::lock_guard<std::mutex> lock(m);
                    if (got == 0) {
                        done = true;
                        filled.notify_all();
                        return;
                    }
                    ready.push_back(std::move(block));
                    filled.notify_all();
                }
            } catch (...) {
                std::lock_guard<std::mutex> lock(m);
                error = std::current_exception();
                done = true;
                filled.notify_all();
            }
        });
    }

    std::size_t take(char* buf, std::size_t n) {
        if (pos == current.size()) {
            std::unique_lock<std::mutex> lock(m);
            if (!current.empty()) spare.push_back(std::move(current));
            current.clear();
            pos = 0;
            filled.wait(lock, [&] { return !ready.empty() || done; });
            if (ready.empty()) {
                if (error) std::rethrow_exception(error);
                return 0;
            }
            current = std::move(ready.front());
            ready.pop_front();
            drained.notify_all();
        }
        std::size_t k = std::min(n, current.size() - pos);
        std::memcpy(buf, current.data() + pos, k);
        pos += k;
        return k;
    }

    ~Prefetch() {
        {
            std::lock_guard<std::mutex> lock(m);
            stop = true;
        }
        drained.notify_all();
        if (thread.joinable()) thread.join();
    }
};

InputFile::InputFile(const std::string& path, const ReadOptions& options)
    : options_(options), path_(path) {
    raw_ = std::make_unique<Raw>();
    Raw& r = *raw_;
    if (path == "-") {
        r.fd = 0;
        r.is_stdin = true;
        r.name = "<stdin>";
    } else {
        r.name = path;
        r.fd = ::open(path.c_str(), O_RDONLY);
        if (r.fd < 0) {
            int e = errno;
            struct stat lst {};
            if (e == ENOENT && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
                throw NoInputError(path + ": broken symbolic link (its target does not exist)");
            if (e == ELOOP) throw NoInputError(path + ": symbolic link loop (" + std::strerror(e) + ")");
            throw NoInputError("cannot open " + path + ": " + std::strerror(e));
        }
        struct stat st {};
        if (::fstat(r.fd, &st) == 0) {
            if (S_ISDIR(st.st_mode)) throw NoInputError(path + ": is a directory");
            if (S_ISREG(st.st_mode)) {
                r.regular = true;
                r.size_at_open = static_cast<std::uint64_t>(st.st_size);
                ::posix_fadvise(r.fd, 0, 0, POSIX_FADV_SEQUENTIAL); // larger readahead when cold
            }
        }
    }
    // The first block, to sniff.
    r.prefix.resize(kSniffBytes);
    std::size_t got = 0;
    while (got < kSniffBytes) {
        std::size_t n = r.read_fd(r.prefix.data() + got, kSniffBytes - got);
        if (n == 0) break;
        got += n;
    }
    r.prefix.resize(got);
    container_ = sniff_container(r.prefix.data(), r.prefix.size());
    if (container_ == Container::plain) return;
    if (container_ == Container::gzip) {
        gzip_ = std::make_unique<Gzip>(raw_.get());
        return;
    }

    archive_ = std::make_unique<Archive>();
    Archive& ar = *archive_;
    ar.raw = raw_.get();
    r.block.resize(kBlock);
    ar.a = archive_read_new();
    archive_read_support_filter_all(ar.a);
    if (container_ == Container::zip) {
        archive_read_support_format_zip(ar.a);
        if (r.regular) {
            // Seeking reads the central directory: members written with data descriptors and
            // stored (uncompressed) members are read right.
            r.rewind();
            ar.seeking = true;
            archive_read_set_seek_callback(ar.a, &Archive::seek_cb);
        }
    } else {
        archive_read_support_format_raw(ar.a);
    }
    archive_read_set_read_callback(ar.a, &Archive::read_cb);
    archive_read_set_callback_data(ar.a, archive_.get());
    if (archive_read_open1(ar.a) != ARCHIVE_OK) {
        ar.rethrow();
        corrupt(archive_error_string(ar.a) ? archive_error_string(ar.a) : "cannot open");
    }
}

InputFile::~InputFile() {
    prefetch_.reset(); // stops the thread before what it reads from goes
}

void InputFile::corrupt(const std::string& what) const {
    std::string lw = what;
    std::transform(lw.begin(), lw.end(), lw.begin(), ::tolower);
    const bool truncated = lw.find("truncat") != std::string::npos ||
                           lw.find("premature") != std::string::npos ||
                           lw.find("unexpected end") != std::string::npos;
    const char* tool = container_ == Container::zip     ? "unzip -t"
                       : container_ == Container::gzip  ? "gzip -t"
                       : container_ == Container::zstd  ? "zstd -t"
                       : container_ == Container::bzip2 ? "bzip2 -t"
                                                        : "xz -t";
    const std::string shown =
        !name_.empty() ? name_ : raw_->is_stdin ? std::string("<stdin>") : path_;
    throw DataError(shown + ": looks like " + container_name(container_) + " but is " +
                    (truncated ? "truncated" : "corrupt") + " (" + what +
                    "); check the file is complete (" + tool + ")");
}

bool InputFile::rereadable() const {
    return container_ == Container::plain && raw_->regular && !raw_->is_stdin &&
           encoding_ == Encoding::utf8;
}

std::uint64_t InputFile::raw_bytes() const {
    if (raw_->regular) return std::min(raw_->pos, raw_->size_at_open);
    return raw_->consumed;
}

bool InputFile::next_stream() {
    const std::string shown = raw_->is_stdin ? std::string("<stdin>") : path_;
    if (container_ != Container::zip) {
        if (started_) return false;
        started_ = true;
        name_ = shown;
        format_name_ = raw_->is_stdin ? std::string() : strip_compression(path_);
        if (archive_) {
            archive_entry* e = nullptr;
            int r = archive_read_next_header(archive_->a, &e);
            archive_->rethrow();
            if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
                corrupt(archive_error_string(archive_->a) ? archive_error_string(archive_->a) : "no data");
        }
        sniff_text();
        return true;
    }
    // zip: the next member named as text.
    if (workbook_) return false; // the workbook's sheet was the one stream
    const bool first = !started_;
    started_ = true;
    while (true) {
        archive_entry* e = nullptr;
        int r = archive_read_next_header(archive_->a, &e);
        archive_->rethrow();
        if (r == ARCHIVE_EOF) break;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            name_ = shown;
            corrupt(archive_error_string(archive_->a) ? archive_error_string(archive_->a) : "bad member");
        }
        const char* p = archive_entry_pathname_utf8(e);
        if (!p) p = archive_entry_pathname(e);
        std::string member = p ? p : "";
        if (archive_entry_filetype(e) == AE_IFDIR || (!member.empty() && member.back() == '/'))
            continue;
        if (!text_name(member)) {
            skipped_.push_back(member);
            continue;
        }
        if (archive_entry_is_encrypted(e))
            throw NoInputError(shown + ":" + member +
                               ": the member is encrypted; extract it with its password first");
        name_ = shown + ":" + member;
        format_name_ = member;
        read_count_++;
        sniff_text();
        return true;
    }
    (void)first;
    if (read_count_ == 0) {
        if (xlsx::workbook_members(skipped_)) {
            // An Excel workbook: libarchive reads it again by path (xlsx_reader.hpp).
            if (raw_->is_stdin || !raw_->regular)
                throw NoInputError(shown + ": an Excel workbook (.xlsx) is read from a file, not "
                                           "from standard input or a pipe; give its path");
            workbook_ = std::make_unique<xlsx::WorkbookReader>(path_, shown, options_.sheet);
            notes_.push_back(workbook_->note());
            name_ = shown + ":" + workbook_->sheet_name(); // as a zip member: "a.xlsx:Crimes"
            format_name_ = name_ + ".csv";
            read_count_++;
            member_eof_ = false;
            pending_.clear();
            pending_pos_ = 0;
            encoding_ = Encoding::utf8; // the XML's text, as UTF-8 (the reader validates it)
            return true;
        }
        std::string list;
        for (std::size_t i = 0; i < skipped_.size() && i < 5; ++i)
            list += (i ? ", " : "") + skipped_[i];
        if (skipped_.size() > 5) list += ", ...";
        throw NoInputError(shown + ": the zip archive holds no .csv, .tsv, .jsonl or .ndjson member" +
                           (list.empty() ? std::string(" (it is empty)") : " (members: " + list + ")"));
    }
    if (!skipped_.empty()) {
        std::string list;
        for (std::size_t i = 0; i < skipped_.size() && i < 5; ++i)
            list += (i ? ", " : "") + skipped_[i];
        if (skipped_.size() > 5) list += ", ... (" + std::to_string(skipped_.size()) + " in all)";
        notes_.push_back(shown + ": skipped members not named .csv, .tsv, .jsonl or .ndjson: " + list);
    }
    return false;
}

std::size_t InputFile::read_member(char* buf, std::size_t n) {
    if (member_eof_) return 0;
    std::size_t got;
    if (container_ != Container::plain && container_ != Container::zip) {
        if (!prefetch_) {
            prefetch_ = std::make_unique<Prefetch>();
            prefetch_->start(this);
        }
        got = prefetch_->take(buf, n);
    } else {
        got = decompress(buf, n);
    }
    if (got == 0) member_eof_ = true;
    return got;
}

std::size_t InputFile::decompress(char* buf, std::size_t n) {
    std::size_t got;
    if (workbook_) {
        got = workbook_->read(buf, n);
    } else if (gzip_) {
        std::string bad;
        got = gzip_->read(buf, n, bad);
        if (!bad.empty()) corrupt(bad);
    } else if (!archive_) {
        got = raw_->read(buf, n);
    } else {
        la_ssize_t r = archive_read_data(archive_->a, buf, n);
        archive_->rethrow();
        if (r < 0)
            corrupt(archive_error_string(archive_->a) ? archive_error_string(archive_->a) : "read error");
        got = static_cast<std::size_t>(r);
    }
    return got;
}

void InputFile::sniff_text() {
    member_eof_ = false;
    pending_.assign(kSniffBytes, '\0');
    std::size_t got = 0;
    while (got < kSniffBytes) {
        std::size_t n = read_member(pending_.data() + got, kSniffBytes - got);
        if (n == 0) break;
        got += n;
    }
    pending_.resize(got);
    pending_pos_ = 0;
    in_.clear();
    out_.clear();
    out_pos_ = 0;
    const char* d = pending_.data();
    const std::size_t n = pending_.size();
    auto strip = [&](std::size_t bom) { pending_pos_ = bom; };

    Encoding e = options_.encoding;
    if (e == Encoding::automatic) {
        if (starts(d, n, std::string_view("\xff\xfe\0\0", 4)) || starts(d, n, std::string_view("\0\0\xfe\xff", 4)))
            throw NoInputError(name_ + ": UTF-32 text is not read; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)");
        if (starts(d, n, "\xef\xbb\xbf")) {
            e = Encoding::utf8; // the reader skips the mark
        } else if (starts(d, n, "\xff\xfe")) {
            e = Encoding::utf16le;
            strip(2);
            notes_.push_back(name_ + ": UTF-16LE (byte order mark), read as UTF-8");
        } else if (starts(d, n, "\xfe\xff")) {
            e = Encoding::utf16be;
            strip(2);
            notes_.push_back(name_ + ": UTF-16BE (byte order mark), read as UTF-8");
        } else {
            std::string bin = sniff_binary(d, n);
            if (!bin.empty())
                throw NoInputError(name_ + ": not a CSV/JSON Lines file (looks like " + bin + ")");
            const char* nul = static_cast<const char*>(std::memchr(d, '\0', n));
            if (nul) {
                // UTF-16 without a mark: ASCII text has a NUL in every other byte, and only there.
                std::size_t m = std::min<std::size_t>(n, 4096) & ~std::size_t{1};
                std::size_t even = 0, odd = 0;
                for (std::size_t i = 0; i < m; ++i)
                    if (d[i] == '\0') ++(i % 2 ? odd : even);
                if (m >= 4 && odd == m / 2 && even == 0) {
                    e = Encoding::utf16le;
                    notes_.push_back(name_ + ": no byte order mark, but looks like UTF-16LE; read as "
                                             "UTF-16LE (--encoding to choose)");
                } else if (m >= 4 && even == m / 2 && odd == 0) {
                    e = Encoding::utf16be;
                    notes_.push_back(name_ + ": no byte order mark, but looks like UTF-16BE; read as "
                                             "UTF-16BE (--encoding to choose)");
                } else {
                    throw NoInputError(name_ + ": not a CSV/JSON Lines file (looks like binary data: "
                                               "a NUL byte at byte " +
                                       std::to_string(nul - d) + ")");
                }
            } else {
                // Judge whole characters only: up to the last ASCII byte of a full block.
                std::size_t m = n;
                if (!member_eof_)
                    while (m > 0 && static_cast<unsigned char>(d[m - 1]) >= 0x80) --m;
                Utf8Check c = check_utf8(d, m);
                if (c.invalid) {
                    e = Encoding::cp1252;
                    notes_.push_back(name_ + ": not valid UTF-8 (first at line " +
                                     std::to_string(line_at(pending_, c.first)) +
                                     "), read as Windows-1252 (--encoding to choose another)");
                } else {
                    e = Encoding::utf8;
                }
            }
        }
    } else if (e == Encoding::utf16le && starts(d, n, "\xff\xfe")) {
        strip(2);
    } else if (e == Encoding::utf16be && starts(d, n, "\xfe\xff")) {
        strip(2);
    }
    encoding_ = e;
}

std::size_t InputFile::read(char* buf, std::size_t n) {
    if (n == 0) return 0;
    if (encoding_ == Encoding::utf8) {
        if (pending_pos_ < pending_.size()) {
            std::size_t k = std::min(n, pending_.size() - pending_pos_);
            std::memcpy(buf, pending_.data() + pending_pos_, k);
            pending_pos_ += k;
            return k;
        }
        return read_member(buf, n);
    }
    while (out_pos_ == out_.size()) {
        out_.clear();
        out_pos_ = 0;
        // Undecoded input: what sniffing read, then blocks of the stream.
        std::size_t at = in_.size();
        if (pending_pos_ < pending_.size()) {
            in_.append(pending_, pending_pos_, std::string::npos);
            pending_pos_ = pending_.size();
        } else {
            in_.resize(at + kBlock / 4);
            std::size_t got = read_member(in_.data() + at, kBlock / 4);
            in_.resize(at + got);
            if (got == 0) {
                if (in_.empty()) return 0;
                // A unit cut short at the end of the stream.
                out_.append("\xEF\xBF\xBD");
                ++invalid_units_;
                in_.clear();
                break;
            }
        }
        const auto* u = reinterpret_cast<const unsigned char*>(in_.data());
        std::size_t left = 0;
        switch (encoding_) {
        case Encoding::utf16le: left = utf16_to_utf8(u, in_.size(), false, out_, invalid_units_); break;
        case Encoding::utf16be: left = utf16_to_utf8(u, in_.size(), true, out_, invalid_units_); break;
        case Encoding::cp1252: cp1252_to_utf8(u, in_.size(), out_); break;
        default: latin1_to_utf8(u, in_.size(), out_); break;
        }
        in_.erase(0, in_.size() - left);
    }
    std::size_t k = std::min(n, out_.size() - out_pos_);
    std::memcpy(buf, out_.data() + out_pos_, k);
    out_pos_ += k;
    return k;
}

} // namespace moscan
