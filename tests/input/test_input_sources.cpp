// Input sources (pipeline/input/input_source.hpp): UTF-8 checking and repair, the text decoders, the
// sniffers, gzip members, and a file that shrinks while it is read. Expected values are worked
// out by hand from the Unicode and Windows-1252 tables, not from the code.
#include "pipeline/base/error.hpp"
#include "pipeline/input/input_source.hpp"
#include "pipeline/input/reader.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <fcntl.h>
#include <unistd.h>

using namespace moscan;

namespace {

std::string repaired(const std::string& s) {
    std::string out;
    repair_utf8(s.data(), s.size(), out);
    return out;
}

std::string utf16(const std::string& bytes, bool be, std::uint64_t* invalid = nullptr) {
    std::string out;
    std::uint64_t bad = 0;
    std::size_t left = utf16_to_utf8(reinterpret_cast<const unsigned char*>(bytes.data()),
                                     bytes.size(), be, out, bad);
    if (invalid) *invalid = bad;
    CHECK(left == 0);
    return out;
}

const std::string kFFFD = "\xEF\xBF\xBD";

// gzip of `text` as one member (zlib's gzip wrapper).
std::string gzip(const std::string& text) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(compressBound(text.size()) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

std::string read_all(InputFile& f, std::size_t step) {
    std::string all(step, '\0'), out;
    while (std::size_t n = f.read(all.data(), step)) out.append(all.data(), n);
    return out;
}

} // namespace

TEST_CASE("input: valid UTF-8 passes check_utf8 whole") {
    const std::string s = "plain, caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 end";
    Utf8Check c = check_utf8(s.data(), s.size());
    CHECK(c.invalid == 0);
    CHECK(c.first == SIZE_MAX);
    CHECK(repaired(s) == s);
}

TEST_CASE("input: invalid UTF-8 is counted by maximal subparts and replaced with U+FFFD") {
    // A lone continuation byte, and a byte never used.
    CHECK(repaired("a\x80" "b") == "a" + kFFFD + "b");
    CHECK(repaired("\xFF") == kFFFD);
    // A truncated 3-byte sequence is one subpart.
    CHECK(repaired("x\xE2\x82y") == "x" + kFFFD + "y");
    // Overlong and surrogate forms: the lead byte's second byte is out of range, so each byte
    // is its own subpart (Unicode 15, table 3-8).
    CHECK(repaired("\xC0\xAF") == kFFFD + kFFFD);
    CHECK(repaired("\xE0\x80\x80") == kFFFD + kFFFD + kFFFD);
    CHECK(repaired("\xED\xA0\x80") == kFFFD + kFFFD + kFFFD);
    CHECK(repaired("\xF4\x90\x80\x80") == kFFFD + kFFFD + kFFFD + kFFFD);
    // At the end of the data, cut short.
    CHECK(repaired("ok\xF0\x9F\x98") == "ok" + kFFFD);
    const std::string s = "line one\nbad \xFE here, and \xE2\x82 there";
    Utf8Check c = check_utf8(s.data(), s.size());
    CHECK(c.invalid == 2);
    CHECK(c.first == 13);
}

TEST_CASE("input: UTF-16 to UTF-8, surrogate pairs and units cut at a block's end") {
    // "A" U+00E9 U+20AC U+1F600 in UTF-16LE and BE.
    const std::string le("A\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE", 10);
    const std::string be("\0A\0\xE9\x20\xAC\xD8\x3D\xDE\x00", 10);
    const std::string want = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    CHECK(utf16(le, false) == want);
    CHECK(utf16(be, true) == want);
    // A high surrogate at the end waits for the next block; so does an odd byte.
    std::string out;
    std::uint64_t bad = 0;
    CHECK(utf16_to_utf8(reinterpret_cast<const unsigned char*>(le.data()), 8, false, out, bad) == 2);
    CHECK(out == "A\xC3\xA9\xE2\x82\xAC");
    out.clear();
    CHECK(utf16_to_utf8(reinterpret_cast<const unsigned char*>(le.data()), 3, false, out, bad) == 1);
    CHECK(out == "A");
    // Lone surrogates are invalid.
    std::uint64_t invalid = 0;
    CHECK(utf16(std::string("\x00\xDC" "a\0", 4), false, &invalid) == kFFFD + "a");
    CHECK(invalid == 1);
    CHECK(utf16(std::string("\x00\xD8" "a\0", 4), false, &invalid) == kFFFD + "a");
    CHECK(invalid == 1);
}

TEST_CASE("input: Windows-1252 and Latin-1 to UTF-8") {
    const std::string in = "\x80\x92\x93\x94\xA3\xE9\x81 x";
    std::string out;
    cp1252_to_utf8(reinterpret_cast<const unsigned char*>(in.data()), in.size(), out);
    // euro, right single quote, curly double quotes, pound, e acute, C1 control U+0081.
    CHECK(out == "\xE2\x82\xAC\xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D\xC2\xA3\xC3\xA9\xC2\x81 x");
    out.clear();
    latin1_to_utf8(reinterpret_cast<const unsigned char*>(in.data()), in.size(), out);
    CHECK(out == "\xC2\x80\xC2\x92\xC2\x93\xC2\x94\xC2\xA3\xC3\xA9\xC2\x81 x");
}

TEST_CASE("input: containers and binaries are told by their first bytes") {
    auto c = [](const std::string& s) { return sniff_container(s.data(), s.size()); };
    CHECK(c("\x1F\x8B\x08") == Container::gzip);
    CHECK(c("\x28\xB5\x2F\xFD") == Container::zstd);
    CHECK(c("BZh9") == Container::bzip2);
    CHECK(c("BZh,") == Container::plain); // a CSV starting "BZh" is not bzip2
    CHECK(c(std::string("\xFD" "7zXZ\0", 6)) == Container::xz);
    CHECK(c("PK\x03\x04") == Container::zip);
    CHECK(c("CrimeRef,Date") == Container::plain);
    auto b = [](const std::string& s) { return sniff_binary(s.data(), s.size()); };
    CHECK(b("\x7F" "ELF\x02\x01") == "ELF binary");
    CHECK(b("%PDF-1.7") == "PDF document");
    CHECK(b("CrimeRef,Date\n") == "");
    CHECK(parse_encoding("UTF-16LE") == Encoding::utf16le);
    CHECK(parse_encoding("windows-1252") == Encoding::cp1252);
    CHECK(parse_encoding("latin_1") == Encoding::latin1);
    CHECK_THROWS_AS(parse_encoding("ebcdic"), UsageError);
}

TEST_CASE("input: gzip members one after another read as one text; a cut member is an error") {
    const std::string a = "h1,h2\n1,2\n", b = "3,4\n5,6\n";
    test::TempFile f(gzip(a) + gzip(b), "two.csv.gz");
    CountOptions o;
    InputFile in(f.path(), o);
    CHECK(in.container() == Container::gzip);
    REQUIRE(in.next_stream());
    CHECK(in.format_name().ends_with("two.csv"));
    CHECK_FALSE(in.rereadable());
    CHECK(read_all(in, 3) == a + b);
    CHECK_FALSE(in.next_stream());

    std::string cut = gzip(a) + gzip(b);
    cut.resize(cut.size() - 5);
    test::TempFile g(cut, "cut.csv.gz");
    InputFile in2(g.path(), o);
    try {
        in2.next_stream(); // sniffing reads the whole (small) file
        read_all(in2, 4096);
        FAIL("no error for a cut gzip member");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()).find("looks like gzip but is truncated") != std::string::npos);
    }
}

