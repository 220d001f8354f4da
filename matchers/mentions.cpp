#include "matchers/mentions.hpp"

#include <algorithm>

namespace moscan {

MentionCounter::MentionCounter(const PatternSet& set) {
    platform_of_.reserve(set.patterns.size());
    exclude_.reserve(set.patterns.size());
    for (const auto& p : set.patterns) {
        platform_of_.push_back(p.platform);
        exclude_.push_back(p.exclude);
    }
}

void MentionCounter::count(std::vector<Hit>& hits, std::vector<PlatformCount>& out,
                           std::int32_t /*day*/) const {
    out.clear();
    if (hits.empty()) return;
    // Order: platform, excludes first, then start, then end. Excludes of a platform come
    // first so that each include can be tested against all of them.
    std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        std::uint32_t pa = platform_of_[a.pattern], pb = platform_of_[b.pattern];
        if (pa != pb) return pa < pb;
        bool xa = exclude_[a.pattern], xb = exclude_[b.pattern];
        if (xa != xb) return xa;
        if (a.start != b.start) return a.start < b.start;
        return a.end < b.end;
    });
    size_t i = 0;
    while (i < hits.size()) {
        std::uint32_t platform = platform_of_[hits[i].pattern];
        size_t x_begin = i;
        while (i < hits.size() && platform_of_[hits[i].pattern] == platform &&
               exclude_[hits[i].pattern])
            ++i;
        size_t x_end = i;
        std::uint32_t mentions = 0;
        bool open = false;
        std::uint32_t cluster_end = 0;
        for (; i < hits.size() && platform_of_[hits[i].pattern] == platform; ++i) {
            const Hit& h = hits[i];
            bool excluded = false;
            for (size_t x = x_begin; x < x_end && !excluded; ++x)
                excluded = hits[x].start < h.end && h.start < hits[x].end;
            if (excluded) continue;
            if (open && h.start < cluster_end) {
                cluster_end = std::max(cluster_end, h.end);
            } else {
                ++mentions;
                open = true;
                cluster_end = h.end;
            }
        }
        if (mentions) out.push_back(PlatformCount{platform, mentions});
    }
}

} // namespace moscan
