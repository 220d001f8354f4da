#include "pipeline/reduce/disclosure.hpp"

#include <algorithm>

namespace moscan {

namespace {

constexpr std::size_t kPerPlatform = 4; // crimes, mentions, both, either
constexpr std::size_t kSingles = 10;    // any_crimes .. flagged, online_crimes .. online_either

bool per_platform(Measure m) { return static_cast<int>(m) < 4; }
bool is_flag_measure(Measure m) {
    return m == Measure::both || m == Measure::either || m == Measure::any_both ||
           m == Measure::any_either || m == Measure::flagged || m == Measure::online_both ||
           m == Measure::online_either;
}
bool is_online_measure(Measure m) {
    return m == Measure::online_crimes || m == Measure::online_mentions ||
           m == Measure::online_both || m == Measure::online_either;
}

// A relation: members[0] is the total side (or, for the flag relation, "either"), the rest
// the parts. Exactly one hidden member means it can be worked out.
struct Relation {
    std::uint32_t begin, end; // into members
    std::string name;
};

} // namespace

const char* measure_name(Measure m) {
    switch (m) {
    case Measure::crimes: return "crimes";
    case Measure::mentions: return "mentions";
    case Measure::both: return "flagged and keyword";
    case Measure::either: return "flagged or keyword";
    case Measure::any_crimes: return "ANY crimes";
    case Measure::any_mentions: return "ANY mentions";
    case Measure::any_both: return "ANY flagged and keyword";
    case Measure::any_either: return "ANY flagged or keyword";
    case Measure::total: return "TOTAL crimes";
    case Measure::flagged: return "flagged online";
    case Measure::online_crimes: return "ONLINE crimes";
    case Measure::online_mentions: return "ONLINE mentions";
    case Measure::online_both: return "ONLINE flagged and keyword";
    case Measure::online_either: return "ONLINE flagged or keyword";
    }
    return "?";
}

std::uint64_t measure_value(const CellCounts& c, Measure m, std::size_t p) {
    switch (m) {
    case Measure::crimes: return c.crimes[p];
    case Measure::mentions: return c.mentions[p];
    case Measure::both: return c.both[p];
    case Measure::either: return c.flagged + c.crimes[p] - c.both[p];
    case Measure::any_crimes: return c.any;
    case Measure::any_mentions: return c.any_mentions;
    case Measure::any_both: return c.any_both;
    case Measure::any_either: return c.flagged + c.any - c.any_both;
    case Measure::total: return c.total;
    case Measure::flagged: return c.flagged;
    case Measure::online_crimes: return c.online;
    case Measure::online_mentions: return c.online_mentions;
    case Measure::online_both: return c.online_both;
    case Measure::online_either: return c.flagged + c.online - c.online_both;
    }
    return 0;
}

std::string describe(const Cube& cube, const CellKey& k, Measure m, std::size_t platform) {
    std::string s;
    for (std::size_t d = 0; d < kDims; ++d) {
        if (!cube.by.on[d]) continue;
        s += std::string(dim_name(static_cast<Dim>(d))) + "=" + cube.label(static_cast<Dim>(d), k[d]) + " ";
    }
    if (per_platform(m)) s += cube.platform_ids[platform] + " ";
    return s + measure_name(m);
}

std::size_t Suppression::primary_count() const {
    return static_cast<std::size_t>(
        std::count_if(counts.begin(), counts.end(), [](const SuppressedCount& c) { return c.primary; }));
}

Suppression suppress(const Cube& cube, std::uint64_t threshold, const Publication& pub) {
    Suppression out;
    out.threshold = threshold;
    out.flag = pub.flag_rows || pub.flag_cells;
    const std::size_t np = cube.platforms();
    const std::size_t stride = np * kPerPlatform + kSingles;

    // Variables: (cell, measure, platform), numbered cell by cell in table order.
    std::vector<const CellKey*> keys;
    std::vector<const CellCounts*> counts;
    for (const auto& [k, c] : cube.cells) {
        if (!cube.margins && !cube.is_leaf(k)) continue;
        keys.push_back(&k);
        counts.push_back(&c);
    }
    auto var = [&](std::size_t cell, Measure m, std::size_t p) -> std::uint32_t {
        std::size_t off = per_platform(m) ? p * kPerPlatform + static_cast<std::size_t>(m)
                                          : np * kPerPlatform + (static_cast<std::size_t>(m) - 4);
        return static_cast<std::uint32_t>(cell * stride + off);
    };
    std::vector<char> shown_cell(keys.size());
    for (std::size_t c = 0; c < keys.size(); ++c)
        shown_cell[c] = pub.displayed ? pub.displayed(*keys[c]) : cube.is_leaf(*keys[c]);
    const std::size_t nvars = keys.size() * stride;
    std::vector<std::uint64_t> value(nvars, 0);
    std::vector<char> published(nvars, 0), hidden(nvars, 0);
    std::vector<Measure> measure_of(nvars);
    std::vector<std::uint32_t> platform_of(nvars, 0), cell_of(nvars, 0);
    for (std::size_t c = 0; c < keys.size(); ++c) {
        auto set = [&](Measure m, std::size_t p) {
            std::uint32_t v = var(c, m, p);
            value[v] = measure_value(*counts[c], m, p);
            measure_of[v] = m;
            platform_of[v] = static_cast<std::uint32_t>(p);
            cell_of[v] = static_cast<std::uint32_t>(c);
            const bool flag_ok = m == Measure::both || m == Measure::either
                                     ? pub.flag_rows
                                     : pub.flag_rows || pub.flag_cells;
            published[v] = shown_cell[c] && (!is_flag_measure(m) || flag_ok) &&
                           (!is_online_measure(m) || cube.online_row);
        };
        for (std::size_t p = 0; p < np; ++p)
            for (Measure m : {Measure::crimes, Measure::mentions, Measure::both, Measure::either})
                set(m, p);
        for (Measure m : {Measure::any_crimes, Measure::any_mentions, Measure::any_both,
                          Measure::any_either, Measure::total, Measure::flagged,
                          Measure::online_crimes, Measure::online_mentions, Measure::online_both,
                          Measure::online_either})
            set(m, 0);
    }

    // Relations.
    std::vector<std::uint32_t> members;
    std::vector<Relation> relations;
    auto relation = [&](std::vector<std::uint32_t> vs, std::string name) {
        for (std::uint32_t v : vs)
            if (!published[v]) return; // a relation with an unpublished member gives nothing
        Relation r{static_cast<std::uint32_t>(members.size()), 0, std::move(name)};
        members.insert(members.end(), vs.begin(), vs.end());
        r.end = static_cast<std::uint32_t>(members.size());
        relations.push_back(std::move(r));
    };
    std::map<CellKey, std::size_t> index;
    for (std::size_t c = 0; c < keys.size(); ++c) index[*keys[c]] = c;
    const bool online = cube.online_row;
    auto outside = [&](std::size_t p) { return online && cube.platform_outside[p] != 0; };
    for (std::size_t c = 0; c < keys.size(); ++c) {
        std::vector<std::uint32_t> vs{var(c, Measure::any_mentions, 0)};
        for (std::size_t p = 0; p < np; ++p)
            if (value[var(c, Measure::mentions, p)] && !outside(p))
                vs.push_back(var(c, Measure::mentions, p));
        relation(vs, online ? "ANY mentions = sum of the listed platforms' mentions"
                            : "ANY mentions = sum of the platforms' mentions");
        if (online) {
            // The ONLINE row: its mentions are every platform's, ANY's plus the outside
            // platforms'; ONLINE - ANY counts the crimes naming only outside platforms.
            std::vector<std::uint32_t> all{var(c, Measure::online_mentions, 0)};
            std::vector<std::uint32_t> split{var(c, Measure::online_mentions, 0),
                                             var(c, Measure::any_mentions, 0)};
            std::size_t outside_named = 0, only = 0;
            for (std::size_t p = 0; p < np; ++p) {
                if (!value[var(c, Measure::mentions, p)]) continue;
                all.push_back(var(c, Measure::mentions, p));
                if (outside(p)) split.push_back(var(c, Measure::mentions, p));
            }
            for (std::size_t p = 0; p < np; ++p)
                if (outside(p) && value[var(c, Measure::crimes, p)]) {
                    ++outside_named;
                    only = p;
                }
            relation(all, "ONLINE mentions = sum of every platform's mentions");
            relation(split, "ONLINE mentions = ANY mentions + the other services' mentions");
            relation({var(c, Measure::online_either, 0), var(c, Measure::flagged, 0),
                      var(c, Measure::online_crimes, 0), var(c, Measure::online_both, 0)},
                     "either = flagged + keyword - both");
            const std::pair<Measure, Measure> same[] = {
                {Measure::online_crimes, Measure::any_crimes},
                {Measure::online_both, Measure::any_both},
                {Measure::online_either, Measure::any_either}};
            if (outside_named == 0) {
                for (const auto& [om, am] : same)
                    relation({var(c, om, 0), var(c, am, 0)},
                             "ONLINE = ANY when no other online service is named");
            } else if (outside_named == 1 && value[var(c, Measure::any_crimes, 0)] == 0) {
                const std::pair<Measure, Measure> alone[] = {
                    {Measure::online_crimes, Measure::crimes},
                    {Measure::online_both, Measure::both},
                    {Measure::online_either, Measure::either}};
                for (const auto& [om, pm] : alone)
                    relation({var(c, om, 0), var(c, pm, only)},
                             "ONLINE = the only service named when ANY is 0");
            }
        }
        for (std::size_t p = 0; p < np; ++p)
            if (value[var(c, Measure::crimes, p)])
                relation({var(c, Measure::either, p), var(c, Measure::flagged, 0),
                          var(c, Measure::crimes, p), var(c, Measure::both, p)},
                         "either = flagged + keyword - both");
        relation({var(c, Measure::any_either, 0), var(c, Measure::flagged, 0),
                  var(c, Measure::any_crimes, 0), var(c, Measure::any_both, 0)},
                 "either = flagged + keyword - both");
    }
    if (cube.margins) {
        for (std::size_t d = 0; d < kDims; ++d) {
            if (!cube.by.on[d] || !cube.dims[d].additive) continue;
            const std::string name =
                std::string("total over ") + dim_name(static_cast<Dim>(d)) + " = sum of its values";
            for (std::size_t c = 0; c < keys.size(); ++c) {
                if ((*keys[c])[d] != kAll) continue;
                std::vector<std::size_t> parts;
                CellKey k = *keys[c];
                for (int v : cube.dims[d].values) {
                    k[d] = v;
                    auto it = index.find(k);
                    if (it != index.end()) parts.push_back(it->second);
                }
                for (std::uint32_t off = 0; off < stride; ++off) {
                    std::uint32_t total = static_cast<std::uint32_t>(c * stride + off);
                    if (!value[total]) continue; // all parts are zero too
                    std::vector<std::uint32_t> vs{total};
                    for (std::size_t pc : parts) {
                        std::uint32_t v = static_cast<std::uint32_t>(pc * stride + off);
                        if (value[v]) vs.push_back(v);
                    }
                    relation(vs, name);
                }
            }
        }
    }

    auto hide = [&](std::uint32_t v, bool primary, std::string why) {
        hidden[v] = 1;
        const CellKey& k = *keys[cell_of[v]];
        out.set_.insert({k, static_cast<int>(measure_of[v]), platform_of[v]});
        out.counts.push_back(SuppressedCount{k, measure_of[v], platform_of[v],
                                             describe(cube, k, measure_of[v], platform_of[v]),
                                             std::move(why), primary});
    };
    const std::string below = "primary: below " + std::to_string(threshold);
    for (std::uint32_t v = 0; v < nvars; ++v)
        if (published[v] && value[v] >= 1 && value[v] < threshold) hide(v, true, below);

    // Links: a hidden crime count hides its mentions.
    auto link = [&]() {
        bool changed = false;
        for (std::size_t c = 0; c < keys.size(); ++c) {
            for (std::size_t p = 0; p <= np + 1; ++p) {
                std::uint32_t vc = p < np    ? var(c, Measure::crimes, p)
                                   : p == np ? var(c, Measure::any_crimes, 0)
                                             : var(c, Measure::online_crimes, 0);
                std::uint32_t vm = p < np    ? var(c, Measure::mentions, p)
                                   : p == np ? var(c, Measure::any_mentions, 0)
                                             : var(c, Measure::online_mentions, 0);
                if (hidden[vc] && !hidden[vm] && published[vm]) {
                    hide(vm, false, "secondary: hidden with its crimes (" +
                                        describe(cube, *keys[c], measure_of[vc], platform_of[vc]) + ")");
                    changed = true;
                }
            }
        }
        return changed;
    };
    bool changed = true;
    while (changed) {
        changed = link();
        for (const Relation& r : relations) {
            std::uint32_t n_hidden = 0, which = 0;
            for (std::uint32_t i = r.begin; i < r.end; ++i)
                if (hidden[members[i]]) {
                    ++n_hidden;
                    which = members[i];
                }
            if (n_hidden != 1) continue;
            // The smallest non-zero published member, the parts before the total.
            std::uint32_t best = UINT32_MAX;
            bool best_is_total = false;
            auto better = [&](std::uint32_t a, bool a_total, std::uint32_t b) { // a better than b
                if (b == UINT32_MAX) return true;
                if (value[a] != value[b]) return value[a] < value[b];
                if (a_total != best_is_total) return !a_total;
                return a < b;
            };
            for (std::uint32_t i = r.begin; i < r.end; ++i) {
                std::uint32_t v = members[i];
                if (hidden[v] || !value[v]) continue;
                bool is_total = i == r.begin;
                if (better(v, is_total, best)) {
                    best = v;
                    best_is_total = is_total;
                }
            }
            if (best == UINT32_MAX) {
                out.unprotected.push_back(describe(cube, *keys[cell_of[which]], measure_of[which],
                                                   platform_of[which]) +
                                          " (" + r.name + ")");
                continue;
            }
            hide(best, false,
                 "secondary: else " +
                     describe(cube, *keys[cell_of[which]], measure_of[which], platform_of[which]) +
                     " follows from " + r.name);
            changed = true;
        }
    }
    std::sort(out.unprotected.begin(), out.unprotected.end());
    out.unprotected.erase(std::unique(out.unprotected.begin(), out.unprotected.end()),
                          out.unprotected.end());
    return out;
}

} // namespace moscan
