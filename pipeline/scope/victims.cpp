#include "pipeline/scope/victims.hpp"
#include "pipeline/base/strings.hpp"

#include "pipeline/base/error.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace moscan {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool number(std::string_view s, int& v) {
    s = trim(s);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && v >= 0 && v <= 130;
}

} // namespace

AgeBands::AgeBands() : AgeBands(parse("11-and-under,12-15,16-17")) {}

AgeBands AgeBands::parse(std::string_view spec) {
    AgeBands out{Empty{}};
    std::string_view rest = spec;
    auto bad = [&](std::string_view item, const std::string& why) {
        return UsageError("--age-bands '" + std::string(item) + "': " + why +
                          " (expected e.g. 11-and-under,12-15,16-17)");
    };
    while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string_view item = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (item.empty()) continue;
        std::string w = lower(item);
        AgeBand b;
        b.label = std::string(item);
        int v = 0;
        if (w.size() > 10 && w.ends_with("-and-under") && number(w.substr(0, w.size() - 10), v)) {
            b.lo = 0;
            b.hi = v;
        } else if (w.size() > 9 && w.ends_with("-and-over") && number(w.substr(0, w.size() - 9), v)) {
            b.lo = v;
            b.hi = 130;
        } else if (w.size() > 1 && w.back() == '+' && number(w.substr(0, w.size() - 1), v)) {
            b.lo = v;
            b.hi = 130;
        } else if (size_t dash = w.find('-'); dash != std::string::npos &&
                                              number(w.substr(0, dash), b.lo) &&
                                              number(w.substr(dash + 1), b.hi)) {
            if (b.hi < b.lo) throw bad(item, "the band ends before it starts");
        } else if (number(w, v)) {
            b.lo = b.hi = v;
        } else {
            throw bad(item, "not a band");
        }
        for (const auto& o : out.bands_)
            if (b.lo <= o.hi && o.lo <= b.hi)
                throw bad(item, "overlaps the band " + o.label);
        out.bands_.push_back(std::move(b));
    }
    if (out.bands_.empty()) throw bad(spec, "no bands");
    return out;
}

int AgeBands::find(int age) const {
    for (size_t i = 0; i < bands_.size(); ++i)
        if (age >= bands_[i].lo && age <= bands_[i].hi) return static_cast<int>(i);
    return -1;
}

bool AgeBands::covers(int lo, int hi) const {
    for (int a = lo; a <= hi; ++a)
        if (find(a) < 0) return false;
    return true;
}

std::string AgeBands::describe() const {
    std::string s;
    for (const auto& b : bands_) s += (s.empty() ? "" : ",") + b.label;
    return s;
}

std::vector<std::string> AgeBands::labels() const {
    std::vector<std::string> out;
    for (const auto& b : bands_) out.push_back(b.label);
    out.push_back("Other ages");
    out.push_back("Unknown");
    return out;
}

const char* gender_label(Gender g) {
    switch (g) {
    case Gender::female: return "Female";
    case Gender::male: return "Male";
    case Gender::other: return "Other";
    case Gender::mixed: return "Mixed";
    case Gender::unknown: return "Unknown";
    }
    return "Unknown";
}

std::uint8_t gender_bits(std::string_view raw) {
    // Runs on every row in scope: by length first, then at most three caseless compares.
    const std::string_view s = trim(raw);
    auto is = [&](std::string_view w) { return iequals(s, w); };
    switch (s.size()) {
    case 0: return 0;
    case 1:
        switch (ascii_lower(s[0])) {
        case 'u':
        case '-': return 0;
        case 'f':
        case 'w': return kGenderFemale;
        case 'm': return kGenderMale;
        default: return kGenderOther;
        }
    case 2: return is("nk") ? 0 : kGenderOther;
    case 3: return is("n/k") || is("n/a") ? 0 : is("boy") || is("man") ? kGenderMale : kGenderOther;
    case 4: return is("null") ? 0 : is("girl") ? kGenderFemale : is("male") ? kGenderMale : kGenderOther;
    case 5: return is("woman") ? kGenderFemale : kGenderOther;
    case 6: return is("female") ? kGenderFemale : kGenderOther;
    case 7: return is("unknown") ? 0 : kGenderOther;
    case 9: return is("not known") ? 0 : kGenderOther;
    case 10: return is("not stated") ? 0 : kGenderOther;
    case 12: return is("not recorded") ? 0 : kGenderOther;
    default: return kGenderOther;
    }
}

bool flag_set(std::string_view raw) {
    const std::string_view s = trim(raw);
    switch (s.size()) {
    case 1: return ascii_lower(s[0]) == 'y' || s[0] == '1';
    case 3: return iequals(s, "yes");
    case 4: return iequals(s, "true");
    case 5: return iequals(s, "cyber");
    case 6: return iequals(s, "online");
    default: return false;
    }
}

Gender gender_of_bits(std::uint8_t bits) {
    switch (bits) {
    case 0: return Gender::unknown;
    case kGenderFemale: return Gender::female;
    case kGenderMale: return Gender::male;
    case kGenderOther: return Gender::other;
    default: return Gender::mixed;
    }
}

} // namespace moscan
