#include "matchers/variants.hpp"

#include <algorithm>

namespace moscan {

std::vector<std::string> edit1_variants(std::string_view word, std::string_view alphabet) {
    std::vector<std::string> out;
    const std::string w(word);
    const std::size_t n = w.size();
    out.reserve(n * (2 * alphabet.size() + 2) + alphabet.size());
    for (std::size_t i = 0; i < n; ++i) out.push_back(w.substr(0, i) + w.substr(i + 1));
    for (std::size_t i = 0; i <= n; ++i)
        for (char c : alphabet) out.push_back(w.substr(0, i) + c + w.substr(i));
    for (std::size_t i = 0; i < n; ++i)
        for (char c : alphabet)
            if (c != w[i]) {
                std::string s = w;
                s[i] = c;
                out.push_back(std::move(s));
            }
    for (std::size_t i = 0; i + 1 < n; ++i)
        if (w[i] != w[i + 1]) {
            std::string s = w;
            std::swap(s[i], s[i + 1]);
            out.push_back(std::move(s));
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.erase(std::remove(out.begin(), out.end(), w), out.end()); // (cannot occur; kept safe)
    return out;
}

} // namespace moscan
