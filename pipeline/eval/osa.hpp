// Optimal string alignment distance (edits: insert, delete, substitute, swap two neighbours;
// no substring edited twice), over bytes. Used for "nearest literal" hints (eval) and
// near-miss candidates (discover).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace moscan {

inline int osa_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<int> d((n + 1) * (m + 1));
    auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * (m + 1) + j]; };
    for (std::size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            int v = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1,
                              at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, at(i - 2, j - 2) + 1);
            at(i, j) = v;
        }
    return at(n, m);
}

// The OSA distance when it is at most `limit`, else limit + 1 (cheap rejection on length).
inline int osa_within(std::string_view a, std::string_view b, int limit) {
    const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (diff > static_cast<std::size_t>(limit)) return limit + 1;
    return std::min(osa_distance(a, b), limit + 1);
}

} // namespace moscan
