#include "pipeline/input/csv_scan.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>

// The instruction sets used, chosen at compile time: AVX-512BW (with VBMI2 for the index), else
// AVX2, else SSE2, else plain C++; PCLMUL for the prefix XOR. Defining MOSCAN_CSV_SCAN_PORTABLE
// forces the plain C++ code, to check that it gives the same results.
#if !defined(MOSCAN_CSV_SCAN_PORTABLE) && defined(__AVX512BW__) && defined(__AVX512F__)
#define MOSCAN_SCAN_AVX512 1
#else
#define MOSCAN_SCAN_AVX512 0
#endif
#if MOSCAN_SCAN_AVX512 && defined(__AVX512VBMI2__)
#define MOSCAN_SCAN_COMPRESS 1
#else
#define MOSCAN_SCAN_COMPRESS 0
#endif
#if !defined(MOSCAN_CSV_SCAN_PORTABLE) && !MOSCAN_SCAN_AVX512 && defined(__AVX2__)
#define MOSCAN_SCAN_AVX2 1
#else
#define MOSCAN_SCAN_AVX2 0
#endif
#if !defined(MOSCAN_CSV_SCAN_PORTABLE) && defined(__SSE2__)
#define MOSCAN_SCAN_SSE2 1 // (only used when neither of the above is)
#else
#define MOSCAN_SCAN_SSE2 0
#endif
#if !defined(MOSCAN_CSV_SCAN_PORTABLE) && defined(__PCLMUL__) && defined(__SSE2__)
#define MOSCAN_SCAN_CLMUL 1
#else
#define MOSCAN_SCAN_CLMUL 0
#endif
#if MOSCAN_SCAN_AVX512 || MOSCAN_SCAN_AVX2 || MOSCAN_SCAN_SSE2 || MOSCAN_SCAN_CLMUL
#include <immintrin.h>
#endif

namespace moscan::csv {

namespace {

// Bytes indexed per window: a multiple of 64, small enough for the bytes to be still in the L1
// cache when the walk and the caller read them.
constexpr std::size_t kWindow = 4 * 1024;
// flatten() writes whole groups of entries past the last one it keeps.
constexpr std::size_t kIndexSlack = 64;

struct BlockMasks {
    std::uint64_t quote;     // '"' bytes
    std::uint64_t separator; // delimiter and LF bytes
};

// The special bytes' lookup, by the low nibble: '"' 0x22, LF 0x0A and the delimiter (',' 0x2C,
// ';' 0x3B, '\t' 0x09, '|' 0x7C) have different low nibbles, and the table holds 0xFF, which
// no byte below 0x80 equals, for the other nibbles. Bytes from 0x80 look up 0, which they do
// not equal. Built once per window, kept in registers.
struct Classifier {
    char delim;
#if MOSCAN_SCAN_AVX512
    __m512i table;
#elif MOSCAN_SCAN_AVX2
    __m256i table;
#elif MOSCAN_SCAN_SSE2
    __m128i sep;
#endif
    explicit Classifier(char d) : delim(d) {
        alignas(64) char t[64];
        for (int i = 0; i < 64; ++i) t[i] = -1;
        for (int lane = 0; lane < 64; lane += 16) {
            t[lane + 2] = '"';
            t[lane + 10] = '\n';
            t[lane + (static_cast<unsigned char>(d) & 15)] = d;
        }
#if MOSCAN_SCAN_AVX512
        table = _mm512_load_si512(t);
#elif MOSCAN_SCAN_AVX2
        table = _mm256_load_si256(reinterpret_cast<const __m256i*>(t));
#elif MOSCAN_SCAN_SSE2
        sep = _mm_set1_epi8(d);
#endif
    }
};

// Whether a delimiter can be used: its low nibble differs from those of '"' and LF.
inline bool usable_delimiter(char d) {
    const unsigned n = static_cast<unsigned char>(d) & 15;
    return static_cast<unsigned char>(d) < 0x80 && n != 2 && n != 10 && d != '"' && d != '\n';
}

#if MOSCAN_SCAN_AVX512
inline BlockMasks classify(const Classifier& k, __m512i v) {
    const std::uint64_t quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
    // (Written as "special and not quote" so that the compiler makes it a compare masked by
    // the quotes, which does not wait for the in-quotes mask.)
    return {quote, _mm512_cmpeq_epi8_mask(v, _mm512_shuffle_epi8(k.table, v)) & ~quote};
}
#endif

// The masks of the 64 bytes at p, all readable.
inline BlockMasks classify(const Classifier& k, const char* p) {
#if MOSCAN_SCAN_AVX512
    return classify(k, _mm512_loadu_si512(p));
#elif MOSCAN_SCAN_AVX2
    const __m256i quote = _mm256_set1_epi8('"');
    BlockMasks m{0, 0};
    for (int half = 0; half < 2; ++half) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * half));
        const auto q =
            static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote)));
        const auto special = static_cast<std::uint32_t>(
            _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_shuffle_epi8(k.table, v))));
        m.quote |= std::uint64_t{q} << (32 * half);
        m.separator |= std::uint64_t{special & ~q} << (32 * half);
    }
    return m;
