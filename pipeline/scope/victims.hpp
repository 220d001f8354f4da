// Victim facts used by the breakdowns: age bands and gender.
//
// Both are decided per crime from the victims that put the crime in scope, order-free:
//   age band  the band of the youngest known victim age within the age limit (--max-age);
//             "Unknown" when no victim has a known age within the limit (crimes in scope
//             through --unknown-age include); with --max-age none, the youngest known age,
//             and "Other ages" when it falls in no band.
//   gender    the genders recorded for those same victims (rows with a known age within the
//             limit; for a crime in scope through unknown ages, its unknown-age rows): one
//             known gender gives that gender; two or more give "Mixed"; none gives
//             "Unknown". So each crime is counted exactly once and the genders add up to the
//             total.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

struct AgeBand {
    std::string label;
    int lo = 0, hi = 0; // inclusive
};

class AgeBands {
public:
    // The default: 11-and-under,12-15,16-17.
    AgeBands();
    // "11-and-under,12-15,16-17", "0-5,6-10,11-15,16-17", or any list of N-M, N-and-under,
    // N-and-over (N+). Bands must not overlap. Throws UsageError.
    static AgeBands parse(std::string_view spec);
    const std::vector<AgeBand>& bands() const { return bands_; }
    // Index of the band holding `age`, or -1.
    int find(int age) const;
    // Whether every age from `lo` to `hi` is in some band.
    bool covers(int lo, int hi) const;
    std::string describe() const;
    // Value labels in report order: the bands, then "Other ages", then "Unknown".
    std::vector<std::string> labels() const;
    int other_index() const { return static_cast<int>(bands_.size()); }
    int unknown_index() const { return static_cast<int>(bands_.size()) + 1; }

private:
    struct Empty {};
    explicit AgeBands(Empty) {}
    std::vector<AgeBand> bands_;
};

// Genders as bits, so that a crime's victims merge by OR.
enum GenderBit : std::uint8_t {
    kGenderFemale = 1,
    kGenderMale = 2,
    kGenderOther = 4, // a known value that is neither female nor male
};
// Female, Male, Other, Mixed, Unknown: the report order of the gender breakdown.
enum class Gender : std::uint8_t { female, male, other, mixed, unknown };
constexpr int kGenders = 5;
const char* gender_label(Gender g);
// F, female, girl, woman -> female; M, male, boy, man -> male; blank, unknown, N/K, not
// stated, ... -> 0 (unknown); any other value -> other.
std::uint8_t gender_bits(std::string_view raw);
Gender gender_of_bits(std::uint8_t bits);

// The online flag column: Y, yes, true, 1, online or cyber (any case, trimmed) set it;
// anything else does not.
bool flag_set(std::string_view raw);

// Unknown age marker for the youngest-age fact.
constexpr std::uint8_t kNoAge = 255;

} // namespace moscan
