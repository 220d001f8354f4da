#include "pipeline/base/text_format.hpp"
#include "pipeline/output/writers.hpp"
#include "pipeline/base/json_text.hpp"

#include "matchers/hyperscan_matcher.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/output/report.hpp"

#include <cstdio>
#include <map>

namespace moscan {

Provenance provenance_of(const CountJob& job) {
    const CountOptions& o = job.options();
    Provenance p;
    p.version = MOSCAN_VERSION;
    p.pattern_set = job.patterns().name;
    p.pattern_hash = job.patterns().hash();
    p.pattern_source = job.patterns().path.empty() ? "bundled" : job.patterns().path;
    p.engine = "hyperscan " + HyperscanMatcher::version();
    p.codes_source = job.codes().source;
    p.periods = o.periods.describe();
    for (size_t g = 0; g < job.group_selected().size(); ++g)
        if (job.group_selected()[g])
            p.groups += (p.groups.empty() ? "" : ",") +
                        (g < job.codes().groups().size() ? job.codes().groups()[g]
                                                         : std::string("other (codes outside the list)"));
    if (o.max_age < 0) p.age_rule = "no age filter";
    else
        p.age_rule = "a victim aged " + std::to_string(o.max_age) + " or under" +
                     (o.unknown_age == UnknownAge::include ? ", or of unknown age" : "");
    for (const auto& t : o.columns.texts) p.text_columns += (p.text_columns.empty() ? "" : ",") + t;
    if (p.text_columns.empty()) p.text_columns = "(detected MO column)";
    return p;
}

void write_csv(std::ostream& out, const std::vector<TableRow>& rows) {
    std::string s = "period,group,code,platform,crimes,mentions\n";
    for (const auto& r : rows)
        csv::append_row(s, {r.period, r.group, r.code, r.platform, std::to_string(r.crimes),
                            std::to_string(r.mentions)});
    out << s;
}

void write_markdown(std::ostream& out, const CountJob& job, const CountResult& result,
                    const Report* report) {
    Provenance p = provenance_of(job);
    std::map<std::string, std::string> display;
    bool online_row = false;
    for (const auto& pl : job.patterns().platforms) {
        display[pl.id] = pl.name;
        online_row = online_row || pl.outside_any;
    }
    display["ANY"] = online_row ? "**Any listed platform**" : "**Any platform (online element)**";
    display["ONLINE"] = "**Online element (listed platform or other online service)**";
    display["TOTAL"] = "**All crimes in scope**";
    const bool flag = report && report->row_options.flag;
    const bool shares = report && report->row_options.shares;
    std::vector<Dim> extra;
    if (report) extra = report->cube.by.extra();
    out << "| Period | Group | Code | ";
    for (Dim d : extra) out << (d == Dim::age_band ? "Age band | " : "Gender | ");
    out << "Platform | Crimes | Times recorded |";
    if (flag) out << " Flagged online | Keyword | Both | Either |";
    if (shares) out << " Where known | % of where known |";
    out << "\n|---|---|---|";
    for (size_t i = 0; i < extra.size(); ++i) out << "---|";
    out << "---|---:|---:|" << (flag ? "---:|---:|---:|---:|" : "") << (shares ? "---:|---:|" : "")
        << "\n";
    auto n = [](std::uint64_t v, bool hidden) { return hidden ? std::string("*") : std::to_string(v); };
    for (const auto& r : result.rows) {
        out << "| " << md_cell(r.period) << " | " << md_cell(r.group) << " | " << md_cell(r.code)
            << " | ";
        for (const auto& v : r.dims) out << md_cell(v) << " | ";
        out << md_cell(display.count(r.platform) ? display[r.platform] : r.platform) << " | "
            << n(r.crimes, r.hidden & kHideCrimes) << " | " << n(r.mentions, r.hidden & kHideMentions)
            << " |";
        if (flag)
            out << " " << n(r.flagged, r.hidden & kHideFlagged) << " | "
                << n(r.crimes, r.hidden & kHideCrimes) << " | " << n(r.both, r.hidden & kHideBoth)
                << " | " << n(r.either, r.hidden & kHideEither) << " |";
        if (shares) {
            out << " " << n(r.base, r.hidden & kHideBase) << " | ";
            if (r.hidden & kHideShare) out << "*";
            else if (r.share >= 0) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.1f%%", r.share);
                out << buf;
            }
            out << " |";
        }
        out << "\n";
    }
    out << "\nCrimes: distinct crimes whose text names the platform (rows of one crime counted "
           "once). Times recorded: mentions in the crimes' distinct texts.\n";
    if (online_row)
        out << "Any listed platform: crimes naming at least one listed platform. Online element: "
               "crimes naming a listed platform or another online service (rows marked "
               "outside-any in the pattern set, not part of Any listed platform).\n";
    out << "Periods: " << p.periods << ". Groups: " << p.groups << ". Scope: " << p.age_rule
        << ". Pattern set " << p.pattern_set << " (" << p.pattern_hash << "), " << p.engine
        << ", moscan " << p.version << ".\n";
    if (report && report->sup())
        out << "\n\\* Fewer than " << report->sup()->threshold
            << " crimes, or hidden so that such a count cannot be worked out from the totals.\n";
}

