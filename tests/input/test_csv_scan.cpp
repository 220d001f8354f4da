// csv_scan.hpp: the chunk tokenizer against parse_record_fast, record by record.
//
// Every comparison checks the whole contract: the same records, each with the same `next` and
// status, the same number of fields, and each field with the same bytes (view, as an offset
// and length in the chunk), the same raw flag and so the same value.
#include "pipeline/input/csv_scan.hpp"

#include "generator/synth.hpp"
#include "pipeline/input/csv.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>
#if __has_include(<sys/mman.h>) && __has_include(<unistd.h>)
#include <sys/mman.h>
#include <unistd.h>
#define MOSCAN_TEST_GUARD_PAGE 1
#endif

using namespace moscan;

namespace {

struct FieldOut {
    std::size_t offset; // of the view in the chunk
    std::size_t size;
    bool raw;
    std::string value;
    bool operator==(const FieldOut&) const = default;
};

struct RecordOut {
    std::vector<FieldOut> fields;
    std::size_t next; // offset of rp.next in the chunk
    csv::ParseStatus status;
    bool operator==(const RecordOut&) const = default;
};

std::string show(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out;
}

std::vector<FieldOut> describe(const std::vector<csv::Field>& fields, const char* data,
                               std::string& buf) {
    std::vector<FieldOut> out;
    for (const auto& f : fields)
        out.push_back(FieldOut{static_cast<std::size_t>(f.view.data() - data), f.view.size(), f.raw,
                               std::string(csv::value(f, buf))});
    return out;
}

// The reference: parse_record_fast record after record, as process_csv calls it.
std::vector<RecordOut> by_parser(const char* data, std::size_t size) {
    std::vector<RecordOut> out;
    std::vector<csv::Field> fields;
    std::string buf;
    const char* p = data;
    const char* end = data + size;
    while (p < end) {
        csv::RecordParse rp = csv::parse_record_fast(p, end, fields);
        out.push_back(RecordOut{describe(fields, data, buf),
                                static_cast<std::size_t>(rp.next - data), rp.status});
        p = rp.next;
    }
    return out;
}

std::vector<RecordOut> by_tokenizer(csv::ChunkTokenizer& t, const char* data, std::size_t size,
                                    std::size_t readable) {
    std::vector<RecordOut> out;
    std::vector<csv::Field> fields;
    std::string buf;
    csv::RecordParse rp{nullptr, 99, csv::ParseStatus::ok};
    t.reset(data, size, readable);
    while (t.next(fields, rp)) {
        REQUIRE(rp.newlines == 0);
        out.push_back(RecordOut{describe(fields, data, buf),
                                static_cast<std::size_t>(rp.next - data), rp.status});
        REQUIRE(out.size() <= size + 1); // always makes progress
    }
    CHECK(fields.empty());
    CHECK_FALSE(t.next(fields, rp)); // stays finished
    return out;
}

// Compares the two on `text`, once without padding and once with quote garbage after it;
// returns how many records there were.
std::size_t compare(csv::ChunkTokenizer& t, std::string_view text) {
    const std::vector<RecordOut> want = by_parser(text.data(), text.size());
    std::string exact(text);
    const std::vector<RecordOut> got = by_tokenizer(t, exact.data(), exact.size(), exact.size());
    std::string padded(text);
    padded.append(70, '"');
    padded.append("\n,\r\"");
    const std::vector<RecordOut> got_padded =
        by_tokenizer(t, padded.data(), text.size(), padded.size());
    INFO("text: \"", show(text), "\" (", text.size(), " bytes)");
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("record ", i);
        CHECK(got[i].next == want[i].next);
        CHECK(got[i].status == want[i].status);
        REQUIRE(got[i].fields.size() == want[i].fields.size());
        for (std::size_t j = 0; j < want[i].fields.size(); ++j) {
            INFO("field ", j, ": \"", show(want[i].fields[j].value), "\"");
            CHECK(got[i].fields[j] == want[i].fields[j]);
        }
    }
    CHECK(got_padded == got);
    return want.size();
}

