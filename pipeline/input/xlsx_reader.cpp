#include "pipeline/input/xlsx_reader.hpp"

#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/strings.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace moscan::xlsx {

namespace {

constexpr std::size_t kRead = 64u << 10;            // bytes pulled from a part at a time
constexpr std::size_t kMaxToken = 64u << 20;        // one tag or text run
constexpr std::size_t kMaxSmallPart = 64u << 20;    // workbook.xml, its rels, styles.xml
constexpr std::uint32_t kMaxColumns = 16384;        // A..XFD

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view local(std::string_view name) {
    std::size_t colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool valid_scalar(std::uint32_t cp) {
    return cp != 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

std::string lower(std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return r;
}

template <class T> bool parse_uint(std::string_view s, T& out) {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    if (s.empty()) return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

Source string_source(std::string_view s) {
    auto pos = std::make_shared<std::size_t>(0);
    return [s, pos](char* buf, std::size_t n) {
        std::size_t k = std::min(n, s.size() - *pos);
        std::memcpy(buf, s.data() + *pos, k);
        *pos += k;
        return k;
    };
}

// Resolves a relationship target against xl/ ("worksheets/a.xml", "/xl/worksheets/a.xml",
// "../xl/a.xml").
std::string resolve_part(std::string_view target) {
    std::vector<std::string> parts;
    std::string base = target.size() && target[0] == '/' ? "" : "xl/";
    std::string full = base + std::string(target);
    std::size_t i = 0;
    while (i <= full.size()) {
        std::size_t j = full.find('/', i);
        if (j == std::string::npos) j = full.size();
        std::string seg = full.substr(i, j - i);
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        i = j + 1;
    }
    std::string r;
    for (const auto& p : parts) r += (r.empty() ? "" : "/") + p;
    return r;
}

} // namespace

const std::string* XmlEvent::attr(std::string_view name) const {
    for (const auto& a : attrs)
        if (a.first == name) return &a.second;
    return nullptr;
}

// ---------------------------------------------------------------------------------------------

bool decode_entities(std::string_view s, std::string& out) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t amp = s.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(s.substr(i));
            break;
        }
        out.append(s.substr(i, amp - i));
        std::size_t semi = s.find(';', amp);
        if (semi == std::string_view::npos || semi - amp > 12) return false;
        std::string_view ent = s.substr(amp + 1, semi - amp - 1);
        if (ent == "amp") out.push_back('&');
        else if (ent == "lt") out.push_back('<');
        else if (ent == "gt") out.push_back('>');
        else if (ent == "quot") out.push_back('"');
        else if (ent == "apos") out.push_back('\'');
        else if (ent.size() >= 2 && ent[0] == '#') {
            std::uint32_t cp = 0;
            std::string_view digits = ent.substr(1);
            int base = 10;
            if (digits[0] == 'x' || digits[0] == 'X') {
                base = 16;
                digits.remove_prefix(1);
            }
            if (digits.empty()) return false;
            auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp, base);
            if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || !valid_scalar(cp))
                return false;
            append_utf8(out, cp);
        } else {
            return false;
        }
        i = semi + 1;
    }
    return true;
}

std::string decode_x_escapes(std::string_view s) {
    if (s.find("_x") == std::string_view::npos) return std::string(s);
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            std::uint32_t cp = 0;
            auto r = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
            if (r.ec == std::errc() && r.ptr == s.data() + i + 6) {
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 13 < s.size() && s[i + 7] == '_' &&
                    s[i + 8] == 'x' && s[i + 13] == '_') {
                    std::uint32_t lo = 0;
                    auto r2 = std::from_chars(s.data() + i + 9, s.data() + i + 13, lo, 16);
                    if (r2.ec == std::errc() && r2.ptr == s.data() + i + 13 && lo >= 0xDC00 &&
                        lo <= 0xDFFF) {
                        append_utf8(out, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
                        i += 14;
                        continue;
                    }
                }
                append_utf8(out, valid_scalar(cp) ? cp : 0xFFFD);
                i += 7;
                continue;
            }
        }
        out.push_back(s[i]);
        ++i;
    }
    return out;
}