TEST_CASE("input: a plain UTF-8 file is rereadable; UTF-16 is transcoded in small reads") {
    test::TempFile f("a,b\n1,2\n", "p.csv");
    CountOptions o;
    InputFile in(f.path(), o);
    REQUIRE(in.next_stream());
    CHECK(in.rereadable());
    CHECK(read_all(in, 1) == "a,b\n1,2\n");

    // "é,€\n" in UTF-16BE with a byte order mark, read one byte at a time.
    test::TempFile g(std::string("\xFE\xFF\0\xE9\0,\x20\xAC\0\n", 10), "u.csv");
    InputFile u(g.path(), o);
    REQUIRE(u.next_stream());
    CHECK(u.encoding() == Encoding::utf16be);
    CHECK_FALSE(u.rereadable());
    CHECK(read_all(u, 1) == "\xC3\xA9,\xE2\x82\xAC\n");
}

TEST_CASE("input: a file that gets shorter while it is read is an I/O error, not a bad record") {
    std::string text = "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n";
    while (text.size() < (300u << 10)) text += "C1,01/05/2020,17,12,\"a text, quoted\"\n";
    test::TempFile f(text, "shrink.csv");
    CountOptions o;
    InputFile in(f.path(), o);
    REQUIRE(in.next_stream());
    std::string buf(100u << 10, '\0');
    CHECK(in.read(buf.data(), buf.size()) > 0);
    REQUIRE(::truncate(f.path().c_str(), 120u << 10) == 0);
    try {
        read_all(in, buf.size());
        FAIL("no error for a file that shrank");
    } catch (const IoError& e) {
        CHECK(std::string(e.what()).find("got shorter while it was read") != std::string::npos);
    }
}
