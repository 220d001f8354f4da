#include "matchers/mentions.hpp"

#include <algorithm>

namespace moscan {

MentionCounter::MentionCounter(const PatternSet& set) {
    platform_of_.reserve(set.patterns.size());
    exclude_.reserve(set.patterns.size());
    for (const auto& p : set.patterns) {
        platform_of_.push_back(p.platform);
        exclude_.push_back(p.exclude);
        order_of_.push_back(std::uint64_t{p.platform} * 2 + (p.exclude ? 0 : 1));
    }
    logic_ = set.has_logic();
    if (!logic_) return;
    names_ = set.names.size();
    for (const auto& p : set.patterns) {
        term_.push_back(p.term);
        Validity w = p.valid;
        std::vector<std::uint32_t> req = p.require, unl = p.unless;
        if (!p.term) {
            const Platform& pl = set.platforms[p.platform];
            w.from = std::max(w.from, pl.valid.from);
            w.to = std::min(w.to, pl.valid.to);
            req.insert(req.end(), pl.require.begin(), pl.require.end());
            unl.insert(unl.end(), pl.unless.begin(), pl.unless.end());
        }
        window_.push_back(w);
        require_.push_back(std::move(req));
        unless_.push_back(std::move(unl));
        labels_.push_back(p.labels);
    }
    proximity_ = set.has_proximity();
    if (!proximity_) return;
    for (const auto& p : set.patterns) {
        std::vector<Proximity> nr = p.near, nn = p.notnear;
        if (!p.term) {
            const Platform& pl = set.platforms[p.platform];
            nr.insert(nr.end(), pl.near.begin(), pl.near.end());
            nn.insert(nn.end(), pl.notnear.begin(), pl.notnear.end());
        }
        near_.push_back(std::move(nr));
        notnear_.push_back(std::move(nn));
    }
}

namespace {

// A date-valid match of a name (a term's or a label's), for proximity conditions.
struct NamedHit {
    std::uint32_t name, pattern, start, end;
};

// Bytes between [a.start, a.end) and [b.start, b.end); 0 when they touch or overlap.
std::uint32_t gap(const Hit& a, const NamedHit& b) {
    if (b.start >= a.end) return b.start - a.end;
    if (a.start >= b.end) return a.start - b.end;
    return 0;
}

// Whether some match of c.name other than `h` itself lies within c.distance bytes of `h`.
bool is_near(const Hit& h, const Proximity& c, const std::vector<NamedHit>& named) {
    for (const NamedHit& o : named)
        if (o.name == c.name && !(o.pattern == h.pattern && o.start == h.start && o.end == h.end) &&
            gap(h, o) <= c.distance)
            return true;
    return false;
}

} // namespace

void MentionCounter::apply_logic(std::vector<Hit>& hits, std::int32_t day) const {
    // 1. Date windows (terms and labels too).
    if (day != kNoDay)
        hits.erase(std::remove_if(hits.begin(), hits.end(),
                                  [&](const Hit& h) { return !window_[h.pattern].contains(day); }),
                   hits.end());
    // 2. Which names are present in this text.
    thread_local std::vector<char> present;
    present.assign(names_, 0);
    for (const Hit& h : hits)
        for (std::uint32_t n : labels_[h.pattern]) present[n] = 1;
    // 2b. Where the set has proximity conditions: the ranges of those names (a text has few
    // hits, so a linear scan over them per condition is cheap).
    thread_local std::vector<NamedHit> named;
    named.clear();
    if (proximity_)
        for (const Hit& h : hits)
            for (std::uint32_t n : labels_[h.pattern])
                named.push_back(NamedHit{n, h.pattern, h.start, h.end});
    // 3. Terms are never mentions; conditions.
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                              [&](const Hit& h) {
                                  if (term_[h.pattern]) return true;
                                  for (std::uint32_t n : require_[h.pattern])
                                      if (!present[n]) return true;
                                  for (std::uint32_t n : unless_[h.pattern])
                                      if (present[n]) return true;
                                  if (!proximity_) return false;
                                  for (const Proximity& c : near_[h.pattern])
                                      if (!present[c.name] || !is_near(h, c, named)) return true;
                                  for (const Proximity& c : notnear_[h.pattern])
                                      if (present[c.name] && is_near(h, c, named)) return true;
                                  return false;
                              }),
               hits.end());
}

