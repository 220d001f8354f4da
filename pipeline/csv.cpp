#include "pipeline/csv.hpp"

#include "pipeline/error.hpp"

#include <algorithm>
#include <cstring>
#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace moscan::csv {

std::string_view unquote(const Field& f, std::string& buf) {
    // A quote toggles quoting; inside quotes "" stands for one quote. The bytes between
    // quotes are copied in runs (MO texts are long and have few quotes).
    buf.clear();
    bool quoted = false;
    const char* p = f.view.data();
    const char* end = p + f.view.size();
    while (p < end) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
        if (!q) {
            buf.append(p, end);
            break;
        }
        buf.append(p, q);
        if (quoted && q + 1 < end && q[1] == '"') {
            buf.push_back('"');
            p = q + 2;
        } else {
            quoted = !quoted;
            p = q + 1;
        }
    }
    return buf;
}

namespace {

// First byte in [p, end) that is ',', LF or '"' (end if none): 16 bytes at a time.
inline const char* find_special(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                 _mm_cmpeq_epi8(v, quote));
        int bits = _mm_movemask_epi8(m);
        if (bits) return p + __builtin_ctz(static_cast<unsigned>(bits));
        p += 16;
    }
#endif
    while (p < end && *p != ',' && *p != '\n' && *p != '"') ++p;
    return p;
}

template <bool CountLines>
RecordParse parse_record_impl(const char* p, const char* end, std::vector<Field>& fields) {
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
            if (p == end || *p == ',' || *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n') ||
                (*p == '\r' && p + 1 == end)) {
                f = escapes ? Field{std::string_view(start, p - start), true}
                            : Field{std::string_view(start + 1, q - start - 1), false};
            } else {
                // Text after the closing quote: continue with the general rule below.
                f.raw = true;
                goto general;
            }
        } else {
        general:
            // Unquoted (or irregular) field: up to an unquoted ',' or LF.
            bool quoted = false; // any outer quote pair is already consumed
            while (p < end) {
                if (!quoted) {
                    p = find_special(p, end);
                    if (p == end) break;
                }
                char c = *p;
                if (c == '"') {
                    quoted = !quoted;
                    f.raw = true;
                } else if (!quoted && (c == ',' || c == '\n')) {
                    break;
                } else if (c == '\n') {
                    if constexpr (CountLines) ++newlines;
                }
                ++p;
            }
            if (quoted) {
                fields.push_back(Field{std::string_view(start, p - start), true});
                return RecordParse{end, newlines, ParseStatus::unterminated};
            }
            std::string_view v(start, p - start);
            if (p < end && *p == '\n' && !v.empty() && v.back() == '\r') v.remove_suffix(1);
            if (p == end && !v.empty() && v.back() == '\r') v.remove_suffix(1);
            f.view = v;
        }
        fields.push_back(f);
        if (p == end) return RecordParse{end, newlines, ParseStatus::ok};
        if (*p == ',') {
            ++p;
            continue;
        }
        if (*p == '\r') ++p; // CRLF after a quoted field
        if (p < end && *p == '\n') {
            if constexpr (CountLines) ++newlines;
            ++p;
        }
        return RecordParse{p, newlines, ParseStatus::ok};
    }
}

} // namespace

RecordParse parse_record(const char* p, const char* end, std::vector<Field>& fields) {
    return parse_record_impl<true>(p, end, fields);
}

RecordParse parse_record_fast(const char* p, const char* end, std::vector<Field>& fields) {
    return parse_record_impl<false>(p, end, fields);
}

void count_quotes_newlines(const char* data, std::size_t size, std::uint64_t& quotes,
                           std::uint64_t& newlines) {
    std::uint64_t q = 0, n = 0;
    std::size_t i = 0;
#if defined(__AVX2__)
    const __m256i quote = _mm256_set1_epi8('"'), lf = _mm256_set1_epi8('\n');
    for (; i + 32 <= size; i += 32) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
        q += static_cast<std::uint64_t>(__builtin_popcount(
            static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote)))));
        n += static_cast<std::uint64_t>(__builtin_popcount(
            static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf)))));
    }
#elif defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n');
    for (; i + 16 <= size; i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        q += static_cast<std::uint64_t>(__builtin_popcount(
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)))));
        n += static_cast<std::uint64_t>(__builtin_popcount(
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)))));
    }
#endif
    for (; i < size; ++i) {
        q += data[i] == '"';
        n += data[i] == '\n';
    }
    quotes = q;
    newlines = n;
}

std::uint64_t count_newlines(const char* data, std::size_t size) {
    std::uint64_t quotes, newlines;
    count_quotes_newlines(data, size, quotes, newlines); // the quotes cost next to nothing
    return newlines;
}

Split split_records(const char* data, std::size_t size) {
    std::uint64_t quotes, newlines;
    count_quotes_newlines(data, size, quotes, newlines);
    std::uint64_t q_after = 0, n_after = 0; // after the candidate newline
    std::size_t i = size;
    while (i > 0) {
        --i;
        char c = data[i];
        if (c == '"') {
            ++q_after;
        } else if (c == '\n') {
            if (((quotes - q_after) & 1) == 0) return Split{i + 1, newlines - n_after};
            ++n_after;
        }
    }
    return Split{0, 0};
}

std::size_t last_record_end(const char* data, std::size_t size) {
    return split_records(data, size).end;
}

std::vector<Row> parse_all(std::string_view text, const std::string& source_name) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Row> rows;
    std::vector<Field> fields;
    std::string buf;
    const char* p = text.data();
    const char* end = p + text.size();
    std::uint64_t line = 1;
    while (p < end) {
        RecordParse r = parse_record(p, end, fields);
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
