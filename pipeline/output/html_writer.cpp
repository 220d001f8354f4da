// The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
// requests) that reads on screen and prints cleanly to PDF (A4).
#include "pipeline/output/report.hpp"
#include "pipeline/output/writers.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace moscan {

namespace {

std::string esc(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

std::string num(const Shown& v) {
    if (v.hidden) return "*";
    std::string s = std::to_string(v.value);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
    return s;
}

std::string pct(std::uint64_t part, std::uint64_t base, bool hidden) {
    if (hidden) return "*";
    if (!base) return "–";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(base));
    return buf;
}

constexpr const char* kCss = R"(
:root { --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --head: #f0f2f4; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink); margin: 24px auto; max-width: 1000px; padding: 0 16px; font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.sub { color: var(--muted); margin: 0 0 12px; }
table { border-collapse: collapse; margin: 6px 0 14px; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; }
th { background: var(--head); text-align: left; font-weight: bold; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.any td { font-weight: bold; border-top: 2px solid var(--ink); }
tr.total td { font-style: italic; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
figure { margin: 10px 0 18px; }
figcaption { font-weight: bold; margin-bottom: 4px; }
svg text { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 12px; fill: var(--ink); }
dl.notes dt { font-weight: bold; margin-top: 8px; }
dl.notes dd { margin: 2px 0 0 0; }
.key { font-size: 12px; color: var(--muted); }
footer { margin-top: 24px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  table, figure, dl.notes dd { break-inside: avoid; }
}
)";

const char* kColours[] = {"#1f5fa8", "#d9822b", "#2e8b57", "#8e44ad", "#b03a2e", "#5d6d7e"};

// One horizontal bar chart: crimes by platform in one period, a bar per group.
std::string chart(const Report& r, int period, const std::vector<int>& groups, std::uint64_t max) {
    const Cube& cube = r.cube;
    const std::size_t np = cube.platforms();
    const int label_w = 210, bar_w = 470, value_w = 60, bar_h = 12, gap = 8;
    const int row_h = bar_h * static_cast<int>(groups.size()) + gap;
    const int legend_h = groups.size() > 1 ? 22 : 0;
    const int height = legend_h + row_h * static_cast<int>(np) + 24;
    const int width = label_w + bar_w + value_w;
    std::ostringstream s;
    s << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << ' ' << height << "\">";
    s << "<title>Crimes by platform, " << esc(period_title(cube, period)) << "</title>";
    if (groups.size() > 1) {
        int x = label_w;
        for (size_t g = 0; g < groups.size(); ++g) {
            s << "<rect x=\"" << x << "\" y=\"4\" width=\"12\" height=\"12\" fill=\""
              << kColours[g % 6] << "\"/><text x=\"" << x + 16 << "\" y=\"14\">"
              << esc(group_title(cube, groups[g])) << "</text>";
            x += 30 + 8 * static_cast<int>(group_title(cube, groups[g]).size());
        }
    }
    const double scale = max ? static_cast<double>(bar_w - 10) / static_cast<double>(max) : 0;
    // Axis line.
    s << "<line x1=\"" << label_w << "\" y1=\"" << legend_h << "\" x2=\"" << label_w << "\" y2=\""
      << height - 20 << "\" stroke=\"#888\"/>";
    for (std::size_t i = 0; i < np; ++i) {
        const int y0 = legend_h + static_cast<int>(i) * row_h + gap / 2;
        s << "<text x=\"" << label_w - 6 << "\" y=\"" << y0 + row_h / 2 + 2
          << "\" text-anchor=\"end\">" << esc(cube.platform_names[i]) << "</text>";
        for (size_t g = 0; g < groups.size(); ++g) {
            Shown v = shown(r, headline_key(period, groups[g]), Measure::crimes, i);
            const int y = y0 + static_cast<int>(g) * bar_h;
            const int w = v.hidden ? 0 : static_cast<int>(static_cast<double>(v.value) * scale + 0.5);
            if (w > 0)
                s << "<rect class=\"bar\" x=\"" << label_w << "\" y=\"" << y << "\" width=\"" << w
                  << "\" height=\"" << bar_h - 2 << "\" fill=\"" << kColours[g % 6] << "\"/>";
            s << "<text x=\"" << label_w + w + 4 << "\" y=\"" << y + bar_h - 3
              << "\" style=\"font-size:10px\">" << num(v) << "</text>";
        }
    }
    s << "<text x=\"" << label_w << "\" y=\"" << height - 6
      << "\" class=\"key\" style=\"font-size:11px;fill:#555\">Crimes naming the platform"
      << (r.sup() ? "; * = fewer than " + std::to_string(r.sup()->threshold) +
                        " or hidden to protect a small count"
                  : std::string())
      << "</text>";
    s << "</svg>";
    return s.str();
}

} // namespace

void write_html(std::ostream& out, const CountJob& job, const CountResult& result,
                const Report& r) {
    Provenance p = provenance_of(job);
    const Cube& cube = r.cube;
    const std::size_t np = cube.platforms();
    const std::string title = display_title(r);
    const std::string date = r.options.run_date.empty() ? today_utc() : r.options.run_date;
    const auto periods = headline_periods(cube);
    const auto groups = headline_groups(cube);
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"moscan " << esc(p.version) << "\">\n"
      << "<title>" << esc(title) << "</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n";
    h << "<header><h1>" << esc(title) << "</h1>\n<p class=\"sub\">Periods: " << esc(p.periods)
      << "<br>Offence groups: " << esc(p.groups) << " &middot; Victims: " << esc(p.age_rule)
      << "<br>Produced " << esc(date) << " by moscan " << esc(p.version) << "</p></header>\n";

    // Headline tables: one per group.
    h << "<section id=\"headline\"><h2>Crimes and times recorded, by platform</h2>\n";
    for (int g : groups) {
        h << "<table class=\"headline\"><caption>" << esc(group_title(cube, g))
          << "</caption>\n<thead><tr><th rowspan=\"2\">Platform</th>";
        for (int pk : periods)
            h << "<th colspan=\"3\" class=\"n\" style=\"text-align:center\">"
              << esc(period_title(cube, pk)) << "</th>";
        h << "</tr><tr>";
        for (size_t i = 0; i < periods.size(); ++i)
            h << "<th class=\"n\">Crimes</th><th class=\"n\">Times recorded</th><th "
                 "class=\"n\">% of where known</th>";
        h << "</tr></thead>\n<tbody>\n";
        // Rows: the platforms, ANY, ONLINE (sets with an outside-any platform), TOTAL.
        const size_t online_at = cube.online_row ? np + 1 : SIZE_MAX;
        const size_t last = cube.online_row ? np + 2 : np + 1;
        for (size_t i = 0; i <= last; ++i) {
            h << (i == np || i == online_at ? "<tr class=\"any\">"
                  : i > np                  ? "<tr class=\"total\">"
                                            : "<tr>");
            h << "<td>"
              << (i < np ? esc(cube.platform_names[i])
                  : i == np
                      ? std::string(cube.online_row ? "Any listed platform (where known)"
                                                    : "Any platform (where known)")
                  : i == online_at
                      ? std::string("Online element (listed platform or other online service)")
                      : std::string("All crimes in scope"))
              << "</td>";
            for (int pk : periods) {
                CellKey k = headline_key(pk, g);
                Shown base = shown(r, k, Measure::any_crimes);
                if (i < np && cube.platform_outside[i]) { // not in the where-known base
                    h << "<td class=\"n\">" << num(shown(r, k, Measure::crimes, i))
                      << "</td><td class=\"n\">" << num(shown(r, k, Measure::mentions, i))
                      << "</td><td></td>";
                } else if (i < np) {
                    Shown c = shown(r, k, Measure::crimes, i);
                    h << "<td class=\"n\">" << num(c) << "</td><td class=\"n\">"
                      << num(shown(r, k, Measure::mentions, i)) << "</td><td class=\"n\">"
                      << pct(c.value, base.value, c.hidden || base.hidden) << "</td>";
                } else if (i == online_at) {
                    h << "<td class=\"n\">" << num(shown(r, k, Measure::online_crimes))
                      << "</td><td class=\"n\">" << num(shown(r, k, Measure::online_mentions))
                      << "</td><td></td>";
                } else if (i == np) {
                    h << "<td class=\"n\">" << num(base) << "</td><td class=\"n\">"
                      << num(shown(r, k, Measure::any_mentions)) << "</td><td class=\"n\">"
                      << pct(base.value, base.value, base.hidden) << "</td>";
                } else {
                    h << "<td class=\"n\">" << num(shown(r, k, Measure::total))
                      << "</td><td class=\"n\">" << num(shown(r, k, Measure::any_mentions))
                      << "</td><td></td>";
                }
            }
            h << "</tr>\n";
        }
        h << "</tbody></table>\n";
    }
    if (r.sup())
        h << "<p class=\"key\">* Fewer than " << r.sup()->threshold
          << " crimes, or hidden so that such a count cannot be worked out from the totals.</p>\n";
    h << "</section>\n";

    // Charts: one per period, one bar per group, the same scale throughout.
    std::vector<int> chart_groups;
    for (int g : groups)
        if (g != kAll || groups.size() == 1) chart_groups.push_back(g);
    std::uint64_t max = 0;
    for (int pk : periods)
        for (int g : chart_groups)
            for (std::size_t i = 0; i < np; ++i) max = std::max(max, shown(r, headline_key(pk, g), Measure::crimes, i).value);
    h << "<section id=\"charts\"><h2>Crimes by platform, per period</h2>\n";
    for (int pk : periods)
        h << "<figure><figcaption>" << esc(period_title(cube, pk)) << "</figcaption>"
          << chart(r, pk, chart_groups, max) << "</figure>\n";
    h << "</section>\n";

    if (r.options.flag) {
        h << "<section id=\"flag\"><h2>Online flag and platform keyword</h2>\n<table><thead><tr>"
             "<th>Period</th><th>Group</th><th class=\"n\">All crimes in scope</th><th "
             "class=\"n\">Flagged online</th><th class=\"n\">Platform keyword</th><th "
             "class=\"n\">Both</th><th class=\"n\">Either</th>";
        if (cube.online_row)
            h << "<th class=\"n\">Online element</th><th class=\"n\">Online element: "
                 "both</th><th class=\"n\">Online element: either</th>";
        h << "</tr></thead><tbody>\n";
        for (int g : groups)
            for (int pk : periods) {
                CellKey k = headline_key(pk, g);
                h << "<tr><td>" << esc(period_title(cube, pk)) << "</td><td>"
                  << esc(group_title(cube, g)) << "</td>";
                for (Measure m : {Measure::total, Measure::flagged, Measure::any_crimes,
                                  Measure::any_both, Measure::any_either})
                    h << "<td class=\"n\">" << num(shown(r, k, m)) << "</td>";
                if (cube.online_row)
                    for (Measure m : {Measure::online_crimes, Measure::online_both,
                                      Measure::online_either})
                        h << "<td class=\"n\">" << num(shown(r, k, m)) << "</td>";
                h << "</tr>\n";
            }
        h << "</tbody></table></section>\n";
    }

    h << "<section id=\"method\"><h2>Method and caveats</h2>\n<dl class=\"notes\">\n";
    for (const Note& n : method_notes(job, result, r))
        h << "<dt>" << esc(n.heading) << "</dt><dd>" << esc(n.text) << "</dd>\n";
    h << "</dl></section>\n";

    h << "<section id=\"provenance\"><h2>Provenance</h2>\n<table><tbody>\n";
    auto line = [&](const std::string& k, const std::string& v) {
        h << "<tr><th>" << esc(k) << "</th><td>" << esc(v) << "</td></tr>\n";
    };
    std::string inputs;
    for (const auto& i : result.inputs) inputs += (inputs.empty() ? "" : ", ") + i;
    line("Input files", inputs);
    line("Run date", date);
    line("moscan version", p.version);
    line("Pattern set", p.pattern_set + " (" + p.pattern_source + ")");
    line("Pattern-set hash", p.pattern_hash);
    line("Engine", p.engine);
    line("Code list", p.codes_source);
    line("Text fields searched", p.text_columns);
    h << "</tbody></table></section>\n";
    h << "<footer>Aggregate counts only: no crime references or free text are included.</footer>\n";
    h << "</body>\n</html>\n";
    out << h.str();
}

} // namespace moscan
