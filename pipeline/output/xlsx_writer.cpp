// The FOI officer's spreadsheet: Cover, Notes, then one real Excel table per sheet.
// Aggregates only: no hidden sheets, no pivot tables, no free text, no crime ids. Codes are
// text cells, counts are numbers, suppressed counts are the text "*".
#include "pipeline/base/error.hpp"
#include "pipeline/output/report.hpp"
#include "pipeline/output/writers.hpp"

#include <xlsxwriter.h>

#include <memory>
#include <string>
#include <vector>

namespace moscan {

namespace {

class Workbook {
public:
    explicit Workbook(const std::string& path) : path_(path), wb_(workbook_new(path.c_str())) {
        if (!wb_) throw IoError("cannot write " + path);
        bold_ = workbook_add_format(wb_);
        format_set_bold(bold_);
        title_ = workbook_add_format(wb_);
        format_set_bold(title_);
        format_set_font_size(title_, 16);
        wrap_ = workbook_add_format(wb_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        head_ = workbook_add_format(wb_);
        format_set_bold(head_);
        format_set_align(head_, LXW_ALIGN_VERTICAL_TOP);
        pct_ = workbook_add_format(wb_);
        format_set_num_format(pct_, "0.0%");
        count_ = workbook_add_format(wb_);
        format_set_num_format(count_, "#,##0");
        right_ = workbook_add_format(wb_);
        format_set_align(right_, LXW_ALIGN_RIGHT);
    }
    ~Workbook() {
        if (wb_) workbook_close(wb_); // only on an error path: close() was not reached
    }
    void close() {
        lxw_error e = workbook_close(wb_);
        wb_ = nullptr;
        if (e != LXW_NO_ERROR)
            throw IoError("cannot write " + path_ + ": " + lxw_strerror(e));
    }
    lxw_worksheet* sheet(const std::string& name) {
        lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
        if (!ws) throw Error(ExitCode::software, "xlsx: cannot add sheet " + name);
        worksheet_set_paper(ws, 9); // A4
        return ws;
    }
    lxw_workbook* wb() { return wb_; }
    lxw_format *bold_, *title_, *wrap_, *head_, *pct_, *count_, *right_;

private:
    std::string path_;
    lxw_workbook* wb_;
};

// A table laid out cell by cell, then declared as an Excel table over its range.
class Table {
public:
    Table(lxw_worksheet* ws, Workbook& wb, int first_row, std::vector<std::string> headers)
        : ws_(ws), wb_(wb), first_(first_row), headers_(std::move(headers)) {
        row_ = first_row; // the header row is written by the table itself
        widths_.assign(headers_.size(), 8);
        for (size_t i = 0; i < headers_.size(); ++i) widen(i, headers_[i].size());
    }
    void next_row() {
        ++row_;
        col_ = 0;
    }
    void text(const std::string& s) {
        worksheet_write_string(ws_, static_cast<lxw_row_t>(row_), static_cast<lxw_col_t>(col_),
                               s.c_str(), nullptr);
        widen(col_, s.size());
        ++col_;
    }
    void count(const Shown& v) {
        if (v.hidden) {
            worksheet_write_string(ws_, static_cast<lxw_row_t>(row_),
                                   static_cast<lxw_col_t>(col_), "*", wb_.right_);
        } else {
            worksheet_write_number(ws_, static_cast<lxw_row_t>(row_),
                                   static_cast<lxw_col_t>(col_), static_cast<double>(v.value),
                                   wb_.count_);
        }
        ++col_;
    }
    // A share in percent (0..100); hidden -> "*", negative -> blank.
    void share(double pct, bool hidden) {
        if (hidden)
            worksheet_write_string(ws_, static_cast<lxw_row_t>(row_),
                                   static_cast<lxw_col_t>(col_), "*", wb_.right_);
        else if (pct >= 0)
            worksheet_write_number(ws_, static_cast<lxw_row_t>(row_),
                                   static_cast<lxw_col_t>(col_), pct / 100.0, wb_.pct_);
        ++col_;
    }
    void blank() { ++col_; }
    // Declares the Excel table.
    void finish(const char* name) {
        if (row_ == first_) next_row(); // an Excel table needs a data row
        std::vector<lxw_table_column> cols(headers_.size());
        std::vector<lxw_table_column*> ptrs;
        for (size_t i = 0; i < headers_.size(); ++i) {
            cols[i] = lxw_table_column{};
            cols[i].header = const_cast<char*>(headers_[i].c_str());
            cols[i].header_format = wb_.head_;
            ptrs.push_back(&cols[i]);
        }
        ptrs.push_back(nullptr);
        lxw_table_options opt{};
        opt.name = const_cast<char*>(name);
        opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
        opt.style_type_number = 9;
        opt.columns = ptrs.data();
        lxw_error e = worksheet_add_table(ws_, static_cast<lxw_row_t>(first_), 0,
                                          static_cast<lxw_row_t>(row_),
                                          static_cast<lxw_col_t>(headers_.size() - 1), &opt);
        if (e != LXW_NO_ERROR)
            throw Error(ExitCode::software, std::string("xlsx table: ") + lxw_strerror(e));
        for (size_t i = 0; i < widths_.size(); ++i)
            worksheet_set_column(ws_, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i),
                                 std::min<double>(60, widths_[i] + 2), nullptr);
        worksheet_freeze_panes(ws_, static_cast<lxw_row_t>(first_ + 1), 0);
    }

private:
    void widen(size_t col, size_t n) {
        if (col < widths_.size()) widths_[col] = std::max(widths_[col], n);
    }
    lxw_worksheet* ws_;
    Workbook& wb_;
    int first_, row_ = 0;
    size_t col_ = 0;
    std::vector<std::string> headers_;
    std::vector<size_t> widths_;
};

double share_of(std::uint64_t part, std::uint64_t base) {
    return base ? 100.0 * static_cast<double>(part) / static_cast<double>(base) : 0.0;
}

} // namespace

void write_xlsx(const std::string& path, const CountJob& job, const CountResult& result,
                const Report& r) {
    Provenance p = provenance_of(job);
    const Cube& cube = r.cube;
    const std::size_t np = cube.platforms();
    Workbook wb(path);
    const std::string title = display_title(r);
    const std::string date = r.options.run_date.empty() ? today_utc() : r.options.run_date;

    lxw_doc_properties props{};
    props.title = const_cast<char*>(title.c_str());
    std::string comments = "moscan " + p.version;
    props.comments = const_cast<char*>(comments.c_str());
    workbook_set_properties(wb.wb(), &props);

    const bool breakdown = cube.by.has(Dim::code) || cube.by.has(Dim::age_band) ||
                           cube.by.has(Dim::gender);
    std::vector<std::string> sheets = {"Cover", "Notes", "Headline"};
    if (breakdown) sheets.push_back("Breakdown");
    if (r.options.flag) sheets.push_back("Online flag");

    // Cover.
    {
        lxw_worksheet* ws = wb.sheet("Cover");
        worksheet_set_column(ws, 0, 0, 24, nullptr);
        worksheet_set_column(ws, 1, 1, 90, nullptr);
        worksheet_write_string(ws, 0, 0, title.c_str(), wb.title_);
        lxw_row_t row = 2;
        auto line = [&](const std::string& k, const std::string& v) {
            worksheet_write_string(ws, row, 0, k.c_str(), wb.bold_);
            worksheet_write_string(ws, row, 1, v.c_str(), wb.wrap_);
            ++row;
        };
        const auto& ex = job.options().periods.explicit_periods();
        if (ex.empty()) line("Periods", p.periods);
        for (size_t i = 0; i < ex.size(); ++i)
            line(i ? "" : "Periods",
                 ex[i].name + ": " + format_iso(ex[i].first) + " to " + format_iso(ex[i].last));
        line("Offence groups", p.groups);
        line("Victims", p.age_rule);
        for (size_t i = 0; i < result.inputs.size(); ++i)
            line(i ? "" : "Input files", result.inputs[i]);
        line("Run date", date);
        line("Produced by", "moscan " + p.version);
        line("Pattern set", p.pattern_set + " (" + p.pattern_source + ")");
        line("Pattern-set hash", p.pattern_hash);
        line("Engine", p.engine);
        line("Code list", p.codes_source);
        line("Disclosure control",
             r.sup() ? "counts from 1 to " + std::to_string(r.sup()->threshold - 1) +
                           " shown as *, with secondary suppression (see Notes)"
                     : "none applied");
        std::string contents;
        for (size_t i = 2; i < sheets.size(); ++i) contents += (i > 2 ? ", " : "") + sheets[i];
        line("Tables", contents + " (Notes: method and caveats)");
    }
    // Notes.
    {
        lxw_worksheet* ws = wb.sheet("Notes");
        worksheet_set_column(ws, 0, 0, 24, nullptr);
        worksheet_set_column(ws, 1, 1, 100, nullptr);
        worksheet_write_string(ws, 0, 0, "Method and caveats", wb.title_);
        lxw_row_t row = 2;
        for (const Note& n : method_notes(job, result, r)) {
            worksheet_write_string(ws, row, 0, n.heading.c_str(), wb.head_);
            worksheet_write_string(ws, row, 1, n.text.c_str(), wb.wrap_);
            // Rough row height for wrapped text: ~95 characters a line.
            worksheet_set_row(ws, row, 15.0 * static_cast<double>(1 + n.text.size() / 95), nullptr);
            ++row;
        }
    }
    // Headline: platforms x periods, per group.
    {
        lxw_worksheet* ws = wb.sheet("Headline");
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        const auto periods = headline_periods(cube);
        const auto groups = headline_groups(cube);
        std::vector<std::string> headers = {"Group", "Platform"};
        for (int pk : periods) {
            std::string name = period_title(cube, pk);
            headers.push_back(name + ": crimes");
            headers.push_back(name + ": times recorded");
            headers.push_back(name + ": % of where known");
        }
        Table t(ws, wb, 0, headers);
        // Rows: the platforms, ANY, ONLINE (sets with an outside-any platform), TOTAL.
        const size_t online_at = cube.online_row ? np + 1 : SIZE_MAX;
        const size_t last = cube.online_row ? np + 2 : np + 1;
        for (int g : groups) {
            for (size_t i = 0; i <= last; ++i) {
                t.next_row();
                t.text(group_title(cube, g));
                t.text(i < np         ? cube.platform_names[i]
                       : i == np      ? (cube.online_row ? "Any listed platform (where known)"
                                                         : "Any platform (where known)")
                       : i == online_at ? "Online element (listed platform or other online service)"
                                        : "All crimes in scope");
                for (int pk : periods) {
                    CellKey k = headline_key(pk, g);
                    Shown base = shown(r, k, Measure::any_crimes);
                    if (i < np) {
                        Shown c = shown(r, k, Measure::crimes, i);
                        t.count(c);
                        t.count(shown(r, k, Measure::mentions, i));
                        if (cube.platform_outside[i]) t.share(-1, false); // not in the base
                        else t.share(share_of(c.value, base.value), c.hidden || base.hidden);
                    } else if (i == np) {
                        t.count(base);
                        t.count(shown(r, k, Measure::any_mentions));
                        t.share(base.value ? 100.0 : 0.0, base.hidden);
                    } else if (i == online_at) {
                        t.count(shown(r, k, Measure::online_crimes));
                        t.count(shown(r, k, Measure::online_mentions));
                        t.share(-1, false);
                    } else {
                        t.count(shown(r, k, Measure::total));
                        t.count(shown(r, k, Measure::any_mentions));
                        t.share(-1, false);
                    }
                }
            }
        }
        t.finish("Headline");
    }
    // Breakdown: the long table at the --by level.
    if (breakdown) {
        lxw_worksheet* ws = wb.sheet("Breakdown");
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        RowOptions ro;
        ro.shares = true;
        std::vector<TableRow> rows = rows_of(cube, ro, r.sup());
        std::vector<std::string> headers = {"Period", "Group", "Code"};
        const auto extra = cube.by.extra();
        for (Dim d : extra) headers.push_back(d == Dim::age_band ? "Age band" : "Gender");
        for (const char* h : {"Platform", "Crimes", "Times recorded", "Where known",
                              "% of where known"})
            headers.push_back(h);
        Table t(ws, wb, 0, headers);
        std::map<std::string, std::string> display;
        for (size_t i = 0; i < np; ++i) display[cube.platform_ids[i]] = cube.platform_names[i];
        display["ANY"] = cube.online_row ? "Any listed platform (where known)"
                                         : "Any platform (where known)";
        display["ONLINE"] = "Online element (listed platform or other online service)";
        display["TOTAL"] = "All crimes in scope";
        for (const auto& row : rows) {
            t.next_row();
            t.text(row.period);
            t.text(row.group);
            t.text(row.code); // text, never a number or a date
            for (const auto& v : row.dims) t.text(v);
            t.text(display.count(row.platform) ? display[row.platform] : row.platform);
            t.count(Shown{row.crimes, (row.hidden & kHideCrimes) != 0, true});
            t.count(Shown{row.mentions, (row.hidden & kHideMentions) != 0, true});
            t.count(Shown{row.base, (row.hidden & kHideBase) != 0, true});
            t.share(row.share, (row.hidden & kHideShare) != 0);
        }
        t.finish("Breakdown");
    }
    // Online flag: the flag and the keyword search side by side.
    if (r.options.flag) {
        lxw_worksheet* ws = wb.sheet("Online flag");
        std::vector<std::string> headers = {"Period", "Group", "All crimes in scope",
                                            "Flagged online", "Platform keyword", "Both",
                                            "Either"};
        if (cube.online_row)
            for (const char* h : {"Online element", "Online element: both",
                                  "Online element: either"})
                headers.push_back(h);
        Table t(ws, wb, 0, headers);
        for (int g : headline_groups(cube))
            for (int pk : headline_periods(cube)) {
                CellKey k = headline_key(pk, g);
                t.next_row();
                t.text(period_title(cube, pk));
                t.text(group_title(cube, g));
                t.count(shown(r, k, Measure::total));
                t.count(shown(r, k, Measure::flagged));
                t.count(shown(r, k, Measure::any_crimes));
                t.count(shown(r, k, Measure::any_both));
                t.count(shown(r, k, Measure::any_either));
                if (cube.online_row) {
                    t.count(shown(r, k, Measure::online_crimes));
                    t.count(shown(r, k, Measure::online_both));
                    t.count(shown(r, k, Measure::online_either));
                }
            }
        t.finish("OnlineFlag");
    }
    wb.close();
}

} // namespace moscan
