#include "pipeline/output/report.hpp"

#include "pipeline/input/csv.hpp"
#include "pipeline/output/writers.hpp"

#include <cstdio>
#include <ctime>

namespace moscan {

Report make_report(Cube cube, const ReportOptions& options) {
    Report r;
    r.cube = std::move(cube);
    r.options = options;
    r.row_options.totals = options.totals;
    r.row_options.shares = options.shares;
    r.row_options.flag = options.flag;
    if (options.suppress_below > 1) {
        // The cells this output shows: secondary suppression prefers those it does not.
        const Cube& cube = r.cube;
        auto displayed = [&cube, &options](const CellKey& k) {
            if (cube.is_leaf(k) || options.totals) return true;
            if (!options.headline) return false;
            // Headline cells: a period (or ALL when periods are not broken down), a group or
            // all groups, every other dimension ALL.
            if (cube.by.has(Dim::period) && k[0] == kAll) return false;
            if (cube.by.has(Dim::group) && k[1] == kAll) return false;
            return k[2] == kAll && k[3] == kAll && k[4] == kAll;
        };
        Publication pub;
        pub.displayed = displayed;
        pub.flag_cells = options.flag;
        pub.flag_rows = options.flag && !options.headline; // xlsx/html: per cell only
        r.suppression = suppress(r.cube, options.suppress_below, pub);
    }
    r.rows = rows_of(r.cube, r.row_options, r.sup());
    return r;
}

Shown shown(const Report& r, const CellKey& k, Measure m, std::size_t platform) {
    Shown s;
    const CellCounts* c = r.cube.find(k);
    if (!c) return s;
    s.present = true;
    if (r.sup() && r.sup()->hidden(k, m, platform)) {
        s.hidden = true;
        return s;
    }
    s.value = measure_value(*c, m, platform);
    return s;
}

namespace {

std::string number_or_star(std::uint64_t v, bool hidden) {
    return hidden ? "*" : std::to_string(v);
}

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

} // namespace

void write_report_csv(std::ostream& out, const Report& r) {
    std::string s;
    if (r.options.bom) s += "\xEF\xBB\xBF";
    const auto extra = r.cube.by.extra();
    s += "period,group,code,";
    for (Dim d : extra) s += std::string(dim_name(d)) + ",";
    s += "platform,crimes,mentions";
    if (r.row_options.flag) s += ",flagged_online,keyword,both,either";
    if (r.row_options.shares) s += ",where_known,share_pct";
    s += '\n';
    for (const auto& row : r.rows) {
        csv::append_field(s, row.period);
        s += ',';
        csv::append_field(s, row.group);
        s += ',';
        csv::append_field(s, row.code);
        s += ',';
        for (const auto& v : row.dims) {
            csv::append_field(s, v);
            s += ',';
        }
        csv::append_field(s, row.platform);
        s += ',' + number_or_star(row.crimes, row.hidden & kHideCrimes) + ',' +
             number_or_star(row.mentions, row.hidden & kHideMentions);
        if (r.row_options.flag)
            s += ',' + number_or_star(row.flagged, row.hidden & kHideFlagged) + ',' +
                 number_or_star(row.crimes, row.hidden & kHideCrimes) + ',' +
                 number_or_star(row.both, row.hidden & kHideBoth) + ',' +
                 number_or_star(row.either, row.hidden & kHideEither);
        if (r.row_options.shares) {
            s += ',' + number_or_star(row.base, row.hidden & kHideBase) + ',';
            if (row.hidden & kHideShare) s += '*';
            else if (row.share >= 0) s += percent(row.share);
        }
        s += '\n';
    }
    out << s;
}

void write_disclosure_summary(std::ostream& out, const Report& r) {
    const Suppression* sup = r.sup();
    if (!sup) return;
    out << "  disclosure control   counts 1 to " << sup->threshold - 1 << " shown as *: "
        << sup->counts.size() << " suppressed (" << sup->primary_count() << " primary, "
        << sup->secondary_count() << " secondary)\n";
    for (const auto& c : sup->counts)
        out << "    * " << c.what << ": " << c.why << "\n";
    for (const auto& u : sup->unprotected)
        out << "  WARNING: could not protect " << u << "\n";
}

std::string today_utc() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string display_title(const Report& r) {
    return r.options.title.empty() ? "Online platforms named in crime records" : r.options.title;
}

std::vector<int> headline_periods(const Cube& c) {
    if (!c.by.has(Dim::period)) return {kAll};
    return c.dims[0].values;
}

std::vector<int> headline_groups(const Cube& c) {
    if (!c.by.has(Dim::group)) return {kAll};
    return c.dims[1].values;
}

CellKey headline_key(int period, int group) { return CellKey{period, group, kAll, kAll, kAll}; }

std::string group_title(const Cube& c, int group) {
    return group == kAll ? std::string("All groups") : "Group " + c.label(Dim::group, group);
}

std::string period_title(const Cube& c, int period) {
    if (period == kAll) return "All periods";
    return c.label(Dim::period, period);
}

std::vector<Note> method_notes(const CountJob& job, const CountResult& result, const Report& r) {
    const CountOptions& o = job.options();
    Provenance p = provenance_of(job);
    const Summary& s = result.summary;
    std::vector<Note> notes;
    auto add = [&](std::string h, std::string t) { notes.push_back({std::move(h), std::move(t)}); };

    add("What is counted",
        "Crimes: the number of distinct crimes (crime references) whose free text names the "
        "platform. A crime recorded on several rows (one per victim, or text continued on "
        "another row) counts once. Times recorded: the number of mentions of the platform in "
        "the crime's distinct texts, the figure a keyword search gives. Any platform: crimes "
        "naming at least one platform (the online element, and the 'where known' base). All "
        "crimes: every crime in scope, named platform or not.");
    const Cube& cube = r.cube;
    std::string outside_names;
    for (std::size_t i = 0; i < cube.platforms(); ++i)
        if (cube.platform_outside[i])
            outside_names += (outside_names.empty() ? "'" : ", '") + cube.platform_names[i] + "'";
    if (cube.online_row)
        add("Online element",
            "Three rows answer 'had an online element' at different strengths. Any listed "
            "platform: crimes naming at least one of the listed platforms (every platform row "
            "except " +
                outside_names +
                "); this is the 'where known' base. " + outside_names +
                ": crimes naming an online service outside the listed platforms (for example a "
                "video site, a dating app, 'social media', a chat site or a webcam); such a "
                "crime may also name a listed platform, and is then counted in both rows. "
                "Online element: crimes naming a listed platform or another online service, "
                "so it lies between Any listed platform and Any listed platform plus " +
                outside_names +
                ". Times recorded for Any listed platform (and All crimes) are the listed "
                "platforms' mentions, for the Online element every platform's. Crimes naming "
                "no platform or service may still have had an online element that the text "
                "does not name.");
    add("Fields searched",
        "The free-text field(s) " + p.text_columns +
            " of every row of a crime in scope. Other fields are not searched.");
    add("Platforms and pattern set",
        "Pattern set " + p.pattern_set + " (hash " + p.pattern_hash + ", " + p.pattern_source +
            "): " + std::to_string(job.patterns().platforms.size()) + " platforms, " +
            std::to_string(job.patterns().patterns.size()) +
            " patterns, matched case-insensitively as whole words, with known false friends "
            "excluded (for example 'family discord', 'traffic signal'). Engine: " +
            p.engine + ".");
    add("Duplicates",
        "The same text in the same field on several rows of one crime is counted once; "
        "different texts of a crime all count. Overlapping matches of one platform are one "
        "mention ('Facebook Messenger' is one Facebook mention). A crime naming several "
        "platforms counts once under each, so platform rows add up to more than 'Any "
        "platform'.");
    add("Periods and offences",
        "Periods: " + p.periods +
            " (both ends inclusive). A crime's date is the earliest date among its rows; its "
            "offence code is the code of that earliest row. Offence groups: " +
            p.groups + " (code list " + p.codes_source + ").");
    std::string age = "Scope: " + p.age_rule +
                      ". A crime is in scope when at least one of its victims has a known age "
                      "within that limit";
    if (o.max_age < 0) age = "Scope: every victim age (no age rule)";
    else if (o.unknown_age == UnknownAge::include)
        age += ", or a victim of unknown age";
    else
        age += "; victims of unknown age do not bring a crime into scope";
    age += ".";
    if (r.cube.by.has(Dim::age_band))
        age += " Age band: the band of the crime's youngest victim with a known age within the "
               "limit (bands " +
               r.cube.dims[3].label.begin()->second + " ...); a crime counts in one band only, "
               "and 'Unknown' holds crimes in scope with no such age.";
    add("Victim age", age);
    if (r.cube.by.has(Dim::gender))
        add("Victim gender",
            "From the column " +
                (r.options.gender_column.empty() ? std::string("VictimGender (detected)")
                                                 : r.options.gender_column) +
                ", for the victims that bring the crime into scope. A crime whose victims are "
                "all of one recorded gender counts under it; a crime with victims of two or "
                "more recorded genders counts once, under 'Mixed'; a crime with no recorded "
                "gender counts under 'Unknown'. Each crime counts once, so the genders add up "
                "to the total.");
    if (r.options.flag)
        add("Online flag",
            "A crime is flagged online when any of its rows has the online/cyber flag set "
            "(Y, Yes, True, 1, Online or Cyber). The flag and the platform keyword search are "
            "shown side by side: flagged, keyword (names a platform), both, and either." +
                std::string(cube.online_row
                                ? " In the 'Any listed platform' row and the 'Platform keyword' "
                                  "column, keyword means naming a listed platform; in the "
                                  "'Online element' row and columns, naming a listed platform "
                                  "or another online service (" +
                                      outside_names + "); both and either follow each."
                                : ""));
    add("Where known",
        "Percentages are of the 'where known' base: the crimes of the same period and group "
        "naming at least one platform. They add up to more than 100% when crimes name "
        "several platforms. Crimes naming no platform may still have had an online element "
        "that the text does not name." +
            std::string(cube.online_row ? " The base holds the listed platforms only: " +
                                              outside_names +
                                              " and the Online element have no percentage."
                                        : ""));
    if (r.sup()) {
        const Suppression& sup = *r.sup();
        add("Disclosure control",
            "Counts from 1 to " + std::to_string(sup.threshold - 1) +
                " are shown as *. Further counts are hidden (secondary suppression) so that no "
                "hidden count can be worked out from the totals of its row, column or group "
                "(totals over periods, groups and other breakdowns, the sum of mentions, and "
                "the flag comparison). Percentages are hidden with their count or base. " +
                std::to_string(sup.counts.size()) + " counts are suppressed (" +
                std::to_string(sup.primary_count()) + " below the threshold, " +
                std::to_string(sup.secondary_count()) + " to protect them). Zeros are shown.");
    } else {
        add("Disclosure control",
            "No small-number suppression was applied (moscan count --suppress-below N applies "
            "it). Check the table before publishing.");
    }
    add("Rows accounted for",
        "Rows read " + std::to_string(s.rows.read) + ": used " + std::to_string(s.rows_used) +
            ", out of scope " + std::to_string(s.rows_out_of_scope()) + " (offence code " +
            std::to_string(s.rows.out_code) + ", date " + std::to_string(s.rows.out_date) +
            ", victim age " + std::to_string(s.out_age) + "), rejected as unusable " +
            std::to_string(s.rows_rejected()) + ".");
    add("Caveats",
        "This is a search of free text written by officers and staff. A platform that is "
        "used but not named, misspelt beyond the listed variants, or named only in fields "
        "that are not searched is not counted; a name used in another sense can be counted. "
        "The figures come from live police recording systems, which are subject to the "
        "inaccuracies inherent in any large-scale recording system, and should be interpreted "
        "with caution: numbers of recorded crimes do not necessarily indicate the likelihood "
        "of someone being a victim of crime.");
    return notes;
}

} // namespace moscan
