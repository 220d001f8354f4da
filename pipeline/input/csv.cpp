#include "pipeline/input/csv.hpp"
#include "pipeline/base/text_format.hpp"

#include "pipeline/base/error.hpp"

#include <algorithm>
#include <cstring>
#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace moscan::csv {

std::string_view unquote(const Field& f, std::string& buf) {
    // Only a field that starts with a quote is quoted: up to its closing quote, "" stands for
    // one quote; the bytes after the closing quote are kept as they are (quotes included).
    // The bytes between quotes are copied in runs (MO texts are long and have few quotes).
    buf.clear();
    const char* p = f.view.data();
    const char* end = p + f.view.size();
    if (p == end || *p != '"') {
        buf.append(p, end);
        return buf;
    }
    ++p;
    while (p < end) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
        if (!q) { // never closed
            buf.append(p, end);
            return buf;
        }
        buf.append(p, q);
        if (q + 1 < end && q[1] == '"') {
            buf.push_back('"');
            p = q + 2;
        } else {
            buf.append(q + 1, end);
            return buf;
        }
    }
    return buf;
}

namespace {

// First byte in [p, end) that is the delimiter or LF (end if none): 16 bytes at a time.
inline const char* find_separator(const char* p, const char* end, char delim) {
#if defined(__SSE2__)
    const __m128i sep = _mm_set1_epi8(delim), lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        int bits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, sep), _mm_cmpeq_epi8(v, lf)));
        if (bits) return p + __builtin_ctz(static_cast<unsigned>(bits));
        p += 16;
    }
#endif
    while (p < end && *p != delim && *p != '\n') ++p;
    return p;
}

template <bool CountLines>
RecordParse parse_record_impl(const char* p, const char* end, std::vector<Field>& fields,
                              char delim) {
    fields.clear();
    std::uint64_t newlines = 0;
    while (true) {
        const char* start = p;
        Field f;
        if (p < end && *p == '"') {
            // Quoted field: find the closing quote, skipping "" pairs.
            const char* q = p + 1;
            bool escapes = false;
            while (true) {
                q = static_cast<const char*>(std::memchr(q, '"', static_cast<size_t>(end - q)));
                if (!q) {
                    if constexpr (CountLines)
                        newlines += static_cast<std::uint64_t>(std::count(p, end, '\n'));
                    fields.push_back(Field{std::string_view(start, end - start), true});
                    return RecordParse{end, newlines, ParseStatus::unterminated};
                }
                if (q + 1 < end && q[1] == '"') {
                    escapes = true;
                    q += 2;
                    continue;
                }
                break;
            }
            if constexpr (CountLines)
                newlines += static_cast<std::uint64_t>(std::count(p, q, '\n'));
            p = q + 1;
            if (p == end || *p == delim || *p == '\n' ||
                (*p == '\r' && (p + 1 == end || p[1] == '\n'))) {
                f = escapes ? Field{std::string_view(start, p - start), true}
                            : Field{std::string_view(start + 1, q - start - 1), false};
                if (p < end && *p == '\r') ++p; // CR LF, or a CR at the end
            } else {
                // Bytes after the closing quote: kept as they are, quotes included.
                p = find_separator(p, end, delim);
                std::string_view v(start, p - start);
                if ((p == end || *p == '\n') && v.back() == '\r') v.remove_suffix(1);
                f = Field{v, true};
            }
        } else {
            // Unquoted field: up to the delimiter or LF; a quote in it is a literal byte.
            p = find_separator(p, end, delim);
            std::string_view v(start, p - start);
            if ((p == end || *p == '\n') && !v.empty() && v.back() == '\r') v.remove_suffix(1);
            f.view = v;
        }
        fields.push_back(f);
        if (p == end) return RecordParse{end, newlines, ParseStatus::ok};
        if (*p == delim) {
            ++p;
            continue;
        }
        // *p is the LF that ends the record.
        if constexpr (CountLines) ++newlines;
        return RecordParse{p + 1, newlines, ParseStatus::ok};
    }
}

} // namespace

RecordParse parse_record(const char* p, const char* end, std::vector<Field>& fields, char delim) {
    return parse_record_impl<true>(p, end, fields, delim);
}

RecordParse parse_record_fast(const char* p, const char* end, std::vector<Field>& fields,
                              char delim) {
    return parse_record_impl<false>(p, end, fields, delim);
}

std::uint64_t count_newlines(const char* data, std::size_t size) {
    std::uint64_t n = 0;
    std::size_t i = 0;
#if defined(__AVX2__)
    const __m256i lf = _mm256_set1_epi8('\n');
    for (; i + 32 <= size; i += 32) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
        n += static_cast<std::uint64_t>(__builtin_popcount(
            static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf)))));
    }
#elif defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    for (; i + 16 <= size; i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        n += static_cast<std::uint64_t>(__builtin_popcount(
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)))));
    }
#endif
    for (; i < size; ++i) n += data[i] == '\n';
    return n;
}

std::size_t last_record_end(const char* data, std::size_t size, char delim) {
    return split_records(data, size, delim).end;
}

std::vector<Row> parse_all(std::string_view text, const std::string& source_name, char delim) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Row> rows;
    std::vector<Field> fields;
    std::string buf;
    const char* p = text.data();
    const char* end = p + text.size();
    std::uint64_t line = 1;
    while (p < end) {
        RecordParse r = parse_record(p, end, fields, delim);
        if (r.status == ParseStatus::unterminated)
            throw DataError(source_name + ":" + std::to_string(line) +
                            ": unterminated quoted field");
        bool blank = fields.size() == 1 && fields[0].view.empty() && !fields[0].raw;
        if (!blank) {
            Row row{line, {}};
            for (const auto& f : fields) row.fields.emplace_back(value(f, buf));
            rows.push_back(std::move(row));
        }
        line += r.newlines;
        p = r.next;
    }
    return rows;
}

void append_field(std::string& out, std::string_view s) {
    bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        out.append(s);
        return;
    }
    out.push_back('"');
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void append_text_field(std::string& out, std::string_view s) {
    if (reads_as_formula(s)) {
        std::string quoted;
        quoted.reserve(s.size() + 1);
        quoted.push_back('\'');
        quoted.append(s);
        append_field(out, quoted);
        return;
    }
    append_field(out, s);
}

void append_row(std::string& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
        if (!first) out += ',';
        append_field(out, f);
        first = false;
    }
    out += '\n';
}

} // namespace moscan::csv
