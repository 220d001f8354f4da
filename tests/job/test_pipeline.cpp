// End to end through CountJob: input files in, table rows and run summary out.
// Every expected count here was worked out by hand from the input written in the test.
#include "pipeline/job/count_job.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/output/writers.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace moscan;

namespace {

const std::string kHeader = "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n";

void check_balanced(const Summary& s) {
    CHECK(s.rows.read == s.rows_used + s.rows_out_of_scope() + s.rows_rejected());
}

// Runs a job on `content` written to a temporary file called `name`.
CountResult run_on(const std::string& content, CountOptions o = {},
                   const std::string& name = "input.csv") {
    test::TempFile f(content, name);
    o.inputs = {f.path()};
    o.quiet = true;
    CountJob job(std::move(o));
    CountResult r = job.run();
    check_balanced(r.summary);
    return r;
}

// The DataError message of a job that must fail.
std::string failure_of(const std::string& content, CountOptions o = {},
                       const std::string& name = "input.csv") {
    test::TempFile f(content, name);
    o.inputs = {f.path()};
    o.quiet = true;
    try {
        CountJob job(std::move(o));
        job.run();
    } catch (const DataError& e) {
        return e.what();
    }
    return "(no DataError)";
}

std::optional<TableRow> find(const CountResult& r, const std::string& platform,
                             const std::string& period = "ALL",
                             const std::string& group = "sexual",
                             const std::string& code = "ALL") {
    for (const auto& row : r.rows)
        if (row.period == period && row.group == group && row.code == code &&
            row.platform == platform)
            return row;
    return std::nullopt;
}

// crimes,mentions of a row; "absent" when there is no such row.
std::string cm(const CountResult& r, const std::string& platform,
               const std::string& period = "ALL", const std::string& group = "sexual",
               const std::string& code = "ALL") {
    auto row = find(r, platform, period, group, code);
    if (!row) return "absent";
    return std::to_string(row->crimes) + "," + std::to_string(row->mentions);
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// Rows out of scope by offence code (45), enough of them (> 64 KiB) that the reader's
// first block does not hold the whole file and the chunk size matters.
std::string padding(int n, const char* eol = "\n") {
    std::string s;
    char buf[64];
    for (int i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "P%06d,01/05/2020,45,12,padding on kik%s", i, eol);
        s += buf;
    }
    return s;
}
constexpr int kPadRows = 2500;

TableRow row(std::string period, std::string group, std::string code, std::string platform,
             std::uint64_t crimes, std::uint64_t mentions) {
    TableRow r;
    r.period = std::move(period);
    r.group = std::move(group);
    r.code = std::move(code);
    r.platform = std::move(platform);
    r.crimes = crimes;
    r.mentions = mentions;
    return r;
}

} // namespace

TEST_CASE("pipeline: rows of one crime are one crime; mentions add up over distinct texts") {
    std::string csv = kHeader +
                      "C1,01/05/2020,17,12,\"added on snapchat, snapchat msgs\"\n"
                      "C1,01/05/2020,17,12,CONT: more snapchat chat\n"
                      "C1,01/05/2020,17,12,CONT: snap chat again\n";
    CountResult r = run_on(csv);
    std::vector<TableRow> want = {
        row("ALL", "sexual", "ALL", "snapchat", 1, 4),
        row("ALL", "sexual", "ALL", "ANY", 1, 4),
        row("ALL", "sexual", "ALL", "TOTAL", 1, 4),
        row("ALL", "images", "ALL", "ANY", 0, 0),
        row("ALL", "images", "ALL", "TOTAL", 0, 0),
    };
    CHECK(r.rows == want);
    CHECK(r.summary.rows.read == 3);
    CHECK(r.summary.rows_used == 3);
    CHECK(r.summary.crimes_in_scope == 1);
    CHECK(r.summary.crimes_online == 1);
    CHECK(r.summary.rows_rejected() == 0);
}

TEST_CASE("pipeline: identical text on several rows of a crime counts once") {
    std::string csv = kHeader +
                      "C2,01/05/2020,17,10,Met on Snapchat and Kik\n"
                      "C2,01/05/2020,17,11,Met on Snapchat and Kik\n"
                      "C2,01/05/2020,17,12,Met on Snapchat and Kik\n"
                      "C3,01/05/2020,17,9,Kik msgs\n"
                      "C3,01/05/2020,17,9,more kik\n"
                      "C3,01/05/2020,17,9,Kik msgs\n"; // same as C3's first row: not again
    CountResult r = run_on(csv);
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "kik") == "2,3");
    CHECK(cm(r, "ANY") == "2,4");
    CHECK(cm(r, "TOTAL") == "2,4");
    CHECK(r.summary.rows_used == 6);

    // The same text in two different crimes counts in both.
    std::string two = kHeader + "A,01/05/2020,17,12,on Kik\nB,01/05/2020,17,12,on Kik\n";
    CHECK(cm(run_on(two), "kik") == "2,2");
}

TEST_CASE("pipeline: overlapping matches are one mention, separate names are two") {
    std::string csv = kHeader +
                      "C4,01/05/2020,17,12,chatted on Facebook Messenger\n"
                      "C5,01/05/2020,17,12,added on FB and Facebook\n";
    CountResult r = run_on(csv);
    CHECK(cm(r, "facebook") == "2,3");
    CHECK(cm(r, "ANY") == "2,3");
    CHECK(cm(r, "kik") == "absent"); // "Messenger" is not "Kik Messenger"
}

TEST_CASE("pipeline: periods are inclusive; a crime counts in the period of its earliest row") {
    std::string csv = kHeader +
                      "A,30/09/2019,17,12,snapchat\n"            // day before P1: out
                      "B,01/10/2019,17,12,snapchat\n"            // first day of P1
                      "C,31/03/2020 23:59:59,17,12,snapchat\n"   // last day of P1
                      "D,2020-04-01,17,12,kik\n"                 // first day of P2
                      "E,2020-09-30T23:59:00,17,12,kik\n"        // last day of P2
                      "F,01/10/2020,17,12,snapchat\n"            // day after P2: out
                      "G,15/05/2020,17,12,on telegram\n"            // later row of G first
                      "G,15/03/2020,17,12,instagram\n";          // G's earliest: P1
    CountOptions o;
    o.periods.add(Periods::parse("H2_2019=2019-10-01..2020-03-31"));
    o.periods.add(Periods::parse("H1_2020=2020-04-01..2020-09-30"));
    CountResult r = run_on(csv, o);
    CHECK(cm(r, "snapchat", "H2_2019") == "2,2");
    CHECK(cm(r, "instagram", "H2_2019") == "1,1");
    CHECK(cm(r, "telegram", "H2_2019") == "1,1");
    CHECK(cm(r, "ANY", "H2_2019") == "3,4");
    CHECK(cm(r, "TOTAL", "H2_2019") == "3,4");
    CHECK(cm(r, "kik", "H1_2020") == "2,2");
    CHECK(cm(r, "telegram", "H1_2020") == "absent");
    CHECK(cm(r, "snapchat", "H1_2020") == "absent");
    CHECK(cm(r, "ANY", "H1_2020") == "2,2");
    CHECK(cm(r, "TOTAL", "H1_2020") == "2,2");
    CHECK(cm(r, "TOTAL", "H1_2020", "images") == "0,0");
    CHECK(r.summary.rows.read == 8);
    CHECK(r.summary.rows.out_date == 2);
    CHECK(r.summary.rows_used == 6);
    CHECK(r.summary.crimes_in_scope == 5);
    // Row order: periods as defined, then groups in code-list order.
    REQUIRE(r.rows.size() == 12);
    CHECK(r.rows.front().period == "H2_2019");
    CHECK(r.rows.back().period == "H1_2020");
    CHECK(r.rows.back().group == "images");

    SUBCASE("every fy") {
        CountOptions f;
        f.periods.set_every(Every::fy);
        CountResult y = run_on(csv, f);
        // 2019/20: A, B, C and G (earliest 15/03/2020); 2020/21: D, E, F.
        CHECK(cm(y, "snapchat", "2019/20") == "3,3");
        CHECK(cm(y, "instagram", "2019/20") == "1,1");
        CHECK(cm(y, "telegram", "2019/20") == "1,1");
        CHECK(cm(y, "TOTAL", "2019/20") == "4,5");
        CHECK(cm(y, "kik", "2020/21") == "2,2");
        CHECK(cm(y, "snapchat", "2020/21") == "1,1");
        CHECK(cm(y, "TOTAL", "2020/21") == "3,3");
        CHECK(cm(y, "TOTAL", "2020/21", "images") == "0,0");
        CHECK(y.summary.rows.out_date == 0);
        std::vector<std::string> periods;
        for (const auto& t : y.rows)
            if (t.platform == "TOTAL") periods.push_back(t.period + "/" + t.group);
        CHECK(periods == std::vector<std::string>{"2019/20/sexual", "2019/20/images",
                                                  "2020/21/sexual", "2020/21/images"});
    }
}

