// The record walk of eval and discover (pipeline/input/record_walk.hpp) reads the records
// `count` reads: the same parser, so a stray quote's lines are read again as rows of their
// own, broken rows are skipped, and JSON texts that are numbers or booleans are texts as
// written.
#include "pipeline/input/record_walk.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace moscan;

namespace {

struct Seen {
    std::vector<std::string> ids, texts;
    std::vector<std::uint64_t> lines;
    WalkStats stats;
};

Seen walk(const std::string& content, const std::string& name) {
    test::TempFile f(content, name);
    ReadOptions o;
    o.inputs = {f.path()};
    o.quiet = true;
    Seen s;
    s.stats = walk_records(o, nullptr, [&](const WalkRecord& r) {
        s.ids.emplace_back(r.id);
        s.texts.emplace_back(r.texts->front().second);
        s.lines.push_back(r.line);
    });
    return s;
}

} // namespace

TEST_CASE("record walk: a stray quote takes no rows with it, as in count") {
    const std::string csv = "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n"
                            "A1,01/05/2020,17,12,on snapchat\n"
                            "A2,01/05/2020,17,12,\"opened and never closed here\n"
                            "A3,01/05/2020,17,12,on kik\n"
                            "A4,01/05/2020,17,12,closed here\" then more,extra\n"
                            "A5,01/05/2020,17,12,on whatsapp\n";
    const Seen s = walk(csv, "walk.csv");
    CHECK(s.ids == std::vector<std::string>{"A1", "A3", "A5"});
    CHECK(s.texts == std::vector<std::string>{"on snapchat", "on kik", "on whatsapp"});
    CHECK(s.lines == std::vector<std::uint64_t>{2, 4, 6});
    CHECK(s.stats.records == 3);
    CHECK(s.stats.skipped == 2); // A2's first line, A4 (six fields)
}

TEST_CASE("record walk: JSON Lines texts decoded, numbers and booleans as written") {
    const std::string jsonl =
        "{\"CrimeRef\":\"J1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on \\u0073napchat\"}\n"
        "{\"CrimeRef\":\"J2\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":123}\n"
        "{\"CrimeRef\":\"J3\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":true}\n"
        "{\"CrimeRef\":\"J4\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"x\":[]}}\n"
        "\n"
        "{\"CrimeRef\":\"J\\u0035\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,\"VictimAge\":12,"
        "\"MOText\":\"on kik\"}\n";
    const Seen s = walk(jsonl, "walk.jsonl");
    CHECK(s.ids == std::vector<std::string>{"J1", "J2", "J3", "J5"});
    CHECK(s.texts == std::vector<std::string>{"on snapchat", "123", "true", "on kik"});
    CHECK(s.lines == std::vector<std::uint64_t>{1, 2, 3, 6});
    CHECK(s.stats.skipped == 1); // J4: a value followed by ':'
}