// One record through the tokenizer: its values and raw flags, with the parser agreeing.
struct One {
    std::vector<std::string> values;
    std::vector<bool> raw;
    std::size_t next = 0;
    csv::ParseStatus status = csv::ParseStatus::ok;
};

One first_record(std::string_view text) {
    csv::ChunkTokenizer t;
    compare(t, text);
    std::vector<csv::Field> fields;
    csv::RecordParse rp{};
    std::string buf;
    t.reset(text.data(), text.size(), text.size());
    One o;
    REQUIRE(t.next(fields, rp));
    for (const auto& f : fields) {
        o.values.emplace_back(csv::value(f, buf));
        o.raw.push_back(f.raw);
    }
    o.next = static_cast<std::size_t>(rp.next - text.data());
    o.status = rp.status;
    return o;
}

using Values = std::vector<std::string>;
using Raw = std::vector<bool>;

std::string random_csv(std::mt19937_64& rng, std::size_t size) {
    // Weighted toward the bytes that matter.
    static constexpr char kAlphabet[] = "\"\"\",,,\n\n\r\raaab";
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
    std::string s(size, ' ');
    for (auto& c : s)
        c = kAlphabet[pick(rng)];
    return s;
}

// Random text in which quotes are rarer, so that there are long quoted and unquoted stretches.
std::string random_sparse_csv(std::mt19937_64& rng, std::size_t size) {
    std::uniform_int_distribution<int> pick(0, 99);
    std::string s(size, ' ');
    for (auto& c : s) {
        int r = pick(rng);
        c = r < 2    ? '"'
            : r < 8  ? ','
            : r < 11 ? '\n'
            : r < 12 ? '\r'
                     : static_cast<char>('a' + r % 26);
    }
    return s;
}

std::string archive(std::uint64_t seed, std::uint64_t bytes, bool crlf) {
    synth::Options o;
    o.seed = seed;
    o.target_bytes = bytes;
    o.crlf = crlf;
    std::ostringstream out;
    synth::generate(o, out, nullptr);
    return out.str();
}

} // namespace

TEST_CASE("csv_scan: plain fields, empty fields, trailing comma, no final LF") {
    One o = first_record("a,b,c\nnext");
    CHECK(o.values == Values{"a", "b", "c"});
    CHECK(o.raw == Raw{false, false, false});
    CHECK(o.next == 6);

    CHECK(first_record(",,\n").values == Values{"", "", ""});
    CHECK(first_record("a,\n").values == Values{"a", ""});
    CHECK(first_record("a,").values == Values{"a", ""});
    CHECK(first_record(",").values == Values{"", ""});
    o = first_record("last,record");
    CHECK(o.values == Values{"last", "record"});
    CHECK(o.next == 11);
    CHECK(o.status == csv::ParseStatus::ok);

    csv::ChunkTokenizer t;
    CHECK(compare(t, "") == 0);
    CHECK(compare(t, "a,b\nc,d\n") == 2);
    CHECK(compare(t, "a,b\nc,d") == 2);
    CHECK(compare(t, "a,b\n,\n,,\nx") == 4);
}

TEST_CASE("csv_scan: CRLF, lone CR, CR at the end of the data") {
    One o = first_record("a,b\r\nc");
    CHECK(o.values == Values{"a", "b"});
    CHECK(o.next == 5);
    CHECK(first_record("a\r,b\r\n").values == Values{"a\r", "b"}); // only before the LF
    CHECK(first_record("a,b\rc\n").values == Values{"a", "b\rc"});
    CHECK(first_record("a,b\r").values == Values{"a", "b"});       // CR at the very end
    CHECK(first_record("a,b\r\r\n").values == Values{"a", "b\r"}); // one CR only
    CHECK(first_record("\r\n").values == Values{""});
    CHECK(first_record("\r").values == Values{""});
    CHECK(first_record("a,\r\n").values == Values{"a", ""});

    csv::ChunkTokenizer t;
    CHECK(compare(t, "a,b\r\nc,d\r\n") == 2);
    CHECK(compare(t, "\r\r\n\r\n\r") == 3);
}