void write_json(std::ostream& out, const CountJob& job, const CountResult& result,
                bool timing, const Report* report) {
    Provenance p = provenance_of(job);
    const Summary& s = result.summary;
    std::string j = "{\n  \"moscan\": {\"version\": " + json_string(p.version) +
                    ", \"engine\": " + json_string(p.engine) +
                    ", \"pattern_set\": " + json_string(p.pattern_set) +
                    ", \"pattern_set_hash\": " + json_string(p.pattern_hash) +
                    ", \"pattern_source\": " + json_string(p.pattern_source) +
                    ", \"code_list\": " + json_string(p.codes_source) + "},\n";
    j += "  \"scope\": {\"periods\": " + json_string(p.periods) +
         ", \"groups\": " + json_string(p.groups) + ", \"age\": " + json_string(p.age_rule) + "},\n";
    j += "  \"inputs\": [";
    for (size_t i = 0; i < result.inputs.size(); ++i)
        j += (i ? ", " : "") + json_string(result.inputs[i]);
    j += "],\n  \"summary\": {";
    j += "\"rows_read\": " + std::to_string(s.rows.read);
    j += ", \"rows_used\": " + std::to_string(s.rows_used);
    j += ", \"rows_out_of_scope\": " + std::to_string(s.rows_out_of_scope());
    j += ", \"rows_out_of_scope_by_reason\": {\"code\": " + std::to_string(s.rows.out_code) +
         ", \"date\": " + std::to_string(s.rows.out_date) + ", \"age\": " +
         std::to_string(s.out_age) + "}";
    j += ", \"rows_rejected\": " + std::to_string(s.rows_rejected());
    j += ", \"rows_rejected_by_reason\": {";
    bool first = true;
    for (size_t i = 0; i < kRejectKinds; ++i) {
        if (!s.rows.rejected[i]) continue;
        j += (first ? "" : ", ") + json_string(reject_name(static_cast<Reject>(i))) + ": " +
             std::to_string(s.rows.rejected[i]);
        first = false;
    }
    j += "}, \"blank_lines\": " + std::to_string(s.rows.blank_lines);
    j += ", \"columns\": " + s.columns_json();
    // With disclosure control, the grand totals are published only when the table shows
    // them (--totals) and they are not suppressed: otherwise they could give away a hidden
    // count.
    const CellKey grand{kAll, kAll, kAll, kAll, kAll};
    const bool grand_hidden =
        report && report->sup() &&
        (!report->row_options.totals || report->sup()->hidden(grand, Measure::total) ||
         report->sup()->hidden(grand, Measure::any_crimes) ||
         report->sup()->hidden(grand, Measure::online_crimes));
    j += ", \"crimes_in_scope\": " + (grand_hidden ? "null" : std::to_string(s.crimes_in_scope));
    j += ", \"crimes_online\": " + (grand_hidden ? "null" : std::to_string(s.crimes_online));
    j += ", \"bytes\": " + std::to_string(s.bytes);
    if (timing) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", s.seconds);
        j += ", \"seconds\": " + std::string(buf) + ", \"threads\": " + std::to_string(s.threads);
        j += ", \"spills\": " + std::to_string(s.spills) +
             ", \"spilled_bytes\": " + std::to_string(s.spilled_bytes);
        j += ", \"rows_deferred\": " + std::to_string(s.rows_deferred) +
             ", \"rows_read_back\": " + std::to_string(s.rows_read_back);
    }
    j += "},\n  \"issues\": [";
    for (size_t i = 0; i < s.issues.size(); ++i)
        j += (i ? ", " : "") + json_string(s.issues[i].message());
    j += "],\n";
    if (report && report->sup()) {
        const Suppression& sup = *report->sup();
        j += "  \"disclosure\": {\"suppress_below\": " + std::to_string(sup.threshold) +
             ", \"primary\": " + std::to_string(sup.primary_count()) +
             ", \"secondary\": " + std::to_string(sup.secondary_count()) + ", \"suppressed\": [";
        for (size_t i = 0; i < sup.counts.size(); ++i)
            j += std::string(i ? ", " : "") + "{\"count\": " + json_string(sup.counts[i].what) +
                 ", \"why\": " + json_string(sup.counts[i].why) + "}";
        j += "]},\n";
    }
    j += "  \"rows\": [\n";
    std::vector<Dim> extra;
    if (report) extra = report->cube.by.extra();
    const bool flag = report && report->row_options.flag;
    const bool shares = report && report->row_options.shares;
    for (size_t i = 0; i < result.rows.size(); ++i) {
        const auto& r = result.rows[i];
        std::string suppressed;
        auto n = [&](const char* name, std::uint64_t v, std::uint32_t bit) {
            if (!(r.hidden & bit)) return std::to_string(v);
            suppressed += (suppressed.empty() ? "" : ", ") + json_string(name);
            return std::string("null");
        };
        j += "    {\"period\": " + json_string(r.period) + ", \"group\": " + json_string(r.group) +
             ", \"code\": " + json_string(r.code);
        for (size_t d = 0; d < extra.size() && d < r.dims.size(); ++d)
            j += ", " + json_string(dim_name(extra[d])) + ": " + json_string(r.dims[d]);
        j += ", \"platform\": " + json_string(r.platform) +
             ", \"crimes\": " + n("crimes", r.crimes, kHideCrimes) + ", \"mentions\": " +
             n("mentions", r.mentions, kHideMentions);
        if (flag)
            j += ", \"flagged_online\": " + n("flagged_online", r.flagged, kHideFlagged) +
                 ", \"both\": " + n("both", r.both, kHideBoth) +
                 ", \"either\": " + n("either", r.either, kHideEither);
        if (shares) {
            j += ", \"where_known\": " + n("where_known", r.base, kHideBase) + ", \"share_pct\": ";
            if (r.hidden & kHideShare) {
                j += "null";
                suppressed += (suppressed.empty() ? "" : ", ") + json_string("share_pct");
            } else if (r.share < 0) {
                j += "null";
            } else {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.1f", r.share);
                j += buf;
            }
        }
        if (!suppressed.empty()) j += ", \"suppressed\": [" + suppressed + "]";
        j += std::string("}") + (i + 1 < result.rows.size() ? ",\n" : "\n");
    }
    j += "  ]\n}\n";
    out << j;
}