TEST_CASE("pipeline: deferred rows are read back; a file changed before that is an error") {
    // D1's adult row comes first, in an earlier chunk: its text is deferred, and read back
    // at the end because D1's child row came later. Its Snapchat counts.
    std::string csv = kHeader + "D1,01/05/2020,17,30,met on snapchat\n";
    // (Enough rows between them to be past the first read, which takes 64 KiB.)
    for (int i = 0; i < 4000; ++i) csv += "F" + std::to_string(i) + ",01/05/2020,17,40,nothing\n";
    csv += "D1,01/05/2020,17,12,then kik\n";
    test::TempFile f(csv);
    CountOptions o = test::basic_options(f.path());
    o.chunk_bytes = 64;
    o.threads = 1;
    {
        CountJob job(o);
        CountResult r = job.run();
        check_balanced(r.summary);
        CHECK(r.summary.rows_deferred >= 1);
        CHECK(r.summary.rows_read_back == 1);
        CHECK(cm(r, "snapchat") == "1,1");
        CHECK(cm(r, "kik") == "1,1");
        CHECK(cm(r, "TOTAL") == "1,2");
    }
    // The same, but the file is rewritten (same length, another id on the first row) after it
    // was read and before the deferred row is read back.
    o.after_reading = [&] {
        std::string changed = csv;
        changed.replace(changed.find("D1,"), 3, "D9,");
        std::ofstream(f.path(), std::ios::binary | std::ios::trunc) << changed;
    };
    CountJob job(o);
    try {
        job.run();
        FAIL("a changed file must stop the run");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()).find(f.path() + ": the file changed while it was read") !=
              std::string::npos);
    }
}

TEST_CASE("pipeline: victim age decides scope per crime") {
    std::string csv = kHeader +
                      "K1,01/05/2020,17,30,snapchat\n"
                      "K1,01/05/2020,17,12,snapchat\n" // a child victim: in scope
                      "K2,01/05/2020,17,30,kik\n"
                      "K2,01/05/2020,17,45,kik\n" // adults only: out
                      "K3,01/05/2020,17,,on telegram\n"
                      "K3,01/05/2020,17,N/K,on telegram\n" // unknown ages only
                      "K4,01/05/2020,17,16,skype\n"
                      "K5,01/05/2020,17,12.0,on twitch\n"; // numeric export style
    CountResult r = run_on(csv);
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "kik") == "absent");
    CHECK(cm(r, "telegram") == "absent");
    CHECK(cm(r, "skype") == "1,1");
    CHECK(cm(r, "twitch") == "1,1");
    CHECK(cm(r, "TOTAL") == "3,3");
    CHECK(r.summary.out_age == 4);
    CHECK(r.summary.crimes_out_of_scope_age == 2);
    CHECK(r.summary.rows_used == 4);

    CountOptions inc;
    inc.unknown_age = UnknownAge::include;
    CountResult ri = run_on(csv, inc);
    CHECK(cm(ri, "telegram") == "1,1"); // the same text on both rows
    CHECK(cm(ri, "kik") == "absent");
    CHECK(cm(ri, "TOTAL") == "4,4");
    CHECK(ri.summary.out_age == 2);

    CountOptions m15;
    m15.max_age = 15;
    CountResult r15 = run_on(csv, m15);
    CHECK(cm(r15, "skype") == "absent");
    CHECK(cm(r15, "snapchat") == "1,1");
    CHECK(cm(r15, "TOTAL") == "2,2");
    CHECK(r15.summary.out_age == 5);

    CountOptions none;
    none.max_age = -1;
    CountResult rn = run_on(csv, none);
    CHECK(cm(rn, "kik") == "1,1"); // the same text on both rows
    CHECK(cm(rn, "telegram") == "1,1");
    CHECK(cm(rn, "TOTAL") == "5,5");
    CHECK(rn.summary.out_age == 0);
    CHECK(rn.summary.rows_used == 8);

    // Without an age filter, the age column is not needed at all.
    std::string no_age = "CrimeRef,DateRecorded,HOCode,MOText\nX,01/05/2020,17,on kik\n";
    CHECK(cm(run_on(no_age, none), "kik") == "1,1");
    CHECK(has(failure_of(no_age), "victim age"));

    // An age that is not a number is a rejected row (a bad value: skipped by default).
    std::string bad_age = kHeader + "Y,01/05/2020,17,twelve,on kik\nZ,01/05/2020,17,12,x\n";
    CountResult rb = run_on(bad_age);
    CHECK(rb.summary.rows.rejected[static_cast<size_t>(Reject::invalid_age)] == 1);
    CHECK(cm(rb, "TOTAL") == "1,0");
}

TEST_CASE("pipeline: without an age filter, age bands and genders still come from the rows") {
    // Without an age filter the age and gender are read only when the breakdown needs them;
    // when it does, every row's victim counts (all rows are in scope).
    const std::string csv = "CrimeRef,DateRecorded,HOCode,VictimAge,VictimGender,MOText\n"
                            "A,01/05/2020,17,30,M,on kik\n"
                            "A,01/05/2020,17,12,F,on kik\n" // youngest 12; female and male
                            "B,01/05/2020,17,40,F,on snapchat\n"  // no band below 18
                            "C,01/05/2020,17,,,on skype\n";       // nothing known
    CountOptions o;
    o.max_age = -1;
    o.by = {"age_band,gender"};
    CountResult r = run_on(csv, o);
    const std::vector<std::string> bands = AgeBands().labels();
    REQUIRE(bands.size() == 5); // three bands, other ages, unknown
    std::map<std::pair<std::string, std::string>, std::uint64_t> total;
    for (const TableRow& row : r.rows)
        if (row.platform == "TOTAL" && row.crimes) total[{row.dims.at(0), row.dims.at(1)}] += row.crimes;
    const std::map<std::pair<std::string, std::string>, std::uint64_t> want = {
        {{bands[1], "Mixed"}, 1}, {{bands[3], "Female"}, 1}, {{bands[4], "Unknown"}, 1}};
    CHECK(total == want);
    // The plain table: the same crimes.
    CountOptions plain;
    plain.max_age = -1;
    CHECK(cm(run_on(csv, plain), "TOTAL") == "3,3");
}