TEST_CASE("csv_scan: quoted fields, escapes and text after a closing quote") {
    One o = first_record("\"a,b\",c\n");
    CHECK(o.values == Values{"a,b", "c"});
    CHECK(o.raw == Raw{false, false});

    o = first_record("\"say \"\"hi\"\"\",x\n"); // "" escapes make the field raw
    CHECK(o.values == Values{"say \"hi\"", "x"});
    CHECK(o.raw == Raw{true, false});

    o = first_record("\"\",\"\"\"\"\n");
    CHECK(o.values == Values{"", "\""});
    CHECK(o.raw == Raw{false, true});

    o = first_record("\"abc\"def,x\n"); // text after the closing quote: general rule
    CHECK(o.values == Values{"abcdef", "x"});
    CHECK(o.raw == Raw{true, false});

    o = first_record("\"a\"b\"c,d\"\n"); // after the text that follows it, quotes are bytes
    CHECK(o.values == Values{"ab\"c", "d\""});
    CHECK(o.raw == Raw{true, false});

    o = first_record("\"a\nb\",c\nnext\n"); // LF inside quotes
    CHECK(o.values == Values{"a\nb", "c"});
    CHECK(o.next == 8);

    o = first_record("\"abc\"\r\nx"); // CR after a closing quote
    CHECK(o.values == Values{"abc"});
    CHECK(o.raw == Raw{false});
    CHECK(o.next == 7);
    o = first_record("\"abc\"\r");
    CHECK(o.values == Values{"abc"});
    CHECK(o.raw == Raw{false});
    o = first_record("\"abc\"\r,x\n"); // a CR before a comma stays, and is text after the quote
    CHECK(o.values == Values{"abc\r", "x"});
    CHECK(o.raw == Raw{true, false});
    o = first_record("\"a\r\n\"\r\n");
    CHECK(o.values == Values{"a\r\n"});
    CHECK(o.raw == Raw{false});
}

TEST_CASE("csv_scan: quotes in unquoted fields are literal bytes") {
    One o = first_record("ab\"c,d\"e,f\n");
    CHECK(o.values == Values{"ab\"c", "d\"e", "f"});
    CHECK(o.raw == Raw{false, false, false});

    o = first_record("a\"b\nc\",d\n");
    CHECK(o.values == Values{"a\"b"});
    CHECK(o.next == 4);

    o = first_record("x,a\"\"b\n");
    CHECK(o.values == Values{"x", "a\"\"b"});
    CHECK(o.raw == Raw{false, false});

    o = first_record("5'10\",He said \"no\" twice,\"q,\"\n");
    CHECK(o.values == Values{"5'10\"", "He said \"no\" twice", "q,"});
}

TEST_CASE("csv_scan: unterminated quotes run to the end of the data") {
    One o = first_record("a,\"bc\nd,e\r");
    CHECK(o.status == csv::ParseStatus::unterminated);
    CHECK(o.values == Values{"a", "bc\nd,e\r"}); // the CR is kept
    CHECK(o.raw == Raw{false, true});
    CHECK(o.next == 10);

    o = first_record("\"abc\"\""); // the last quote reopens
    CHECK(o.status == csv::ParseStatus::unterminated);
    CHECK(o.raw == Raw{true});

    o = first_record("ab\"c");
    CHECK(o.status == csv::ParseStatus::ok);
    CHECK(o.values == Values{"ab\"c"});

    csv::ChunkTokenizer t;
    CHECK(compare(t, "a,b\nc,\"d\n\ne,f\n") == 2);
    CHECK(compare(t, "\"") == 1);
    CHECK(compare(t, "x\n\"") == 2);
}