#elif MOSCAN_SCAN_SSE2
    const __m128i quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n');
    BlockMasks m{0, 0};
    for (int i = 0; i < 4; ++i) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
        const __m128i q = _mm_cmpeq_epi8(v, quote);
        const __m128i sep = _mm_or_si128(_mm_cmpeq_epi8(v, k.sep), _mm_cmpeq_epi8(v, lf));
        m.quote |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(q))} << (16 * i);
        m.separator |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(sep))}
                       << (16 * i);
    }
    return m;
#else
    BlockMasks m{0, 0};
    for (int i = 0; i < 64; ++i) {
        const std::uint64_t bit = std::uint64_t{1} << i;
        if (p[i] == '"') m.quote |= bit;
        if (p[i] == k.delim || p[i] == '\n') m.separator |= bit;
    }
    return m;
#endif
}

// The masks of the first n (< 64) bytes at p, of which only those n may be read.
inline BlockMasks classify_tail(const Classifier& k, const char* p, std::size_t n) {
#if MOSCAN_SCAN_AVX512
    // Masked-off lanes are not read (and cannot fault); they are 0, which is no special byte.
    return classify(k, _mm512_maskz_loadu_epi8((std::uint64_t{1} << n) - 1, p));
#else
    alignas(64) char block[64] = {};
    std::memcpy(block, p, n);
    return classify(k, block);
#endif
}


// Bit i of the result is the XOR of bits 0..i of x: for the quote bits of a block, the bytes
// after an odd number of its quotes (an opening quote included, a closing one not).
inline std::uint64_t prefix_xor(std::uint64_t x) {
#if MOSCAN_SCAN_CLMUL
    // A carry-less multiply by all ones XORs every left shift of x together.
    const __m128i r =
        _mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(x)), _mm_set1_epi8(-1), 0);
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(r));
#else
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
#endif
}

// The quote rule (csv.hpp) on one block, given the state before it. The prefix XOR of the
// quote bits gives the quoted bytes as if every quote toggled; that is exact up to the first
// quote that would open a quoted section anywhere but at a field start: after a delimiter or
// LF (outside quotes, since the quote opens), after a closing quote (a "" pair), or at the
// start of the data. Such a quote is a literal byte; `literal` is the lowest of them (0 if
// none), and the caller goes on just after it, outside quotes.
struct QuoteState {
    std::uint64_t in_quotes = 0; // all ones when the byte before the block is inside quotes
    std::uint64_t field_start = 1; // bit 0: a quote at the block's first byte may open
};

struct BlockQuotes {
    std::uint64_t quoted;  // the bytes inside quoted sections (opening quote included)
    std::uint64_t literal; // the lowest misplaced opening quote, as a one-bit mask, or 0
};

