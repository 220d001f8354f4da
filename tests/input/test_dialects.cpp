// CSV dialects: delimiters, literal quotes in unquoted fields, CR-only line ends, sep= lines,
// duplicated columns, and stray quotes that must not take the rest of a file with them.
//
// The reference is a serial parser written here, byte by byte, as a state machine with the
// rule Excel and Python's csv module use (a quote opens a quoted field only at the start of a
// field). The parallel path (the reader's record-aligned split, csv::split_records, and the
// SIMD chunk tokenizer) must give exactly its records, at any chunk size.
#include "pipeline/job/count_job.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/input/reader.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace moscan;

namespace {

struct Rec {
    std::vector<std::string> fields;
    bool unterminated = false;
    bool operator==(const Rec&) const = default;
};

// The reference parser. A record ends at a LF outside quotes; a CR just before that LF, or
// last in the data, outside quotes, is dropped.
std::vector<Rec> reference(std::string_view s, char delim) {
    enum State { start, unquoted, quoted, quote_in_quoted };
    std::vector<Rec> out;
    Rec rec;
    std::string field;
    State st = start;
    bool any = false; // bytes of the current record seen
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        any = true;
        const bool cr_dropped = c == '\r' && (i + 1 == s.size() || s[i + 1] == '\n');
        auto end_field = [&] {
            rec.fields.push_back(field);
            field.clear();
        };
        switch (st) {
        case quoted:
            if (c == '"') st = quote_in_quoted;
            else field += c;
            break;
        case start:
        case unquoted:
        case quote_in_quoted:
            if (st == start && c == '"') {
                st = quoted;
            } else if (st == quote_in_quoted && c == '"') {
                field += '"';
                st = quoted;
            } else if (c == delim) {
                end_field();
                st = start;
            } else if (c == '\n') {
                end_field();
                out.push_back(rec);
                rec = Rec{};
                st = start;
                any = false;
            } else if (cr_dropped) {
                // left out
            } else {
                field += c;
                st = unquoted;
            }
            break;
        }
    }
    if (any) {
        rec.fields.push_back(field);
        rec.unterminated = st == quoted;
        out.push_back(rec);
    }
    return out;
}

void tokenize(csv::ChunkTokenizer& t, const char* data, std::size_t size, char delim,
              std::vector<Rec>& out) {
    std::vector<csv::Field> fields;
    csv::RecordParse rp;
    std::string buf;
    t.reset(data, size, size, delim);
    while (t.next(fields, rp)) {
        Rec r;
        for (const auto& f : fields) r.fields.emplace_back(csv::value(f, buf));
        r.unterminated = rp.status == csv::ParseStatus::unterminated;
        out.push_back(std::move(r));
    }
}

// As the reader splits: from each record start, `chunk` bytes (more while no record ends in
// them), cut after the last record end; the rest at the end.
std::vector<Rec> by_split(csv::ChunkTokenizer& t, std::string_view s, char delim,
                          std::size_t chunk, std::size_t* chunks = nullptr) {
    std::vector<Rec> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t len = std::min(chunk, s.size() - pos), e = 0;
        while (true) {
            const csv::Split split = csv::split_records(s.data() + pos, len, delim);
            REQUIRE(split.end <= len);
            CHECK(split.newlines == static_cast<std::uint64_t>(std::count(
                                        s.data() + pos, s.data() + pos + split.end, '\n')));
            e = split.end;
            if (pos + len == s.size()) {
                // The end of the data: the whole rest (an open quote runs to the end).
                e = len;
                break;
            }
            if (e > 0) break;
            len = std::min(len * 2, s.size() - pos);
        }
        std::string copy(s.substr(pos, e)); // exactly the chunk's bytes: nothing after them
        tokenize(t, copy.data(), copy.size(), delim, out);
        pos += e;
        if (chunks) ++*chunks;
    }
    return out;
}

