// csv.hpp: record parsing, unquoting, record-aligned splitting and parse_all.
#include "pipeline/input/csv.hpp"
#include "pipeline/base/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace moscan;

namespace {

struct Parsed {
    std::vector<std::string> fields;
    std::vector<bool> raw;
    std::size_t consumed = 0; // bytes from the start to `next`
    std::uint64_t newlines = 0;
    csv::ParseStatus status = csv::ParseStatus::ok;
};

Parsed parse_one(std::string_view text) {
    std::vector<csv::Field> fields;
    csv::RecordParse r = csv::parse_record(text.data(), text.data() + text.size(), fields);
    Parsed p;
    std::string buf;
    for (const auto& f : fields) {
        p.fields.emplace_back(csv::value(f, buf));
        p.raw.push_back(f.raw);
    }
    p.consumed = static_cast<std::size_t>(r.next - text.data());
    p.newlines = r.newlines;
    p.status = r.status;
    return p;
}

using Record = std::vector<std::string>;

struct Doc {
    std::vector<Record> records;
    std::vector<csv::ParseStatus> statuses;
    bool operator==(const Doc&) const = default;
};

// Parses every record of a text with parse_record, the way the pipeline walks a chunk.
Doc parse_doc(std::string_view text) {
    Doc d;
    std::vector<csv::Field> fields;
    std::string buf;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        csv::RecordParse r = csv::parse_record(p, end, fields);
        REQUIRE(r.next > p); // always makes progress
        Record rec;
        for (const auto& f : fields) rec.emplace_back(csv::value(f, buf));
        d.records.push_back(std::move(rec));
        d.statuses.push_back(r.status);
        p = r.next;
    }
    return d;
}

Doc concat(Doc a, const Doc& b) {
    a.records.insert(a.records.end(), b.records.begin(), b.records.end());
    a.statuses.insert(a.statuses.end(), b.statuses.begin(), b.statuses.end());
    return a;
}

} // namespace

TEST_CASE("csv: count_newlines equals a plain count at every size and alignment") {
    std::mt19937 rng(7);
    std::string buf(300, ' ');
    for (char& c : buf) c = "a\n\"\r,"[rng() % 5];
    for (std::size_t from = 0; from < 40; ++from)
        for (std::size_t size = 0; from + size <= buf.size(); size += 1 + size / 7) {
            const auto want = static_cast<std::uint64_t>(
                std::count(buf.begin() + static_cast<std::ptrdiff_t>(from),
                           buf.begin() + static_cast<std::ptrdiff_t>(from + size), '\n'));
            CHECK(csv::count_newlines(buf.data() + from, size) == want);
        }
}

TEST_CASE("csv: plain fields, LF and CRLF record ends") {
    Parsed p = parse_one("a,b,c\nnext");
    CHECK(p.fields == Record{"a", "b", "c"});
    CHECK(p.consumed == 6);
    CHECK(p.newlines == 1);
    CHECK(p.status == csv::ParseStatus::ok);

    p = parse_one("a,b\r\nnext");
    CHECK(p.fields == Record{"a", "b"}); // the CR of the CRLF is not part of b
    CHECK(p.consumed == 5);
    CHECK(p.newlines == 1);

    // Last record without a newline.
    p = parse_one("x,y");
    CHECK(p.fields == Record{"x", "y"});
    CHECK(p.consumed == 3);
    CHECK(p.newlines == 0);
    CHECK(p.status == csv::ParseStatus::ok);

    // Trailing CR at the very end (CRLF file cut before its LF) is dropped too.
    p = parse_one("x,y\r");
    CHECK(p.fields == Record{"x", "y"});
    CHECK(p.consumed == 4);

    // A CR that is not before an LF is data.
    p = parse_one("a\rb,c\n");
    CHECK(p.fields == Record{"a\rb", "c"});
}

TEST_CASE("csv: empty fields") {
    CHECK(parse_one("a,,b\n").fields == Record{"a", "", "b"});
    CHECK(parse_one("a,b,\n").fields == Record{"a", "b", ""});
    CHECK(parse_one("a,b,").fields == Record{"a", "b", ""});
    CHECK(parse_one(",\n").fields == Record{"", ""});
    CHECK(parse_one(",,\r\n").fields == Record{"", "", ""});
    CHECK(parse_one("\"\",x\n").fields == Record{"", "x"});
    Parsed blank = parse_one("\nrest");
    CHECK(blank.fields == Record{""});
    CHECK(blank.consumed == 1);
    CHECK(blank.newlines == 1);
}

