// The per-row value parsers of the row filter: gender and the online flag, against the plain
// definitions they must keep (a chain of caseless compares, written here independently).
#include "pipeline/base/strings.hpp"
#include "pipeline/scope/victims.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace moscan;

namespace {

bool same_caseless(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

std::uint8_t reference_gender(std::string_view raw) {
    const std::string_view s = trimmed(raw);
    for (const char* w : {"u", "unknown", "n/k", "nk", "not known", "not stated", "not recorded",
                          "null", "n/a", "-"})
        if (s.empty() || same_caseless(s, w)) return 0;
    for (const char* w : {"f", "female", "girl", "woman", "w"})
        if (same_caseless(s, w)) return kGenderFemale;
    for (const char* w : {"m", "male", "boy", "man"})
        if (same_caseless(s, w)) return kGenderMale;
    return kGenderOther;
}

bool reference_flag(std::string_view raw) {
    const std::string_view s = trimmed(raw);
    for (const char* w : {"y", "yes", "true", "1", "online", "cyber"})
        if (same_caseless(s, w)) return true;
    return false;
}

// Every spelling the definitions name, in three cases, with blanks around; near misses (one
// letter changed, added or dropped); and random short strings over the letters that matter.
std::vector<std::string> cases() {
    std::vector<std::string> words = {"u", "unknown", "n/k", "nk", "not known", "not stated",
                                      "not recorded", "null", "n/a", "-", "f", "female", "girl",
                                      "woman", "w", "m", "male", "boy", "man", "y", "yes",
                                      "true", "1", "online", "cyber", "", "0", "n", "no",
                                      "false", "other", "x", "females", "mal", "nul"};
    std::vector<std::string> out;
    for (const std::string& w : words) {
        std::string upper = w, title = w;
        for (char& c : upper) c = ascii_lower(c) == c && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
        if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 32);
        for (const std::string& v : {w, upper, title}) {
            out.push_back(v);
            out.push_back(" " + v + "\t");
            out.push_back(v + "x");
            if (!v.empty()) {
                out.push_back(v.substr(1));
                std::string changed = v;
                changed.back() = changed.back() == 'q' ? 'r' : 'q';
                out.push_back(changed);
            }
        }
    }
    std::mt19937 rng(20201207);
    const std::string letters = "unkfmalewyotrsbgic-/1 N";
    for (int i = 0; i < 200000; ++i) {
        std::string s(rng() % 13, ' ');
        for (char& c : s) c = letters[rng() % letters.size()];
        out.push_back(s);
    }
    return out;
}

} // namespace

TEST_CASE("row values: gender_bits and flag_set give what their plain definitions give") {
    std::size_t female = 0, male = 0, unknown = 0, flagged = 0;
    for (const std::string& s : cases()) {
        INFO("value: '", s, "'");
        const std::uint8_t g = reference_gender(s);
        CHECK(gender_bits(s) == g);
        CHECK(flag_set(s) == reference_flag(s));
        female += g == kGenderFemale;
        male += g == kGenderMale;
        unknown += g == 0;
        flagged += reference_flag(s);
    }
    // The cases reach every outcome.
    CHECK(female > 10);
    CHECK(male > 10);
    CHECK(unknown > 10);
    CHECK(flagged > 10);
}
