// The .xlsx input reader's building blocks (pipeline/input/xlsx_reader.hpp): entities, _xHHHH_
// escapes, cell references, serial dates (worked out by hand from the calendar: serial 1 is
// 1 January 1900, Excel counts a 29 February 1900, 43835 is 5 January 2020), date format codes,
// the XML tokenizer fed one byte at a time, and sheets converted to CSV.
#include "pipeline/base/error.hpp"
#include "pipeline/input/xlsx_reader.hpp"

#include <doctest/doctest.h>

#include <cstring>

using namespace moscan;
using namespace moscan::xlsx;

namespace {

// A source handing on at most `step` bytes at a time.
Source chunks(std::string s, std::size_t step) {
    auto data = std::make_shared<std::string>(std::move(s));
    auto pos = std::make_shared<std::size_t>(0);
    return [data, pos, step](char* buf, std::size_t n) {
        std::size_t k = std::min({n, step, data->size() - *pos});
        std::memcpy(buf, data->data() + *pos, k);
        *pos += k;
        return k;
    };
}

std::string convert(const std::string& xml, const std::vector<std::string>& shared = {},
                    const std::vector<bool>& dates = {}, bool date1904 = false,
                    std::size_t step = 1) {
    SheetToCsv s(chunks(xml, step), SheetContext{&shared, &dates, date1904}, "t.xlsx: sheet");
    std::string out;
    char buf[7];
    while (std::size_t n = s.read(buf, sizeof buf)) out.append(buf, n);
    return out;
}

std::string sheet(const std::string& rows, const std::string& p = "") {
    std::string out = "<?xml version=\"1.0\"?>\n<";
    out += p;
    out += "worksheet xmlns";
    if (!p.empty()) {
        out += ':';
        out.append(p, 0, p.size() - 1);
    }
    out += "=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><";
    out += p;
    out += "sheetData>";
    out += rows;
    out += "</";
    out += p;
    out += "sheetData></";
    out += p;
    out += "worksheet>";
    return out;
}

} // namespace

TEST_CASE("xlsx: entities and _xHHHH_ escapes") {
    std::string out;
    CHECK(decode_entities("a &amp; b &lt;c&gt; &quot;&apos; &#65;&#x42;&#xe9;", out));
    CHECK(out == "a & b <c> \"' AB\xC3\xA9");
    out.clear();
    CHECK_FALSE(decode_entities("&nbsp;", out));
    out.clear();
    CHECK_FALSE(decode_entities("&#xD800;", out));
    out.clear();
    CHECK_FALSE(decode_entities("a & b", out));
    CHECK(decode_x_escapes("caf_x00E9_") == "caf\xC3\xA9");
    CHECK(decode_x_escapes("_x005F_x0041_") == "_x0041_"); // an escaped literal "_x0041_"
    CHECK(decode_x_escapes("a_x000D__x000A_b") == "a\r\nb");
    CHECK(decode_x_escapes("_xD83D__xDE00_") == "\xF0\x9F\x98\x80");
    CHECK(decode_x_escapes("no_xZZZZ_escape") == "no_xZZZZ_escape");
}

TEST_CASE("xlsx: cell references") {
    std::uint32_t c = 0;
    std::uint64_t r = 0;
    CHECK((parse_cell_ref("A1", c, r) && c == 0 && r == 1));
    CHECK((parse_cell_ref("C5", c, r) && c == 2 && r == 5));
    CHECK((parse_cell_ref("AA10", c, r) && c == 26 && r == 10));
    CHECK((parse_cell_ref("XFD1048576", c, r) && c == 16383 && r == 1048576));
    CHECK_FALSE(parse_cell_ref("XFE1", c, r));
    CHECK_FALSE(parse_cell_ref("A0", c, r));
    CHECK_FALSE(parse_cell_ref("5", c, r));
    CHECK_FALSE(parse_cell_ref("A", c, r));
    CHECK_FALSE(parse_cell_ref("A1B", c, r));
}

TEST_CASE("xlsx: serial dates, 1900 and 1904 systems") {
    CHECK(serial_to_date("1", false) == "01/01/1900");
    CHECK(serial_to_date("59", false) == "28/02/1900");
    CHECK(serial_to_date("60", false) == ""); // Excel's 29 February 1900
    CHECK(serial_to_date("61", false) == "01/03/1900");
    CHECK(serial_to_date("43835", false) == "05/01/2020");
    CHECK(serial_to_date("43835.5", false) == "05/01/2020 12:00:00");
    CHECK(serial_to_date("43835.50625", false) == "05/01/2020 12:09:00");
    CHECK(serial_to_date("43835.99999999", false) == "06/01/2020");
    CHECK(serial_to_date("2958465", false) == "31/12/9999");
    CHECK(serial_to_date("2958466", false) == "");
    CHECK(serial_to_date("0", false) == "");
    CHECK(serial_to_date("-3", false) == "");
    CHECK(serial_to_date("abc", false) == "");
    CHECK(serial_to_date("0", true) == "01/01/1904");
    CHECK(serial_to_date("42373", true) == "05/01/2020"); // 43835 - 1462
}