bool parse_cell_ref(std::string_view ref, std::uint32_t& column, std::uint64_t& row) {
    std::size_t i = 0;
    std::uint32_t col = 0;
    while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
        col = col * 26 + static_cast<std::uint32_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
        if (col > kMaxColumns) return false;
        ++i;
    }
    if (i == 0 || i == ref.size()) return false;
    std::uint64_t r = 0;
    if (!parse_uint(ref.substr(i), r) || r == 0 || !std::isdigit(static_cast<unsigned char>(ref[i])))
        return false;
    column = col - 1;
    row = r;
    return true;
}

std::string serial_to_date(std::string_view number, bool date1904) {
    double v = 0;
    while (!number.empty() && space(number.front())) number.remove_prefix(1);
    while (!number.empty() && space(number.back())) number.remove_suffix(1);
    if (number.empty()) return {};
    auto r = std::from_chars(number.data(), number.data() + number.size(), v);
    if (r.ec != std::errc() || r.ptr != number.data() + number.size() || !std::isfinite(v))
        return {};
    if (v < (date1904 ? 0.0 : 1.0) || v > 3000000.0) return {};
    long long days = static_cast<long long>(std::floor(v));
    long long secs = std::llround((v - static_cast<double>(days)) * 86400.0);
    if (secs >= 86400) {
        ++days;
        secs -= 86400;
    }
    Day day;
    if (date1904) {
        day = days_from_civil(1904, 1, 1) + static_cast<Day>(days);
    } else {
        if (days == 60) return {}; // 29 February 1900, which Excel has and the calendar has not
        day = days < 60 ? days_from_civil(1899, 12, 31) + static_cast<Day>(days)
                        : days_from_civil(1899, 12, 30) + static_cast<Day>(days);
    }
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    if (y > 9999) return {};
    char buf[48];
    if (secs == 0)
        std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", d, m, y);
    else
        std::snprintf(buf, sizeof buf, "%02u/%02u/%04d %02lld:%02lld:%02lld", d, m, y, secs / 3600,
                      secs / 60 % 60, secs % 60);
    return buf;
}

bool date_format_code(std::string_view code) {
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            std::size_t e = code.find('"', i + 1);
            if (e == std::string_view::npos) return false;
            i = e;
        } else if (c == '[') {
            std::size_t e = code.find(']', i + 1);
            if (e == std::string_view::npos) return false;
            i = e;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i; // an escaped, padding or fill character
        } else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y') {
            return true;
        }
    }
    return false;
}

bool builtin_date_format(unsigned id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47); }

// ---------------------------------------------------------------------------------------------

XmlPull::XmlPull(Source source, std::string what) : source_(std::move(source)), what_(std::move(what)) {}

void XmlPull::fail(const std::string& why) const {
    throw DataError(what_ + ": malformed XML: " + why + "; check the workbook opens in Excel");
}

bool XmlPull::fill() {
    if (eof_) return false;
    if (buf_.size() - pos_ > kMaxToken) fail("an XML tag or text longer than 64 MiB");
    const std::size_t old = buf_.size();
    buf_.resize(old + kRead);
    std::size_t got = source_(buf_.data() + old, kRead);
    buf_.resize(old + got);
    if (got == 0) {
        eof_ = true;
        return false;
    }
    return true;
}

