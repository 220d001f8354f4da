// The decompression and transcoding layer (pipeline/input/input_source.hpp) on arbitrary bytes: an
// error (moscan::Error: not an input, corrupt data) or text, never a crash or a leak; a plain
// file read as UTF-8 comes back byte for byte; transcoded text is valid UTF-8. Also the UTF-8
// checker, repairer and decoders on the same bytes against their documented results.
// Input: first byte picks --encoding (auto, utf8, utf16le, utf16be, cp1252, latin1), the rest
// is the file.
#include "pipeline/base/error.hpp"
#include "pipeline/input/input_source.hpp"
#include "pipeline/job/options.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace moscan;

namespace {

bool valid_utf8(const std::string& s) { return check_utf8(s.data(), s.size()).invalid == 0; }

const std::string& temp_path() {
    static const std::string path = [] {
        const auto dir = std::filesystem::temp_directory_path() /
                         ("moscan_fuzz_input_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return (dir / "input.csv").string();
    }();
    return path;
}

void check_utf8_helpers(const char* d, std::size_t n) {
    const Utf8Check c = check_utf8(d, n);
    std::string fixed;
    repair_utf8(d, n, fixed);
    FUZZ_CHECK(valid_utf8(fixed));
    if (c.invalid == 0) {
        FUZZ_CHECK(c.first == SIZE_MAX);
        FUZZ_CHECK(fixed == std::string(d, n));
    } else {
        FUZZ_CHECK(c.first < n);
        FUZZ_CHECK(check_utf8(d, c.first).invalid == 0);
        // Each invalid sequence became one U+FFFD (3 bytes): as many as were counted.
        std::size_t marks = 0;
        for (std::size_t i = 0; i + 2 < fixed.size(); ++i)
            if (fixed.compare(i, 3, "\xEF\xBF\xBD") == 0) ++marks;
        std::size_t in_marks = 0;
        for (std::size_t i = 0; i + 2 < n; ++i)
            if (std::string_view(d + i, 3) == "\xEF\xBF\xBD") ++in_marks;
        FUZZ_CHECK(marks == in_marks + c.invalid);
    }
    const auto* u = reinterpret_cast<const unsigned char*>(d);
    for (bool be : {false, true}) {
        std::string out;
        std::uint64_t invalid = 0;
        const std::size_t left = utf16_to_utf8(u, n, be, out, invalid);
        FUZZ_CHECK(left <= 3 && left <= n);
        FUZZ_CHECK(valid_utf8(out));
    }
    std::string cp, latin;
    cp1252_to_utf8(u, n, cp);
    latin1_to_utf8(u, n, latin);
    FUZZ_CHECK(valid_utf8(cp));
    FUZZ_CHECK(valid_utf8(latin));
    std::size_t high = 0;
    for (std::size_t i = 0; i < n; ++i) high += u[i] >= 0x80;
    FUZZ_CHECK(latin.size() == n + high);
    (void)sniff_container(d, n);
    (void)sniff_binary(d, n);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 65536) return 0;
    static const Encoding kEnc[6] = {Encoding::automatic, Encoding::utf8,   Encoding::utf16le,
                                     Encoding::utf16be,   Encoding::cp1252, Encoding::latin1};
    const char* d = reinterpret_cast<const char*>(data) + 1;
    const std::size_t n = size - 1;
    check_utf8_helpers(d, n);

    const std::string& path = temp_path();
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        FUZZ_CHECK(f);
        FUZZ_CHECK(std::fwrite(d, 1, n, f) == n);
        std::fclose(f);
    }
    CountOptions o;
    o.inputs = {path};
    o.quiet = true;
    o.encoding = kEnc[data[0] % 6];
    try {
        InputFile in(path, o);
        std::size_t streams = 0;
        while (in.next_stream() && streams < 16) {
            ++streams;
            std::string text;
            char buf[4096];
            // A decompression bomb is read only so far.
            while (text.size() < (8u << 20)) {
                const std::size_t got = in.read(buf, sizeof buf);
                FUZZ_CHECK(got <= sizeof buf);
                if (got == 0) break;
                text.append(buf, got);
            }
            if (!in.utf8()) FUZZ_CHECK(valid_utf8(text));
            if (in.container() == Container::plain && in.utf8())
                FUZZ_CHECK(text == std::string_view(d, n));
            (void)in.raw_bytes();
            (void)in.rereadable();
        }
    } catch (const Error&) {
    }
    return 0;
}