// Random CSV built from fields of the kinds that matter: plain text with literal quotes
// inside (5'10", He said "no"), quoted fields holding delimiters, LFs, CRs and "" escapes,
// text after a closing quote, empty fields and blank lines, LF or CRLF record ends.
std::string random_records(std::mt19937_64& rng, std::size_t bytes, char delim) {
    std::string s;
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    static const char* kWords[] = {"5'10\"", "6'1\"", "He said \"no\" twice", "a", "text",
                                   "x\"", "\"\"", "snapchat", "o'neil", "12\" screen"};
    while (s.size() < bytes) {
        const std::size_t fields = 1 + pick(6);
        for (std::size_t f = 0; f < fields; ++f) {
            if (f) s += delim;
            switch (pick(6)) {
            case 0: break; // empty
            case 1:
            case 2: { // plain, quotes inside but not first
                const std::size_t words = 1 + pick(3);
                std::string v = "w";
                for (std::size_t w = 0; w < words; ++w) v += std::string(" ") + kWords[pick(10)];
                s += v;
                break;
            }
            default: { // quoted
                s += '"';
                const std::size_t parts = pick(8);
                static const char* kInside[] = {"a", "\"\"", ",", ";", "\t", "|", "\n", "\r\n", " b", "\r"};
                for (std::size_t k = 0; k < parts; ++k) s += kInside[pick(10)];
                s += '"';
                if (pick(8) == 0) s += std::string("after") + kWords[pick(10)];
            }
            }
        }
        switch (pick(10)) {
        case 0: s += "\r\n"; break;
        case 1: s += "\n\n"; break;
        default: s += '\n';
        }
    }
    return s;
}

std::string random_soup(std::mt19937_64& rng, std::size_t bytes, char delim) {
    const std::string alphabet = std::string("\"\"\"\n\n\r ab") + delim + delim + ",";
    std::string s(bytes, ' ');
    for (auto& c : s) c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    return s;
}

std::string show(const std::vector<Rec>& rs, std::size_t at) {
    std::string out;
    for (std::size_t i = at; i < rs.size() && i < at + 2; ++i) {
        out += "[";
        for (const auto& f : rs[i].fields) out += "<" + f + ">";
        out += rs[i].unterminated ? "] (open)\n" : "]\n";
    }
    return out;
}

void check_same(const std::vector<Rec>& got, const std::vector<Rec>& want) {
    std::size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
    INFO("first difference at record ", i, ": got\n", show(got, i), "want\n", show(want, i));
    CHECK(got.size() == want.size());
    CHECK(i == std::min(got.size(), want.size()));
}

CountResult run_on(const std::string& text, unsigned threads, std::size_t chunk,
                   OnError on_error = OnError::standard, char delim = 0) {
    test::TempFile f(text);
    CountOptions o = test::basic_options(f.path());
    o.threads = threads;
    o.chunk_bytes = chunk;
    o.on_error = on_error;
    o.delimiter = delim;
    CountJob job(std::move(o));
    return job.run();
}

std::string error_of(const std::string& text, int* code = nullptr, char delim = 0) {
    try {
        run_on(text, 1, 1u << 20, OnError::standard, delim);
    } catch (const Error& e) {
        if (code) *code = static_cast<int>(e.code());
        return e.what();
    }
    return "";
}

const std::string kHeader = "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n";

} // namespace

TEST_CASE("dialects: the reference parser reads as Python's csv module does") {
    CHECK(reference("5'10\",He said \"no\" twice\n", ',') ==
          std::vector<Rec>{Rec{{"5'10\"", "He said \"no\" twice"}}});
    CHECK(reference("\"a,b\"\"c\",\"x\ny\"z\"w\n", ',') ==
          std::vector<Rec>{Rec{{"a,b\"c", "x\nyz\"w"}}});
    CHECK(reference("a;b\r\n\r\n", ';') == std::vector<Rec>{Rec{{"a", "b"}}, Rec{{""}}});
    CHECK(reference("a,\"b\nc", ',') == std::vector<Rec>{Rec{{"a", "b\nc"}, true}});
}