template <typename Open, typename Extend>
void MentionCounter::walk(std::vector<Hit>& hits, std::int32_t day, Open&& open,
                          Extend&& extend) const {
    if (hits.empty()) return;
    if (logic_) {
        apply_logic(hits, day);
        if (hits.empty()) return;
    }
    rule(hits, open, extend);
}

template <typename Open, typename Extend>
void MentionCounter::rule(std::span<Hit> hits, Open&& open, Extend&& extend) const {
    // Order: platform, excludes first, then start, then end. Excludes of a platform come
    // first so that each include can be tested against all of them.
    auto less = [&](const Hit& a, const Hit& b) {
        const std::uint64_t oa = order_of_[a.pattern], ob = order_of_[b.pattern];
        if (oa != ob) return oa < ob;
        if (a.start != b.start) return a.start < b.start;
        return a.end < b.end;
    };
    if (hits.size() <= 8) { // a text's few hits: insertion sort, without std::sort's set-up
        for (std::size_t i = 1; i < hits.size(); ++i) {
            const Hit h = hits[i];
            std::size_t j = i;
            for (; j > 0 && less(h, hits[j - 1]); --j) hits[j] = hits[j - 1];
            hits[j] = h;
        }
    } else {
        std::sort(hits.begin(), hits.end(), less);
    }
    size_t i = 0;
    while (i < hits.size()) {
        std::uint32_t platform = platform_of_[hits[i].pattern];
        size_t x_begin = i;
        while (i < hits.size() && platform_of_[hits[i].pattern] == platform &&
               exclude_[hits[i].pattern])
            ++i;
        size_t x_end = i;
        bool is_open = false;
        std::uint32_t cluster_end = 0;
        for (; i < hits.size() && platform_of_[hits[i].pattern] == platform; ++i) {
            const Hit& h = hits[i];
            bool excluded = false;
            for (size_t x = x_begin; x < x_end && !excluded; ++x)
                excluded = hits[x].start < h.end && h.start < hits[x].end;
            if (excluded) continue;
            if (is_open && h.start < cluster_end) {
                cluster_end = std::max(cluster_end, h.end);
                extend(cluster_end);
            } else {
                is_open = true;
                cluster_end = h.end;
                open(platform, h);
            }
        }
    }
}

void MentionCounter::tally(std::span<Hit> hits, std::vector<PlatformCount>& out) const {
    out.clear();
    rule(
        hits,
        [&](std::uint32_t platform, const Hit&) {
            if (out.empty() || out.back().platform != platform)
                out.push_back(PlatformCount{platform, 0});
            ++out.back().mentions;
        },
        [](std::uint32_t) {});
}

void MentionCounter::count(std::span<Hit> hits, std::vector<PlatformCount>& out,
                           std::int32_t day) const {
    if (!logic_) return tally(hits, out);
    thread_local std::vector<Hit> copy; // conditions may drop hits: from a copy
    copy.assign(hits.begin(), hits.end());
    apply_logic(copy, day);
    tally(copy, out);
}

void MentionCounter::count(std::vector<Hit>& hits, std::vector<PlatformCount>& out,
                           std::int32_t day) const {
    if (logic_) apply_logic(hits, day);
    tally(hits, out);
}

void MentionCounter::spans(std::vector<Hit>& hits, std::vector<MentionSpan>& out,
                           std::int32_t day) const {
    out.clear();
    walk(
        hits, day,
        [&](std::uint32_t platform, const Hit& h) {
            out.push_back(MentionSpan{platform, h.pattern, h.start, h.end});
        },
        [&](std::uint32_t end) { out.back().end = end; });
}

} // namespace moscan