// `last`: the block's last byte (63 but at the end of a window).
inline BlockQuotes quote_block(const BlockMasks& m, QuoteState& st, unsigned last = 63) {
    const std::uint64_t quoted = prefix_xor(m.quote) ^ st.in_quotes;
    const std::uint64_t opening = m.quote & quoted;
    const std::uint64_t closing = m.quote & ~quoted;
    const std::uint64_t may_open = ((m.separator | closing) << 1) | st.field_start;
    const std::uint64_t bad = opening & ~may_open;
    st.in_quotes = 0 - ((quoted >> last) & 1);
    st.field_start = ((m.separator | closing) >> last) & 1;
    return {quoted, bad & (0 - bad)};
}

// The offset of the block being indexed, as flatten() adds it to positions: kept in a vector
// register when flatten() uses vectors.
struct BlockBase {
#if MOSCAN_SCAN_COMPRESS
    __m512i lanes;
    explicit BlockBase(std::size_t at) : lanes(_mm512_set1_epi32(static_cast<int>(at))) {}
    void advance() { lanes = _mm512_add_epi32(lanes, _mm512_set1_epi32(64)); }
#else
    std::uint32_t offset;
    explicit BlockBase(std::size_t at) : offset(static_cast<std::uint32_t>(at)) {}
    void advance() { offset += 64; }
#endif
};

#if MOSCAN_SCAN_COMPRESS
// lanes + the bytes of quarter Q of `pos`, widened to 32 bits. Q is a template argument: the
// extract instruction takes an immediate (clang refuses a lambda parameter there). The
// zero-masking forms: with the plain ones GCC 12 warns about undefined upper parts.
template <int Q>
inline __m512i widen_quarter(__m512i lanes, __m512i pos) {
    return _mm512_add_epi32(
        lanes, _mm512_maskz_cvtepu8_epi32(0xFFFF, _mm512_maskz_extracti32x4_epi32(0xF, pos, Q)));
}
#endif

// Writes base + the position of each set bit of `bits`, in increasing order, from `out`, and
// returns the end of them. May write up to kIndexSlack entries past that end. No branch
// depends on the number of bits unless there are more than 16 (or 4).
inline std::uint32_t* flatten(std::uint32_t* out, const BlockBase& base, std::uint64_t bits) {
    const int count = std::popcount(bits);
#if MOSCAN_SCAN_COMPRESS
    // The positions as bytes, packed at the bottom of a register, then widened 16 at a time.
    alignas(64) static constexpr unsigned char kIota[64] = {
        0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
        22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
        44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};
    const __m512i pos = _mm512_maskz_compress_epi8(bits, _mm512_load_si512(kIota));
    _mm512_storeu_si512(out, widen_quarter<0>(base.lanes, pos));
    if (count > 16) {
        _mm512_storeu_si512(out + 16, widen_quarter<1>(base.lanes, pos));
        if (count > 32) {
            _mm512_storeu_si512(out + 32, widen_quarter<2>(base.lanes, pos));
            _mm512_storeu_si512(out + 48, widen_quarter<3>(base.lanes, pos));
        }
    }
#else
    if (!bits) return out;
    // Four at a time (std::countr_zero(0) is 64: harmless values past the end).
    std::uint32_t* o = out;
    do {
        for (int i = 0; i < 4; ++i) {
            o[i] = base.offset + static_cast<std::uint32_t>(std::countr_zero(bits));
            bits &= bits - 1;
        }
        o += 4;
    } while (bits);
#endif
    return out + count;
}

// The field [s, e), its line-end CR already left out, given its quotes: their number, the
// first and the last.
inline Field make_field(const char* d, std::size_t s, std::size_t e, std::uint32_t quotes,
                        std::size_t first_quote, std::size_t last_quote) {
    if (quotes == 0) return Field{std::string_view(d + s, e - s), false};
    // Just an opening and a closing quote: the value is what they enclose.
    if (quotes == 2 && first_quote == s && last_quote + 1 == e)
        return Field{std::string_view(d + s + 1, e - s - 2), false};
    return Field{std::string_view(d + s, e - s), true};
}

} // namespace

