// Tests of `moscan eval`: truth parsing, scores computed by hand on tiny archives, crimes
// present on one side only, scope, the second reading for examples, and the command line.
#include "pipeline/job/count_job.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/eval/eval.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace moscan {
namespace {

// Five crimes in both files, one only in the archive (C6), one only in the truth (C7).
//   C1 snapchat found, labelled                  snapchat TP
//   C2 instagram + whatsapp found, instagram lab. instagram TP, whatsapp FP
//   C3 nothing found ("snapped"), snapchat lab.   snapchat FN
//   C4 facebook found, facebook + snapchat lab.   facebook TP, snapchat FN
//   C5 nothing found, nothing labelled
// C2 has two victim rows (the text counts once) and C4 a continuation row.
const char* kArchive =
    "CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n"
    "C1,01/05/2020,71/17,14,SUSP added IP on Snapchat\n"
    "C2,02/05/2020,19C,15,met on Instagram then moved to WhatsApp\n"
    "C2,02/05/2020,19C,30,met on Instagram then moved to WhatsApp\n"
    "C3,03/05/2020,17A,13,SUSP snapped at her when she refused\n"
    "C4,04/05/2020,71/17,12,contact via Facebook\n"
    "C5,05/05/2020,8A,40,no online element\n"
    "C6,06/05/2020,71/17,14,chatting on Kik\n"
    "C4,05/05/2020,71/17,12,CONT: more msgs\n";

const char* kTruth = "crime_id,platforms,mentions\n"
                     "C1,snapchat,snapchat:1\n"
                     "C2,instagram,instagram:1\n"
                     "C3,snapchat,snapchat:1\n"
                     "C4,facebook;snapchat,facebook:1;snapchat:1\n"
                     "C5,,\n"
                     "C7,snapchat,snapchat:1\n";

struct Run {
    std::unique_ptr<CountJob> job;
    CountResult result;
    EvalReport report;
};

// As `moscan eval` without scope options: every code, any age.
Run run_eval(const std::string& archive_path, const TruthSet& truth, bool scope = false,
             int max_age = -1) {
    CountOptions o = test::basic_options(archive_path);
    o.keep_crimes = true;
    o.all_codes = !scope;
    o.max_age = max_age;
    o.threads = 2;
    Run r;
    r.job = std::make_unique<CountJob>(o);
    r.result = r.job->run();
    EvalOptions eo;
    eo.scope = scope;
    r.report = evaluate(*r.job, r.result, truth, eo);
    collect_examples(*r.job, r.result, truth, r.report);
    return r;
}

const PlatformScore& platform(const EvalReport& r, const std::string& id) {
    for (const auto& p : r.platforms)
        if (p.id == id) return p;
    FAIL("no platform " << id);
    throw std::logic_error("unreachable");
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("eval: truth file parsing") {
    TruthSet t = TruthSet::parse("\xEF\xBB\xBF"
                                 "platforms,Crime_ID,notes\n"
                                 "\" Snapchat ; facebook\", A1 ,x\n"
                                 "instagram,A2,\n"
                                 ",A3,y\n"
                                 "whatsapp;snapchat,A1,z\n",
                                 "t.csv");
    REQUIRE(t.crimes().size() == 3);
    CHECK(t.crimes()[0].id == "A1");
    // Trimmed, lower-cased, sorted, duplicates merged: the second A1 line adds whatsapp.
    CHECK(t.crimes()[0].platforms == std::vector<std::string>{"facebook", "snapchat", "whatsapp"});
    CHECK(t.crimes()[2].platforms.empty());
    CHECK(t.duplicate_lines() == 1);
    CHECK(t.find("A2") != nullptr);
    CHECK(t.find("A9") == nullptr);

    CHECK_THROWS_WITH_AS(TruthSet::parse("id,platforms\nA,b\n", "t.csv"),
                         doctest::Contains("t.csv:1: the truth header must name crime_id"),
                         DataError);
    CHECK_THROWS_WITH_AS(TruthSet::parse("crime_id,platforms\nA,b\nB\n", "t.csv"),
                         doctest::Contains("t.csv:3: expected 2 fields, found 1"), DataError);
    CHECK_THROWS_WITH_AS(TruthSet::parse("crime_id,platforms\n ,b\n", "t.csv"),
                         doctest::Contains("t.csv:2: empty crime_id"), DataError);
    CHECK_THROWS_AS(TruthSet::parse("", "t.csv"), DataError);
    CHECK_THROWS_AS(TruthSet::load("/nonexistent/truth.csv"), NoInputError);
}

TEST_CASE("eval: scores computed by hand") {
    test::TempFile archive(kArchive);
    TruthSet truth = TruthSet::parse(kTruth, "truth.csv");
    Run r = run_eval(archive.path(), truth);
    const EvalReport& e = r.report;

    CHECK(e.truth_crimes == 6);
    CHECK(e.archive_crimes == 6);
    CHECK(e.scored == 5);
    CHECK(e.out_of_scope == 0);
    CHECK(e.truth_not_evaluated == 1);
    CHECK(e.truth_not_evaluated_ids == std::vector<std::string>{"C7"});
    CHECK(e.absent_known);
    CHECK(e.truth_absent == 1);
    CHECK(e.archive_not_in_truth == 1);
    CHECK(e.archive_not_in_truth_ids == std::vector<std::string>{"C6"});

    const Score& snap = platform(e, "snapchat").score;
    CHECK(snap.tp == 1);
    CHECK(snap.fp == 0);
    CHECK(snap.fn == 2);
    CHECK(*snap.precision() == doctest::Approx(1.0));
    CHECK(*snap.recall() == doctest::Approx(1.0 / 3));
    CHECK(*snap.f1() == doctest::Approx(0.5));

    const Score& wa = platform(e, "whatsapp").score;
    CHECK(wa.tp == 0);
    CHECK(wa.fp == 1);
    CHECK(wa.fn == 0);
    CHECK(*wa.precision() == doctest::Approx(0.0));
    CHECK_FALSE(wa.recall().has_value()); // nothing labelled
    CHECK(*wa.f1() == doctest::Approx(0.0));

    CHECK(*platform(e, "instagram").score.f1() == doctest::Approx(1.0));
    CHECK(*platform(e, "facebook").score.f1() == doctest::Approx(1.0));
    // Kik is found only in C6, which the truth does not list: not scored.
    const Score& kik = platform(e, "kik").score;
    CHECK(kik.tp + kik.fp + kik.fn == 0);
    CHECK_FALSE(kik.f1().has_value());

    // Micro: TP 3 (C1 snapchat, C2 instagram, C4 facebook), FP 1, FN 2.
    CHECK(e.micro.tp == 3);
    CHECK(e.micro.fp == 1);
    CHECK(e.micro.fn == 2);
    CHECK(*e.micro.precision() == doctest::Approx(0.75));
    CHECK(*e.micro.recall() == doctest::Approx(0.6));
    CHECK(*e.micro.f1() == doctest::Approx(2.0 / 3));
    // Macro over the platforms where each figure is defined:
    //   precision: snapchat 1, instagram 1, whatsapp 0, facebook 1           -> 0.75
    //   recall:    snapchat 1/3, instagram 1, facebook 1 (whatsapp undefined) -> 7/9
    //   F1:        snapchat 0.5, instagram 1, whatsapp 0, facebook 1         -> 0.625
    CHECK(*e.macro_precision == doctest::Approx(0.75));
    CHECK(*e.macro_recall == doctest::Approx(7.0 / 9));
    CHECK(*e.macro_f1 == doctest::Approx(0.625));
    // Online element: C1, C2, C4 found and labelled; C3 labelled, not found.
    CHECK(e.any.tp == 3);
    CHECK(e.any.fp == 0);
    CHECK(e.any.fn == 1);

    // Examples: whatsapp FP in C2 with the match marked; snapchat FNs in C3 and C4.
    int fps = 0, fns = 0;
    for (const auto& x : e.examples) {
        const std::string& id = e.platforms[x.platform].id;
        if (x.kind == EvalExample::Kind::false_positive) {
            ++fps;
            CHECK(id == "whatsapp");
            CHECK(x.crime_id == "C2");
            CHECK(x.column == "MOText");
            CHECK(x.snippet == "met on Instagram then moved to [[WhatsApp]]");
        } else {
            ++fns;
            CHECK(id == "snapchat");
            CHECK((x.crime_id == "C3" || x.crime_id == "C4"));
            CHECK_FALSE(x.snippet.empty());
        }
    }
    CHECK(fps == 1);
    CHECK(fns == 2);
}

TEST_CASE("eval: the same scores at any thread count and from JSON Lines") {
    test::TempFile csv(kArchive);
    test::TempFile jsonl("{\"CrimeRef\":\"C1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":\"71/17\","
                         "\"VictimAge\":14,\"MOText\":\"SUSP added IP on Snapchat\"}\n"
                         "{\"CrimeRef\":\"C2\",\"DateRecorded\":\"02/05/2020\",\"HOCode\":\"19C\","
                         "\"VictimAge\":null,\"MOText\":\"met on Instagram then moved to \\\"WhatsApp\\\"\"}\n"
                         "{\"CrimeRef\":\"C3\",\"DateRecorded\":\"03/05/2020\",\"HOCode\":\"17A\","
                         "\"VictimAge\":13,\"MOText\":\"SUSP snapped at her when she refused\"}\n"
                         "{\"CrimeRef\":\"C4\",\"DateRecorded\":\"04/05/2020\",\"HOCode\":\"71/17\","
                         "\"VictimAge\":12,\"MOText\":\"contact via Facebook\"}\n"
                         "{\"CrimeRef\":\"C5\",\"DateRecorded\":\"05/05/2020\",\"HOCode\":\"8A\","
                         "\"VictimAge\":40,\"MOText\":\"no online element\"}\n"
                         "{\"CrimeRef\":\"C6\",\"DateRecorded\":\"06/05/2020\",\"HOCode\":\"71/17\","
                         "\"VictimAge\":14,\"MOText\":\"chatting on Kik\"}\n",
                         "archive.jsonl");
    TruthSet truth = TruthSet::parse(kTruth, "truth.csv");
    Run a = run_eval(csv.path(), truth);
    Run b = run_eval(jsonl.path(), truth);
    CHECK(a.report.micro.tp == b.report.micro.tp);
    CHECK(a.report.micro.fp == b.report.micro.fp);
    CHECK(a.report.micro.fn == b.report.micro.fn);
    bool found = false;
    for (const auto& x : b.report.examples) {
        if (x.kind != EvalExample::Kind::false_positive) continue;
        found = true;
        CHECK(x.snippet == "met on Instagram then moved to \"[[WhatsApp]]\"");
    }
    CHECK(found);
}

TEST_CASE("eval: scope options leave out-of-scope crimes unscored, and say so") {
    test::TempFile archive(kArchive);
    TruthSet truth = TruthSet::parse(kTruth, "truth.csv");
    // Count's scope: codes of the list (8A is not: C5 never reaches the fold), age <= 17.
    // Every crime left has a victim aged 17 or under.
    Run r = run_eval(archive.path(), truth, true, 17);
    CHECK(r.report.archive_crimes == 5); // C5's only row is outside the code list
    CHECK(r.report.scored == 4);
    CHECK(r.report.truth_not_evaluated == 2); // C5 (present, row filtered out) and C7 (absent)
    CHECK(r.report.truth_absent == 1);
    // Age 13 and under only: C1 and C2 are out of scope.
    Run young = run_eval(archive.path(), truth, true, 13);
    CHECK(young.report.out_of_scope == 2); // C1 (14) and C2 (15, 30)
    CHECK(young.report.scored == 2);       // C3 (13), C4 (12)
    CHECK(young.report.micro.tp == 1);     // C4 facebook
    CHECK(young.report.micro.fn == 2);     // C3 and C4 snapchat
}

TEST_CASE("eval: a truth platform the set does not define is listed, not in micro") {
    test::TempFile archive("CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n"
                           "C1,01/05/2020,71/17,14,met on Myspace and Snapchat\n");
    TruthSet truth = TruthSet::parse("crime_id,platforms\nC1,myspace;snapchat\n", "t.csv");
    Run r = run_eval(archive.path(), truth);
    const PlatformScore& m = platform(r.report, "myspace");
    CHECK_FALSE(m.in_set);
    CHECK(m.score.fn == 1);
    CHECK(r.report.micro.tp == 1);
    CHECK(r.report.micro.fn == 0);
    CHECK(r.report.any.tp == 1);
}

TEST_CASE("eval: an other-online platform the truth never labels is left out of micro") {
    // A set with one listed platform and one outside-any platform; a truth written for the
    // listed platforms only. The outside platform's find is listed (FP) but micro stays
    // that of the listed platform; once the truth labels it, it is scored like any other.
    test::TempFile archive("CrimeRef,DateRecorded,HOCode,VictimAge,MOText\n"
                           "C1,01/05/2020,71/17,14,met on Snapchat then on a dating app\n"
                           "C2,01/05/2020,71/17,14,met on a dating app\n");
    const std::string set_path = archive.dir().string() + "/s.pat";
    {
        std::ofstream(set_path) << "platform snapchat Snapchat\n  pattern snapchat\n"
                                   "platform other Other online service\n  outside-any\n"
                                   "  pattern dating app\n";
    }
    auto eval_with = [&](const char* truth_text) {
        TruthSet truth = TruthSet::parse(truth_text, "t.csv");
        CountOptions o = test::basic_options(archive.path());
        o.patterns_file = set_path;
        o.keep_crimes = true;
        o.all_codes = true;
        CountJob job(o);
        CountResult result = job.run();
        return evaluate(job, result, truth, EvalOptions{});
    };
    EvalReport a = eval_with("crime_id,platforms\nC1,snapchat\nC2,\n");
    const PlatformScore& other = platform(a, "other");
    CHECK(other.in_set);
    CHECK(other.unlabelled);
    CHECK(other.score.fp == 2);
    CHECK(a.micro.tp == 1);
    CHECK(a.micro.fp == 0);
    CHECK(a.any.tp == 1); // C1 names a listed platform
    CHECK(a.any.fp == 0); // C2 names only the other service: not ANY
    REQUIRE(a.macro_f1);
    CHECK(*a.macro_f1 == doctest::Approx(1.0));

    EvalReport b = eval_with("crime_id,platforms\nC1,snapchat\nC2,other\n");
    CHECK_FALSE(platform(b, "other").unlabelled);
    CHECK(b.micro.tp == 2);
    CHECK(b.micro.fp == 1); // C1's dating app, not labelled
}

TEST_CASE("eval: command line") {
    test::TempFile archive(kArchive);
    const std::string dir = archive.dir().string();
    {
        std::ofstream(dir + "/truth.csv") << kTruth;
    }
    const std::string bin = MOSCAN_BINARY;
    auto run = [&](const std::string& args) {
        const std::string cmd = bin + " eval " + args + " >" + dir + "/out 2>" + dir + "/err";
        const int status = std::system(cmd.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    CHECK(run("--truth " + dir + "/truth.csv " + archive.path()) == 0);
    std::string md = slurp(dir + "/out");
    CHECK(md.find("| snapchat | 3 | 1 | 1 | 0 | 2 | 1.0000 | 0.3333 | 0.5000 |") !=
          std::string::npos);
    CHECK(md.find("| **micro** | 5 | 4 | 3 | 1 | 2 | 0.7500 | 0.6000 | 0.6667 |") !=
          std::string::npos);
    CHECK(md.find("| **macro** | | | | | | 0.7500 | 0.7778 | 0.6250 |") != std::string::npos);
    CHECK(md.find("moved to [[WhatsApp]]") != std::string::npos);
    CHECK(md.find("`C7`") != std::string::npos);
    CHECK(md.find("`C6`") != std::string::npos);
    CHECK(slurp(dir + "/err").find("micro precision 0.750000") != std::string::npos);

    CHECK(run("-q --format csv --max-examples 0 --truth " + dir + "/truth.csv " + archive.path()) ==
          0);
    std::string csv = slurp(dir + "/out");
    CHECK(csv.rfind("row,platform,labelled,found,tp,fp,fn,precision,recall,f1,", 0) == 0);
    CHECK(csv.find("\nmicro,,5,4,3,1,2,0.7500,0.6000,0.6667,,,,\n") != std::string::npos);
    CHECK(csv.find("false_positive") == std::string::npos);
    CHECK(slurp(dir + "/err").empty());

    CHECK(run("-q --format json --no-timing --truth " + dir + "/truth.csv " + archive.path()) == 0);
    std::string json = slurp(dir + "/out");
    CHECK(json.find("\"micro\": {\"labelled\": 5, \"found\": 4, \"tp\": 3, \"fp\": 1, \"fn\": 2") !=
          std::string::npos);
    CHECK(json.find("\"truth_absent_from_archive\": 1") != std::string::npos);

    // With a scope option, count's rules: C5 (code 8A) is not evaluated.
    CHECK(run("-q --format csv --max-age 17 --truth " + dir + "/truth.csv " + archive.path()) == 0);
    CHECK(slurp(dir + "/out").find("truth_not_evaluated,,,,,,,,,,C5,,,") != std::string::npos);

    CHECK(run(archive.path()) == 64); // --truth missing
    CHECK(slurp(dir + "/err").find("--truth is required") != std::string::npos);
    CHECK(run("--truth " + dir + "/nope.csv " + archive.path()) == 66);
    CHECK(run("--truth " + dir + "/truth.csv --format xml " + archive.path()) == 64);
}

} // namespace moscan