TEST_CASE("xlsx: date format codes") {
    CHECK(builtin_date_format(14));
    CHECK(builtin_date_format(22));
    CHECK(builtin_date_format(45));
    CHECK_FALSE(builtin_date_format(0));
    CHECK_FALSE(builtin_date_format(49));
    CHECK(date_format_code("dd/mm/yyyy"));
    CHECK(date_format_code("[$-809]dd\\-mmm\\-yy;@"));
    CHECK(date_format_code("h:mm"));
    CHECK_FALSE(date_format_code("General"));
    CHECK_FALSE(date_format_code("0.00\" days\""));
    CHECK_FALSE(date_format_code("[Red]0.0"));
    CHECK_FALSE(date_format_code("0\\d"));
}

TEST_CASE("xlsx: the XML tokenizer, one byte at a time") {
    XmlPull x(chunks("<?xml version=\"1.0\"?><!-- c --><!DOCTYPE x><a:r x:k='1 &amp; 2' v=\"&#x3e;\">"
                     "t&lt;<![CDATA[<raw>]]><e/></a:r>",
                     1),
              "t");
    XmlEvent e;
    REQUIRE(x.next(e));
    CHECK((e.kind == XmlEvent::start_tag && e.name == "r"));
    REQUIRE(e.attr("k"));
    CHECK(*e.attr("k") == "1 & 2");
    CHECK(*e.attr("v") == ">");
    REQUIRE(x.next(e));
    CHECK((e.kind == XmlEvent::chars && e.text == "t<"));
    REQUIRE(x.next(e));
    CHECK((e.kind == XmlEvent::chars && e.text == "<raw>"));
    REQUIRE(x.next(e));
    CHECK((e.kind == XmlEvent::start_tag && e.name == "e" && e.empty));
    REQUIRE(x.next(e));
    CHECK((e.kind == XmlEvent::end_tag && e.name == "e"));
    REQUIRE(x.next(e));
    CHECK((e.kind == XmlEvent::end_tag && e.name == "r"));
    CHECK_FALSE(x.next(e));

    for (const char* bad : {"<a>", "<a b=1/>", "<a>&bogus;</a>", "</a>", "<a b=\"x/>", "<a><b</a>", "<a><b></a></b>"}) {
        XmlPull y(chunks(bad, 3), "t.xlsx: part");
        CHECK_THROWS_AS(
            {
                while (y.next(e)) {
                }
            },
            DataError);
    }
}

TEST_CASE("xlsx: a sheet to CSV") {
    const std::vector<std::string> shared = {"Id", "Text", "a, \"b\"\nc", "caf\xC3\xA9"};
    const std::vector<bool> dates = {false, true};
    const std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>Date</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\"><v>7</v></c><c r=\"B2\" t=\"s\"><v>2</v></c><c r=\"C2\" s=\"1\"><v>43835</v></c></row>"
        "<row r=\"4\"><c r=\"C4\" s=\"1\"><v>43835.5</v></c></row>"            // skipped row, cells
        "<row r=\"5\"><c r=\"A5\" s=\"0\"/><c r=\"B5\" s=\"1\"/></row>"          // no value: no record
        "<row r=\"6\"><c t=\"b\"><v>1</v></c><c t=\"inlineStr\"><is><r><t>ri</t></r><r><rPr/><t xml:space=\"preserve\">ch </t></r><rPh><t>X</t></rPh></is></c></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"e\"><v>#N/A</v></c><c r=\"B7\" t=\"str\"><f>B1</f><v>s&amp;t</v></c><c r=\"C7\" t=\"s\"><v>3</v></c><c r=\"D7\"><v>1.5</v></c></row>";
    const std::string want = "Id,Text,Date\n"
                             "7,\"a, \"\"b\"\"\nc\",05/01/2020\n"
                             ",,05/01/2020 12:00:00\n"
                             "TRUE,rich ,\n"
                             "#N/A,s&t,caf\xC3\xA9,1.5\n";
    CHECK(convert(sheet(rows), shared, dates) == want);
    CHECK(convert(sheet(rows), shared, dates, false, 1 << 20) == want);
    // Namespace prefixes.
    std::string prefixed = rows;
    for (const char* t : {"row", "c", "v", "is", "r", "t", "rPr", "rPh", "f"}) {
        for (std::string from : {std::string("<") + t + ">", std::string("<") + t + " ", std::string("<") + t + "/",
                                 std::string("</") + t + ">"}) {
            std::string to = from[1] == '/' ? "</x:" + from.substr(2) : "<x:" + from.substr(1);
            for (std::size_t i = 0; (i = prefixed.find(from, i)) != std::string::npos; i += to.size())
                prefixed.replace(i, from.size(), to);
        }
    }
    CHECK(convert(sheet(prefixed, "x:"), shared, dates) == want);
    // 1904 system.
    CHECK(convert(sheet("<row><c s=\"1\"><v>0</v></c></row>"), shared, dates, true) == "01/01/1904\n");
    // A shared string that is not there.
    CHECK_THROWS_WITH_AS(convert(sheet("<row r=\"3\"><c t=\"s\"><v>9</v></c></row>"), shared, dates),
                         "t.xlsx: sheet: row 3: shared string 9 does not exist (the workbook has 4)",
                         DataError);
    CHECK_THROWS_AS(convert(sheet("<row><c r=\"ZZZZ1\"><v>1</v></c></row>"), shared, dates), DataError);
}