bool XmlPull::next(XmlEvent& e) {
    e.attrs.clear();
    e.text.clear();
    e.empty = false;
    if (pending_end_) {
        pending_end_ = false;
        e.kind = XmlEvent::end_tag;
        e.name = std::move(pending_name_);
        open_.pop_back();
        return true;
    }
    // Bytes already handed on go (positions only move forward inside one call).
    if (pos_ >= kRead) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
    // Finds `pat` at or after `from`, reading more as needed; npos at the end of the input.
    auto find = [&](std::string_view pat, std::size_t from) {
        while (true) {
            std::size_t f = buf_.find(pat, from);
            if (f != std::string::npos) return f;
            from = buf_.size() >= pat.size() ? std::max(from, buf_.size() - pat.size() + 1) : from;
            if (!fill()) return std::string::npos;
        }
    };
    while (true) {
        if (pos_ >= buf_.size() && !fill()) {
            if (!open_.empty()) fail("unexpected end of the XML (<" + open_.back() + "> is not closed)");
            return false;
        }
        if (buf_[pos_] != '<') {
            std::size_t lt = find("<", pos_);
            std::size_t end = lt == std::string::npos ? buf_.size() : lt;
            std::string_view raw(buf_.data() + pos_, end - pos_);
            pos_ = end;
            if (open_.empty()) continue; // whitespace (or junk) outside the root element
            if (!decode_entities(raw, e.text)) fail("a bad character or entity reference");
            e.kind = XmlEvent::chars;
            return true;
        }
        // Markup: need a few bytes to tell which.
        while (buf_.size() - pos_ < 9 && fill()) {
        }
        std::string_view head(buf_.data() + pos_, std::min<std::size_t>(9, buf_.size() - pos_));
        if (head.substr(0, 2) == "<?") {
            std::size_t f = find("?>", pos_ + 2);
            if (f == std::string::npos) fail("unterminated processing instruction");
            pos_ = f + 2;
            continue;
        }
        if (head.substr(0, 4) == "<!--") {
            std::size_t f = find("-->", pos_ + 4);
            if (f == std::string::npos) fail("unterminated comment");
            pos_ = f + 3;
            continue;
        }
        if (head == "<![CDATA[") {
            std::size_t f = find("]]>", pos_ + 9);
            if (f == std::string::npos) fail("unterminated CDATA section");
            e.text.assign(buf_, pos_ + 9, f - pos_ - 9);
            pos_ = f + 3;
            if (open_.empty()) continue;
            e.kind = XmlEvent::chars;
            return true;
        }
        if (head.substr(0, 2) == "<!") {
            std::size_t f = find(">", pos_ + 2);
            if (f == std::string::npos) fail("unterminated declaration");
            pos_ = f + 1;
            continue;
        }
        // A tag: up to '>' outside quoted attribute values.
        std::size_t i = pos_ + 1;
        char quote = 0;
        while (true) {
            if (i >= buf_.size() && !fill()) fail("unterminated tag");
            const char c = buf_[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            } else if (c == '<') {
                fail("'<' inside a tag");
            }
            ++i;
        }
        std::string_view tag(buf_.data() + pos_ + 1, i - pos_ - 1);
        pos_ = i + 1;
        if (!tag.empty() && tag[0] == '/') {
            tag.remove_prefix(1);
            while (!tag.empty() && space(tag.back())) tag.remove_suffix(1);
            if (tag.empty()) fail("an end tag without a name");
            if (open_.empty()) fail("an end tag </" + std::string(tag) + "> without a start");
            if (local(tag) != open_.back())
                fail("</" + std::string(tag) + "> where <" + open_.back() + "> is open");
            e.kind = XmlEvent::end_tag;
            e.name = std::move(open_.back());
            open_.pop_back();
            return true;
        }
        if (!tag.empty() && tag.back() == '/') {
            e.empty = true;
            tag.remove_suffix(1);
        }
        std::size_t k = 0;
        while (k < tag.size() && !space(tag[k])) ++k;
        if (k == 0) fail("a tag without a name");
        e.kind = XmlEvent::start_tag;
        e.name = std::string(local(tag.substr(0, k)));
        while (true) {
            while (k < tag.size() && space(tag[k])) ++k;
            if (k >= tag.size()) break;
            std::size_t n0 = k;
            while (k < tag.size() && tag[k] != '=' && !space(tag[k])) ++k;
            std::string_view an = tag.substr(n0, k - n0);
            while (k < tag.size() && space(tag[k])) ++k;
            if (k >= tag.size() || tag[k] != '=') fail("an attribute without a value in <" + e.name + ">");
            ++k;
            while (k < tag.size() && space(tag[k])) ++k;
            if (k >= tag.size() || (tag[k] != '"' && tag[k] != '\''))
                fail("an unquoted attribute value in <" + e.name + ">");
            const char q = tag[k++];
            std::size_t v0 = k;
            while (k < tag.size() && tag[k] != q) ++k;
            if (k >= tag.size()) fail("an unterminated attribute value in <" + e.name + ">");
            std::string value;
            if (!decode_entities(tag.substr(v0, k - v0), value))
                fail("a bad character or entity reference in <" + e.name + ">");
            ++k;
            e.attrs.emplace_back(std::string(local(an)), std::move(value));
        }
        open_.push_back(e.name);
        if (e.empty) {
            pending_end_ = true;
            pending_name_ = e.name;
        }
        return true;
    }
}