TEST_CASE("csv: quoted fields and escaped quotes") {
    Parsed p = parse_one("\"a,b\",c\n");
    CHECK(p.fields == Record{"a,b", "c"});
    CHECK_FALSE(p.raw[0]); // no escapes: the view is the inner bytes
    CHECK(p.consumed == 8);

    p = parse_one("1,\"he said \"\"hi\"\"\",3\n");
    CHECK(p.fields == Record{"1", "he said \"hi\"", "3"});
    CHECK(p.raw[1]);

    p = parse_one("\"\"\"\"\n"); // a field holding one quote
    CHECK(p.fields == Record{"\""});

    p = parse_one("\"\"\"start\",\"end\"\"\"\n");
    CHECK(p.fields == Record{"\"start", "end\""});

    // value() of a raw field only touches the buffer; of a plain field returns the view.
    std::string buf = "junk";
    csv::Field plain{"abc", false};
    CHECK(csv::value(plain, buf) == "abc");
    csv::Field raw{"\"x\"\"y\"", true};
    CHECK(csv::value(raw, buf) == "x\"y");
    CHECK(buf == "x\"y");
}

TEST_CASE("csv: newlines inside quotes") {
    Parsed p = parse_one("1,\"line one\nline two\",3\nnext");
    CHECK(p.fields == Record{"1", "line one\nline two", "3"});
    CHECK(p.newlines == 2);
    CHECK(p.consumed == 24);

    p = parse_one("1,\"a\r\nb\r\nc\"\r\nnext");
    CHECK(p.fields == Record{"1", "a\r\nb\r\nc"});
    CHECK(p.newlines == 3);
    CHECK(p.consumed == 13);

    p = parse_one("\"cr\ronly\",x\n");
    CHECK(p.fields == Record{"cr\ronly", "x"});

    // Quoted field followed by CRLF, then a quoted last field without a newline.
    p = parse_one("\"a\",\"b\"\r\n");
    CHECK(p.fields == Record{"a", "b"});
    CHECK(p.consumed == 9);
    p = parse_one("\"a\",\"b\"");
    CHECK(p.fields == Record{"a", "b"});
    CHECK(p.status == csv::ParseStatus::ok);
}

TEST_CASE("csv: unterminated quote") {
    Parsed p = parse_one("a,\"never closed\nmore,text\n");
    CHECK(p.status == csv::ParseStatus::unterminated);
    CHECK(p.consumed == 26); // to the end
    CHECK(p.newlines == 2);

    p = parse_one("\"abc");
    CHECK(p.status == csv::ParseStatus::unterminated);

    // A closing quote that is really an escaped pair does not terminate.
    p = parse_one("\"abc\"\"");
    CHECK(p.status == csv::ParseStatus::unterminated);

    // A quote in an unquoted field is a literal byte: it opens nothing.
    p = parse_one("ab\"cd,ef\n");
    CHECK(p.status == csv::ParseStatus::ok);
    CHECK(p.fields == Record{"ab\"cd", "ef"});
}

TEST_CASE("csv: text after a closing quote") {
    Parsed p = parse_one("\"ab\"cd,e\n");
    CHECK(p.status == csv::ParseStatus::ok);
    CHECK(p.fields == Record{"abcd", "e"});
    CHECK(p.raw[0]);

    p = parse_one("\"a\"\"b\"x,y\n");
    CHECK(p.fields == Record{"a\"bx", "y"});

    // A quote inside an unquoted field is a literal byte, as Excel and Python's csv read it;
    // so is one after the text that follows a closing quote.
    p = parse_one("ab\"c,d\"e,f\n");
    CHECK(p.fields == Record{"ab\"c", "d\"e", "f"});
    CHECK(!p.raw[0]);
    p = parse_one("\"a\"b\"c,d\"\n");
    CHECK(p.fields == Record{"ab\"c", "d\""});
}

TEST_CASE("csv: last_record_end") {
    auto lre = [](std::string_view s) { return csv::last_record_end(s.data(), s.size()); };
    CHECK(lre("") == 0);
    CHECK(lre("no newline") == 0);
    CHECK(lre("a\n") == 2);
    CHECK(lre("a\nb\nc") == 4);
    CHECK(lre("a\r\nb\r\n") == 6);
    CHECK(lre("a\nb,\"x\ny\"") == 2);       // the second LF is inside quotes
    CHECK(lre("a,\"x\ny\nz") == 0);         // open quote: no record end after it
    CHECK(lre("a,\"x\ny\"\nz") == 8);        // closed: the LF after it counts
    CHECK(lre("a,\"q\"\"\nq\"\nz") == 10);   // escaped quote inside
    CHECK(lre("\"\n\"\n\"\n") == 4);         // quoted LF, record end, open quote + LF
}