TEST_CASE("xlsx: workbook, shared strings, styles, sheet choice") {
    const std::string wb =
        "<workbook xmlns:r=\"r\"><workbookPr date1904=\"1\"/><sheets><sheet name=\"Cover &amp; notes\" sheetId=\"1\" r:id=\"rId2\"/>"
        "<sheet name=\"Crimes\" sheetId=\"2\" r:id=\"rId1\"/><sheet name=\"2\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>";
    const std::string rels =
        "<Relationships><Relationship Id=\"rId1\" Type=\"http://x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://x/worksheet\" Target=\"/xl/worksheets/cover.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"http://x/chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>";
    Workbook w = parse_workbook(wb, rels, "b.xlsx");
    REQUIRE(w.sheets.size() == 3);
    CHECK(w.date1904);
    CHECK(w.sheets[0].name == "Cover & notes");
    CHECK(w.sheets[0].part == "xl/worksheets/cover.xml");
    CHECK(w.sheets[1].part == "xl/worksheets/sheet1.xml");
    CHECK(w.sheets[2].part == ""); // a chart sheet
    CHECK(choose_sheet(w, "", "b.xlsx") == 0);
    CHECK(choose_sheet(w, "Crimes", "b.xlsx") == 1);
    CHECK(choose_sheet(w, "CRIMES", "b.xlsx") == 1);
    CHECK(choose_sheet(w, "1", "b.xlsx") == 0);
    CHECK(choose_sheet(w, "2", "b.xlsx") == 2); // a sheet named "2" wins over the number
    CHECK_THROWS_WITH_AS(choose_sheet(w, "9", "b.xlsx"),
                         "--sheet '9': b.xlsx has no such sheet; its sheets are 1 'Cover & notes', 2 'Crimes', 3 '2'",
                         UsageError);

    XmlPull ss(chunks("<sst><si><t>a</t></si><si><r><t>b</t></r><r><t xml:space=\"preserve\"> c</t></r><rPh><t>P</t></rPh></si>"
                      "<si><t/></si><si><t>x_x0041_</t></si></sst>",
                      2),
               "sst");
    CHECK(parse_shared_strings(ss) == std::vector<std::string>{"a", "b c", "", "xA"});

    const std::string styles =
        "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"0.0&quot;d&quot;\"/></numFmts>"
        "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
        "<xf numFmtId=\"165\"/><xf/></cellXfs></styleSheet>";
    CHECK(parse_date_styles(styles, "b.xlsx") == std::vector<bool>{false, true, true, false, false});
    Workbook h = parse_workbook("<workbook><sheets><sheet name=\"Old\" state=\"hidden\" id=\"rId1\"/>"
                                "<sheet name=\"New\" state=\"visible\" id=\"rId1\"/></sheets></workbook>",
                                rels, "h.xlsx");
    REQUIRE(h.sheets.size() == 2);
    CHECK(h.sheets[0].hidden);
    CHECK_FALSE(h.sheets[1].hidden);
    CHECK(choose_sheet(h, "", "h.xlsx") == 1); // the first visible sheet
    CHECK(choose_sheet(h, "1", "h.xlsx") == 0);
    CHECK(workbook_members({"[Content_Types].xml", "xl/workbook.xml"}));
    CHECK_FALSE(workbook_members({"xl/workbook.xml"}));
}
