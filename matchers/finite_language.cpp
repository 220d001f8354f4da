#include "matchers/finite_language.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace moscan {

namespace {

using Language = std::vector<std::string>; // sorted, no duplicates

struct Refused {}; // outside the finite subset, or over the limit

class Parser {
public:
    Parser(std::string_view s, std::size_t limit) : s_(s), limit_(limit) {}

    Language parse() {
        Language l = alternation();
        if (i_ != s_.size()) throw Refused{}; // an unmatched ')'
        return l;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
    std::size_t limit_;

    bool more() const { return i_ < s_.size(); }
    char peek() const { return s_[i_]; }

    void check(std::size_t n) const {
        if (n > limit_) throw Refused{};
    }

    static Language normalise(std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        return v;
    }

    Language product(const Language& a, const Language& b) const {
        check(a.size() * b.size());
        std::vector<std::string> out;
        out.reserve(a.size() * b.size());
        for (const auto& x : a)
            for (const auto& y : b) out.push_back(x + y);
        return normalise(std::move(out));
    }

    Language alternation() {
        std::set<std::string> all;
        for (;;) {
            Language l = sequence();
            all.insert(l.begin(), l.end());
            check(all.size());
            if (more() && peek() == '|') {
                ++i_;
                continue;
            }
            break;
        }
        return Language(all.begin(), all.end());
    }

    Language sequence() {
        Language acc{std::string()};
        while (more() && peek() != '|' && peek() != ')') {
            Language a = atom();
            a = quantified(std::move(a));
            acc = product(acc, a);
        }
        return acc;
    }

    int number() {
        if (!more() || peek() < '0' || peek() > '9') throw Refused{};
        int n = 0;
        while (more() && peek() >= '0' && peek() <= '9') {
            n = n * 10 + (peek() - '0');
            if (n > 64) throw Refused{};
            ++i_;
        }
        return n;
    }

    Language quantified(Language a) {
        if (!more()) return a;
        int lo = 1, hi = 1;
        if (peek() == '?') {
            lo = 0;
            ++i_;
        } else if (peek() == '{') {
            ++i_;
            lo = number();
            hi = lo;
            if (more() && peek() == ',') {
                ++i_;
                hi = number(); // {n,} (unbounded) is refused here
            }
            if (!more() || peek() != '}' || hi < lo) throw Refused{};
            ++i_;
        } else if (peek() == '*' || peek() == '+') {
            throw Refused{};
        } else {
            return a;
        }
        if (more() && (peek() == '?' || peek() == '+')) throw Refused{}; // lazy, possessive
        std::set<std::string> all;
        Language power{std::string()};
        for (int k = 0; k <= hi; ++k) {
            if (k >= lo) all.insert(power.begin(), power.end());
            check(all.size());
            if (k < hi) power = product(power, a);
        }
        return Language(all.begin(), all.end());
    }

    static int hex_digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // After a backslash: one byte, or Refused for a class or an assertion.
    char escaped() {
        if (!more()) throw Refused{};
        const char c = s_[i_++];
        if (c == 'x') {
            if (i_ + 2 > s_.size()) throw Refused{};
            const int h = hex_digit(s_[i_]), l = hex_digit(s_[i_ + 1]);
            if (h < 0 || l < 0) throw Refused{};
            i_ += 2;
            return static_cast<char>(h * 16 + l);
        }
        if (c == 't') return '\t';
        if (c == 'n') return '\n';
        if (c == 'r') return '\r';
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            u >= 0x80)
            throw Refused{}; // \b \w \s \d \1 \Q ... or a byte we do not know the meaning of
        return c;            // escaped punctuation: itself
    }

    Language char_class() {
        // at the byte after '['
        if (!more() || peek() == '^' || peek() == ']') throw Refused{};
        std::set<unsigned char> bytes;
        while (more() && peek() != ']') {
            char c = s_[i_++];
            if (c == '[') throw Refused{}; // [:alpha:] and friends
            if (c == '\\') c = escaped();
            if (more() && peek() == '-' && i_ + 1 < s_.size() && s_[i_ + 1] != ']') {
                ++i_;
                char d = s_[i_++];
                if (d == '\\') d = escaped();
                if (d == '[') throw Refused{};
                const auto lo = static_cast<unsigned char>(c), hi = static_cast<unsigned char>(d);
                if (hi < lo) throw Refused{};
                for (unsigned v = lo; v <= hi; ++v) bytes.insert(static_cast<unsigned char>(v));
            } else {
                bytes.insert(static_cast<unsigned char>(c));
            }
            check(bytes.size());
        }
        if (!more()) throw Refused{};
        ++i_; // ']'
        Language out;
        for (unsigned char b : bytes) out.emplace_back(1, static_cast<char>(b));
        return out; // std::set order is byte order: sorted
    }

    Language atom() {
        const char c = s_[i_++];
        switch (c) {
        case '(': {
            if (more() && peek() == '?') {
                if (i_ + 1 >= s_.size() || s_[i_ + 1] != ':') throw Refused{}; // (?i) (?= ...
                i_ += 2;
            }
            Language l = alternation();
            if (!more() || peek() != ')') throw Refused{};
            ++i_;
            return l;
        }
        case '[': return char_class();
        case '\\': return Language{std::string(1, escaped())};
        case '.': case '^': case '$': case '*': case '+': case '?': case '{': case '}':
        case ']': case ')': case '|':
            throw Refused{};
        default: return Language{std::string(1, c)};
        }
    }
};

} // namespace

std::optional<std::vector<std::string>> finite_language(std::string_view expr,
                                                        std::size_t limit) {
    try {
        return Parser(expr, limit).parse();
    } catch (const Refused&) {
        return std::nullopt;
    }
}

std::string literal_expression(std::string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            out.push_back(ch);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    return out;
}

} // namespace moscan
