#include "pipeline/job/hits.hpp"
#include "pipeline/base/json_text.hpp"

#include "pipeline/input/csv.hpp"

#include <algorithm>
#include <cstdio>

namespace moscan {

namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }


} // namespace

std::string_view context_before(std::string_view text, std::size_t start, std::size_t n) {
    std::size_t b = std::min(start, text.size());
    for (std::size_t k = 0; k < n && b > 0; ++k) {
        --b;
        while (b > 0 && continuation(text[b])) --b;
    }
    return text.substr(b, std::min(start, text.size()) - b);
}

std::string_view context_after(std::string_view text, std::size_t end, std::size_t n) {
    std::size_t e = std::min(end, text.size());
    for (std::size_t k = 0; k < n && e < text.size(); ++k) {
        ++e;
        while (e < text.size() && continuation(text[e])) ++e;
    }
    return text.substr(std::min(end, text.size()), e - std::min(end, text.size()));
}

void write_hits(std::ostream& out, bool jsonl, const PatternSet& set,
                const std::vector<HitLine>& lines, bool bom) {
    std::string s;
    if (!jsonl && bom) s += "\xEF\xBB\xBF";
    if (!jsonl)
        s += "crime_id,file,line,column,platform,pattern_id,pattern,start,end,match,"
             "context_before,context_after,period,group,code\n";
    for (const HitLine& l : lines) {
        const HitCandidate& h = *l.hit;
        const std::string& platform = set.platforms[h.platform].id;
        const std::string& expr = set.patterns[h.pattern].expression;
        if (jsonl) {
            s += "{\"crime_id\": " + json_string(h.crime_id) + ", \"file\": " + json_string(l.file) +
                 ", \"line\": " + std::to_string(h.line) + ", \"column\": " + json_string(l.column) +
                 ", \"platform\": " + json_string(platform) +
                 ", \"pattern_id\": " + std::to_string(h.pattern) + ", \"pattern\": " +
                 json_string(expr) + ", \"start\": " + std::to_string(h.start) +
                 ", \"end\": " + std::to_string(h.end) + ", \"match\": " + json_string(h.match) +
                 ", \"context_before\": " + json_string(h.before) +
                 ", \"context_after\": " + json_string(h.after) +
                 ", \"period\": " + json_string(l.periods) + ", \"group\": " + json_string(l.group) +
                 ", \"code\": " + json_string(l.code) + "}\n";
        } else {
            auto field = [&](std::string_view v) {
                csv::append_text_field(s, v);
                s += ',';
            };
            field(h.crime_id);
            field(l.file);
            s += std::to_string(h.line) + ',';
            field(l.column);
            field(platform);
            s += std::to_string(h.pattern) + ',';
            field(expr);
            s += std::to_string(h.start) + ',' + std::to_string(h.end) + ',';
            field(h.match);
            field(h.before);
            field(h.after);
            field(l.periods);
            field(l.group);
            csv::append_text_field(s, l.code);
            s += '\n';
        }
        if (s.size() > (1u << 20)) {
            out << s;
            s.clear();
        }
    }
    out << s;
}

} // namespace moscan
