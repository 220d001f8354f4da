// Pattern-set features through the whole `moscan count` pipeline: the count-only
// (single-match) fast path, edit distance and date-bound patterns, and the database cache.
// Expectations come from a second run of the pipeline in its plain configuration (full
// database, batched scan) or from the naive engine, or are written by hand; none is read
// back from the code under test. Command-line behaviour: tests/cli/cli_patterns_test.sh.
#include "generator/synth.hpp"
#include "matchers/hyperscan_matcher.hpp"
#include "pipeline/job/count_job.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace moscan {
namespace {

const std::string& generated_archive() {
    static const std::string content = [] {
        synth::Options o;
        o.seed = 5;
        o.target_bytes = 3u << 20;
        std::ostringstream out;
        synth::generate(o, out, nullptr);
        return out.str();
    }();
    return content;
}

std::vector<TableRow> run(const CountOptions& o, Engine engine = Engine::hyperscan) {
    CountJob job(o, engine);
    return job.run().rows;
}

// One line per row: its key and the crimes column (and the mentions column if asked).
std::vector<std::string> table(const std::vector<TableRow>& rows, bool mentions) {
    std::vector<std::string> out;
    for (const auto& r : rows)
        out.push_back(r.period + "," + r.group + "," + r.code + "," + r.platform + "," +
                      std::to_string(r.crimes) +
                      (mentions ? "," + std::to_string(r.mentions) : ""));
    return out;
}

// Crimes of a platform summed over the table's cells.
std::uint64_t crimes_of(const std::vector<TableRow>& rows, const std::string& platform) {
    std::uint64_t n = 0;
    for (const auto& r : rows)
        if (r.platform == platform) n += r.crimes;
    return n;
}

} // namespace

TEST_CASE("count-only fast path: the same crimes as the full path on a generated archive") {
    test::TempFile archive(generated_archive(), "archive.csv");
    for (const char* by : {"period,group", "period,group,code"}) {
        CAPTURE(by);
        CountOptions o = test::basic_options(archive.path());
        o.periods.set_every(Periods::parse_every("year"));
        o.by = {};
        std::stringstream ss(by);
        for (std::string w; std::getline(ss, w, ',');) o.by.push_back(w);
        o.threads = 2;
        o.chunk_bytes = 256u << 10;
        std::vector<TableRow> full = run(o);
        o.matcher.single_match = true;
        std::vector<TableRow> single = run(o);
        CHECK(table(single, false) == table(full, false));
        // The archive exercises what single-match must get right: platforms with excludes
        // (discord, signal, twitch, facetime) and many crimes naming several platforms.
        CHECK(full.size() > 30);
        MESSAGE(std::string(by) << ": " << full.size() << " rows, ANY " << crimes_of(full, "ANY") << ", discord "
                    << crimes_of(full, "discord") << ", signal " << crimes_of(full, "signal"));
        CHECK(crimes_of(full, "ANY") > 500);
        CHECK(crimes_of(full, "discord") > 0);
        CHECK(crimes_of(full, "signal") > 0);
    }
}

TEST_CASE("edit distance, terms and date windows through the pipeline: Hyperscan = naive") {
    // The naive engine is slow: a smaller archive.
    synth::Options so;
    so.seed = 9;
    so.target_bytes = 400u << 10;
    std::ostringstream data;
    synth::generate(so, data, nullptr);
    test::TempFile archive(data.str(), "archive.csv");
    test::TempFile set("term app (?:app|account|online|dms?|messag(?:e|ed|es|ing))\n"
                       "platform snapchat Snapchat\n"
                       "  pattern {edit=1} snapchat\n"
                       "  pattern {require=app} snaps?\n"
                       "  exclude {edit=1} snapshot\n"
                       "platform instagram Instagram\n"
                       "  pattern {edit=1} instagram\n"
                       "  pattern insta\n"
                       "platform whatsapp WhatsApp\n"
                       "  valid 2020-01-01..2020-12-31\n"
                       "  pattern what'?s ?app\n"
                       "platform facebook Facebook\n"
                       "  pattern face ?book\n"
                       "  pattern {valid=2020-07-01..} fb\n",
                       "edit.pat");
    CountOptions o = test::basic_options(archive.path());
    o.patterns_file = set.path();
    o.periods.set_every(Periods::parse_every("quarter"));
    o.threads = 2;
    o.chunk_bytes = 64u << 10;
    std::vector<TableRow> hs = run(o);
    std::vector<TableRow> naive = run(o, Engine::naive);
    CHECK(table(hs, true) == table(naive, true));
    CHECK(crimes_of(hs, "snapchat") > 0);
    CHECK(crimes_of(hs, "whatsapp") > 0);
    // WhatsApp only counts in 2020.
    for (const auto& r : hs)
        if (r.platform == "whatsapp" && r.crimes > 0) CHECK(r.period.substr(0, 4) == "2020");
    // Single-match with edit distance and conditions: the same crimes.
    o.matcher.single_match = true;
    CHECK(table(run(o), false) == table(hs, false));
}

