#include "matchers/pattern_set.hpp"
#include "pipeline/base/strings.hpp"

#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace moscan {

namespace {

constexpr unsigned kMaxEditDistance = 4;

bool valid_id(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// First whitespace-delimited word of s, and the trimmed rest.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
    s = trim(s);
    size_t i = 0;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    return {s.substr(0, i), trim(s.substr(i))};
}

bool is_native_keyword(std::string_view w) {
    return w == "set" || w == "description" || w == "platform" || w == "group" ||
           w == "pattern" || w == "exclude" || w == "match" || w == "nomatch" || w == "name" ||
           w == "term" || w == "valid" || w == "require" || w == "unless" || w == "near" ||
           w == "notnear" || w == "define";
}

// "{a,b=c} rest" -> ({"a", "b=c"}, "rest"); no leading '{' -> ({}, s). Throws via `fail`.
template <class Fail>
std::pair<std::vector<std::string_view>, std::string_view> split_options(std::string_view s,
                                                                         Fail fail) {
    std::vector<std::string_view> opts;
    // "{{NAME}}" at the start is a macro reference, not options.
    if (s.empty() || s.front() != '{' || s.substr(0, 2) == "{{") return {opts, s};
    size_t close = s.find('}');
    if (close == std::string_view::npos) fail("unclosed '{' in options");
    std::string_view body = s.substr(1, close - 1);
    while (!body.empty()) {
        size_t comma = body.find(',');
        std::string_view opt = trim(body.substr(0, comma));
        body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
        if (!opt.empty()) opts.push_back(opt);
    }
    return {opts, trim(s.substr(close + 1))};
}

std::string hex16(std::uint64_t h) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

} // namespace

std::string Validity::describe() const {
    std::string s;
    if (from != INT32_MIN) s += format_iso(from);
    s += "..";
    if (to != INT32_MAX) s += format_iso(to);
    return s;
}

std::string Pattern::engine_expression() const {
    if (!whole_word || edit_distance > 0) return expression;
    return "\\b(?:" + expression + ")\\b";
}

int PatternSet::find_platform(std::string_view id) const {
    for (size_t i = 0; i < platforms.size(); ++i)
        if (platforms[i].id == id) return static_cast<int>(i);
    return -1;
}

int PatternSet::find_name(std::string_view n) const {
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == n) return static_cast<int>(i);
    return -1;
}

bool PatternSet::has_edit_distance() const {
    for (const auto& p : patterns)
        if (p.edit_distance > 0) return true;
    return false;
}

bool PatternSet::has_logic() const {
    if (!names.empty()) return true;
    for (const auto& p : patterns)
        if (p.term || !p.valid.always() || !p.require.empty() || !p.unless.empty() ||
            !p.labels.empty())
            return true;
    for (const auto& p : platforms)
        if (!p.valid.always() || !p.require.empty() || !p.unless.empty()) return true;
    return has_proximity();
}

bool PatternSet::has_proximity() const {
    for (const auto& p : patterns)
        if (!p.near.empty() || !p.notnear.empty()) return true;
    for (const auto& p : platforms)
        if (!p.near.empty() || !p.notnear.empty()) return true;
    return false;
}

std::size_t PatternSet::count_excludes() const {
    std::size_t n = 0;
    for (const auto& p : patterns) n += p.exclude;
    return n;
}

std::size_t PatternSet::count_terms() const {
    std::size_t n = 0;
    for (const auto& p : patterns) n += p.term;
    return n;
}

std::string PatternSet::hash() const {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;
        h *= 1099511628211ull;
    };
    auto mix_names = [&](const char* tag, const std::vector<std::uint32_t>& list) {
        for (std::uint32_t n : list) mix(std::string(tag) + names[n]);
    };
    auto mix_near = [&](const char* tag, const std::vector<Proximity>& list) {
        for (const Proximity& c : list)
            mix(std::string(tag) + names[c.name] + ":" + std::to_string(c.distance));
    };
    // The original fields first, in their original order; the newer ones only when used, so
    // that existing sets keep their hash.
    for (const auto& p : platforms) {
        mix(p.id);
        if (p.outside_any) mix("outside-any");
        if (!p.valid.always()) mix("valid " + p.valid.describe());
        mix_names("require ", p.require);
        mix_names("unless ", p.unless);
        mix_near("near ", p.near);
        mix_near("notnear ", p.notnear);
    }
    for (const auto& p : patterns) {
        mix(p.term ? std::string("<term>") : platforms[p.platform].id);
        mix(p.expression);
        mix(p.caseless ? "i" : "c");
        mix(p.whole_word ? "w" : "p");
        mix(p.exclude ? "x" : "m");
        if (p.edit_distance) mix("edit " + std::to_string(p.edit_distance));
        if (!p.valid.always()) mix("valid " + p.valid.describe());
        mix_names("require ", p.require);
        mix_names("unless ", p.unless);
        mix_names("label ", p.labels);
        mix_near("near ", p.near);
        mix_near("notnear ", p.notnear);
    }
    return hex16(h);
}