TEST_CASE("dialects: split and tokenizer give the reference's records, any delimiter and chunk size") {
    csv::ChunkTokenizer t;
    std::size_t records = 0, chunks = 0;
    for (char delim : {',', ';', '\t', '|'}) {
        CAPTURE(static_cast<int>(delim));
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            std::mt19937_64 rng(seed * 131 + static_cast<unsigned char>(delim));
            for (int round = 0; round < 6; ++round) {
                const std::string text = round % 2 ? random_soup(rng, 3000 + 977 * round, delim)
                                                   : random_records(rng, 20000, delim);
                const std::vector<Rec> want = reference(text, delim);
                records += want.size();
                for (std::size_t chunk : {1u, 7u, 63u, 64u, 65u, 200u, 1000u, 4096u, 5000u, 1u << 20}) {
                    CAPTURE(chunk);
                    CAPTURE(round);
                    check_same(by_split(t, text, delim, chunk, &chunks), want);
                }
            }
        }
    }
    CHECK(records > 10000);
    CHECK(chunks > 100000);
}

TEST_CASE("dialects: the reader's chunks give the reference's records, at many chunk sizes") {
    for (char delim : {',', ';', '\t', '|'}) {
        std::mt19937_64 rng(77 + static_cast<unsigned char>(delim));
        std::string header = "CrimeRef,DateRecorded,HOCode,MOText";
        for (auto& c : header)
            if (c == ',') c = delim;
        const std::string body = random_records(rng, 300000, delim);
        const std::string text = header + "\n" + body;
        const std::vector<Rec> want = reference(body, delim);
        test::TempFile f(text);
        for (std::size_t chunk : {16u, 100u, 4096u, 1u << 20}) {
            CAPTURE(static_cast<int>(delim));
            CAPTURE(chunk);
            CountOptions o = test::basic_options(f.path());
            o.chunk_bytes = chunk;
            o.max_age = -1; // (no age column)
            ChunkReader reader(o);
            csv::ChunkTokenizer t;
            std::vector<Rec> got;
            std::uint64_t line = 2;
            while (Chunk* c = reader.next()) {
                CHECK(c->schema->delimiter == delim);
                CHECK(c->first_line == line); // line numbers follow the records
                line += static_cast<std::uint64_t>(std::count(c->bytes, c->bytes + c->size, '\n'));
                tokenize(t, c->bytes, c->size, delim, got);
                reader.release(c);
            }
            check_same(got, want);
        }
    }
}

TEST_CASE("dialects: 5'10\" on one row and 6'1\" 140 rows later: every row is read") {
    std::string csv = kHeader;
    for (int i = 0; i < 200; ++i) {
        std::string text = "met on snapchat";
        if (i == 20) text = "suspect 5'10\" tall, met on snapchat";
        if (i == 160) text = "the other 6'1\" said \"hi\" on kik";
        csv += "C" + std::to_string(i) + ",01/05/2020,17,12," +
               (text.find(',') != std::string::npos ? "\"" + text + "\"" : text) + "\n";
    }
    // (Row 20's quotes: inside a quoted field, written as in the file: the quote is doubled.)
    csv.replace(csv.find("5'10\""), 5, "5'10\"\"");
    for (unsigned threads : {1u, 2u})
        for (std::size_t chunk : {std::size_t{64}, std::size_t{300}, std::size_t{1} << 20}) {
            CAPTURE(chunk);
            CountResult r = run_on(csv, threads, chunk, OnError::fail);
            CHECK(r.summary.rows.read == 200);
            CHECK(r.summary.rows.kept == 200);
        }
    // And unquoted, as Excel writes them when the field holds no comma.
    std::string plain = kHeader;
    for (int i = 0; i < 200; ++i)
        plain += "C" + std::to_string(i) + ",01/05/2020,17,12," +
                 (i == 20 ? "5'10\" met on snapchat" : i == 160 ? "6'1\" kik" : "snapchat") + "\n";
    CountResult r = run_on(plain, 2, 64, OnError::fail);
    CHECK(r.summary.rows.read == 200);
    CHECK(r.summary.rows.kept == 200);
}