TEST_CASE("pipeline: offence codes are normalised; groups and the code breakdown") {
    std::string csv = kHeader +
                      "N1,01/05/2020,086/02,12,snapchat\n"
                      "N2,01/05/2020,86/2,12,kik\n"
                      "N3,01/05/2020,19c,12,on telegram\n"
                      "N4,01/05/2020, 71/17 ,12,skype\n"
                      "N5,01/05/2020,45,12,on twitch\n" // not in the code list
                      "N6,01/05/2020,017a,12,omegle\n";
    CountResult r = run_on(csv);
    CHECK(cm(r, "TOTAL", "ALL", "images") == "2,2");
    CHECK(cm(r, "snapchat", "ALL", "images") == "1,1");
    CHECK(cm(r, "kik", "ALL", "images") == "1,1");
    CHECK(cm(r, "TOTAL", "ALL", "sexual") == "3,3");
    CHECK(cm(r, "twitch", "ALL", "sexual") == "absent");
    CHECK(r.summary.rows.out_code == 1);

    CountOptions g;
    g.groups = {"images"};
    CountResult rg = run_on(csv, g);
    CHECK(cm(rg, "TOTAL", "ALL", "images") == "2,2");
    CHECK(cm(rg, "TOTAL", "ALL", "sexual") == "absent");
    for (const auto& t : rg.rows) CHECK(t.group == "images");
    CHECK(rg.summary.rows.out_code == 4);

    CountOptions b;
    b.by = {"period", "group", "code"};
    CountResult rb = run_on(csv, b);
    std::vector<std::string> cells;
    for (const auto& t : rb.rows)
        if (t.platform == "TOTAL")
            cells.push_back(t.group + " " + t.code + " " + std::to_string(t.crimes));
    // Groups in code-list order, then codes in code-list order, canonical spelling.
    CHECK(cells == std::vector<std::string>{"sexual 17A 1", "sexual 19C 1", "sexual 71/17 1",
                                            "images 86/2 2"});
    CHECK(cm(rb, "skype", "ALL", "sexual", "71/17") == "1,1");
    CHECK(cm(rb, "omegle", "ALL", "sexual", "17A") == "1,1");

    CountOptions unknown;
    unknown.groups = {"nope"};
    CHECK_THROWS_AS(CountJob{unknown}, UsageError);
}

TEST_CASE("pipeline: bad rows are rejected with file and line") {
    std::string csv = kHeader +                            // line 1
                      "B1,01/05/2020,17,12,\"two lines\n"  // line 2
                      "on snapchat\"\n"                    // line 3
                      "B2,31/02/2020,17,12,kik\n"          // line 4: invalid date
                      "B3,01/05/2020,17,12,kik\n";         // line 5
    CountResult r = run_on(csv);
    CHECK(r.summary.rows.read == 3);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::invalid_date)] == 1);
    CHECK(r.summary.rows_rejected() == 1);
    REQUIRE(r.summary.issues.size() == 1);
    CHECK(r.summary.issues[0].line == 4);
    CHECK(has(r.summary.issues[0].message(), "input.csv:4"));
    CHECK(has(r.summary.issues[0].message(), "31/02/2020"));
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "kik") == "1,1");

    SUBCASE("on-error fail stops at the first bad value") {
        CountOptions o;
        o.on_error = OnError::fail;
        std::string msg = failure_of(csv, o);
        CHECK(has(msg, "input.csv:4"));
        CHECK(has(msg, "invalid date"));
    }
    SUBCASE("missing values") {
        std::string m = kHeader +
                        ",01/05/2020,17,12,x\n"     // 2: no id
                        "M2,01/05/2020,,12,x\n"     // 3: no code
                        "M3,,17,12,x\n"             // 4: no date
                        "M4,,45,12,x\n"             // 5: out of scope by code first
                        "M5,01/05/2020,17,12,x\n";  // 6
        CountResult rm = run_on(m);
        const auto& rej = rm.summary.rows.rejected;
        CHECK(rej[static_cast<size_t>(Reject::missing_id)] == 1);
        CHECK(rej[static_cast<size_t>(Reject::missing_code)] == 1);
        CHECK(rej[static_cast<size_t>(Reject::missing_date)] == 1);
        CHECK(rm.summary.rows.out_code == 1);
        CHECK(rm.summary.rows_used == 1);
        REQUIRE(rm.summary.issues.size() == 3);
        CHECK(rm.summary.issues[0].line == 2);
        CHECK(rm.summary.issues[1].line == 3);
        CHECK(rm.summary.issues[2].line == 4);
    }
}

TEST_CASE("pipeline: a wrong field count is structural") {
    std::string csv = kHeader +
                      "W1,01/05/2020,17,12,kik\n"
                      "W2,01/05/2020,17,12,\"multi\nline\"\n"   // lines 3-4
                      "W3,01/05/2020,17,12,kik,extra field\n"   // line 5
                      "W4,01/05/2020,17,12,snapchat\n";
    std::string msg = failure_of(csv);
    CHECK(has(msg, "input.csv:5"));
    CHECK(has(msg, "wrong number of fields"));

    CountOptions o;
    o.on_error = OnError::skip;
    CountResult r = run_on(csv, o);
    CHECK(r.summary.rows.read == 4);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::field_count)] == 1);
    REQUIRE(r.summary.issues.size() == 1);
    CHECK(has(r.summary.issues[0].message(), "input.csv:5"));
    CHECK(cm(r, "kik") == "1,1");
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "TOTAL") == "3,2");
}

TEST_CASE("pipeline: an unterminated quote names the line where its record starts") {
    std::string csv = kHeader +
                      "U1,01/05/2020,17,12,\"fine\nover two lines\"\n" // lines 2-3
                      "U2,01/05/2020,17,12,\"never closed\n"          // line 4
                      "U3,01/05/2020,17,12,kik\n";
    std::string msg = failure_of(csv);
    CHECK(has(msg, "input.csv:4"));
    CHECK(has(msg, "unterminated"));

    CountOptions o;
    o.on_error = OnError::skip;
    CountResult r = run_on(csv, o);
    // U2 is rejected as far as the end of its first line; U3 is read as a row of its own
    // instead of vanishing inside U2's open quote.
    CHECK(r.summary.rows.read == 3);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::unterminated_quote)] == 1);
    CHECK(cm(r, "TOTAL") == "2,1");
    CHECK(cm(r, "kik") == "1,1");

    // Same with a tiny chunk size.
    CountOptions small;
    small.chunk_bytes = 16;
    CHECK(has(failure_of(csv, small), "input.csv:4"));
}

