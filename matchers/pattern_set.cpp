#include "matchers/pattern_set.hpp"

#include "pipeline/error.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace moscan {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

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
           w == "pattern" || w == "exclude" || w == "match" || w == "nomatch" || w == "name";
}

} // namespace

std::string Pattern::engine_expression() const {
    if (!whole_word) return expression;
    return "\\b(?:" + expression + ")\\b";
}

int PatternSet::find_platform(std::string_view id) const {
    for (size_t i = 0; i < platforms.size(); ++i)
        if (platforms[i].id == id) return static_cast<int>(i);
    return -1;
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
    for (const auto& p : platforms) mix(p.id);
    for (const auto& p : patterns) {
        mix(platforms[p.platform].id);
        mix(p.expression);
        mix(p.caseless ? "i" : "c");
        mix(p.whole_word ? "w" : "p");
        mix(p.exclude ? "x" : "m");
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
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
            plain = !is_native_keyword(word) || line.find('\t') < word.size();
            break;
        }
    }

    int line_no = 0;
    int current = -1;
    auto fail = [&](const std::string& what) -> ConfigError {
        return ConfigError(source_name + ":" + std::to_string(line_no) + ": " + what);
    };
    auto platform_index = [&](std::string_view id, bool create) -> int {
        int i = set.find_platform(id);
        if (i < 0 && create) {
            set.platforms.push_back(Platform{std::string(id), std::string(id), {}, {}});
            i = static_cast<int>(set.platforms.size()) - 1;
        }
        return i;
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
        } else if (current < 0) {
            throw fail("'" + std::string(word) + "' before any 'platform' line");
        } else if (word == "name") {
            set.platforms[current].name = std::string(arg);
        } else if (word == "group") {
            set.platforms[current].group = std::string(arg);
        } else if (word == "pattern" || word == "exclude") {
            Pattern p;
            p.platform = static_cast<std::uint32_t>(current);
            p.exclude = word == "exclude";
            p.source = where;
            p.line = line_no;
            std::string_view expr = arg;
            if (!expr.empty() && expr.front() == '{') {
                size_t close = expr.find('}');
                if (close == std::string_view::npos) throw fail("unclosed '{' in pattern options");
                std::string_view opts = expr.substr(1, close - 1);
                expr = trim(expr.substr(close + 1));
                while (!opts.empty()) {
                    size_t comma = opts.find(',');
                    std::string_view opt = trim(opts.substr(0, comma));
                    opts = comma == std::string_view::npos ? std::string_view{}
                                                           : opts.substr(comma + 1);
                    if (opt == "case") p.caseless = false;
                    else if (opt == "nocase") p.caseless = true;
                    else if (opt == "partial") p.whole_word = false;
                    else if (opt == "word") p.whole_word = true;
                    else
                        throw fail("unknown pattern option '" + std::string(opt) +
                                   "' (known: case, nocase, partial, word)");
                }
            }
            if (expr.empty()) throw fail("empty pattern");
            p.expression = std::string(expr);
            set.patterns.push_back(std::move(p));
        } else if (word == "match" || word == "nomatch") {
            if (arg.empty()) throw fail("empty example");
            set.platforms[current].examples.push_back(
                Example{std::string(arg), word == "match", where});
        } else {
            throw fail("unknown keyword '" + std::string(word) +
                       "' (known: set, description, platform, name, group, pattern, exclude, "
                       "match, nomatch)");
        }
    }
    if (set.platforms.empty()) throw ConfigError(source_name + ": no platforms defined");
    for (size_t i = 0; i < set.platforms.size(); ++i) {
        bool any = false;
        for (const auto& p : set.patterns) any |= p.platform == i && !p.exclude;
        if (!any)
            throw ConfigError(source_name + ": platform '" + set.platforms[i].id +
                              "' has no patterns");
    }
    return set;
}

} // namespace moscan