TEST_CASE("csv_scan: blank lines keep the parser's blank-line test") {
    csv::ChunkTokenizer t;
    const std::string text = "a\n\n\r\n\"\"\nb\n";
    CHECK(compare(t, text) == 5);
    std::vector<csv::Field> fields;
    csv::RecordParse rp{};
    t.reset(text.data(), text.size(), text.size());
    std::vector<bool> blank;
    while (t.next(fields, rp))
        blank.push_back(fields.size() == 1 && fields[0].view.empty() && !fields[0].raw);
    // As with parse_record_fast, an empty quoted field counts as blank too.
    CHECK(blank == std::vector<bool>{false, true, true, true, false});
}

TEST_CASE("csv_scan: 64-byte block boundaries") {
    csv::ChunkTokenizer t;
    // A separator, a CR, or a quote at every position around the first block boundaries.
    for (std::size_t at = 50; at < 140; ++at) {
        for (char c : {',', '\n', '"'}) {
            std::string s(200, 'x');
            s[at] = c;
            compare(t, s);
            s[at - 1] = '\r';
            compare(t, s);
            s[at + 1] = '"';
            compare(t, s);
        }
    }
    // The same around the ends of the first index windows (4 KiB) and of a chunk's last block.
    for (std::size_t at : {4094u, 4095u, 4096u, 4097u, 8191u, 8192u}) {
        for (char c : {',', '\n', '"'}) {
            std::string s(8300, 'x');
            s[at] = c;
            s[at - 2] = '\r';
            compare(t, s);
            s[at + 1] = '"';
            compare(t, s);
            compare(t, s.substr(0, at + 1));
            compare(t, s.substr(0, at));
        }
    }
    // A field that ends exactly at the end of a block, and one that starts there.
    std::string s = std::string(63, 'a') + ",b\n";
    compare(t, s);
    s = std::string(64, 'a') + ",b\n";
    compare(t, s);
    // Quoted sections that cross one or several block boundaries, with escapes across them.
    for (std::size_t open = 0; open < 70; open += 3) {
        for (std::size_t len : {1u, 10u, 60u, 64u, 65u, 130u, 200u, 500u}) {
            std::string q = std::string(open, 'y') + ",\"" + std::string(len, 'q');
            q[open + 2 + len / 2] = ',';
            if (len > 3) q.replace(open + 2 + len / 3, 2, "\"\"");
            q += "\"\r\nz,\"\"\n";
            compare(t, q);
            compare(t, q.substr(0, q.size() - 4)); // without the end
        }
    }
}

TEST_CASE("csv_scan: a record longer than several blocks and than the index window") {
    csv::ChunkTokenizer t;
    for (std::size_t len : {300u, 1000u, 40000u, 200000u}) {
        std::string field(len, 'm');
        for (std::size_t i = 7; i < len; i += 97)
            field[i] = ',';
        for (std::size_t i = 11; i < len; i += 131)
            field[i] = '\n';
        std::string text = "id,\"" + field + "\",end\r\nnext,\"" + field + "\"\"\"\n" + field;
        // Two records, then the field's own lines.
        const auto lines = static_cast<std::size_t>(std::count(field.begin(), field.end(), '\n'));
        CHECK(compare(t, text) == 3 + lines);
        One o = first_record(text);
        CHECK(o.values == Values{"id", field, "end"});
        CHECK(o.raw == Raw{false, false, false});
    }
}

TEST_CASE("csv_scan: the caller's vector is reused whatever it holds") {
    // Field counts that grow and shrink from record to record, into a vector that starts with
    // unrelated fields; then a chunk whose records all have as many fields as the last one.
    std::string text;
    for (int count : {1, 40, 2, 100, 1, 17, 16, 33, 3}) {
        for (int i = 0; i < count; ++i)
            text += (i ? "," : "") + std::to_string(i);
        text += '\n';
    }
    csv::ChunkTokenizer t;
    CHECK(compare(t, text) == 9);
    std::vector<csv::Field> fields(50, csv::Field{"junk", true});
    csv::RecordParse rp{};
    t.reset(text.data(), text.size(), text.size());
    std::vector<std::size_t> counts;
    while (t.next(fields, rp)) {
        counts.push_back(fields.size());
        CHECK(fields.back().view == std::to_string(fields.size() - 1));
        CHECK_FALSE(fields.back().raw);
    }
    CHECK(counts == std::vector<std::size_t>{1, 40, 2, 100, 1, 17, 16, 33, 3});
    CHECK(fields.empty());
}

