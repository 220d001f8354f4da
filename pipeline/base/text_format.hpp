// Small text helpers that every writer shares, so that one table, one report and one bench
// write the same thing the same way.
#pragma once

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

namespace moscan {

// 1234567 -> "1,234,567".
inline std::string thousands(std::uint64_t v) {
    std::string s = std::to_string(v);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

// A value as one Markdown table cell: '|' escaped, a line break as a space (a cell is one
// line), and a backtick as an apostrophe (a lone backtick would open a code span that runs
// into the next cells).
inline std::string md_cell(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else if (c == '`') out += '\'';
        else out.push_back(c);
    }
    return out;
}

// Whether a spreadsheet would read a cell that begins like `s` as a formula: '=', '+', '-',
// '@', a tab or a carriage return first (OWASP's list for CSV injection). The CSVs that carry
// free text (--hits, --rejects) put an apostrophe before such a cell, which Excel and
// LibreOffice show as text.
inline bool reads_as_formula(std::string_view s) {
    return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                          s[0] == '\t' || s[0] == '\r');
}

// A column name as columns are matched (reader.cpp, `patterns bench`): case, spaces, tabs,
// '_' and '-' ignored, so "MO Text", "mo_text" and "MOText" are one column.
inline std::string fold_column_name(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\r') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

} // namespace moscan
