// One-line snippets of free text around a byte range, for the reports that show where a
// pattern set matched or missed (eval, discover).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace moscan {

inline bool is_utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// About `context` bytes either side of [begin, end), cut on UTF-8 boundaries, line breaks and
// tabs as spaces, the range marked [[ ]] (when not empty), "..." where the text goes on.
inline std::string snippet(std::string_view text, std::size_t begin, std::size_t end,
                           std::size_t context = 60) {
    std::size_t from = begin > context ? begin - context : 0;
    std::size_t to = std::min(text.size(), end + context);
    while (from > 0 && from < text.size() &&
           is_utf8_continuation(static_cast<unsigned char>(text[from])))
        --from;
    while (to < text.size() && is_utf8_continuation(static_cast<unsigned char>(text[to]))) ++to;
    auto flat = [](std::string_view s) {
        std::string out;
        for (char c : s) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        return out;
    };
    std::string out;
    if (from > 0) out += "...";
    out += flat(text.substr(from, begin - from));
    if (end > begin) {
        out += "[[";
        out += flat(text.substr(begin, end - begin));
        out += "]]";
    }
    out += flat(text.substr(end, to - end));
    if (to < text.size()) out += "...";
    return out;
}

} // namespace moscan
