// csv::parse_record against parse_record_fast (same fields, raw flags, end, status), and both
// against a byte-at-a-time reference of the quote rule in csv.hpp written here; then the
// values written back with csv::append_row parse to the same values.
// Input: first byte picks the delimiter (, ; \t |), the rest is the record bytes.
#include "pipeline/input/csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace moscan;

namespace {

struct Ref {
    std::vector<std::string> values;
    std::size_t next = 0;
    bool unterminated = false;
};

// The rule of csv.hpp, one byte at a time: a '"' opens a quoted field only as its first byte;
// inside, "" is one '"' and any other '"' closes it; bytes after the closing quote are kept.
// A record ends at an unquoted LF (a CR just before it dropped) or at the end.
Ref reference(const char* d, std::size_t n, char delim) {
    Ref r;
    std::string cur;
    std::size_t i = 0;
    bool at_start = true, in_q = false;
    // A CR just before the record's LF (or the last byte of the data), outside quotes, is not
    // part of the field; a quoted field left open runs to the very end, CR included.
    auto end_field = [&](std::size_t at) {
        if (at > 0 && d[at - 1] == '\r' && !cur.empty() && cur.back() == '\r') cur.pop_back();
        r.values.push_back(cur);
        cur.clear();
        at_start = true;
    };
    while (i < n) {
        const char c = d[i];
        if (in_q) {
            if (c == '"') {
                if (i + 1 < n && d[i + 1] == '"') {
                    cur += '"';
                    i += 2;
                    continue;
                }
                in_q = false;
                ++i;
                continue;
            }
            cur += c;
            ++i;
            continue;
        }
        if (at_start && c == '"') {
            in_q = true;
            at_start = false;
            ++i;
            continue;
        }
        at_start = false;
        if (c == delim) {
            r.values.push_back(cur);
            cur.clear();
            at_start = true;
            ++i;
            continue;
        }
        if (c == '\n') {
            end_field(i);
            r.next = i + 1;
            return r;
        }
        cur += c;
        ++i;
    }
    r.next = n;
    if (in_q) {
        r.unterminated = true;
        r.values.push_back(cur);
    } else {
        end_field(n);
    }
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const char delims[4] = {',', ';', '\t', '|'};
    const char delim = delims[data[0] & 3];
    // An exact-size copy: ASan sees any read past the end.
    std::vector<char> buf(data + 1, data + size);
    const char* p = buf.data();
    const char* end = p + buf.size();
    if (buf.empty()) return 0; // parse_record is called with p < end by every caller

    std::vector<csv::Field> a, b;
    const csv::RecordParse ra = csv::parse_record(p, end, a, delim);
    const csv::RecordParse rb = csv::parse_record_fast(p, end, b, delim);
    FUZZ_CHECK(ra.next == rb.next);
    FUZZ_CHECK(ra.status == rb.status);
    FUZZ_CHECK(ra.next > p && ra.next <= end);
    FUZZ_CHECK(ra.newlines == static_cast<std::uint64_t>(std::count(p, ra.next, '\n')));
    FUZZ_CHECK(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        FUZZ_CHECK(a[i].view.data() == b[i].view.data());
        FUZZ_CHECK(a[i].view.size() == b[i].view.size());
        FUZZ_CHECK(a[i].raw == b[i].raw);
        FUZZ_CHECK(a[i].view.data() >= p && a[i].view.data() + a[i].view.size() <= ra.next);
    }

    const Ref ref = reference(p, buf.size(), delim);
    FUZZ_CHECK(ref.next == static_cast<std::size_t>(ra.next - p));
    FUZZ_CHECK(ref.unterminated == (ra.status == csv::ParseStatus::unterminated));
    FUZZ_CHECK(ref.values.size() == a.size());
    std::string tmp;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < a.size(); ++i) {
        values.emplace_back(csv::value(a[i], tmp));
        FUZZ_CHECK(values.back() == ref.values[i]);
    }

    // Round trip: the values written as a comma-separated record read back the same.
    if (ra.status == csv::ParseStatus::ok && values.size() <= 8) {
        std::string out;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out += ',';
            csv::append_field(out, values[i]);
        }
        out += '\n';
        std::vector<csv::Field> c;
        const csv::RecordParse rc = csv::parse_record(out.data(), out.data() + out.size(), c, ',');
        FUZZ_CHECK(rc.status == csv::ParseStatus::ok);
        FUZZ_CHECK(rc.next == out.data() + out.size());
        FUZZ_CHECK(c.size() == values.size());
        for (std::size_t i = 0; i < c.size(); ++i) FUZZ_CHECK(csv::value(c[i], tmp) == values[i]);
    }
    return 0;
}