// ---------------------------------------------------------------------------------------------

Workbook parse_workbook(std::string_view workbook_xml, std::string_view rels_xml,
                       const std::string& what) {
    struct Entry {
        std::string name, rid;
        bool hidden;
    };
    std::vector<Entry> entries;
    Workbook wb;
    {
        XmlPull x(string_source(workbook_xml), what + ": xl/workbook.xml");
        XmlEvent e;
        while (x.next(e)) {
            if (e.kind != XmlEvent::start_tag) continue;
            if (e.name == "workbookPr") {
                if (const auto* d = e.attr("date1904")) wb.date1904 = *d == "1" || *d == "true";
            } else if (e.name == "sheet") {
                const auto* n = e.attr("name");
                const auto* id = e.attr("id");
                const auto* st = e.attr("state");
                entries.push_back({n ? *n : "", id ? *id : "", st && *st != "visible"});
            }
        }
    }
    std::map<std::string, std::pair<std::string, std::string>> rels; // Id -> (Target, Type)
    {
        XmlPull x(string_source(rels_xml), what + ": xl/_rels/workbook.xml.rels");
        XmlEvent e;
        while (x.next(e)) {
            if (e.kind != XmlEvent::start_tag || e.name != "Relationship") continue;
            const auto* id = e.attr("Id");
            const auto* target = e.attr("Target");
            const auto* type = e.attr("Type");
            if (id && target) rels[*id] = {*target, type ? *type : ""};
        }
    }
    for (const auto& en : entries) {
        Sheet s;
        s.name = en.name;
        s.hidden = en.hidden;
        auto it = rels.find(en.rid);
        if (it != rels.end()) {
            const std::string& type = it->second.second;
            if (type.find("chartsheet") == std::string::npos &&
                type.find("dialogsheet") == std::string::npos)
                s.part = resolve_part(it->second.first);
        }
        wb.sheets.push_back(std::move(s));
    }
    return wb;
}

std::vector<std::string> parse_shared_strings(XmlPull& x) {
    std::vector<std::string> out;
    XmlEvent e;
    bool in_si = false, in_t = false;
    int phonetic = 0;
    std::string cur;
    while (x.next(e)) {
        if (e.kind == XmlEvent::start_tag) {
            if (e.name == "si") {
                in_si = true;
                cur.clear();
            } else if (e.name == "rPh") {
                ++phonetic;
            } else if (e.name == "t" && in_si && phonetic == 0) {
                in_t = true;
            }
        } else if (e.kind == XmlEvent::end_tag) {
            if (e.name == "si" && in_si) {
                out.push_back(decode_x_escapes(cur));
                in_si = false;
            } else if (e.name == "rPh" && phonetic > 0) {
                --phonetic;
            } else if (e.name == "t") {
                in_t = false;
            }
        } else if (in_t) {
            cur += e.text;
        }
    }
    return out;
}

