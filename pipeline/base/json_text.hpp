// JSON string literals, written one way everywhere (outputs, hits file, eval, generator):
// '"', '\\' and control characters escaped, other bytes (UTF-8 included) copied as they are.
#pragma once

#include "pipeline/base/strings.hpp"

#include <string>
#include <string_view>

namespace moscan {

inline void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + from, i - from);
        from = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out.append(s.data() + from, s.size() - from);
    out += '"';
}

inline std::string json_string(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    append_json_string(out, s);
    return out;
}

// The value of a JSON string literal's content (between the quotes, escapes still in it),
// appended to out: \" \\ \/ \b \f \n \r \t and \uXXXX (surrogate pairs joined) decoded to
// UTF-8. False for an invalid escape or a lone surrogate; out is then unspecified.
inline bool append_json_unescaped(std::string& out, std::string_view raw) {
    auto hex4 = [&](std::size_t at, unsigned& v) {
        if (at + 4 > raw.size()) return false;
        v = 0;
        for (std::size_t k = at; k < at + 4; ++k) {
            const char c = raw[k];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    };
    std::size_t i = 0;
    while (i < raw.size()) {
        const std::size_t b = raw.find('\\', i);
        if (b == std::string_view::npos) {
            out.append(raw.data() + i, raw.size() - i);
            return true;
        }
        out.append(raw.data() + i, b - i);
        if (b + 1 >= raw.size()) return false;
        const char e = raw[b + 1];
        i = b + 2;
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            unsigned cp = 0;
            if (!hex4(i, cp)) return false;
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { // high surrogate: a low one must follow
                unsigned lo = 0;
                if (i + 6 > raw.size() || raw[i] != '\\' || raw[i + 1] != 'u' || !hex4(i + 2, lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            }
            append_utf8(out, cp);
            break;
        }
        default: return false;
        }
    }
    return true;
}

// Whether `t` is a JSON number as the grammar has it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
inline bool json_number_valid(std::string_view t) {
    std::size_t i = 0;
    const std::size_t n = t.size();
    auto digits = [&] {
        const std::size_t from = i;
        while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
        return i > from;
    };
    if (i < n && t[i] == '-') ++i;
    if (i < n && t[i] == '0') ++i;
    else if (!digits()) return false;
    if (i < n && t[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

// Whether a scalar's raw token (simdjson's raw_json_token(), whitespace after it allowed) is
// valid JSON: a string whose escapes are valid (stage 1 has checked that it is closed and has
// no control character), true, false, null or a number. simdjson On Demand does not look at
// the values it skips nor at an atom's letters until it is read as such: barewords
// ("MOText":snapchat), 01, 1., .5, +1, NaN are caught here. `scratch` is used for escapes.
inline bool json_scalar_valid(std::string_view tok, std::string& scratch) {
    while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\t' || tok.back() == '\r' ||
                            tok.back() == '\n'))
        tok.remove_suffix(1);
    if (tok.empty()) return false;
    switch (tok[0]) {
    case '"': {
        if (tok.size() < 2 || tok.back() != '"') return false;
        const std::string_view inner = tok.substr(1, tok.size() - 2);
        if (inner.find('\\') == std::string_view::npos) return true;
        scratch.clear();
        return append_json_unescaped(scratch, inner);
    }
    case 't': return tok == "true";
    case 'f': return tok == "false";
    case 'n': return tok == "null";
    default: return json_number_valid(tok);
    }
}

} // namespace moscan