void ChunkTokenizer::reset(const char* data, std::size_t size, std::size_t readable,
                           char delim) {
    if (!usable_delimiter(delim))
        throw std::invalid_argument("csv::ChunkTokenizer: unusable delimiter");
    delim_ = delim;
    field_start_ = 1;
    if (size > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("csv::ChunkTokenizer: a chunk must be smaller than 4 GiB");
    data_ = data;
    size_ = size;
    readable_ = std::max(readable, size);
    scanned_ = 0;
    in_quotes_ = 0;
    record_ = 0;
    taken_ = 0;
    filled_ = 0;
    const std::size_t need = std::min(kWindow, (size + 63) & ~std::size_t{63}) + kIndexSlack;
    if (index_.size() < need) index_.resize(need);
}

void ChunkTokenizer::refill() {
    const char* const data = data_;
    const char* p = data + scanned_;
    const char* const stop = data + std::min(size_, scanned_ + kWindow);
    std::uint32_t* const first = index_.data();
    std::uint32_t* out = first;
    const Classifier k(delim_);
    QuoteState st{in_quotes_, field_start_};
    // Returns how many bytes of the block were used: 64, or up to and including a literal quote.
    auto block = [&](const BlockMasks& m, unsigned last) -> std::size_t {
        const BlockQuotes q = quote_block(m, st, last);
        std::uint64_t keep = ~std::uint64_t{0};
        if (q.literal) [[unlikely]] {
            keep = q.literal - 1; // the bytes before it; the quote itself is not indexed
            st.in_quotes = 0;
            st.field_start = 0;
        }
        // The separators outside quotes, and every quote.
        const std::uint64_t structural = ((m.separator & ~q.quoted) | m.quote) & keep;
        out = flatten(out, BlockBase(static_cast<std::size_t>(p - data)), structural);
        return q.literal ? static_cast<std::size_t>(std::countr_zero(q.literal)) + 1 : 64;
    };
    while (stop - p >= 64) {
        // The next window's bytes, to arrive while this one is walked (as an integer: the
        // address may be past the end of the data, where a prefetch is harmless).
        __builtin_prefetch(
            reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(p) + kWindow));
        p += block(classify(k, p), 63);
    }
    while (p < stop) { // the end of the data
        const auto n = static_cast<std::size_t>(stop - p);
        BlockMasks m;
        if (static_cast<std::size_t>(p - data) + 64 <= readable_) {
            m = classify(k, p);
            const std::uint64_t keep = (std::uint64_t{1} << n) - 1;
            m.quote &= keep;
            m.separator &= keep;
        } else {
            m = classify_tail(k, p, n);
        }
        p += std::min(n, block(m, static_cast<unsigned>(n - 1)));
    }
    scanned_ = static_cast<std::size_t>(stop - data);
    in_quotes_ = st.in_quotes;
    field_start_ = st.field_start;
    taken_ = 0;
    filled_ = static_cast<std::uint32_t>(out - first);
}

std::uint32_t ChunkTokenizer::advance() {
    while (scanned_ < size_) {
        refill();
        if (filled_) return filled_;
    }
    return 0;
}

bool ChunkTokenizer::next(std::vector<Field>& fields, RecordParse& rp) {
    const std::size_t size = size_;
    if (record_ >= size) {
        fields.clear();
        return false;
    }
    const char* const d = data_;
    std::size_t s = record_; // start of the current field
    const std::uint32_t* const idx = index_.data();
    std::uint32_t k = taken_, n = filled_;
    // The fields are written over the vector's elements, which keep the size of the last
    // record: records mostly have the same number of fields, and resize() to the same size
    // does nothing. This saves push_back's checks and stores for every field.
    Field* out = fields.data();
    Field* limit = out + fields.size();
    auto emit = [&](const Field& f) {
        if (out == limit) [[unlikely]] {
            const auto used = static_cast<std::size_t>(out - fields.data());
            fields.resize(std::max<std::size_t>(16, 2 * used));
            out = fields.data() + used;
            limit = fields.data() + fields.size();
        }
        *out++ = f;
    };
    auto finish = [&] { fields.resize(static_cast<std::size_t>(out - fields.data())); };
    while (true) {
        if (k == n) [[unlikely]] {
            k = 0;
            n = advance();
            if (n == 0) {
                finish();
                return last_field(fields, rp, s, 0, 0, 0);
            }
        }
        std::uint32_t at = idx[k++];
        char c = d[at];
        // Most fields have no quote: a loop of their own.
        if (c == ',') [[likely]] {
            emit(Field{std::string_view(d + s, at - s), false});
            s = std::size_t{at} + 1;
            continue;
        }
        // The quotes of a field come before its separator.
        std::uint32_t quotes = 0;
        std::size_t first_quote = 0, last_quote = 0;
        while (c == '"') {
            if (quotes++ == 0) first_quote = at;
            last_quote = at;
            if (k == n) {
                k = 0;
                n = advance();
                if (n == 0) {
                    finish();
                    return last_field(fields, rp, s, quotes, first_quote, last_quote);
                }
            }
            at = idx[k++];
            c = d[at];
        }
        std::size_t e = at;
        if (c == '\n' && e > s && d[e - 1] == '\r') --e;
        emit(make_field(d, s, e, quotes, first_quote, last_quote));
        s = std::size_t{at} + 1;
        if (c == '\n') {
            finish();
            taken_ = k;
            record_ = s;
            rp = RecordParse{d + s, 0, ParseStatus::ok};
            return true;
        }
    }
}