std::vector<bool> parse_date_styles(std::string_view styles_xml, const std::string& what) {
    std::vector<bool> out;
    std::map<unsigned, bool> custom;
    XmlPull x(string_source(styles_xml), what + ": xl/styles.xml");
    XmlEvent e;
    bool in_xfs = false;
    while (x.next(e)) {
        if (e.kind == XmlEvent::start_tag) {
            if (e.name == "numFmt") {
                unsigned id = 0;
                const auto* i = e.attr("numFmtId");
                const auto* code = e.attr("formatCode");
                if (i && code && parse_uint(*i, id)) custom[id] = date_format_code(*code);
            } else if (e.name == "cellXfs") {
                in_xfs = true;
            } else if (e.name == "xf" && in_xfs) {
                unsigned id = 0;
                const auto* i = e.attr("numFmtId");
                bool date = false;
                if (i && parse_uint(*i, id)) {
                    auto it = custom.find(id);
                    date = it != custom.end() ? it->second : builtin_date_format(id);
                }
                out.push_back(date);
            }
        } else if (e.kind == XmlEvent::end_tag && e.name == "cellXfs") {
            in_xfs = false;
        }
    }
    return out;
}

std::size_t choose_sheet(const Workbook& wb, const std::string& choice, const std::string& what) {
    if (wb.sheets.empty())
        throw DataError(what + ": looks like an Excel workbook, but xl/workbook.xml lists no sheets");
    if (choice.empty()) {
        for (std::size_t i = 0; i < wb.sheets.size(); ++i)
            if (!wb.sheets[i].hidden) return i;
        return 0;
    }
    for (std::size_t i = 0; i < wb.sheets.size(); ++i)
        if (wb.sheets[i].name == choice) return i;
    std::size_t n = 0;
    if (parse_uint(choice, n) && n >= 1 && n <= wb.sheets.size()) return n - 1;
    for (std::size_t i = 0; i < wb.sheets.size(); ++i)
        if (lower(wb.sheets[i].name) == lower(choice)) return i;
    std::string list;
    for (std::size_t i = 0; i < wb.sheets.size(); ++i)
        list += (i ? ", " : "") + std::to_string(i + 1) + " '" + wb.sheets[i].name + "'";
    throw UsageError("--sheet '" + choice + "': " + what + " has no such sheet; its sheets are " + list);
}

// ---------------------------------------------------------------------------------------------

SheetToCsv::SheetToCsv(Source sheet_xml, SheetContext ctx, std::string what)
    : xml_(std::move(sheet_xml), what), ctx_(ctx), what_(std::move(what)) {}

void SheetToCsv::fail(const std::string& why) const {
    throw DataError(what_ + ": row " + std::to_string(row_) + ": " + why);
}

std::size_t SheetToCsv::read(char* buf, std::size_t n) {
    while (out_pos_ == out_.size()) {
        out_.clear();
        out_pos_ = 0;
        if (done_ || !convert_more()) {
            done_ = true;
            return 0;
        }
    }
    std::size_t k = std::min(n, out_.size() - out_pos_);
    std::memcpy(buf, out_.data() + out_pos_, k);
    out_pos_ += k;
    return k;
}

void SheetToCsv::end_cell() {
    std::string v;
    if (type_ == "s") {
        std::size_t idx = 0;
        if (!parse_uint(value_, idx)) fail("a shared string cell without an index");
        if (!ctx_.shared || idx >= ctx_.shared->size())
            fail("shared string " + std::to_string(idx) + " does not exist (the workbook has " +
                 std::to_string(ctx_.shared ? ctx_.shared->size() : 0) + ")");
        v = (*ctx_.shared)[idx];
    } else if (type_ == "inlineStr") {
        v = decode_x_escapes(inline_);
    } else if (type_ == "b") {
        v = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    } else if (type_ == "str" || type_ == "e" || type_ == "d") {
        v = value_;
    } else {
        v = value_;
        if (!v.empty() && style_ >= 0 && ctx_.date_styles &&
            static_cast<std::size_t>(style_) < ctx_.date_styles->size() &&
            (*ctx_.date_styles)[static_cast<std::size_t>(style_)]) {
            std::string d = serial_to_date(v, ctx_.date1904);
            if (!d.empty()) v = std::move(d);
        }
    }
    if (col_ >= fields_.size()) fields_.resize(col_ + 1);
    fields_[col_] = std::move(v);
    next_col_ = col_ + 1;
}

