#include "pipeline/scope/codes.hpp"

#include "pipeline/input/csv.hpp"
#include "pipeline/base/error.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace moscan {

std::string normalise_code(std::string_view code) {
    std::string out;
    normalise_code(code, out);
    return out;
}

void normalise_code(std::string_view code, std::string& out) {
    out.clear();
    size_t part_start = 0;
    for (char c : code) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        // A zero at the start of a number part is dropped when a digit follows it.
        if (c >= '0' && c <= '9' && out.size() == part_start + 1 && out[part_start] == '0')
            out.pop_back();
        out.push_back(c);
        if (c == '/') part_start = out.size();
    }
}

namespace {
bool pack(std::string_view s, std::uint64_t& key) {
    if (s.empty() || s.size() > 8) return false;
    key = 0;
    for (unsigned char c : s) key = (key << 8) | c;
    key |= static_cast<std::uint64_t>(s.size()) << 60; // keeps "0" apart from ""
    return true;
}
std::size_t slot_of(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}
} // namespace

void CodeList::index_packed(std::string_view canonical, std::uint32_t index) {
    std::uint64_t key;
    if (!pack(canonical, key)) return;
    if (packed_.size() < 2 * (codes_.size() + 1)) {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> old(
            std::max<std::size_t>(64, packed_.size() * 2));
        old.swap(packed_);
        for (const auto& [k, v] : old)
            if (v) {
                std::size_t i = slot_of(k, packed_.size() - 1);
                while (packed_[i].second) i = (i + 1) & (packed_.size() - 1);
                packed_[i] = {k, v};
            }
    }
    std::size_t i = slot_of(key, packed_.size() - 1);
    while (packed_[i].second) i = (i + 1) & (packed_.size() - 1);
    packed_[i] = {key, index + 1};
}

CodeList CodeList::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigError(file.string() + ": cannot open code list");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), file.string());
}

CodeList CodeList::parse(std::string_view text, const std::string& source_name) {
    CodeList list;
    list.source = source_name;
    std::vector<csv::Row> rows;
    try {
        rows = csv::parse_all(text, source_name);
    } catch (const DataError& e) {
        throw ConfigError(e.what());
    }
    if (rows.empty()) throw ConfigError(source_name + ": empty code list");
    auto where = [&](const csv::Row& r) { return source_name + ":" + std::to_string(r.line); };
    const auto& header = rows[0].fields;
    if (header.size() < 2 || normalise_code(header[0]) != "CODE" ||
        normalise_code(header[1]) != "GROUP")
        throw ConfigError(where(rows[0]) + ": expected the header 'code,group,description'");
    for (size_t i = 1; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (!r.fields.empty() && !r.fields[0].empty() && r.fields[0][0] == '#') continue;
        if (r.fields.size() < 2)
            throw ConfigError(where(r) + ": expected code,group[,description]");
        std::string code = normalise_code(r.fields[0]);
        std::string group = r.fields[1];
        if (code.empty()) throw ConfigError(where(r) + ": empty code");
        if (group.empty()) throw ConfigError(where(r) + ": code " + code + " has no group");
        if (list.find(code) >= 0)
            throw ConfigError(where(r) + ": code " + code + " is listed twice");
        int g = list.find_group(group);
        std::uint32_t gi = g >= 0 ? static_cast<std::uint32_t>(g) : list.add_group(group);
        std::uint32_t ci = list.add(code, gi);
        if (r.fields.size() > 2) list.codes_[ci].description = r.fields[2];
    }
    return list;
}

int CodeList::find(std::string_view canonical) const {
    std::uint64_t key;
    if (pack(canonical, key)) {
        if (packed_.empty()) return -1;
        const std::size_t mask = packed_.size() - 1;
        for (std::size_t i = slot_of(key, mask);; i = (i + 1) & mask) {
            if (!packed_[i].second) return -1;
            if (packed_[i].first == key) return static_cast<int>(packed_[i].second - 1);
        }
    }
    auto it = index_.find(std::string(canonical));
    return it == index_.end() ? -1 : static_cast<int>(it->second);
}

int CodeList::find_group(std::string_view name) const {
    for (size_t i = 0; i < groups_.size(); ++i)
        if (groups_[i] == name) return static_cast<int>(i);
    return -1;
}

std::uint32_t CodeList::add(std::string canonical, std::uint32_t group) {
    auto i = static_cast<std::uint32_t>(codes_.size());
    index_.emplace(canonical, i);
    index_packed(canonical, i);
    codes_.push_back(Code{std::move(canonical), group, {}});
    return i;
}

std::uint32_t CodeList::add_group(std::string name) {
    groups_.push_back(std::move(name));
    return static_cast<std::uint32_t>(groups_.size() - 1);
}

ExtraCodes::ExtraCodes(std::uint32_t base, std::size_t capacity)
    : base_(base), capacity_(capacity), names_(new std::string[capacity]) {}

std::uint32_t ExtraCodes::intern(std::string_view canonical) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(std::string(canonical));
    if (it != index_.end()) return it->second;
    if (size_ >= capacity_)
        throw DataError("more than " + std::to_string(capacity_) +
                        " distinct offence codes outside the code list: is --code-column right?");
    names_[size_] = std::string(canonical);
    auto i = static_cast<std::uint32_t>(base_ + size_++);
    index_.emplace(std::string(canonical), i);
    return i;
}

bool CodeOrder::less(std::uint32_t a, std::uint32_t b) const {
    const auto n = static_cast<std::uint32_t>(list.codes().size());
    bool la = a < n, lb = b < n;
    if (la && lb) return a < b;
    if (la != lb) return la;
    return extras->name(a) < extras->name(b);
}

std::string_view CodeOrder::name(std::uint32_t i) const {
    return i < list.codes().size() ? std::string_view(list.codes()[i].code) : extras->name(i);
}


} // namespace moscan
