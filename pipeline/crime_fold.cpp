#include "pipeline/crime_fold.hpp"

#include <algorithm>

namespace moscan {

void CrimeState::take_date(Day d, std::uint32_t code_index, const CodeOrder& order) {
    if (d < date || (d == date && code_index != code && order.less(code_index, code))) {
        date = d;
        code = code_index;
    }
}

void CrimeState::add_text(std::uint64_t hash, const std::vector<PlatformCount>& counts) {
    for (const auto& t : texts)
        if (t.hash == hash) return;
    texts.push_back(TextEntry{hash, counts});
}

void CrimeState::add_row(Day d, std::uint32_t code_index, bool is_child, bool is_unknown,
                         bool flag, std::uint64_t text_hash,
                         const std::vector<PlatformCount>& counts, const CodeOrder& order) {
    take_date(d, code_index, order);
    ++rows;
    child |= is_child;
    unknown_age |= is_unknown;
    flagged |= flag;
    add_text(text_hash, counts);
}

void CrimeState::merge(CrimeState&& other, const CodeOrder& order) {
    take_date(other.date, other.code, order);
    rows += other.rows;
    child |= other.child;
    unknown_age |= other.unknown_age;
    flagged |= other.flagged;
    for (auto& t : other.texts) add_text(t.hash, t.counts);
}

void CrimeState::totals(std::vector<PlatformCount>& out) const {
    out.clear();
    for (const auto& t : texts)
        for (const auto& pc : t.counts) {
            auto it = std::find_if(out.begin(), out.end(),
                                   [&](const PlatformCount& x) { return x.platform == pc.platform; });
            if (it == out.end()) out.push_back(pc);
            else it->mentions += pc.mentions;
        }
    std::sort(out.begin(), out.end(),
              [](const PlatformCount& a, const PlatformCount& b) { return a.platform < b.platform; });
}

void merge_maps(CrimeMap& into, CrimeMap& from, const CodeOrder& order) {
    if (into.empty()) {
        into.swap(from);
        return;
    }
    for (auto& [id, state] : from) {
        auto it = into.find(id);
        if (it == into.end()) into.emplace(id, std::move(state));
        else it->second.merge(std::move(state), order);
    }
    from.clear();
}

} // namespace moscan
