#include "matchers/batch_proof.hpp"

namespace moscan {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// One escape at re[i] (just past the backslash). Sets `value` to the byte it denotes when it
// is a single byte (-1 for a class such as \d or an assertion such as \b), advances i, and
// returns false when the escape can match a NUL, is an anchor, or is not known.
bool escape(std::string_view re, std::size_t& i, bool in_class, int& value) {
    value = -1;
    if (i >= re.size()) return false;
    const char c = re[i++];
    switch (c) {
    case 'd': case 'w': case 's': case 'h': case 'v': return true; // no NUL in these
    case 'R': return !in_class; // a newline sequence (\r\n, \n, \v, \f, \r, ...)
    case 'b': case 'B': return !in_class; // word boundary: the NUL is a non-word byte
    case 't': value = '\t'; return true;
    case 'n': value = '\n'; return true;
    case 'r': value = '\r'; return true;
    case 'f': value = '\f'; return true;
    case 'a': value = 0x07; return true;
    case 'e': value = 0x1b; return true;
    case 'x': {
        int v = 0;
        if (i < re.size() && re[i] == '{') { // \x{HHH}
            std::size_t close = re.find('}', i);
            if (close == std::string_view::npos || close == i + 1) return false;
            for (std::size_t k = i + 1; k < close; ++k) {
                const int d = hex_digit(re[k]);
                if (d < 0 || v > 0xffff) return false;
                v = v * 16 + d;
            }
            i = close + 1;
        } else { // \xH or \xHH (PCRE: up to two digits; none means \x00)
            int digits = 0;
            while (digits < 2 && i < re.size() && hex_digit(re[i]) >= 0) {
                v = v * 16 + hex_digit(re[i++]);
                ++digits;
            }
        }
        value = v;
        return v != 0;
    }
    case 'c': { // control character: \c@ is NUL
        if (i >= re.size()) return false;
        const char x = re[i++];
        value = (x >= 'a' && x <= 'z' ? x - 32 : x) ^ 0x40;
        return value != 0;
    }
    default:
        // Any other letter or digit (\0 octal, \1 back-reference, \A \z \Z \G anchors, \D \W
        // \S \H \V \N, \p{..}, \Q, \E, \K, \o{..}, ...): not proven.
        if (is_alnum(c)) return false;
        value = static_cast<unsigned char>(c); // an escaped punctuation byte: itself
        return true;
    }
}

// A class at re[i] (just past '['); advances i past its ']'.
bool char_class(std::string_view re, std::size_t& i) {
    if (i < re.size() && re[i] == '^') return false; // negated: holds the NUL
    bool first = true;
    int prev = -1;        // the previous single byte, for a range
    bool pending_range = false;
    while (i < re.size()) {
        const char c = re[i];
        if (c == ']' && !first) {
            ++i;
            return true;
        }
        first = false;
        int value = -1;
        if (c == '[' && i + 1 < re.size() && re[i + 1] == ':') { // [:name:]
            std::size_t close = re.find(":]", i + 2);
            if (close == std::string_view::npos) return false;
            const std::string_view name = re.substr(i + 2, close - i - 2);
            // The POSIX classes without the NUL; [:cntrl:] and [:^...:] hold it.
            static constexpr std::string_view kSafe[] = {"alpha", "digit", "alnum", "upper",
                                                         "lower", "space", "punct", "xdigit",
                                                         "word",  "blank", "graph", "print"};
            bool safe = false;
            for (std::string_view s : kSafe) safe |= name == s;
            if (!safe) return false;
            i = close + 2;
            prev = -1;
            pending_range = false;
            continue;
        }
        ++i;
        if (c == '\\') {
            if (!escape(re, i, true, value)) return false;
        } else {
            value = static_cast<unsigned char>(c);
        }
        if (pending_range) {
            // A range prev-value holds the NUL only if it starts at 0, which prev cannot be.
            pending_range = false;
            prev = -1;
            continue;
        }
        if (value >= 0 && i + 1 < re.size() && re[i] == '-' && re[i + 1] != ']') {
            prev = value;
            pending_range = true;
            ++i;
            continue;
        }
        prev = value;
    }
    (void)prev;
    return false; // unclosed
}

} // namespace

bool expression_nul_free(std::string_view re) {
    std::size_t i = 0;
    while (i < re.size()) {
        const char c = re[i++];
        int value = -1;
        switch (c) {
        case '\0': return false;
        case '\\':
            if (!escape(re, i, false, value)) return false;
            break;
        case '[':
            if (!char_class(re, i)) return false;
            break;
        case '.': return false; // any byte but \n: the NUL too
        case '^':
        case '$': return false; // anchors see the batch's ends
        case '(':
            // (?: is a plain group; other (? forms (options, lookaround, comments, named
            // groups, atomic groups...) are not proven.
            if (i < re.size() && re[i] == '?') {
                if (i + 1 < re.size() && re[i + 1] == ':') i += 2;
                else return false;
            }
            break;
        default:
            break; // a literal byte (not NUL), '|', ')', or a quantifier: no byte of its own
        }
    }
    return true;
}

bool batch_scan_exact(const PatternSet& set) {
    if (set.has_edit_distance()) return false;
    for (const Pattern& p : set.patterns)
        if (!expression_nul_free(p.engine_expression())) return false;
    return true;
}

} // namespace moscan
