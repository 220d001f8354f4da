#include "matchers/naive_matcher.hpp"

#include "pipeline/base/error.hpp"

#include <algorithm>
#include <map>

namespace moscan {

namespace {

constexpr int kBoundary = 0x100;
constexpr size_t kMaxExpansion = 20000;

bool is_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
unsigned char upper(unsigned char c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }

using Literal = NaiveMatcher::Literal;
using Set = std::vector<Literal>;

// Recursive-descent expansion of the regex subset into all the literals it matches.
class Expander {
public:
    Expander(const std::string& re, const std::string& where) : re_(re), where_(where) {}

    Set run() {
        Set s = alternation();
        if (pos_ != re_.size()) fail("unexpected ')'");
        return s;
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw ConfigError(where_ + ": pattern '" + re_ + "': the reference matcher cannot " +
                          "expand it: " + what + " at offset " + std::to_string(pos_));
    }
    bool at_end() const { return pos_ >= re_.size(); }
    char peek() const { return re_[pos_]; }

    void check(const Set& s) {
        if (s.size() > kMaxExpansion) fail("more than 20000 literal expansions");
    }

    Set alternation() {
        Set out = sequence();
        while (!at_end() && peek() == '|') {
            ++pos_;
            Set more = sequence();
            out.insert(out.end(), more.begin(), more.end());
            check(out);
        }
        return out;
    }

    Set sequence() {
        Set out{Literal{}};
        while (!at_end() && peek() != '|' && peek() != ')') {
            Set a = quantified();
            Set next;
            for (const auto& x : out)
                for (const auto& y : a) {
                    Literal l = x;
                    l.insert(l.end(), y.begin(), y.end());
                    next.push_back(std::move(l));
                }
            out = std::move(next);
            check(out);
        }
        return out;
    }

    Set quantified() {
        Set a = atom();
        if (at_end()) return a;
        int lo = 1, hi = 1;
        char c = peek();
        if (c == '?') {
            lo = 0;
            ++pos_;
        } else if (c == '*' || c == '+') {
            fail("unbounded repetition");
        } else if (c == '{') {
            size_t close = re_.find('}', pos_);
            if (close == std::string::npos) fail("unclosed '{'");
            std::string body = re_.substr(pos_ + 1, close - pos_ - 1);
            size_t comma = body.find(',');
            try {
                lo = std::stoi(body.substr(0, comma));
                hi = comma == std::string::npos ? lo : std::stoi(body.substr(comma + 1));
            } catch (...) {
                fail("unbounded or malformed {m,n}");
            }
            pos_ = close + 1;
        } else {
            return a;
        }
        if (!at_end() && (peek() == '?' || peek() == '+')) fail("lazy or possessive quantifier");
        Set out;
        Set power{Literal{}};
        for (int k = 0; k <= hi; ++k) {
            if (k >= lo) out.insert(out.end(), power.begin(), power.end());
            if (k == hi) break;
            Set next;
            for (const auto& x : power)
                for (const auto& y : a) {
                    Literal l = x;
                    l.insert(l.end(), y.begin(), y.end());
                    next.push_back(std::move(l));
                }
            power = std::move(next);
            check(power);
        }
        check(out);
        return out;
    }

    static Set chars(const std::string& cs) {
        Set s;
        for (unsigned char c : cs) s.push_back(Literal{c});
        return s;
    }

    Set escape() {
        // pos_ is just past the backslash
        if (at_end()) fail("trailing backslash");
        char c = re_[pos_++];
        switch (c) {
        case 'b': return Set{Literal{kBoundary}};
        case 's': return chars(" \t\n\r\f\v");
        case 'd': return chars("0123456789");
        case 'w': {
            std::string w;
            for (int x = 0; x < 256; ++x)
                if (is_word(static_cast<unsigned char>(x))) w.push_back(static_cast<char>(x));
            return chars(w);
        }
        case 't': return chars("\t");
        case 'n': return chars("\n");
        case 'r': return chars("\r");
        case 'x': { // \xHH: one byte, e.g. \xe2\x80\x99 (a curly apostrophe in UTF-8)
            auto hex = [](char h) {
                if (h >= '0' && h <= '9') return h - '0';
                if (h >= 'a' && h <= 'f') return h - 'a' + 10;
                if (h >= 'A' && h <= 'F') return h - 'A' + 10;
                return -1;
            };
            if (pos_ + 2 > re_.size() || hex(re_[pos_]) < 0 || hex(re_[pos_ + 1]) < 0)
                fail("\\x needs two hex digits (\\xHH)");
            const int v = hex(re_[pos_]) * 16 + hex(re_[pos_ + 1]);
            pos_ += 2;
            return Set{Literal{v}};
        }
        default:
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                fail(std::string("escape \\") + c);
            return chars(std::string(1, c));
        }
    }