TEST_CASE("pipeline: BOM, CRLF, embedded newlines, empty fields, no final newline") {
    std::string csv = "\xEF\xBB\xBF"
                      "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\r\n"
                      "R1,01/05/2020,17,12,\"first line\r\nsecond on snapchat\"\r\n"
                      "R2,01/05/2020,17,12,\r\n" +
                      padding(kPadRows, "\r\n") +
                      "\r\n"
                      "R3,01/05/2020,17,12,\"\"\r\n"
                      "R4,01/05/2020,17,12,tiktok";
    for (std::size_t chunk : {std::size_t{8}, std::size_t{64}, std::size_t{4} << 20}) {
        CAPTURE(chunk);
        CountOptions o;
        o.chunk_bytes = chunk;
        CountResult r = run_on(csv, o);
        CHECK(cm(r, "snapchat") == "1,1");
        CHECK(cm(r, "tiktok") == "1,1");
        CHECK(cm(r, "ANY") == "2,2");
        CHECK(cm(r, "TOTAL") == "4,2");
        CHECK(r.summary.rows.read == 4 + kPadRows);
        CHECK(r.summary.rows.out_code == kPadRows);
        CHECK(r.summary.rows.blank_lines == 1);
    }
}

TEST_CASE("pipeline: a record longer than the chunk") {
    std::string filler;
    while (filler.size() < 5000) filler += "blah, \"\"quoted\"\" text\nmore ";
    std::string csv = kHeader + "L0,01/05/2020,17,12,on kik\n" + padding(kPadRows) +
                      "L1,01/05/2020,17,12,\"" + filler + " on twitch\"\n" +
                      "L2,01/05/2020,17,12,on telegram\n";
    REQUIRE(csv.size() > 5000);
    for (unsigned threads : {1u, 3u}) {
        CAPTURE(threads);
        CountOptions o;
        o.chunk_bytes = 64;
        o.threads = threads;
        CountResult r = run_on(csv, o);
        CHECK(cm(r, "twitch") == "1,1");
        CHECK(cm(r, "kik") == "1,1");
        CHECK(cm(r, "telegram") == "1,1");
        CHECK(cm(r, "ANY") == "3,3");
        CHECK(r.summary.rows.read == 3 + kPadRows);
    }

    // A record longer than max_record_bytes is a structural error naming its line.
    CountOptions tight;
    tight.chunk_bytes = 64;
    tight.max_record_bytes = 1024;
    std::string msg = failure_of(csv, tight);
    CHECK(has(msg, "input.csv:" + std::to_string(3 + kPadRows) + ":"));
}

TEST_CASE("pipeline: JSON Lines input") {
    std::string csv = kHeader +
                      "J1,01/05/2020,17,12,\"caf\xC3\xA9 chat on \"\"Snapchat\"\"\nthen kik\"\n"
                      "J1,01/05/2020,17,30,added on FB\n"
                      "J2,2020-05-02,17,,on telegram\n"
                      "J3,01/05/2020,17,9,nothing here\n";
    std::string jsonl =
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"caf\\u00e9 chat on \\\"Snapchat\\\"\\nthen kik\"}\n"
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":\"17\",\"VictimAge\":30,"
        "\"MOText\":\"added on FB\"}\n"
        "{\"CrimeRef\":\"J2\",\"DateRecorded\":\"2020-05-02\",\"HOCode\":17,\"VictimAge\":null,"
        "\"MOText\":\"on telegram\"}\n"
        "\n"
        "{\"MOText\":\"nothing here\",\"VictimAge\":9,\"HOCode\":17,\"CrimeRef\":\"J3\","
        "\"DateRecorded\":\"01/05/2020\"}\n";
    CountResult rc = run_on(csv);
    CountResult rj = run_on(jsonl, {}, "input.jsonl");
    CHECK(cm(rj, "snapchat") == "1,1");
    CHECK(cm(rj, "kik") == "1,1");
    CHECK(cm(rj, "facebook") == "1,1");
    CHECK(cm(rj, "telegram") == "absent"); // J2: unknown age
    CHECK(cm(rj, "ANY") == "1,3");
    CHECK(cm(rj, "TOTAL") == "2,3");
    CHECK(rj.summary.rows.read == 4);
    CHECK(rj.summary.rows.blank_lines == 1);
    CHECK(rj.summary.out_age == 1);
    CHECK(rj.rows == rc.rows);
    CHECK(rj.summary.rows_used == rc.summary.rows_used);

    // A null age is unknown: included on request.
    CountOptions inc;
    inc.unknown_age = UnknownAge::include;
    CHECK(cm(run_on(jsonl, inc, "input.jsonl"), "telegram") == "1,1");

    // A numeric code is its digits.
    std::string codes = "{\"CrimeRef\":\"Q\",\"DateRecorded\":\"2020-05-02\",\"HOCode\":45,"
                        "\"VictimAge\":1,\"MOText\":\"kik\"}\n";
    CHECK(run_on(codes, {}, "input.jsonl").summary.rows.out_code == 1);

    // The same content sniffed from standard-input-like names: .ndjson is JSON Lines too.
    CHECK(run_on(jsonl, {}, "input.ndjson").rows == rj.rows);
}

TEST_CASE("pipeline: JSON Lines escapes in keys and values; a bad escape rejects a row in scope") {
    // Keys written with escapes still name their columns; short values with escapes are
    // decoded before the row filters, texts once the row is in scope.
    std::string jsonl =
        "{\"Crime\\u0052ef\":\"K\\/1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":\"\\u0031\\u0037\","
        "\"VictimAge\":12,\"MOText\":\"on \\u0053napchat \\ud83d\\ude00 then kik\"}\n"
        // In scope, with an invalid escape in the MO: rejected, named.
        "{\"CrimeRef\":\"K2\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"bad \\q escape on kik\"}\n"
        // In scope, a lone surrogate: rejected too.
        "{\"CrimeRef\":\"K3\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"kik \\udc00\"}\n"
        // Out of scope by code: its text is never decoded, so it counts as out of scope.
        "{\"CrimeRef\":\"K4\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":45,\"VictimAge\":12,"
        "\"MOText\":\"bad \\q\"}\n";
    CountOptions o;
    o.on_error = OnError::skip;
    CountResult r = run_on(jsonl, o, "input.jsonl");
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "kik") == "1,1");
    CHECK(cm(r, "TOTAL") == "1,2");
    CHECK(r.summary.rows.read == 4);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::invalid_json)] == 2);
    CHECK(r.summary.rows.out_code == 1);
    REQUIRE(r.summary.issues.size() == 2);
    CHECK(has(r.summary.issues[0].message(), ":2:"));
    CHECK(has(r.summary.issues[0].message(), "invalid escape"));
    CHECK(has(r.summary.issues[1].message(), ":3:"));
}

