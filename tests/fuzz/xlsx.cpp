// The .xlsx input reader (pipeline/input/xlsx_reader.hpp) on arbitrary bytes: CSV text or a
// moscan::Error, never a crash or a leak; the CSV it writes parses back (pipeline/input/csv.hpp) to
// records with no more fields than a row can have, and a sheet fed in one block or a few bytes
// at a time gives the same CSV.
// Input: the first byte picks what the rest is:
//   0 a sheet's XML (four shared strings, style 1 a date; bit 7 the 1904 date system), in one
//     block and 1..16 bytes at a time
//   1 xl/sharedStrings.xml, then xl/styles.xml and a workbook.xml + rels pair from the same bytes
//   2 a whole file (a zip, hopefully a workbook) read through WorkbookReader
#include "pipeline/input/csv.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/input/xlsx_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace moscan;
using namespace moscan::xlsx;

namespace {

Source chunks(const std::string& s, std::size_t step) {
    auto pos = std::make_shared<std::size_t>(0);
    return [&s, pos, step](char* buf, std::size_t n) {
        std::size_t k = std::min({n, step, s.size() - *pos});
        std::memcpy(buf, s.data() + *pos, k);
        *pos += k;
        return k;
    };
}

// The CSV of `xml`, or "\x01ERROR" when it is refused.
std::string sheet_csv(const std::string& xml, std::size_t step, bool date1904) {
    static const std::vector<std::string> shared = {"s0", "a,\"b\"\nc", "", "\xC3\xA9"};
    static const std::vector<bool> dates = {false, true};
    try {
        SheetToCsv s(chunks(xml, step), SheetContext{&shared, &dates, date1904}, "f.xlsx: sheet");
        std::string out;
        char buf[4096];
        while (std::size_t n = s.read(buf, sizeof buf)) {
            FUZZ_CHECK(n <= sizeof buf);
            out.append(buf, n);
        }
        return out;
    } catch (const Error&) {
        return "\x01" "ERROR";
    }
}

void check_csv(const std::string& csv_text) {
    if (csv_text.empty()) return;
    FUZZ_CHECK(csv_text.back() == '\n');
    std::vector<csv::Row> rows;
    try {
        rows = csv::parse_all(csv_text, "sheet");
    } catch (const Error&) {
        FUZZ_CHECK(!"the CSV written for a sheet does not parse");
    }
    for (const auto& r : rows) FUZZ_CHECK(r.fields.size() <= 16384);
}

const std::string& temp_path() {
    static const std::string path = [] {
        const auto dir = std::filesystem::temp_directory_path() /
                         ("moscan_fuzz_xlsx_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return (dir / "book.xlsx").string();
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 65536) return 0;
    const std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 3) {
    case 0: {
        const bool date1904 = data[0] & 0x80;
        const std::string whole = sheet_csv(in, 1u << 20, date1904);
        const std::string bits = sheet_csv(in, 1 + data[0] / 3 % 16, date1904);
        FUZZ_CHECK(whole == bits); // the same CSV (or both refused) however the bytes come
        if (whole.rfind("\x01", 0) != 0) check_csv(whole);
        break;
    }
    case 1: {
        try {
            XmlPull x(chunks(in, 1 + data[0] / 3 % 7), "sst");
            auto strings = parse_shared_strings(x);
            FUZZ_CHECK(strings.size() <= in.size());
        } catch (const Error&) {
        }
        try {
            (void)parse_date_styles(in, "f.xlsx");
        } catch (const Error&) {
        }
        try {
            const std::size_t half = in.size() / 2;
            Workbook w = parse_workbook(std::string_view(in).substr(0, half),
                                        std::string_view(in).substr(half), "f.xlsx");
            try {
                std::size_t i = choose_sheet(w, in.substr(0, std::min<std::size_t>(3, in.size())), "f.xlsx");
                FUZZ_CHECK(i < w.sheets.size());
            } catch (const Error&) {
            }
        } catch (const Error&) {
        }
        std::string out;
        (void)decode_entities(in, out);
        (void)decode_x_escapes(in);
        (void)serial_to_date(in, data[0] & 1);
        (void)date_format_code(in);
        break;
    }
    default: {
        const std::string& path = temp_path();
        {
            std::FILE* f = std::fopen(path.c_str(), "wb");
            FUZZ_CHECK(f);
            FUZZ_CHECK(std::fwrite(in.data(), 1, in.size(), f) == in.size());
            std::fclose(f);
        }
        try {
            WorkbookReader r(path, "f.xlsx", "");
            (void)r.note();
            std::string out;
            char buf[4096];
            while (std::size_t n = r.read(buf, sizeof buf)) {
                out.append(buf, n);
                if (out.size() > (8u << 20)) break; // a decompression bomb is read only so far
            }
            if (out.size() <= (8u << 20)) check_csv(out);
        } catch (const Error&) {
        }
        break;
    }
    }
    return 0;
}