    Set char_class() {
        // pos_ is just past '['
        if (!at_end() && peek() == '^') fail("negated class");
        std::string members;
        bool first = true;
        while (true) {
            if (at_end()) fail("unclosed '['");
            char c = re_[pos_];
            if (c == ']' && !first) {
                ++pos_;
                break;
            }
            first = false;
            int from;
            if (c == '\\') {
                ++pos_;
                Set e = escape();
                if (e.size() != 1 || e[0].size() != 1 || e[0][0] == kBoundary) {
                    for (const auto& l : e)
                        if (l.size() == 1 && l[0] != kBoundary)
                            members.push_back(static_cast<char>(l[0]));
                    continue;
                }
                from = e[0][0];
            } else {
                from = static_cast<unsigned char>(c);
                ++pos_;
            }
            if (pos_ + 1 < re_.size() && peek() == '-' && re_[pos_ + 1] != ']') {
                ++pos_;
                int to;
                if (re_[pos_] == '\\') { // a range ending in an escape: [\x80-\xbf]
                    ++pos_;
                    Set e = escape();
                    if (e.size() != 1 || e[0].size() != 1 || e[0][0] == kBoundary)
                        fail("bad range in class");
                    to = e[0][0];
                } else {
                    to = static_cast<unsigned char>(re_[pos_++]);
                }
                if (to < from) fail("bad range in class");
                for (int x = from; x <= to; ++x) members.push_back(static_cast<char>(x));
            } else {
                members.push_back(static_cast<char>(from));
            }
        }
        std::sort(members.begin(), members.end());
        members.erase(std::unique(members.begin(), members.end()), members.end());
        return chars(members);
    }

    Set atom() {
        char c = peek();
        ++pos_;
        switch (c) {
        case '(': {
            if (!at_end() && peek() == '?') {
                if (pos_ + 1 < re_.size() && re_[pos_ + 1] == ':') pos_ += 2;
                else fail("group modifier other than (?:");
            }
            Set s = alternation();
            if (at_end() || peek() != ')') fail("missing )");
            ++pos_;
            return s;
        }
        case '[': return char_class();
        case '\\': return escape();
        case '.': fail("'.' (any character)");
        case '^':
        case '$': fail("anchors");
        default: return Set{Literal{static_cast<unsigned char>(c)}};
        }
    }