void write_summary(std::ostream& out, const CountJob& job, const CountResult& result) {
    const Summary& s = result.summary;
    Provenance p = provenance_of(job);
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s, %u threads", s.seconds,
                  s.seconds > 0 ? s.bytes / 1e6 / s.seconds : 0.0, s.threads);
    out << "moscan: read " << thousands(s.rows.read) << (s.rows.read == 1 ? " row (" : " rows (") << thousands(s.bytes)
        << " bytes, " << s.files << (s.files == 1 ? " file" : " files") << ") in " << rate << "\n";
    if (!result.inputs.empty()) {
        std::string names;
        for (std::size_t i = 0; i < result.inputs.size() && i < 10; ++i)
            names += (i ? ", " : "") + result.inputs[i];
        if (result.inputs.size() > 10)
            names += ", ... (" + std::to_string(result.inputs.size()) + " in all)";
        out << "  files read           " << names << "\n";
    }
    for (const auto& n : s.input_notes) out << "  input: " << n << "\n";
    out << "  rows used            " << thousands(s.rows_used) << "\n";
    out << "  rows out of scope    " << thousands(s.rows_out_of_scope()) << "  (offence code "
        << thousands(s.rows.out_code) << ", date outside periods " << thousands(s.rows.out_date)
        << ", no victim in age range " << thousands(s.out_age) << ")\n";
    out << "  rows rejected        " << thousands(s.rows_rejected());
    std::string reasons;
    for (size_t i = 0; i < kRejectKinds; ++i)
        if (s.rows.rejected[i])
            reasons += (reasons.empty() ? "" : ", ") +
                       std::string(reject_name(static_cast<Reject>(i))) + " " +
                       thousands(s.rows.rejected[i]);
    out << (reasons.empty() ? "" : "  (" + reasons + ")") << "\n";
    if (s.rows.blank_lines) out << "  blank lines skipped  " << thousands(s.rows.blank_lines) << "\n";
    out << "  crimes in scope      " << thousands(s.crimes_in_scope) << ", with an online element "
        << thousands(s.crimes_online) << "\n";
    if (s.spills)
        out << "  crime state spilled  " << thousands(s.spilled_bytes) << " bytes in " << s.spills
            << (s.spills == 1 ? " spill" : " spills") << " (--crime-memory)\n";
    out << "  pattern set          " << p.pattern_set << " (" << p.pattern_hash << "), "
        << p.engine << "\n";
    out << s.format_columns();
    for (const auto& i : s.issues) out << "  rejected: " << i.message() << "\n";
    if (s.rows_rejected() > s.issues.size())
        out << "  (" << thousands(s.rows_rejected() - s.issues.size())
            << " more rejected rows not listed)\n";
    if (!job.options().rejects_file.empty())
        out << "  rejected rows, all " << thousands(s.rejects_written) << ", in "
            << job.options().rejects_file << " (--rejects)\n";
}

} // namespace moscan