PatternSet PatternSet::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigError(file.string() + ": cannot open pattern set");
    std::stringstream ss;
    ss << in.rdbuf();
    PatternSet set = parse(ss.str(), file.string());
    if (set.name.empty()) set.name = file.stem().string();
    set.path = file.string();
    return set;
}

PatternSet PatternSet::parse(std::string_view text, const std::string& source_name) {
    PatternSet set;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

    // Which format? Native if the first meaningful line starts with a keyword.
    bool plain = false;
    {
        std::string_view rest = text;
        while (!rest.empty()) {
            size_t nl = rest.find('\n');
            std::string_view line = trim(rest.substr(0, nl));
            rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
            if (line.empty() || line.front() == '#') continue;
            auto [word, tail] = split_word(line);
            // A keyword followed by a TAB is a plain-list line for a platform of that name.
            plain = !is_native_keyword(word) ||
                    (line.size() > word.size() && line[word.size()] == '\t');
            break;
        }
    }

    int line_no = 0;
    int current = -1;
    // Names used by require/unless, resolved once the whole file is read (a term may be
    // defined after its first use).
    enum class Ref { require, unless, near, notnear };
    struct PendingRef {
        bool platform_level;
        std::size_t index;
        Ref kind;
        std::string name, where, what;
        std::uint32_t distance = 0; // near / notnear
    };
    // define NAME REGEX: {{NAME}} in a later expression becomes (?:REGEX).
    std::vector<std::pair<std::string, std::string>> macros;
    std::vector<PendingRef> pending;

    auto fail = [&](const std::string& what) -> ConfigError {
        return ConfigError(source_name + ":" + std::to_string(line_no) + ": " + what);
    };
    auto platform_index = [&](std::string_view id, bool create) -> int {
        int i = set.find_platform(id);
        if (i < 0 && create) {
            Platform p;
            p.id = std::string(id);
            p.name = std::string(id);
            p.source = source_name + ":" + std::to_string(line_no);
            set.platforms.push_back(std::move(p));
            i = static_cast<int>(set.platforms.size()) - 1;
        }
        return i;
    };
    auto intern_name = [&](std::string_view n) -> std::uint32_t {
        int i = set.find_name(n);
        if (i >= 0) return static_cast<std::uint32_t>(i);
        set.names.emplace_back(n);
        return static_cast<std::uint32_t>(set.names.size() - 1);
    };
    // "FROM..TO" with either end optional; `what` prefixes errors.
    auto parse_window = [&](std::string_view s, const std::string& what) -> Validity {
        size_t dots = s.find("..");
        if (dots == std::string_view::npos)
            throw fail(what + "validity '" + std::string(s) +
                       "': expected FROM..TO, FROM.. or ..TO with dates as yyyy-mm-dd");
        std::string_view a = trim(s.substr(0, dots)), b = trim(s.substr(dots + 2));
        if (a.empty() && b.empty())
            throw fail(what + "validity '..' has neither a start nor an end date");
        Validity v;
        if (!a.empty()) {
            auto d = parse_iso_date(a);
            if (!d) throw fail(what + "validity: '" + std::string(a) + "' is not a date (yyyy-mm-dd)");
            v.from = *d;
        }
        if (!b.empty()) {
            auto d = parse_iso_date(b);
            if (!d) throw fail(what + "validity: '" + std::string(b) + "' is not a date (yyyy-mm-dd)");
            v.to = *d;
        }
        if (v.from > v.to)
            throw fail(what + "validity '" + std::string(s) + "' ends before it starts");
        return v;
    };

    // "NAME:N" of a near/notnear condition; `what` prefixes errors.
    auto parse_near = [&](std::string_view s, const std::string& key,
                          const std::string& what) -> std::pair<std::string, std::uint32_t> {
        size_t colon = s.rfind(':');
        std::string_view n = colon == std::string_view::npos ? s : trim(s.substr(0, colon));
        std::string_view d =
            colon == std::string_view::npos ? std::string_view{} : trim(s.substr(colon + 1));
        if (!valid_id(n))
            throw fail(what + "'" + key + "' needs NAME:N (a term or label name of lower-case " +
                       "letters, digits or _, and a distance in bytes), got '" + std::string(s) +
                       "'");
        std::uint32_t v = 0;
        bool ok = !d.empty() && d.size() <= 5;
        for (char c : d) {
            ok = ok && c >= '0' && c <= '9';
            if (ok) v = v * 10 + static_cast<std::uint32_t>(c - '0');
        }
        if (!ok || v > kMaxNearDistance)
            throw fail(what + "'" + key + "=" + std::string(s) + "': the distance '" +
                       std::string(d) + "' must be a number of bytes from 0 to " +
                       std::to_string(kMaxNearDistance));
        return {std::string(n), v};
    };
    // Replaces each {{NAME}} of `expr` by (?:REGEX) of an earlier define.
    auto expand_macros = [&](std::string_view expr, const std::string& what) -> std::string {
        std::string out;
        size_t i = 0;
        while (i < expr.size()) {
            size_t open = expr.find("{{", i);
            if (open == std::string_view::npos) {
                out.append(expr.substr(i));
                break;
            }
            size_t close = expr.find("}}", open + 2);
            if (close == std::string_view::npos)
                throw fail(what + "unclosed '{{' (a macro reference is {{NAME}})");
            std::string_view n = trim(expr.substr(open + 2, close - open - 2));
            const std::string* body = nullptr;
            for (const auto& [mn, mb] : macros)
                if (mn == n) body = &mb;
            if (!body)
                throw fail(what + "no macro named '" + std::string(n) +
                           "' (define it earlier in the file with 'define " + std::string(n) +
                           " REGEX')");
            out.append(expr.substr(i, open - i));
            out += "(?:" + *body + ")";
            i = close + 2;
        }
        return out;
    };

    std::string_view rest = text;
    while (!rest.empty()) {
        size_t nl = rest.find('\n');
        std::string_view raw = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        ++line_no;
        std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        std::string where = source_name + ":" + std::to_string(line_no);

        if (plain) {
            size_t tab = line.find('\t');
            if (tab == std::string_view::npos)
                throw fail("expected 'platform<TAB>regex' (plain list format)");
            std::string_view id = trim(line.substr(0, tab));
            std::string_view expr = trim(line.substr(tab + 1));
            if (!valid_id(id))
                throw fail("platform id '" + std::string(id) +
                           "' must be lower-case letters, digits or _");
            if (expr.empty()) throw fail("empty pattern for platform '" + std::string(id) + "'");
            Pattern p;
            p.platform = static_cast<std::uint32_t>(platform_index(id, true));
            p.expression = std::string(expr);
            p.whole_word = false;
            p.source = where;
            p.line = line_no;
            set.patterns.push_back(std::move(p));
            continue;
        }

        auto [word, arg] = split_word(line);
        if (word == "set") {
            set.name = std::string(arg);
        } else if (word == "description") {
            set.description = std::string(arg);
        } else if (word == "platform") {
            auto [id, display] = split_word(arg);
            if (!valid_id(id))
                throw fail("platform id '" + std::string(id) +
                           "' must be lower-case letters, digits or _");
            if (set.find_platform(id) >= 0)
                throw fail("platform '" + std::string(id) + "' is defined twice");
            current = platform_index(id, true);
            if (!display.empty()) set.platforms[current].name = std::string(display);
        } else if (word == "define") {
            auto [n, body] = split_word(arg);
            if (!valid_id(n))
                throw fail("define: macro name '" + std::string(n) +
                           "' must be lower-case letters, digits or _");
            for (const auto& m : macros)
                if (m.first == n) throw fail("macro '" + std::string(n) + "' is defined twice");
            if (body.empty()) throw fail("define " + std::string(n) + ": empty expression");
            macros.emplace_back(std::string(n),
                                expand_macros(body, "define " + std::string(n) + ": "));
        } else if (word == "pattern" || word == "exclude" || word == "term") {
            const bool term = word == "term";
            std::string_view body = arg;
            std::string term_name;
            if (term) {
                auto [n, tail] = split_word(arg);
                if (!valid_id(n))
                    throw fail("term name '" + std::string(n) +
                               "' must be lower-case letters, digits or _");
                term_name = std::string(n);
                body = tail;
            } else if (current < 0) {
                throw fail("'" + std::string(word) + "' before any 'platform' line");
            }
            const std::string what = std::string(word) + " '" + std::string(body) + "': ";
            auto pfail = [&](const std::string& w) { throw fail(what + w); };
            Pattern p;
            p.platform = term ? Pattern::kNoPlatform : static_cast<std::uint32_t>(current);
            p.exclude = word == "exclude";
            p.term = term;
            p.source = where;
            p.line = line_no;
            auto [opts, expr] = split_options(body, pfail);
            bool seen_case = false, seen_word = false, seen_edit = false, seen_valid = false;
            const std::size_t index = set.patterns.size();
            for (std::string_view opt : opts) {
                size_t eq = opt.find('=');
                std::string_view key = trim(opt.substr(0, eq));
                std::string_view value =
                    eq == std::string_view::npos ? std::string_view{} : trim(opt.substr(eq + 1));
                auto once = [&](bool& seen) {
                    if (seen) pfail("option '" + std::string(key) + "' given twice");
                    seen = true;
                };
                auto no_value = [&] {
                    if (eq != std::string_view::npos)
                        pfail("option '" + std::string(key) + "' takes no value");
                };
                if (key == "case" || key == "nocase") {
                    no_value();
                    once(seen_case);
                    p.caseless = key == "nocase";
                } else if (key == "partial" || key == "word") {
                    no_value();
                    once(seen_word);
                    p.whole_word = key == "word";
                } else if (key == "edit") {
                    once(seen_edit);
                    unsigned n = 0;
                    bool ok = !value.empty() && value.size() <= 2;
                    for (char c : value) {
                        ok = ok && c >= '0' && c <= '9';
                        n = n * 10 + static_cast<unsigned>(c - '0');
                    }
                    if (!ok || n > kMaxEditDistance)
                        pfail("edit distance '" + std::string(value) + "' must be 0 to " +
                              std::to_string(kMaxEditDistance));
                    p.edit_distance = n;
                } else if (key == "valid") {
                    once(seen_valid);
                    p.valid = parse_window(value, what);
                } else if (key == "require" || key == "unless" || key == "label") {
                    if (term)
                        pfail("option '" + std::string(key) +
                              "' is not allowed on a term (terms have no conditions)");
                    if (!valid_id(value))
                        pfail("option '" + std::string(key) + "' needs a name (lower-case " +
                              "letters, digits or _), got '" + std::string(value) + "'");
                    if (key == "label") {
                        p.labels.push_back(intern_name(value));
                    } else {
                        pending.push_back(PendingRef{false, index,
                                                     key == "require" ? Ref::require : Ref::unless,
                                                     std::string(value), where, what});
                    }
                } else if (key == "near" || key == "notnear") {
                    if (term)
                        pfail("option '" + std::string(key) +
                              "' is not allowed on a term (terms have no conditions)");
                    auto [n, d] = parse_near(value, std::string(key), what);
                    pending.push_back(PendingRef{false, index,
                                                 key == "near" ? Ref::near : Ref::notnear, n,
                                                 where, what, d});
                } else {
                    pfail("unknown option '" + std::string(opt) +
                          "' (known: case, nocase, partial, word, edit=N, valid=FROM..TO, "
                          "require=NAME, unless=NAME, near=NAME:N, notnear=NAME:N, label=NAME)");
                }
            }
            if (expr.empty()) throw fail("empty " + std::string(word));
            p.expression = expr.find("{{") == std::string_view::npos
                               ? std::string(expr)
                               : expand_macros(expr, what);
            if (term) p.labels.push_back(intern_name(term_name));
            set.patterns.push_back(std::move(p));
        } else if (current < 0) {
            throw fail("'" + std::string(word) + "' before any 'platform' line");
        } else if (word == "name") {
            set.platforms[current].name = std::string(arg);
        } else if (word == "group") {
            set.platforms[current].group = std::string(arg);
        } else if (word == "outside-any") {
            if (!arg.empty()) throw fail("'outside-any' takes no argument");
            set.platforms[current].outside_any = true;
        } else if (word == "valid") {
            Platform& pl = set.platforms[current];
            if (!pl.valid.always())
                throw fail("platform '" + pl.id + "' has a second 'valid' line");
            pl.valid = parse_window(arg, "platform '" + pl.id + "': ");
        } else if (word == "require" || word == "unless") {
            std::string_view list = arg;
            if (list.empty()) throw fail("'" + std::string(word) + "' needs one or more names");
            while (!list.empty()) {
                auto [n, tail] = split_word(list);
                list = tail;
                std::string_view name = n;
                if (!name.empty() && name.back() == ',') name.remove_suffix(1);
                if (!valid_id(name))
                    throw fail("'" + std::string(word) + "': '" + std::string(name) +
                               "' is not a name (lower-case letters, digits or _)");
                pending.push_back(PendingRef{true, static_cast<std::size_t>(current),
                                             word == "require" ? Ref::require : Ref::unless,
                                             std::string(name), where,
                                             std::string(word) + " " + std::string(arg) + ": "});
            }
        } else if (word == "near" || word == "notnear") {
            std::string_view list = arg;
            if (list.empty()) throw fail("'" + std::string(word) + "' needs one or more NAME:N");
            const std::string what = std::string(word) + " " + std::string(arg) + ": ";
            while (!list.empty()) {
                auto [n, tail] = split_word(list);
                list = tail;
                std::string_view item = n;
                if (!item.empty() && item.back() == ',') item.remove_suffix(1);
                auto [name, d] = parse_near(item, std::string(word), what);
                pending.push_back(PendingRef{true, static_cast<std::size_t>(current),
                                             word == "near" ? Ref::near : Ref::notnear, name,
                                             where, what, d});
            }
        } else if (word == "match" || word == "nomatch") {
            Example e;
            e.must_match = word == "match";
            e.source = where;
            // Copies: clang 14 cannot capture a structured binding (C++20 P1091).
            auto efail = [&, word = word, arg = arg](const std::string& w) {
                throw fail(std::string(word) + " '" + std::string(arg) + "': " + w);
            };
            auto [opts, example] = split_options(arg, efail);
            for (std::string_view opt : opts) {
                if (opt.substr(0, 5) != "date=")
                    efail("unknown option '" + std::string(opt) + "' (known: date=yyyy-mm-dd)");
                auto d = parse_iso_date(trim(opt.substr(5)));
                if (!d) efail("'" + std::string(opt.substr(5)) + "' is not a date (yyyy-mm-dd)");
                e.day = *d;
            }
            if (example.empty()) throw fail("empty example");
            e.text = std::string(example);
            set.platforms[current].examples.push_back(std::move(e));
        } else {
            throw fail("unknown keyword '" + std::string(word) +
                       "' (known: set, description, define, term, platform, name, group, "
                       "outside-any, valid, require, unless, near, notnear, pattern, exclude, match, "
                       "nomatch)");
        }
    }
    for (const PendingRef& r : pending) {
        int n = set.find_name(r.name);
        if (n < 0)
            throw ConfigError(r.where + ": " + r.what + "no term or label named '" + r.name +
                              "' (define it with 'term " + r.name +
                              " REGEX' or a pattern option label=" + r.name + ")");
        const auto name = static_cast<std::uint32_t>(n);
        if (r.kind == Ref::near || r.kind == Ref::notnear) {
            std::vector<Proximity>& list =
                r.platform_level
                    ? (r.kind == Ref::near ? set.platforms[r.index].near
                                           : set.platforms[r.index].notnear)
                    : (r.kind == Ref::near ? set.patterns[r.index].near
                                           : set.patterns[r.index].notnear);
            list.push_back(Proximity{name, r.distance});
            continue;
        }
        const bool require = r.kind == Ref::require;
        std::vector<std::uint32_t>& list =
            r.platform_level
                ? (require ? set.platforms[r.index].require : set.platforms[r.index].unless)
                : (require ? set.patterns[r.index].require : set.patterns[r.index].unless);
        list.push_back(name);
    }
    if (set.platforms.empty()) throw ConfigError(source_name + ": no platforms defined");
    for (size_t i = 0; i < set.platforms.size(); ++i) {
        bool any = false;
        for (const auto& p : set.patterns) any |= !p.term && p.platform == i && !p.exclude;
        if (!any)
            throw ConfigError(set.platforms[i].source + ": platform '" + set.platforms[i].id +
                              "' has no patterns");
    }
    return set;
}

} // namespace moscan