bool ChunkTokenizer::last_field(std::vector<Field>& fields, RecordParse& rp, std::size_t s,
                                std::uint32_t quotes, std::size_t first_quote,
                                std::size_t last_quote) {
    const char* const d = data_;
    const std::size_t size = size_;
    taken_ = filled_ = 0;
    record_ = size;
    rp = RecordParse{d + size, 0, ParseStatus::ok};
    if (in_quotes_) { // the quote opened in this field is never closed
        fields.push_back(Field{std::string_view(d + s, size - s), true});
        rp.status = ParseStatus::unterminated;
        return true;
    }
    std::size_t e = size;
    if (e > s && d[e - 1] == '\r') --e;
    fields.push_back(make_field(d, s, e, quotes, first_quote, last_quote));
    return true;
}

namespace {

// The LF bytes of the 64 bytes at p, all readable.
inline std::uint64_t lf_bits(const char* p) {
#if MOSCAN_SCAN_AVX512
    return _mm512_cmpeq_epi8_mask(_mm512_loadu_si512(p), _mm512_set1_epi8('\n'));
#elif MOSCAN_SCAN_AVX2
    const __m256i lf = _mm256_set1_epi8('\n');
    const auto lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), lf)));
    const auto hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32)), lf)));
    return std::uint64_t{lo} | std::uint64_t{hi} << 32;
#else
    std::uint64_t m = 0;
    for (int i = 0; i < 64; ++i) m |= std::uint64_t{p[i] == '\n'} << i;
    return m;
#endif
}

} // namespace

Split split_records(const char* data, std::size_t size, char delim) {
    if (!usable_delimiter(delim)) throw std::invalid_argument("csv::split_records: unusable delimiter");
    const Classifier k(delim);
    QuoteState st;
    std::size_t pos = 0, last_end = 0;
    std::uint64_t lfs = 0;
    alignas(64) char tail[64];
    while (pos < size) {
        const std::size_t n = std::min<std::size_t>(64, size - pos);
        const char* b = data + pos;
        if (n < 64) {
            std::memset(tail, 0, sizeof tail);
            std::memcpy(tail, b, n);
            b = tail;
        }
        const BlockMasks m = classify(k, b);
        const BlockQuotes q = quote_block(m, st, static_cast<unsigned>(n - 1));
        std::uint64_t lf = lf_bits(b);
        std::size_t used = n;
        if (q.literal) [[unlikely]] {
            lf &= q.literal - 1;
            used = static_cast<std::size_t>(std::countr_zero(q.literal)) + 1;
            st.in_quotes = 0;
            st.field_start = 0;
        }
        const std::uint64_t ends = lf & ~q.quoted;
        if (ends) last_end = pos + 64 - static_cast<std::size_t>(std::countl_zero(ends));
        lfs += static_cast<std::uint64_t>(std::popcount(lf));
        pos += used;
    }
    const std::uint64_t after = count_newlines(data + last_end, size - last_end);
    return Split{last_end, lfs - after, st.in_quotes != 0};
}

} // namespace moscan::csv