TEST_CASE("dialects: a stray quote does not take the rest of the file with it") {
    // Row 10 opens a quoted field that never closes (nothing after it has a quote).
    std::string csv = kHeader;
    for (int i = 0; i < 2000; ++i)
        csv += "C" + std::to_string(i) + ",01/05/2020,17,12," +
               (i == 9 ? "\"met on snapchat" : "met on kik") + "\n";
    for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20}) {
        CountResult r = run_on(csv, 2, chunk, OnError::skip);
        CHECK(r.summary.rows.read == 2000);
        CHECK(r.summary.rows.rejected[static_cast<std::size_t>(Reject::unterminated_quote)] == 1);
        REQUIRE(!r.summary.issues.empty());
        CHECK(r.summary.issues[0].line == 11);
    }
    // Without --on-error skip it is an error naming the line.
    int code = 0;
    CHECK(error_of(csv, &code).find(":11:") != std::string::npos);
    CHECK(code == 65);

    // Closed by a quote 100 rows later: the lines in between are rows of their own.
    std::string closed = kHeader;
    for (int i = 0; i < 2000; ++i)
        closed += "C" + std::to_string(i) + ",01/05/2020,17,12," +
                  (i == 9 ? "\"met on snapchat" : i == 109 ? "\"a, b\"" : "met on kik") + "\n";
    for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20}) {
        CountResult r = run_on(closed, 2, chunk, OnError::skip);
        CHECK(r.summary.rows.read == 2000);
        CHECK(r.summary.rows.kept == 1999);
        REQUIRE(!r.summary.issues.empty());
        CHECK(r.summary.issues[0].line == 11);
    }
}

TEST_CASE("dialects: delimiters, sep= and CR-only line ends give the comma file's table") {
    std::string comma = kHeader;
    for (int i = 0; i < 300; ++i)
        comma += "C" + std::to_string(i % 170) + ",0" + std::to_string(1 + i % 9) + "/05/2020,17," +
                 std::to_string(8 + i % 12) + "," +
                 (i % 3 ? "\"met on snapchat, then kik\"" : i % 5 ? "5'10\" on instagram" : "nothing") +
                 "\n";
    const CountResult base = run_on(comma, 2, 256);
    CHECK(base.summary.rows.read == 300);
    auto with = [&](char d) {
        std::string s = comma;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '"' && s.compare(i, 27, "\"met on snapchat, then kik\"") == 0) {
                i += 26;
                continue;
            }
            if (s[i] == ',') s[i] = d;
        }
        return s;
    };
    for (char d : {';', '\t', '|'}) {
        CAPTURE(static_cast<int>(d));
        CHECK(run_on(with(d), 2, 256).rows == base.rows);
        CHECK(run_on(with(d), 1, 64, OnError::standard, d).rows == base.rows);
        CHECK(run_on("sep=" + std::string(1, d) + "\r\n" + with(d), 2, 256).rows == base.rows);
    }
    std::string cr = comma;
    std::replace(cr.begin(), cr.end(), '\n', '\r');
    CHECK(run_on(cr, 2, 64).rows == base.rows);
    CHECK(run_on("\xEF\xBB\xBF" + cr, 1, 1u << 20).rows == base.rows);

    // Line numbers count the sep= line.
    std::string bad = "sep=;\n" + with(';');
    bad.replace(bad.find("C3;"), 3, "C3;x;");
    CHECK(error_of(bad).find(":6:") != std::string::npos);
}

TEST_CASE("dialects: header errors name the delimiter, duplicated columns, and stay short") {
    int code = 0;
    std::string msg = error_of("CrimeRef;DateRecorded;HOCode;MOText\nA;01/05/2020;17;kik\n", &code, ',');
    CHECK(msg.find("one column") != std::string::npos);
    CHECK(msg.find("--delimiter") != std::string::npos);
    CHECK(code == 65);

    msg = error_of("CrimeRef,DateRecorded,HOCode,MOText,VictimAge,MO Text\nA,01/05/2020,17,kik,12,x\n", &code);
    CHECK(msg.find("4 'MOText'") != std::string::npos);
    CHECK(msg.find("6 'MO Text'") != std::string::npos);
    CHECK(code == 65);
    msg = error_of("CrimeRef,DateRecorded,HOCode,MOText,VictimAge,MOText\nA,01/05/2020,17,kik,1,x\n", &code);
    CHECK(msg.find("same name") != std::string::npos);
    // An unused column may repeat (empty names of trailing commas, say).
    CHECK(error_of(kHeader.substr(0, kHeader.size() - 1) + ",,\nA,01/05/2020,17,12,kik,,\n") == "");

    // A 2 MB header of one field (no delimiter, no line end) is quoted only in part.
    std::string huge(2u << 20, 'x');
    msg = error_of(huge);
    CHECK(!msg.empty());
    CHECK(msg.size() < 1000);
}
