// The scope stage's row filters (pipeline/scope/row_filter.hpp) against plain rules written
// here: the code cache gives what normalising and looking the code up gives, every time;
// verdicts come in the documented order; ages classify as the README says.
#include "pipeline/scope/row_filter.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace moscan;

namespace {

struct Fixture {
    CodeList codes = CodeList::parse("code,group\n17,sexual\n18,sexual\n086/02,images\n"
                                     "22A,sexual\n88E,other\n",
                                     "codes.csv");
    CodeOrder order{codes};
    std::vector<bool> selected; // sexual only
    Periods periods;
    Fixture() {
        for (const auto& g : codes.groups()) selected.push_back(g == "sexual");
        selected.push_back(false); // "other" extras
        periods.add(Periods::parse("Y=2020-01-01..2020-12-31"));
    }
    RowFilter filter(int max_age = 17) {
        return RowFilter(RowFilterConfig{codes, order, nullptr, selected, periods, max_age, false});
    }
};

RecordView row(std::string_view id, std::string_view code, std::string_view date,
               std::string_view age) {
    RecordView r;
    r.id = id;
    r.code = code;
    r.date = date;
    r.age = age;
    return r;
}

} // namespace

TEST_CASE("row filter: the code cache agrees with normalise + find, over many spellings") {
    Fixture fx;
    RowFilter f = fx.filter();
    const char* spellings[] = {"17", " 17", "017", "17/0", "17/00", "18", "086/02", "86/2",
                               "86/02", "22A", "22a", "022A", "88E", "99", "x", "1", "17 ",
                               "0017", "22/A", "086/2"};
    std::mt19937 rng(3);
    // The chunk: codes are read in place with one 8-byte load, so keep 8 bytes after each.
    std::string chunk;
    for (int i = 0; i < 3000; ++i) {
        const std::string code = spellings[rng() % std::size(spellings)];
        chunk.assign(code);
        chunk.append(8, 'Z'); // bytes after the field that the masked load must ignore
        const std::string_view in_chunk(chunk.data(), code.size());
        std::string canon;
        normalise_code(trim(code), canon);
        const int want = fx.codes.find(canon);
        const bool want_selected = want >= 0 && fx.selected[fx.order.group(static_cast<std::uint32_t>(want))];
        RowFacts facts;
        Reject why{};
        std::string detail;
        const RowVerdict v = f.apply(row("C1", in_chunk, "05/01/2020", "12"), DateFormat{},
                                     chunk.data(), chunk.data() + chunk.size(), facts, why, detail);
        CAPTURE(code);
        if (want_selected) {
            REQUIRE(v == RowVerdict::keep);
            CHECK(facts.code == static_cast<std::uint32_t>(want));
        } else {
            CHECK(v == RowVerdict::out_of_code);
        }
    }
}

TEST_CASE("row filter: verdicts in order, with the reason and the value") {
    Fixture fx;
    RowFilter f = fx.filter();
    struct Case {
        const char *id, *code, *date, *age;
        RowVerdict verdict;
        Reject why;
        const char* detail;
    };
    const Case cases[] = {
        {"", "17", "05/01/2020", "12", RowVerdict::reject, Reject::missing_id, ""},
        {" ", "99", "", "x", RowVerdict::reject, Reject::missing_id, ""},
        {"C", "", "05/01/2020", "12", RowVerdict::reject, Reject::missing_code, ""},
        // out of code before the date and age are looked at
        {"C", "99", "not a date", "x", RowVerdict::out_of_code, Reject{}, ""},
        {"C", "17", " ", "12", RowVerdict::reject, Reject::missing_date, ""},
        {"C", "17", "32/01/2020", "12", RowVerdict::reject, Reject::invalid_date, "'32/01/2020'"},
        // out of the period before the age is looked at
        {"C", "17", "05/01/2019", "x", RowVerdict::out_of_date, Reject{}, ""},
        {"C", "17", "05/01/2020", "twelve", RowVerdict::reject, Reject::invalid_age, "'twelve'"},
        {"C", "17", "05/01/2020", "131", RowVerdict::reject, Reject::invalid_age, "'131'"},
        {"C", "17", "2020-12-31", "12", RowVerdict::keep, Reject{}, ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.id);
        CAPTURE(c.code);
        CAPTURE(c.date);
        CAPTURE(c.age);
        RowFacts facts;
        Reject why{};
        std::string detail;
        CHECK(f.apply(row(c.id, c.code, c.date, c.age), DateFormat{}, nullptr, nullptr, facts, why,
                      detail) == c.verdict);
        if (c.verdict == RowVerdict::reject) {
            CHECK(why == c.why);
            CHECK(detail == c.detail);
        }
    }
}

TEST_CASE("row filter: ages against the limit") {
    Fixture fx;
    struct Case {
        int max_age;
        const char* age;
        bool child, unknown;
        int years; // -1: none kept
    };
    const Case cases[] = {
        {17, "12", true, false, 12},  {17, "17", true, false, 17},   {17, "18", false, false, 18},
        {17, "12.0", true, false, 12}, {17, "", false, true, -1},    {17, "N/K", false, true, -1},
        {17, "unknown", false, true, -1}, {17, " 0 ", true, false, 0}, {-1, "40", true, false, -1},
        {-1, "", true, false, -1},    {15, "16", false, false, 16},
    };
    for (const Case& c : cases) {
        CAPTURE(c.max_age);
        CAPTURE(c.age);
        RowFilter f = fx.filter(c.max_age);
        RowFacts facts;
        Reject why{};
        std::string detail;
        REQUIRE(f.apply(row("C", "17", "05/01/2020", c.age), DateFormat{}, nullptr, nullptr, facts,
                        why, detail) == RowVerdict::keep);
        CHECK(facts.child == c.child);
        CHECK(facts.unknown_age == c.unknown);
        CHECK(int(facts.age) == (c.years < 0 ? int(kNoAge) : c.years));
    }
}