TEST_CASE("pipeline: invalid JSON lines") {
    std::string jsonl =
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on kik\"}\n"                                                 // 1
        "\n"                                                                       // 2
        "{\"CrimeRef\":\"J2\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,oops}\n" // 3
        "not json at all\n"                                                        // 4
        "{\"CrimeRef\":\"J3\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on telegram\"} {\"x\":1}\n"                                  // 5
        "{\"CrimeRef\":\"J4\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":[\"a list\"]}\n"                                               // 6
        "{\"CrimeRef\":\"J5\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on skype\"}";                                                // 7
    std::string msg = failure_of(jsonl, {}, "input.jsonl");
    CHECK(has(msg, "input.jsonl:3"));
    CHECK(has(msg, "invalid JSON"));

    CountOptions o;
    o.on_error = OnError::skip;
    CountResult r = run_on(jsonl, o, "input.jsonl");
    CHECK(r.summary.rows.read == 6);
    CHECK(r.summary.rows.blank_lines == 1);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::invalid_json)] == 3);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::bad_value_type)] == 1);
    REQUIRE(r.summary.issues.size() == 4);
    CHECK(r.summary.issues[0].line == 3);
    CHECK(r.summary.issues[1].line == 4);
    CHECK(r.summary.issues[2].line == 5);
    CHECK(r.summary.issues[3].line == 6);
    CHECK(has(r.summary.issues[1].message(), "input.jsonl:4"));
    CHECK(cm(r, "kik") == "1,1");
    CHECK(cm(r, "skype") == "1,1");
    CHECK(cm(r, "telegram") == "absent");
    CHECK(cm(r, "TOTAL") == "2,2");
}

// A value followed by something other than ',' or '}' breaks the object, wherever the value
// is (a key the job reads or one it skips) and whatever the row's scope would be: On Demand
// skips an unread value by counting brackets, so "k":"v":[]}} once ended the object cleanly
// and an out-of-scope code made the row read as out of scope (found by fuzz_jsonl_record).
TEST_CASE("pipeline: a broken object after a value is invalid JSON, in scope or not") {
    const std::string head =
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on kik\"}\n";
    const char* tails[] = {
        "\"x\":\"\":[]}}",          // a skipped key's value, then ':'
        "\"x\":1 :2}",              // a skipped number, then ':'
        "\"MOText\":\"kik\":[]}}",  // a needed key's value, then ':'
        "\"MOText\":\"kik\"}}",     // one '}' too many
        "\"MOText\":\"kik\" \"x\":1}", // a missing comma
    };
    for (const char* code : {"17", "99"}) {
        for (const char* tail : tails) {
            CAPTURE(code);
            CAPTURE(tail);
            const std::string jsonl = head + "{\"CrimeRef\":\"J2\",\"DateRecorded\":\"01/05/2020\","
                                             "\"HOCode\":" + code + ",\"VictimAge\":12," + tail + "\n";
            CountOptions o;
            o.on_error = OnError::skip;
            CountResult r = run_on(jsonl, o, "input.jsonl");
            CHECK(r.summary.rows.read == 2);
            CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::invalid_json)] == 1);
            CHECK(cm(r, "kik") == "1,1");
        }
    }
    // Spaces before the comma or brace are JSON: still read.
    CountResult ok = run_on(head + "{\"CrimeRef\":\"J2\" , \"DateRecorded\":\"01/05/2020\"\t,"
                                   "\"HOCode\":17 ,\"VictimAge\":12 , \"x\" : true ,"
                                   "\"MOText\":\"on kik\"  }\n",
                            {}, "input.jsonl");
    CHECK(ok.summary.rows.rejected[static_cast<size_t>(Reject::invalid_json)] == 0);
    CHECK(cm(ok, "kik") == "2,2");
}

namespace {

// A synthetic archive: many crimes over several rows, rows of a crime not always adjacent,
// random platform words, quotes and embedded newlines, some bad values. Not the generator
// under generator/: the tests need a writer that they fully control.
struct SynthRow {
    std::string id, date, code, age, text;
};

std::vector<SynthRow> synthetic_rows(std::size_t target_bytes, std::uint32_t seed) {
    std::mt19937 rng(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::vector<std::string> platform_words = {
        "Snapchat", "snap chat", "on snap", "Facebook", "FB messenger", "Instagram", "insta",
        "IG", "WhatsApp", "what's app", "iMessage", "Telegram", "via Signal", "Twitch",
        "Xbox Live", "Fortnite", "Roblox", "Kik", "Twitter", "tweets", "Skype", "TikTok",
        "FaceTime", "Discord", "Omegle", "PS4"};
    const std::vector<std::string> filler = {
        "SUSP", "IP", "V", "contacted", "sent", "images", "messages", "and", "then", "met",
        "\"quoted\"", "in the park", "face to face", "traffic signal", "family discord",
        "his eye twitch", "snapped at her", "bus stop", "school", "phone", "a, b", "caf\xC3\xA9",
        "back\\slash"};
    const std::vector<std::string> codes = {"17",  "086/02", "86/2", "19c", " 71/17 ", "45",
                                            "88A", "017a",   "99",   "86/10"};
    const std::vector<std::string> ages = {"12", "15", "9", "30", "45", "", "N/K", "17", "16"};
    auto text = [&] {
        std::string t;
        std::size_t n = 3 + pick(25);
        for (std::size_t i = 0; i < n; ++i) {
            if (i) t += pick(15) == 0 ? "\n" : " ";
            t += pick(5) == 0 ? platform_words[pick(platform_words.size())]
                              : filler[pick(filler.size())];
        }
        return t;
    };
    std::vector<SynthRow> rows;
    std::size_t bytes = 0;
    for (int crime = 0; bytes < target_bytes; ++crime) {
        char id[16];
        std::snprintf(id, sizeof id, "S%06d", crime);
        std::string code = codes[pick(codes.size())];
        std::string mo = text();
        std::size_t nrows = 1 + pick(4);
        for (std::size_t k = 0; k < nrows; ++k) {
            int y = 2019 + static_cast<int>(pick(3));
            int m = 1 + static_cast<int>(pick(12));
            int d = 1 + static_cast<int>(pick(28));
            char date[32];
            if (pick(50) == 0) std::snprintf(date, sizeof date, "31/02/%d", y); // invalid
            else if (pick(2)) std::snprintf(date, sizeof date, "%02d/%02d/%d", d, m, y);
            else std::snprintf(date, sizeof date, "%d-%02d-%02dT10:00:00", y, m, d);
            if (k && pick(3)) mo = text(); // otherwise the same MO repeated
            SynthRow r{id, date, code, ages[pick(ages.size())], mo};
            bytes += r.id.size() + r.date.size() + r.code.size() + r.age.size() + r.text.size();
            rows.push_back(std::move(r));
        }
    }
    // Move some rows away from their crime's neighbours.
    for (std::size_t i = 0; i + 1 < rows.size(); ++i)
        if (pick(4) == 0) std::swap(rows[i], rows[std::min(rows.size() - 1, i + 1 + pick(40))]);
    return rows;
}

std::string to_csv(const std::vector<SynthRow>& rows, bool crlf) {
    const std::string eol = crlf ? "\r\n" : "\n";
    auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) {
            if (c == '"') q += '"';
            q += c;
        }
        return q + "\"";
    };
    std::string out = crlf ? "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\r\n" : kHeader;
    for (const auto& r : rows)
        out += r.id + "," + r.date + "," + r.code + "," + r.age + "," + quote(r.text) + eol;
    return out;
}

std::string to_jsonl(const std::vector<SynthRow>& rows) {
    auto str = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) {
            if (c == '"') q += "\\\"";
            else if (c == '\\') q += "\\\\";
            else if (c == '\n') q += "\\n";
            else q += c;
        }
        return q + "\"";
    };
    std::string out;
    std::size_t i = 0;
    for (const auto& r : rows) {
        out += "{\"CrimeRef\":" + str(r.id) + ",\"DateRecorded\":" + str(r.date) +
               ",\"HOCode\":" + str(r.code) + ",\"VictimAge\":";
        // Ages as numbers, null or strings, as exports write them.
        if (r.age.empty()) out += "null";
        else if (r.age == "N/K" || i % 2) out += str(r.age);
        else out += r.age;
        out += ",\"MOText\":" + str(r.text) + "}\n";
        ++i;
    }
    return out;
}

