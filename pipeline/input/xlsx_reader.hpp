// Excel workbooks (.xlsx) as input: one sheet turned into CSV text (RFC 4180, comma-delimited,
// UTF-8, LF line ends) that the CSV reader reads like any other CSV file (README "Input",
// "Spreadsheets"). Not to be confused with xlsx_writer.cpp, the report writer.
//
// The workbook is read with libarchive (zip), by path, in two passes: the first loads the small
// parts (xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml) and the shared strings (a
// vector of strings: cells refer to them by index), whatever the order of the members; the
// second streams the chosen sheet's XML, converted row by row in bounded buffers (the sheet is
// never in memory whole).
//
// Cells: t="s" shared string, t="inlineStr" (<is><t>, rich text runs concatenated, phonetic
// runs left out), t="str" formula string, t="b" FALSE/TRUE, t="e" the error text, t="d" the
// ISO 8601 text, a number as stored; a number whose style is a date format is written
// dd/mm/yyyy (dd/mm/yyyy HH:MM:SS when it has a time), in the 1900 (with Excel's 29 February
// 1900) or the 1904 date system. Cells are placed by their r="C5" reference; missing cells
// are empty fields; every row has at least as many fields as the first (the header); a row
// with no value at all is left out.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moscan::xlsx {

// ---- Building blocks (tested in tests/input/test_xlsx.cpp and tests/fuzz/xlsx.cpp) -----------------

// A source of bytes: up to n into buf, 0 at the end; may throw.
using Source = std::function<std::size_t(char* buf, std::size_t n)>;

struct XmlEvent {
    enum Kind { start_tag, end_tag, chars } kind = chars;
    std::string name;                                      // local name: "c" for <x:c>
    std::vector<std::pair<std::string, std::string>> attrs; // local names, decoded values
    bool empty = false;                                    // <c/>: an end event follows
    std::string text;                                      // decoded (entities, CDATA)
    const std::string* attr(std::string_view local) const;
};

// A pull tokenizer for the XML of Office parts: elements, attributes, text, entities, CDATA;
// comments, processing instructions and DOCTYPE skipped. Holds one tag or one text run at a
// time (refilled from the source in blocks). Malformed XML is a DataError "<what>: ...".
class XmlPull {
public:
    XmlPull(Source source, std::string what);
    // The next event; false at the end of the input.
    bool next(XmlEvent& e);
    const std::string& what() const { return what_; }

private:
    bool fill(); // more bytes; false at the end
    [[noreturn]] void fail(const std::string& why) const;
    Source source_;
    std::string what_;
    std::string buf_;
    std::size_t pos_ = 0;
    bool eof_ = false;
    bool pending_end_ = false; // after an empty element's start event
    std::string pending_name_;
    std::vector<std::string> open_; // the elements not yet closed (local names)
};

// XML character and entity references decoded (&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;);
// false on an unknown or malformed one.
bool decode_entities(std::string_view s, std::string& out);
// Excel's _xHHHH_ escapes (in shared and inline strings) decoded; _x005F_ escapes the '_'.
std::string decode_x_escapes(std::string_view s);
// "C5" -> column 2 (0-based) and row 5; false when the reference is malformed.
bool parse_cell_ref(std::string_view ref, std::uint32_t& column, std::uint64_t& row);
// An Excel serial date (days since 1899-12-30 or 1904-01-01, fraction the time) as
// dd/mm/yyyy or dd/mm/yyyy HH:MM:SS; empty when it is not a date from 1900 (or 1904) to 9999,
// or is the 1900 system's nonexistent 29 February 1900 (serial 60).
std::string serial_to_date(std::string_view number, bool date1904);
// Whether a number format code shows a date: d, m or y outside quotes, brackets and escapes.
bool date_format_code(std::string_view code);
// Built-in number formats 14-22 and 45-47 (dates and times).
bool builtin_date_format(unsigned id);

