#include "pipeline/scope/row_filter.hpp"

namespace moscan {

AgeClass classify_age(std::string_view raw, bool is_null, int max_age, std::uint8_t& years) {
    years = kNoAge;
    if (max_age < 0) { // no age filter: every row qualifies; the age only feeds age bands
        AgeClass c = classify_age(raw, is_null, 130, years);
        if (c != AgeClass::child) years = kNoAge;
        return AgeClass::child;
    }
    std::string_view s = trim(raw);
    const bool digits = !s.empty() && s[0] >= '0' && s[0] <= '9';
    if (!digits && (is_null || s.empty() || s == "-" || iequals(s, "N/K") || iequals(s, "NK") ||
                    iequals(s, "unknown") || iequals(s, "U") || iequals(s, "not known") ||
                    iequals(s, "null") || iequals(s, "n/a")))
        return AgeClass::unknown;
    int v = 0;
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 4) v = v * 10 + (s[i++] - '0');
    if (i == 0) return AgeClass::invalid;
    if (i < s.size()) {
        // allow a decimal zero fraction ("12.0"), as numeric exports write it
        if (s[i] != '.') return AgeClass::invalid;
        for (std::size_t j = i + 1; j < s.size(); ++j)
            if (s[j] != '0') return AgeClass::invalid;
    }
    if (v > 130) return AgeClass::invalid;
    years = static_cast<std::uint8_t>(v);
    return v <= max_age ? AgeClass::child : AgeClass::adult;
}

} // namespace moscan