TEST_CASE("edit distance: no match across two text fields (the pipeline scans them apart)") {
    // NUL-joined, "snap" + NUL + "chat" is one deletion from "snapchat": a batched scan
    // would find a mention that no single text holds.
    test::TempFile archive("CrimeRef,DateRecorded,HOCode,VictimAge,MOText,Notes\n"
                           "A,01/02/2020,17A,12,added on snap,chat to her later\n"
                           "B,01/02/2020,17A,12,added on snapchat,\n"
                           "C,01/02/2020,17A,12,added on snapchta,\n" // a transposition: 2 edits
                           "D,01/02/2020,17A,12,added on snapcht,\n",
                           "archive.csv");
    test::TempFile set("platform snapchat\n  pattern {edit=1} snapchat\n", "edit.pat");
    CountOptions o = test::basic_options(archive.path());
    o.patterns_file = set.path();
    o.columns.texts = {"MOText", "Notes"};
    for (Engine e : {Engine::hyperscan, Engine::naive}) {
        std::vector<TableRow> rows = run(o, e);
        CHECK(crimes_of(rows, "snapchat") == 2); // B and D
        CHECK(crimes_of(rows, "TOTAL") == 4);
    }
}

TEST_CASE("CountJob with a cache directory: the second run loads the database") {
    test::TempFile archive(generated_archive().substr(0, generated_archive().find('\n', 200000) + 1),
                           "archive.csv");
    const std::filesystem::path dir = archive.dir() / "cache";
    CountOptions o = test::basic_options(archive.path());
    o.matcher.cache_dir = dir.string();
    std::vector<TableRow> first = run(o);
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
    REQUIRE(files.size() == 1);
    CHECK(files[0].extension() == ".hsdb");
    auto written = std::filesystem::last_write_time(files[0]);
    std::vector<TableRow> second = run(o);
    CHECK(table(second, true) == table(first, true));
    CHECK(std::filesystem::last_write_time(files[0]) == written); // read, not rewritten
    // A corrupt entry: the same answer, and the entry is replaced.
    {
        std::fstream f(files[0], std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('\x7f');
    }
    CHECK(table(run(o), true) == table(first, true));
    o.matcher.cache_dir.clear();
    CHECK(table(run(o), true) == table(first, true));
}

TEST_CASE("near/notnear through the pipeline: one text at a time, batched = naive = hand count") {
    // In a batch the texts are NUL-joined: a cue in the Notes column must not make "signal" in
    // the MO column count, however close the two lie in the batch.
    test::TempFile archive("CrimeRef,DateRecorded,HOCode,VictimAge,MOText,Notes\n"
                           "A,01/02/2020,17A,12,messaged on signal,\n"        // near: counts
                           "B,01/02/2020,17A,12,no phone signal,app\n"        // cue in Notes
                           "C,01/02/2020,17A,12,sent via the signal app,\n"   // counts
                           "D,01/02/2020,17A,12,ran a traffic signal app,\n"  // notnear vetoes
                           "E,01/02/2020,17A,12,signal,\n",                   // no cue
                           "archive.csv");
    test::TempFile set("term cue (?:app|messaged|chat)\n"
                       "term road traffic\n"
                       "platform signal\n"
                       "  notnear road:3\n"
                       "  pattern {near=cue:12} signal\n",
                       "near.pat");
    CountOptions o = test::basic_options(archive.path());
    o.patterns_file = set.path();
    o.columns.texts = {"MOText", "Notes"};
    for (Engine e : {Engine::hyperscan, Engine::naive}) {
        std::vector<TableRow> rows = run(o, e);
        CHECK(crimes_of(rows, "signal") == 2); // A and C
        CHECK(crimes_of(rows, "TOTAL") == 5);
    }
    o.matcher.single_match = true;
    CHECK(crimes_of(run(o), "signal") == 2);
}

} // namespace moscan