TEST_CASE("csv: splitting at last_record_end never changes the records (property)") {
    std::mt19937 rng(20201207);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::vector<std::string> pieces = {"a", "bc", "snap chat", " ", ",", "\"", "\n",
                                             "\r\n", "\r", "x\"y", "\xC3\xA9", "''"};
    for (int doc_no = 0; doc_no < 300; ++doc_no) {
        // Build records, knowing their fields and where each record ends.
        std::vector<Record> expected;
        std::vector<std::size_t> ends; // offsets just past each LF record end
        std::string doc;
        int nrec = 1 + pick(8);
        for (int r = 0; r < nrec; ++r) {
            Record rec;
            int nf = 1 + pick(5);
            for (int f = 0; f < nf; ++f) {
                std::string v;
                int np = pick(5);
                for (int k = 0; k < np; ++k) v += pieces[static_cast<size_t>(pick(12))];
                rec.push_back(v);
                bool needs = v.find_first_of(",\"\r\n") != std::string::npos;
                // Fields with nothing special are quoted sometimes; a lone empty field always,
                // so that no record is a blank line.
                bool quote = needs || pick(4) == 0 || (nf == 1 && v.empty());
                if (f) doc += ',';
                if (quote) {
                    doc += '"';
                    for (char c : v) {
                        if (c == '"') doc += '"';
                        doc += c;
                    }
                    doc += '"';
                } else {
                    doc += v;
                }
            }
            expected.push_back(rec);
            bool last = r + 1 == nrec;
            if (last && pick(3) == 0) break; // last record without a newline
            doc += pick(2) ? "\r\n" : "\n";
            ends.push_back(doc.size());
        }

        Doc whole = parse_doc(doc);
        REQUIRE(whole.records == expected);
        for (auto s : whole.statuses) REQUIRE(s == csv::ParseStatus::ok);

        for (std::size_t k = 0; k <= doc.size(); ++k) {
            std::size_t e = csv::last_record_end(doc.data(), k);
            // The largest record end at or before k.
            std::size_t want = 0;
            for (auto x : ends)
                if (x <= k) want = x;
            REQUIRE(e == want);
            Doc split = concat(parse_doc(std::string_view(doc).substr(0, e)),
                               parse_doc(std::string_view(doc).substr(e)));
            REQUIRE(split == whole);
        }
    }
}

TEST_CASE("csv: splitter and parser agree on malformed text too (property)") {
    // The quote rule is shared: any text, stray quotes included, splits where it parses.
    std::mt19937 rng(7);
    const char alphabet[] = {'a', ',', '"', '\n', '\r', 'b'};
    for (int doc_no = 0; doc_no < 300; ++doc_no) {
        std::string doc;
        std::size_t n = rng() % 60;
        for (std::size_t i = 0; i < n; ++i) doc += alphabet[rng() % sizeof alphabet];
        Doc whole = parse_doc(doc);
        for (std::size_t k = 0; k <= doc.size(); ++k) {
            std::size_t e = csv::last_record_end(doc.data(), k);
            REQUIRE(e <= k);
            if (e) REQUIRE(doc[e - 1] == '\n');
            Doc split = concat(parse_doc(std::string_view(doc).substr(0, e)),
                               parse_doc(std::string_view(doc).substr(e)));
            INFO("doc: ", doc, " prefix: ", k);
            REQUIRE(split == whole);
        }
    }
}

TEST_CASE("csv: parse_all line numbers") {
    std::string text = "h1,h2\n"          // line 1
                       "\"a\nb\",c\n"     // lines 2-3
                       "\n"               // line 4: blank, skipped
                       "d,e\n"            // line 5
                       "\"x\r\ny\r\nz\",w\r\n" // lines 6-8
                       "\r\n"             // line 9: blank
                       "last,row";        // line 10, no newline
    auto rows = csv::parse_all(text, "t.csv");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].line == 1);
    CHECK(rows[0].fields == Record{"h1", "h2"});
    CHECK(rows[1].line == 2);
    CHECK(rows[1].fields == Record{"a\nb", "c"});
    CHECK(rows[2].line == 5);
    CHECK(rows[2].fields == Record{"d", "e"});
    CHECK(rows[3].line == 6);
    CHECK(rows[3].fields == Record{"x\r\ny\r\nz", "w"});
    CHECK(rows[4].line == 10);
    CHECK(rows[4].fields == Record{"last", "row"});

    // A byte-order mark is not part of the first field.
    auto bom = csv::parse_all("\xEF\xBB\xBF" "code,group\n", "b.csv");
    REQUIRE(bom.size() == 1);
    CHECK(bom[0].fields == Record{"code", "group"});

    // Unterminated quote: DataError naming the file and the line where the record starts.
    try {
        csv::parse_all("a,b\n\"c\nd\",e\nf,\"g\nh\n", "bad.csv");
        FAIL("expected a DataError");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()).find("bad.csv:4") != std::string::npos);
    }
}

TEST_CASE("csv: append_field quotes only when needed") {
    std::string out;
    csv::append_field(out, "plain");
    CHECK(out == "plain");
    out.clear();
    csv::append_field(out, "a,b");
    CHECK(out == "\"a,b\"");
    out.clear();
    csv::append_field(out, "say \"hi\"");
    CHECK(out == "\"say \"\"hi\"\"\"");
    out.clear();
    csv::append_field(out, "two\nlines");
    CHECK(out == "\"two\nlines\"");
    out.clear();
    csv::append_field(out, "cr\r");
    CHECK(out == "\"cr\r\"");
}