    const std::string& re_;
    const std::string& where_;
    size_t pos_ = 0;
};

class NaiveScratch final : public Scratch {};

} // namespace

std::vector<Literal> NaiveMatcher::expand(const std::string& regex, const std::string& where) {
    Set s = Expander(regex, where).run();
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
}

NaiveMatcher::NaiveMatcher(const PatternSet& set) {
    for (size_t i = 0; i < set.patterns.size(); ++i) {
        const Pattern& p = set.patterns[i];
        boundary_check_.push_back(p.boundary_check());
        for (auto& lit : expand(p.engine_expression(), p.source)) {
            bool has_boundary = std::any_of(lit.begin(), lit.end(),
                                            [](int t) { return t == kBoundary; });
            std::size_t bytes = static_cast<std::size_t>(
                std::count_if(lit.begin(), lit.end(), [](int t) { return t != kBoundary; }));
            if (p.edit_distance > 0 && has_boundary)
                throw ConfigError(p.source + ": pattern '" + p.expression +
                                  "': \\b cannot be combined with edit distance (whole word is "
                                  "checked by moscan; use {partial} to turn it off)");
            if (bytes <= p.edit_distance)
                throw ConfigError(p.source + ": pattern '" + p.expression +
                                  "' can match empty text" +
                                  (p.edit_distance ? " within its edit distance" : ""));
            entries_.push_back(Entry{std::move(lit), static_cast<std::uint32_t>(i), p.caseless,
                                     p.edit_distance});
        }
    }
    // Buckets by the first two bytes a match must start with (\b tokens take no byte, so
    // they are skipped): at each offset only the literals that can begin there are tried.
    // A caseless literal goes in under each case of those bytes; a one-byte literal is keyed
    // by its byte alone; an edit-distance literal can begin with anything and is tried
    // everywhere.
    by_two_.resize(1u << 16);
    auto cases = [](unsigned char c, bool caseless) {
        std::vector<unsigned char> v{c};
        if (caseless && lower(c) != c) v.push_back(lower(c));
        if (caseless && upper(c) != c) v.push_back(upper(c));
        return v;
    };
    for (std::uint32_t k = 0; k < entries_.size(); ++k) {
        const Entry& e = entries_[k];
        std::vector<unsigned char> bytes;
        for (int t : e.tokens)
            if (t != kBoundary && bytes.size() < 2) bytes.push_back(static_cast<unsigned char>(t));
        if (e.edit > 0 || bytes.empty()) {
            anywhere_.push_back(k);
        } else if (bytes.size() == 1) {
            for (unsigned char a : cases(bytes[0], e.caseless)) by_one_[a].push_back(k);
        } else {
            for (unsigned char a : cases(bytes[0], e.caseless))
                for (unsigned char b : cases(bytes[1], e.caseless))
                    by_two_[(unsigned{a} << 8) | b].push_back(k);
        }
    }
}

std::unique_ptr<Scratch> NaiveMatcher::make_scratch() const {
    return std::make_unique<NaiveScratch>();
}

void NaiveMatcher::scan(std::string_view text, Scratch&, std::vector<Hit>& hits) const {
    const size_t n = text.size();
    auto boundary_at = [&](size_t pos) {
        bool before = pos > 0 && is_word(static_cast<unsigned char>(text[pos - 1]));
        bool after = pos < n && is_word(static_cast<unsigned char>(text[pos]));
        return before != after;
    };
    // For each pattern and end offset keep the leftmost start, as the Hyperscan matcher does.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> best;
    auto record = [&](std::uint32_t pattern, size_t start, size_t end) {
        auto key = std::make_pair(pattern, static_cast<std::uint32_t>(end));
        auto it = best.find(key);
        if (it == best.end() || start < it->second) best[key] = static_cast<std::uint32_t>(start);
    };
    std::vector<unsigned> prev, cur; // Levenshtein rows
    auto try_entry = [&](size_t s, const Entry& e) {
        if (e.edit > 0) {
            // Row j holds lev(text[s, s+j), literal[0, i)) for i = 0..m; a match ends at
            // s+j when the whole literal is within the distance.
            const size_t m = e.tokens.size();
            prev.resize(m + 1);
            cur.resize(m + 1);
            for (size_t i = 0; i <= m; ++i) prev[i] = static_cast<unsigned>(i);
            for (size_t j = 1; s + j <= n && j <= m + e.edit; ++j) {
                unsigned char c = static_cast<unsigned char>(text[s + j - 1]);
                cur[0] = static_cast<unsigned>(j);
                unsigned row_min = cur[0];
                for (size_t i = 1; i <= m; ++i) {
                    unsigned char want = static_cast<unsigned char>(e.tokens[i - 1]);
                    bool same = e.caseless ? lower(c) == lower(want) : c == want;
                    cur[i] = std::min({prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (same ? 0u : 1u)});
                    row_min = std::min(row_min, cur[i]);
                }
                if (cur[m] <= e.edit) record(e.pattern, s, s + j);
                if (row_min > e.edit) break; // every longer substring is further away
                std::swap(prev, cur);
            }
            return;
        }
        size_t pos = s;
        bool ok = true;
        for (int t : e.tokens) {
            if (t == kBoundary) {
                if (!boundary_at(pos)) {
                    ok = false;
                    break;
                }
                continue;
            }
            if (pos >= n) {
                ok = false;
                break;
            }
            unsigned char c = static_cast<unsigned char>(text[pos]);
            unsigned char want = static_cast<unsigned char>(t);
            if (e.caseless ? lower(c) != lower(want) : c != want) {
                ok = false;
                break;
            }
            ++pos;
        }
        if (ok) record(e.pattern, s, pos);
    };
    for (size_t s = 0; s < n; ++s) {
        const unsigned a = static_cast<unsigned char>(text[s]);
        for (std::uint32_t k : by_one_[a]) try_entry(s, entries_[k]);
        if (s + 1 < n)
            for (std::uint32_t k : by_two_[(a << 8) | static_cast<unsigned char>(text[s + 1])])
                try_entry(s, entries_[k]);
        for (std::uint32_t k : anywhere_) try_entry(s, entries_[k]);
    }
    for (const auto& [key, start] : best) {
        if (boundary_check_[key.first] && !(boundary_at(start) && boundary_at(key.second)))
            continue;
        hits.push_back(Hit{key.first, start, key.second});
    }
}

} // namespace moscan