std::string summary_key(const Summary& s) {
    std::string k = std::to_string(s.rows.read) + " " + std::to_string(s.rows.blank_lines) + " " +
                    std::to_string(s.rows.kept) + " " + std::to_string(s.rows.out_code) + " " +
                    std::to_string(s.rows.out_date) + " " + std::to_string(s.rows_used) + " " +
                    std::to_string(s.out_age) + " " + std::to_string(s.crimes_in_scope) + " " +
                    std::to_string(s.crimes_online) + " " +
                    std::to_string(s.crimes_out_of_scope_age) + " " + std::to_string(s.bytes);
    for (auto v : s.rows.rejected) k += " " + std::to_string(v);
    for (const auto& i : s.issues) k += "\n" + i.message();
    return k;
}

} // namespace

// On both engines (the naive reference on fewer combinations: it is slow), every run is
// compared with the first (Hyperscan, one thread): so this is also the whole pipeline's
// differential test between the two matchers.
TEST_CASE("pipeline: results do not depend on threads, chunk size or engine") {
    std::string csv = to_csv(synthetic_rows(2u << 20, 1148), false);
    test::TempFile f(csv);
    std::vector<TableRow> first_rows;
    std::string first_summary, first_csv;
    bool first = true;
    for (Engine engine : {Engine::hyperscan, Engine::naive}) {
    for (unsigned threads : {1u, 2u, 4u}) {
        for (std::size_t chunk : {std::size_t{64}, std::size_t{4096}, std::size_t{1} << 20,
                                  std::size_t{4} << 20}) {
          // No limit on crime state in memory, and a limit small enough to spill it many times.
          for (std::size_t memory : {std::size_t{0}, std::size_t{64} << 10}) {
            if (memory && chunk == 64) continue; // (slow, and covered by the other sizes)
            if (engine == Engine::naive &&
                (threads == 2 || chunk == 64 || chunk == (std::size_t{4} << 20)))
                continue;
            CAPTURE(engine == Engine::naive);
            CAPTURE(threads);
            CAPTURE(chunk);
            CAPTURE(memory);
            CountOptions o = test::basic_options(f.path());
            o.threads = threads;
            o.chunk_bytes = chunk;
            o.crime_memory = memory;
            o.max_rejected = RejectLimit::parse("100%"); // the synthetic rows' bad dates
            o.periods.set_every(Every::quarter);
            o.by = {"period", "group", "code"};
            CountJob job(std::move(o), engine);
            CountResult r = job.run();
            check_balanced(r.summary);
            std::ostringstream out;
            write_csv(out, r.rows);
            if (first) {
                first = false;
                first_rows = r.rows;
                first_summary = summary_key(r.summary);
                first_csv = out.str();
                // Not a trivial run: many cells, rejected rows, some online crimes.
                CHECK(r.rows.size() > 100);
                CHECK(r.summary.rows.read > 10000);
                CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::invalid_date)] > 0);
                CHECK(r.summary.crimes_online > 1000);
                CHECK(r.summary.bytes == csv.size());
            } else {
                CHECK(r.rows == first_rows);
                CHECK(summary_key(r.summary) == first_summary);
                CHECK(out.str() == first_csv);
            }
            CHECK((r.summary.spills > 0) == (memory > 0));
          }
        }
    }
    }
}

TEST_CASE("pipeline: missing columns are named") {
    std::string csv = "CrimeRef,DateRecorded,HOCode,VictimAge,Notes\nX,01/05/2020,17,12,kik\n";
    std::string msg = failure_of(csv);
    CHECK(has(msg, "MO text"));
    CHECK(has(msg, "CrimeRef, DateRecorded, HOCode, VictimAge, Notes"));
    CHECK(has(msg, "input.csv"));

    CountOptions o;
    o.columns.texts = {"Nope"};
    std::string nope = failure_of(kHeader + "X,01/05/2020,17,12,kik\n", o);
    CHECK(has(nope, "'Nope'"));
    CHECK(has(nope, "MOText"));

    // Explicit names are matched ignoring case, spaces and underscores.
    CountOptions named;
    named.columns.texts = {"notes"};
    named.columns.id = "crime_ref";
    CHECK(cm(run_on(csv, named), "kik") == "1,1");
}

TEST_CASE("pipeline: several text columns") {
    std::string csv = "CrimeRef,DateRecorded,HOCode,VictimAge,MOText,Notes\n"
                      "M1,01/05/2020,17,12,met on snapchat,then kik\n"
                      "M2,01/05/2020,17,12,the branch went snap,chat later\n" // no "snap chat" across
                      "M3,01/05/2020,17,12,,only in notes: on telegram\n"
                      "M4,01/05/2020,17,12,kik,Kik again\n"; // one in each field: 2
    CountOptions o;
    o.columns.texts = {"MOText", "Notes"};
    CountResult r = run_on(csv, o);
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "kik") == "2,3");
    CHECK(cm(r, "telegram") == "1,1");
    CHECK(cm(r, "ANY") == "3,5");
    CHECK(cm(r, "TOTAL") == "4,5");

    // Only the MO column by default: the Notes mentions are not seen.
    CountResult d = run_on(csv);
    CHECK(cm(d, "telegram") == "absent");
    CHECK(cm(d, "kik") == "1,1");
}

TEST_CASE("pipeline: several inputs and a directory") {
    test::TempFile a(kHeader + "C1,01/05/2020,17,12,on kik\n"
                               "C2,01/05/2020,17,12,on snapchat\n",
                     "a.csv");
    test::TempFile b(kHeader + "C1,01/05/2020,17,12,then on telegram\n" // same crime as in a.csv
                               "C3,31/02/2020,17,12,x\n"             // line 3 of b.csv
                               "C4,01/05/2020,17,12,on kik\n",
                     "b.csv");
    CountOptions o = test::basic_options(a.path());
    o.inputs.push_back(b.path());
    CountJob job(o);
    CountResult r = job.run();
    check_balanced(r.summary);
    CHECK(cm(r, "kik") == "2,2");
    CHECK(cm(r, "telegram") == "1,1");
    CHECK(cm(r, "snapchat") == "1,1");
    CHECK(cm(r, "TOTAL") == "3,4");
    CHECK(r.summary.files == 2);
    CHECK(r.summary.rows.read == 5);
    REQUIRE(r.summary.issues.size() == 1);
    CHECK(has(r.summary.issues[0].message(), "b.csv:3"));
    CHECK(r.inputs == std::vector<std::string>{a.path(), b.path()});

    // A directory: its .csv and .jsonl files (recursively, sorted), nothing else.
    test::TempFile d(kHeader + "D1,01/05/2020,17,12,on kik\n", "z.csv");
    std::filesystem::create_directories(d.dir() / "sub");
    std::ofstream(d.dir() / "sub" / "b.jsonl")
        << "{\"CrimeRef\":\"D1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,"
           "\"VictimAge\":12,\"MOText\":\"and skype\"}\n"
           "{\"CrimeRef\":\"D2\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,"
           "\"VictimAge\":12,\"MOText\":\"omegle\"}\n";
    std::ofstream(d.dir() / "readme.txt") << "not,an,input\n\"broken";
    CountJob dj(test::basic_options(d.dir().string()));
    CountResult dr = dj.run();
    check_balanced(dr.summary);
    CHECK(dr.summary.files == 2);
    REQUIRE(dr.inputs.size() == 2);
    CHECK(has(dr.inputs[0], "b.jsonl")); // "sub/b.jsonl" sorts before "z.csv"
    CHECK(has(dr.inputs[1], "z.csv"));
    CHECK(cm(dr, "kik") == "1,1");
    CHECK(cm(dr, "skype") == "1,1");
    CHECK(cm(dr, "omegle") == "1,1");
    CHECK(cm(dr, "TOTAL") == "2,3");

    // An empty directory and a missing file are input errors.
    test::TempFile e("x", "x.txt");
    CHECK_THROWS_AS(CountJob(test::basic_options(e.dir().string())).run(), NoInputError);
    CHECK_THROWS_AS(CountJob(test::basic_options(e.dir().string() + "/none.csv")).run(),
                    NoInputError);
}