void SheetToCsv::end_row() {
    while (!fields_.empty() && fields_.back().empty()) fields_.pop_back();
    if (fields_.empty()) return; // no value: not a record
    if (rows_ == 0) width_ = fields_.size();
    if (fields_.size() < width_) fields_.resize(width_);
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (i) out_.push_back(',');
        const std::string& f = fields_[i];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            out_ += f;
        } else {
            out_.push_back('"');
            for (char c : f) {
                if (c == '"') out_.push_back('"');
                out_.push_back(c);
            }
            out_.push_back('"');
        }
    }
    out_.push_back('\n');
    ++rows_;
}

bool SheetToCsv::convert_more() {
    XmlEvent e;
    while (xml_.next(e)) {
        if (e.kind == XmlEvent::start_tag) {
            if (e.name == "sheetData") {
                in_sheet_data_ = true;
            } else if (e.name == "row" && in_sheet_data_ && !in_row_) {
                in_row_ = true;
                std::uint64_t r = 0;
                const auto* ra = e.attr("r");
                if (ra && parse_uint(*ra, r) && r > 0) row_ = r;
                else ++row_;
                fields_.clear();
                next_col_ = 0;
            } else if (e.name == "c" && in_row_ && !in_cell_) {
                in_cell_ = true;
                const auto* ref = e.attr("r");
                std::uint64_t r = 0;
                if (ref) {
                    if (!parse_cell_ref(*ref, col_, r)) fail("a bad cell reference '" + *ref + "'");
                } else {
                    col_ = next_col_;
                    if (col_ >= kMaxColumns) fail("more than 16384 columns");
                }
                const auto* t = e.attr("t");
                type_ = t ? *t : "";
                style_ = -1;
                if (const auto* s = e.attr("s")) {
                    long st = 0;
                    if (parse_uint(*s, st)) style_ = st;
                }
                value_.clear();
                inline_.clear();
                in_is_ = false;
                phonetic_ = 0;
                text_target_ = 0;
            } else if (in_cell_) {
                if (e.name == "v") text_target_ = 1;
                else if (e.name == "is") in_is_ = true;
                else if (e.name == "rPh") ++phonetic_;
                else if (e.name == "t" && in_is_ && phonetic_ == 0) text_target_ = 2;
            }
        } else if (e.kind == XmlEvent::end_tag) {
            if (e.name == "sheetData") {
                in_sheet_data_ = false;
            } else if (e.name == "row" && in_row_ && !in_cell_) {
                in_row_ = false;
                end_row();
                if (!out_.empty()) return true;
            } else if (e.name == "c" && in_cell_) {
                in_cell_ = false;
                end_cell();
            } else if (in_cell_) {
                if (e.name == "v" || e.name == "t") text_target_ = 0;
                else if (e.name == "is") in_is_ = false;
                else if (e.name == "rPh" && phonetic_ > 0) --phonetic_;
            }
        } else if (in_cell_) {
            if (text_target_ == 1) value_ += e.text;
            else if (text_target_ == 2) inline_ += e.text;
            if (value_.size() + inline_.size() > kMaxToken) fail("a cell longer than 64 MiB");
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------

bool workbook_members(const std::vector<std::string>& members) {
    bool types = false, book = false;
    for (const auto& m : members) {
        std::string l = lower(m);
        types = types || l == "[content_types].xml";
        book = book || l == "xl/workbook.xml";
    }
    return types && book;
}

struct WorkbookReader::Zip {
    archive* a = nullptr;
    std::string shown, part;
    ~Zip() {
        if (a) archive_read_free(a);
    }
    [[noreturn]] void corrupt(const std::string& what) const {
        const char* msg = archive_error_string(a);
        throw DataError(shown + ": " + (part.empty() ? std::string() : part + ": ") + what +
                        (msg ? std::string(" (") + msg + ")" : std::string()) +
                        "; check the file is complete (unzip -t)");
    }
    void open(const std::string& path) {
        a = archive_read_new();
        archive_read_support_format_zip(a);
        if (archive_read_open_filename(a, path.c_str(), 64u << 10) != ARCHIVE_OK)
            corrupt("cannot read the workbook as a zip archive");
    }
    // The next member's name; false at the end.
    bool next(std::string& name) {
        archive_entry* e = nullptr;
        part.clear();
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF) return false;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) corrupt("corrupt zip archive");
        const char* p = archive_entry_pathname_utf8(e);
        if (!p) p = archive_entry_pathname(e);
        name = p ? p : "";
        part = name;
        if (archive_entry_is_encrypted(e))
            throw NoInputError(shown + ": " + name + ": the workbook is encrypted; save it without a password");
        return true;
    }
    std::size_t read(char* buf, std::size_t n) {
        la_ssize_t r = archive_read_data(a, buf, n);
        if (r < 0) corrupt("corrupt data");
        return static_cast<std::size_t>(r);
    }
    std::string read_all() {
        std::string s;
        char buf[1 << 16];
        while (std::size_t n = read(buf, sizeof buf)) {
            s.append(buf, n);
            if (s.size() > kMaxSmallPart) throw DataError(shown + ": " + part + ": larger than 64 MiB");
        }
        return s;
    }
};

WorkbookReader::WorkbookReader(const std::string& path, const std::string& shown,
                               const std::string& sheet)
    : path_(path), shown_(shown) {
    // Pass 1: the small parts and the shared strings, in whatever order they come.
    std::string workbook_xml, rels_xml, styles_xml;
    bool have_workbook = false;
    {
        Zip z;
        z.shown = shown;
        z.open(path);
        std::string name;
        while (z.next(name)) {
            const std::string l = lower(name);
            if (l == "xl/workbook.xml") {
                workbook_xml = z.read_all();
                have_workbook = true;
            } else if (l == "xl/_rels/workbook.xml.rels") {
                rels_xml = z.read_all();
            } else if (l == "xl/styles.xml") {
                styles_xml = z.read_all();
            } else if (l == "xl/sharedstrings.xml") {
                XmlPull x([&z](char* b, std::size_t n) { return z.read(b, n); }, shown + ": " + name);
                shared_ = parse_shared_strings(x);
            }
        }
    }
    if (!have_workbook) throw DataError(shown + ": not an Excel workbook (no xl/workbook.xml)");
    workbook_ = parse_workbook(workbook_xml, rels_xml, shown);
    sheet_ = choose_sheet(workbook_, sheet, shown);
    const Sheet& s = workbook_.sheets[sheet_];
    if (s.part.empty())
        throw DataError(shown + ": sheet '" + s.name +
                        "' is a chart sheet or has no part in xl/_rels/workbook.xml.rels; choose "
                        "another with --sheet");
    if (!styles_xml.empty()) date_styles_ = parse_date_styles(styles_xml, shown);

    // Pass 2: the sheet, streamed.
    zip_ = std::make_unique<Zip>();
    zip_->shown = shown;
    zip_->open(path);
    std::string name;
    const std::string want = lower(s.part);
    bool found = false;
    while (zip_->next(name))
        if (lower(name) == want) {
            found = true;
            break;
        }
    if (!found)
        throw DataError(shown + ": sheet '" + s.name + "': its part " + s.part +
                        " is not in the archive");
    Zip* z = zip_.get();
    SheetContext ctx{&shared_, &date_styles_, workbook_.date1904};
    sheet_csv_ = std::make_unique<SheetToCsv>([z](char* b, std::size_t n) { return z->read(b, n); },
                                              ctx, shown + ": " + name);
}

WorkbookReader::~WorkbookReader() = default;

std::size_t WorkbookReader::read(char* buf, std::size_t n) { return sheet_csv_->read(buf, n); }

const std::string& WorkbookReader::sheet_name() const { return workbook_.sheets[sheet_].name; }

std::string WorkbookReader::note() const {
    return shown_ + ": Excel workbook, sheet '" + workbook_.sheets[sheet_].name + "' (" +
           std::to_string(sheet_ + 1) + " of " + std::to_string(workbook_.sheets.size()) + ")" +
           (workbook_.sheets[sheet_].hidden ? " (a hidden sheet)" : "") + ", read as CSV" + (workbook_.sheets.size() > 1 ? " (--sheet to choose another)" : "");
}

} // namespace moscan::xlsx