TEST_CASE("csv_scan: chunks of 4 GiB or more are refused") {
    csv::ChunkTokenizer t;
    const char byte = 'x'; // never read
    CHECK_THROWS_AS(t.reset(&byte, std::size_t{1} << 32, std::size_t{1} << 32), std::length_error);
}

TEST_CASE("csv_scan: bytes past size are never read without padding, nor used with it") {
#ifdef MOSCAN_TEST_GUARD_PAGE
    // The text ends where an inaccessible page starts: a read past it would crash.
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    void* m = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(m != MAP_FAILED);
    REQUIRE(mprotect(static_cast<char*>(m) + page, page, PROT_NONE) == 0);
    char* const guard = static_cast<char*>(m) + page;
    csv::ChunkTokenizer t;
    std::mt19937_64 rng(77);
    for (int round = 0; round < 400; ++round) {
        const std::string text = random_csv(rng, static_cast<std::size_t>(round % 200));
        char* data = guard - text.size();
        std::memcpy(data, text.data(), text.size());
        const std::vector<RecordOut> want = by_parser(data, text.size());
        CHECK(by_tokenizer(t, data, text.size(), text.size()) == want);
    }
    munmap(m, 2 * page);
#endif
    // Garbage after size: quotes, separators, CRs; results as without it.
    csv::ChunkTokenizer t2;
    for (const char* text : {"a,\"b\"", "a,b\r", "\"x\"\r", "a,b", "\"open", ""}) {
        for (const char* garbage : {"\"", "\n", ",", "\r\n", "\"\"\"\"\"\"\"\""}) {
            std::string buf(text);
            const std::size_t size = buf.size();
            for (int i = 0; i < 40; ++i)
                buf += garbage;
            CHECK(by_tokenizer(t2, buf.data(), size, buf.size()) == by_parser(buf.data(), size));
        }
    }
}

TEST_CASE("csv_scan: random chunks agree with parse_record_fast") {
    csv::ChunkTokenizer t; // reused: the index is kept across resets
    std::size_t records = 0;
    for (std::uint64_t seed : {1u, 2u, 3u, 2024u, 99991u}) {
        std::mt19937_64 rng(seed);
        std::uniform_int_distribution<std::size_t> small(0, 300), large(257, 3000);
        for (int round = 0; round < 3000; ++round) {
            const std::size_t size = round % 10 == 9 ? large(rng) : small(rng);
            records += compare(t, round % 2 ? random_csv(rng, size) : random_sparse_csv(rng, size));
        }
        // Longer than the index window, so that records and quoted sections cross windows.
        for (std::size_t size : {33000u, 70000u, 140001u}) {
            records += compare(t, random_csv(rng, size));
            records += compare(t, random_sparse_csv(rng, size));
        }
    }
    CHECK(records > 100000);
}

TEST_CASE("csv_scan: a generated archive agrees with parse_record_fast, whole and in chunks") {
    csv::ChunkTokenizer t;
    for (bool crlf : {false, true}) {
        const std::string a = archive(5, 2u << 20, crlf);
        CHECK(compare(t, a) > 1000);
        // As the reader splits it: record-aligned chunks.
        std::size_t pos = 0, chunks = 0;
        while (pos < a.size()) {
            const std::size_t len = std::min<std::size_t>(100000, a.size() - pos);
            std::size_t e = csv::last_record_end(a.data() + pos, len);
            if (e == 0 || pos + len == a.size()) e = len;
            compare(t, std::string_view(a).substr(pos, e));
            pos += e;
            ++chunks;
        }
        CHECK(chunks > 10);
    }
}