struct Sheet {
    std::string name; // as in workbook.xml
    std::string part; // "xl/worksheets/sheet1.xml"
    bool hidden = false; // state="hidden" or "veryHidden"
};
struct Workbook {
    std::vector<Sheet> sheets;
    bool date1904 = false;
};
// xl/workbook.xml and xl/_rels/workbook.xml.rels; `what` names the workbook in errors.
Workbook parse_workbook(std::string_view workbook_xml, std::string_view rels_xml,
                        const std::string& what);
// xl/sharedStrings.xml: the strings, in order.
std::vector<std::string> parse_shared_strings(XmlPull& xml);
// xl/styles.xml: for each cellXfs entry (a cell's s="N"), whether it is a date format.
std::vector<bool> parse_date_styles(std::string_view styles_xml, const std::string& what);
// The sheet chosen by --sheet: empty is the first visible one (the first when all are hidden);
// else a name as written, then a 1-based number, then a name ignoring case. Throws UsageError
// naming `what` and listing the sheets.
std::size_t choose_sheet(const Workbook& wb, const std::string& choice, const std::string& what);

// One sheet's XML to CSV text, pulled block by block.
struct SheetContext {
    const std::vector<std::string>* shared = nullptr;
    const std::vector<bool>* date_styles = nullptr;
    bool date1904 = false;
};
class SheetToCsv {
public:
    SheetToCsv(Source sheet_xml, SheetContext ctx, std::string what);
    // Up to n bytes of CSV; 0 at the end.
    std::size_t read(char* buf, std::size_t n);
    std::uint64_t rows() const { return rows_; } // records written (the header included)

private:
    bool convert_more(); // appends at least one row to out_; false at the end
    void end_cell();
    void end_row();
    [[noreturn]] void fail(const std::string& why) const;

    XmlPull xml_;
    SheetContext ctx_;
    std::string what_;
    std::string out_;
    std::size_t out_pos_ = 0;
    bool done_ = false;
    std::uint64_t rows_ = 0;
    std::size_t width_ = 0; // the header's field count
    // The row being read.
    std::vector<std::string> fields_;
    std::uint64_t row_ = 0;
    std::uint32_t next_col_ = 0;
    bool in_sheet_data_ = false, in_row_ = false, in_cell_ = false;
    // The cell being read.
    std::uint32_t col_ = 0;
    std::string type_;
    long style_ = -1;
    std::string value_;   // <v>
    std::string inline_;  // <is> text
    int text_target_ = 0; // 0 none, 1 <v>, 2 <t> inside <is> (not in <rPh>)
    int phonetic_ = 0;    // depth inside <rPh>
    bool in_is_ = false;
};

// ---- The workbook file -------------------------------------------------------------------

// Whether the names of a zip's members are an Excel workbook's ([Content_Types].xml and
// xl/workbook.xml).
bool workbook_members(const std::vector<std::string>& members);

class WorkbookReader {
public:
    // `path` is read (twice) with libarchive; `shown` names it in errors and notes; `sheet` is
    // --sheet (empty: the first). Throws DataError (corrupt zip or XML: "a.xlsx: part: ..."),
    // UsageError (unknown sheet).
    WorkbookReader(const std::string& path, const std::string& shown, const std::string& sheet);
    ~WorkbookReader();
    WorkbookReader(const WorkbookReader&) = delete;
    WorkbookReader& operator=(const WorkbookReader&) = delete;
    // Up to n bytes of the sheet as CSV; 0 at the end.
    std::size_t read(char* buf, std::size_t n);
    // "a.xlsx: Excel workbook, sheet 'Crimes' (1 of 3), read as CSV ..."
    std::string note() const;
    const std::string& sheet_name() const;

    struct Zip;

private:
    std::string path_, shown_;
    Workbook workbook_;
    std::size_t sheet_ = 0;
    std::vector<std::string> shared_;
    std::vector<bool> date_styles_;
    std::unique_ptr<Zip> zip_;
    std::unique_ptr<SheetToCsv> sheet_csv_;
};

} // namespace moscan::xlsx