TEST_CASE("pipeline: the same records as CSV, CRLF CSV and JSON Lines give the same counts") {
    std::vector<SynthRow> rows = synthetic_rows(512u << 10, 20201207);
    // Where the first rejected rows are: rows with an invalid date and a code in the list.
    std::vector<std::uint64_t> csv_lines, jsonl_lines;
    std::uint64_t csv_line = 2;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SynthRow& r = rows[i];
        if (r.date.rfind("31/02/", 0) == 0 && r.code != "45" && r.code != "99" &&
            csv_lines.size() < Summary::kMaxIssues) {
            csv_lines.push_back(csv_line);
            jsonl_lines.push_back(i + 1);
        }
        csv_line += 1 + static_cast<std::uint64_t>(std::count(r.text.begin(), r.text.end(), '\n'));
    }
    REQUIRE(csv_lines.size() == Summary::kMaxIssues);
    test::TempFile lf(to_csv(rows, false), "lf.csv");
    test::TempFile crlf(to_csv(rows, true), "crlf.csv");
    test::TempFile jl(to_jsonl(rows), "records.jsonl");
    std::vector<TableRow> first;
    std::string first_counts;
    for (const auto* f : {&lf, &crlf, &jl}) {
        for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20}) {
            CAPTURE(f->path());
            CAPTURE(chunk);
            CountOptions o = test::basic_options(f->path());
            o.chunk_bytes = chunk;
            o.max_rejected = RejectLimit::parse("100%"); // the synthetic rows' bad dates
            o.threads = 2;
            o.periods.set_every(Every::month);
            o.by = {"period", "code"};
            CountJob job(std::move(o));
            CountResult r = job.run();
            check_balanced(r.summary);
            const Summary& s = r.summary;
            std::string counts = std::to_string(s.rows.read) + " " +
                                 std::to_string(s.rows_used) + " " +
                                 std::to_string(s.rows.out_code) + " " +
                                 std::to_string(s.out_age) + " " +
                                 std::to_string(s.rows_rejected()) + " " +
                                 std::to_string(s.crimes_in_scope);
            CHECK(s.rows.read == rows.size());
            std::vector<std::uint64_t> lines;
            for (const auto& i : s.issues) lines.push_back(i.line);
            CHECK(lines == (f == &jl ? jsonl_lines : csv_lines));
            if (first.empty()) {
                first = r.rows;
                first_counts = counts;
                CHECK(r.rows.size() > 100);
            } else {
                CHECK(r.rows == first);
                CHECK(counts == first_counts);
            }
        }
    }
}

TEST_CASE("pipeline: line numbers stay right across chunks") {
    // Multi-line records (3 physical lines each) before the bad rows.
    std::string csv = kHeader;
    const int n = 2000;
    for (int i = 0; i < n; ++i)
        csv += "Q" + std::to_string(i) + ",01/05/2020,17,12,\"first\nsecond\r\nthird on kik\"\n";
    int line = 2 + 3 * n;
    csv += "BAD1,31/02/2020,17,12,x\n"; // line
    csv += "OK1,01/05/2020,17,12,y\n";  // line + 1
    csv += "BAD2,2020-02-30,17,12,z\n"; // line + 2
    for (std::size_t chunk : {std::size_t{64}, std::size_t{4096}, std::size_t{4} << 20}) {
        CAPTURE(chunk);
        CountOptions o;
        o.chunk_bytes = chunk;
        o.threads = 2;
        CountResult r = run_on(csv, o);
        REQUIRE(r.summary.issues.size() == 2);
        CHECK(r.summary.issues[0].line == static_cast<std::uint64_t>(line));
        CHECK(r.summary.issues[1].line == static_cast<std::uint64_t>(line + 2));
        CHECK(cm(r, "kik") == std::to_string(n) + "," + std::to_string(n));
        CHECK(cm(r, "TOTAL") == std::to_string(n + 1) + "," + std::to_string(n));

        // A quote left open far into the file: the error names the line where it opened.
        std::string open = csv + "OPEN,01/05/2020,17,12,\"no end\n" + padding(100);
        std::string msg = failure_of(open, o);
        CHECK(has(msg, "input.csv:" + std::to_string(line + 3) + ":"));
    }
}

TEST_CASE("pipeline: header-only and empty files") {
    CountResult r = run_on(kHeader);
    CHECK(r.summary.rows.read == 0);
    CHECK(cm(r, "TOTAL") == "0,0");
    CHECK(cm(r, "TOTAL", "ALL", "images") == "0,0");
    // ANY, ONLINE (the bundled set has an outside-any platform) and TOTAL for each group.
    CHECK(r.rows.size() == 6);
    CHECK(cm(r, "ONLINE", "ALL", "images") == "0,0");
    CHECK(has(failure_of(""), "empty"));

    // With --every and no data there is no period to report.
    CountOptions fy;
    fy.periods.set_every(Every::fy);
    CHECK(run_on(kHeader, fy).rows.empty());
}

TEST_CASE("pipeline: overlapping periods count a crime in each") {
    std::string csv = kHeader + "A,15/05/2020,17,12,on kik\nB,15/01/2020,17,12,on kik\n";
    CountOptions o;
    o.periods.add(Periods::parse("Q2=2020-04-01..2020-06-30"));
    o.periods.add(Periods::parse("Y2020=2020-01-01..2020-12-31"));
    o.groups = {"sexual"};
    CountResult r = run_on(csv, o);
    CHECK(cm(r, "kik", "Q2") == "1,1");
    CHECK(cm(r, "kik", "Y2020") == "2,2");
    CHECK(r.summary.crimes_in_scope == 2);

    // write_csv: the long table, quoted where needed.
    CountOptions q;
    q.periods.add(Periods::parse("H1, 2020=2020-01-01..2020-06-30"));
    q.groups = {"sexual"};
    q.by = {"period", "group"};
    std::ostringstream out;
    write_csv(out, run_on(csv, q).rows);
    CHECK(out.str() == "period,group,code,platform,crimes,mentions\n"
                       "\"H1, 2020\",sexual,ALL,kik,2,2\n"
                       "\"H1, 2020\",sexual,ALL,ANY,2,2\n"
                       "\"H1, 2020\",sexual,ALL,ONLINE,2,2\n"
                       "\"H1, 2020\",sexual,ALL,TOTAL,2,2\n");
}

