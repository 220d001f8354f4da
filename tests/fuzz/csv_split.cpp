// The chunk tokenizer (csv_scan.hpp ChunkTokenizer, one SIMD pass) and the record splitter
// (csv::split_records, csv::last_record_end) against a serial walk of parse_record over the same
// bytes, for each delimiter , ; \t |: the same records, fields (views and raw flags), ends and
// statuses; the split point is the end of the last record that ends with a LF, its newline
// count the LFs before it, `open` whether the data ends inside a quoted field.
#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace moscan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // An exact-size copy (ASan sees any read past `size`): readable == size.
    const std::vector<char> buf(data, data + size);
    const char* p0 = buf.data();
    const char* end = p0 + buf.size();
    std::vector<csv::Field> ref, got;
    csv::ChunkTokenizer tok;
    for (const char delim : {',', ';', '\t', '|'}) {
        tok.reset(p0, buf.size(), buf.size(), delim);
        const char* p = p0;
        std::size_t split_end = 0; // after the last record ended by a LF
        bool open = false;
        while (p < end) {
            const csv::RecordParse rr = csv::parse_record(p, end, ref, delim);
            csv::RecordParse rg{};
            FUZZ_CHECK(tok.next(got, rg));
            FUZZ_CHECK(rg.next == rr.next);
            FUZZ_CHECK(rg.status == rr.status);
            FUZZ_CHECK(rg.newlines == 0);
            FUZZ_CHECK(got.size() == ref.size());
            for (std::size_t i = 0; i < ref.size(); ++i) {
                FUZZ_CHECK(got[i].view.data() == ref[i].view.data());
                FUZZ_CHECK(got[i].view.size() == ref[i].view.size());
                FUZZ_CHECK(got[i].raw == ref[i].raw);
            }
            FUZZ_CHECK(rr.next > p);
            if (rr.status == csv::ParseStatus::ok && rr.next[-1] == '\n')
                split_end = static_cast<std::size_t>(rr.next - p0);
            open = rr.status == csv::ParseStatus::unterminated;
            p = rr.next;
        }
        csv::RecordParse rg{};
        FUZZ_CHECK(!tok.next(got, rg));
        FUZZ_CHECK(got.empty());

        const csv::Split s = csv::split_records(p0, buf.size(), delim);
        FUZZ_CHECK(s.end == split_end);
        FUZZ_CHECK(s.newlines == static_cast<std::uint64_t>(std::count(p0, p0 + split_end, '\n')));
        FUZZ_CHECK(s.open == open);
        FUZZ_CHECK(csv::last_record_end(p0, buf.size(), delim) == split_end);
        FUZZ_CHECK(csv::count_newlines(p0, buf.size()) ==
                   static_cast<std::uint64_t>(std::count(p0, end, '\n')));
    }
    return 0;
}