TEST_CASE("pipeline: JSON Lines with a BOM and CRLF line ends") {
    std::string jsonl =
        "\xEF\xBB\xBF{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":\"017\","
        "\"VictimAge\":\"12\",\"MOText\":\"on kik\"}\r\n"
        "\r\n"
        "  {\"CrimeRef\":\"J2\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12.0,"
        "\"MOText\":\"on skype\"}  \r\n";
    CountResult r = run_on(jsonl, {}, "input.jsonl");
    CHECK(r.summary.rows.read == 2);
    CHECK(r.summary.rows.blank_lines == 1);
    CHECK(r.summary.rows_rejected() == 0);
    CHECK(cm(r, "kik") == "1,1");
    CHECK(cm(r, "skype") == "1,1");
}

TEST_CASE("pipeline: many crimes with rows far apart") {
    // Crime i has 1 + i % 3 rows: "on kik", the same "on kik" again, "on skype and kik".
    // Crimes with i % 5 == 0 have adult victims only. All first rows come first, then all
    // second rows, then all third rows, so a crime's rows land in different chunks.
    const int n = 30000;
    std::string csv = kHeader;
    for (int pass = 0; pass < 3; ++pass)
        for (int i = 0; i < n; ++i) {
            if (pass >= 1 + i % 3) continue;
            const char* text = pass == 2 ? "on skype and kik" : "on kik";
            csv += "M" + std::to_string(i) + ",01/05/2020,17," + (i % 5 ? "12" : "40") + "," +
                   text + "\n";
        }
    std::uint64_t in_scope = 0, kik_mentions = 0, skype = 0, rows_used = 0;
    for (int i = 0; i < n; ++i) {
        if (i % 5 == 0) continue;
        ++in_scope;
        rows_used += 1 + i % 3;
        kik_mentions += i % 3 == 2 ? 2 : 1;
        skype += i % 3 == 2;
    }
    for (unsigned threads : {1u, 4u}) {
        CAPTURE(threads);
        CountOptions o;
        o.threads = threads;
        o.chunk_bytes = 4096;
        CountResult r = run_on(csv, o);
        CHECK(cm(r, "kik") == std::to_string(in_scope) + "," + std::to_string(kik_mentions));
        CHECK(cm(r, "skype") == std::to_string(skype) + "," + std::to_string(skype));
        CHECK(cm(r, "TOTAL") ==
              std::to_string(in_scope) + "," + std::to_string(kik_mentions + skype));
        CHECK(r.summary.crimes_in_scope == in_scope);
        CHECK(r.summary.crimes_out_of_scope_age == static_cast<std::uint64_t>(n / 5));
        CHECK(r.summary.rows_used == rows_used);
    }
}

TEST_CASE("pipeline: a text naming many platforms, repeated on rows far apart") {
    const std::string many = "\"snapchat, kik, skype, telegram and omegle\"";
    std::string csv = kHeader + "X,01/05/2020,17,12," + many + "\n" + padding(kPadRows) +
                      "X,01/05/2020,17,12," + many + "\n" + padding(kPadRows) +
                      "X,01/05/2020,17,12,kik again\n" + padding(kPadRows) +
                      "X,01/05/2020,17,30," + many + "\n";
    for (unsigned threads : {1u, 4u}) {
        CAPTURE(threads);
        CountOptions o;
        o.threads = threads;
        o.chunk_bytes = 4096;
        CountResult r = run_on(csv, o);
        CHECK(cm(r, "snapchat") == "1,1");
        CHECK(cm(r, "kik") == "1,2");
        CHECK(cm(r, "skype") == "1,1");
        CHECK(cm(r, "telegram") == "1,1");
        CHECK(cm(r, "omegle") == "1,1");
        CHECK(cm(r, "ANY") == "1,6");
        CHECK(r.summary.rows_used == 4);
    }
}

TEST_CASE("pipeline: the first 20 issues are kept, all rejected rows are counted") {
    std::string csv = kHeader;
    for (int i = 0; i < 25; ++i) csv += "B" + std::to_string(i) + ",32/01/2020,17,12,x\n";
    csv += "G,01/01/2020,17,12,on kik\n";
    CountOptions all;
    all.max_rejected = RejectLimit::parse("100%"); // 25 of 26 rows rejected
    CountResult r = run_on(csv, all);
    CHECK(r.summary.rows.rejected[static_cast<size_t>(Reject::invalid_date)] == 25);
    REQUIRE(r.summary.issues.size() == Summary::kMaxIssues);
    CHECK(r.summary.issues.front().line == 2);
    CHECK(r.summary.issues.back().line == 21);
    CHECK(cm(r, "kik") == "1,1");
}

TEST_CASE("pipeline: each file has its own column order") {
    test::TempFile a(kHeader + "C1,01/05/2020,17,12,on kik\n", "a.csv");
    test::TempFile b("MOText,VictimAge,HOCode,DateRecorded,CrimeRef\n"
                     "then skype,12,17,01/05/2020,C1\n"
                     "on omegle,40,17,01/05/2020,C2\n",
                     "b.csv");
    CountOptions o = test::basic_options(a.path());
    o.inputs.push_back(b.path());
    CountResult r = CountJob(o).run();
    check_balanced(r.summary);
    CHECK(cm(r, "kik") == "1,1");
    CHECK(cm(r, "skype") == "1,1");
    CHECK(cm(r, "omegle") == "absent"); // C2: adult victim
    CHECK(cm(r, "TOTAL") == "1,2");
}

TEST_CASE("pipeline: JSON Lines starting with blank lines") {
    // Blank lines are not rows wherever they are, the first line included; the columns come
    // from the first object and line numbers still count the blank lines.
    std::string jsonl =
        "\n"
        "  \r\n"
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on kik\"}\n"
        "{\"CrimeRef\":\"J2\",\"DateRecorded\":\"31/02/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on kik\"}\n";
    CountResult r = run_on(jsonl, {}, "input.jsonl");
    CHECK(r.summary.rows.read == 2);
    CHECK(r.summary.rows.blank_lines == 2);
    CHECK(cm(r, "kik") == "1,1");
    REQUIRE(r.summary.issues.size() == 1);
    CHECK(r.summary.issues[0].line == 4);

    // A first object that is not JSON is named by its line.
    CHECK(has(failure_of("\n\nnot json\n", {}, "input.jsonl"), "input.jsonl:3"));
}

// Exporters often leave out keys whose value is null: the columns are the keys of the first
// objects of the file, not of the first object only.
TEST_CASE("pipeline: JSON Lines whose first object lacks a column") {
    std::string jsonl =
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":\"17\","
        "\"MOText\":\"on kik\"}\n"
        "{\"CrimeRef\":\"J2\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":\"17\","
        "\"VictimAge\":12,\"MOText\":\"on snapchat\"}\n";
    CountResult r = run_on(jsonl, {}, "input.jsonl");
    check_balanced(r.summary);
    CHECK(r.summary.rows.read == 2);
    CHECK(cm(r, "snapchat") == "1,1"); // J2: a child victim
    CHECK(cm(r, "kik") == "absent");   // J1: age unknown, excluded by default
    CHECK(r.summary.out_age == 1);
    CountOptions inc;
    inc.unknown_age = UnknownAge::include;
    CHECK(cm(run_on(jsonl, inc, "input.jsonl"), "kik") == "1,1");
}
