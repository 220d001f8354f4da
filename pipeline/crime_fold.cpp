#include "pipeline/crime_fold.hpp"

#include <algorithm>
#include <cstring>

namespace moscan {

void CrimeState::take_date(Day d, std::uint32_t code_index, const CodeOrder& order) {
    if (d < date || (d == date && code_index != code && order.less(code_index, code))) {
        date = d;
        code = code_index;
    }
}

bool CrimeState::has_text(std::uint64_t hash) const {
    if (has_first_ && first_hash_ == hash) return true;
    if (more_)
        for (const auto& t : *more_)
            if (t.hash == hash) return true;
    return false;
}

void CrimeState::add_text(std::uint64_t hash, const PlatformCount* counts, std::size_t n) {
    if (has_text(hash)) return;
    if (!has_first_ && n <= kInline) {
        has_first_ = true;
        first_hash_ = hash;
        first_n_ = static_cast<std::uint8_t>(n);
        std::copy(counts, counts + n, first_counts_.begin());
        return;
    }
    if (!more_) more_ = std::make_unique<std::vector<TextEntry>>();
    more_->push_back(TextEntry{hash, std::vector<PlatformCount>(counts, counts + n)});
}

void CrimeState::add_row(Day d, std::uint32_t code_index, bool is_child, bool is_unknown,
                         bool flag, const CodeOrder& order) {
    take_date(d, code_index, order);
    ++rows;
    child |= is_child;
    unknown_age |= is_unknown;
    flagged |= flag;
}

void CrimeState::merge(CrimeState&& other, const CodeOrder& order) {
    take_date(other.date, other.code, order);
    rows += other.rows;
    child |= other.child;
    unknown_age |= other.unknown_age;
    flagged |= other.flagged;
    if (other.has_first_)
        add_text(other.first_hash_, other.first_counts_.data(), other.first_n_);
    if (other.more_)
        for (const auto& t : *other.more_) add_text(t.hash, t.counts.data(), t.counts.size());
}

void CrimeState::totals(std::vector<PlatformCount>& out) const {
    out.clear();
    auto add = [&](const PlatformCount* c, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            auto it = std::find_if(out.begin(), out.end(), [&](const PlatformCount& x) {
                return x.platform == c[i].platform;
            });
            if (it == out.end()) out.push_back(c[i]);
            else it->mentions += c[i].mentions;
        }
    };
    if (has_first_) add(first_counts_.data(), first_n_);
    if (more_)
        for (const auto& t : *more_) add(t.counts.data(), t.counts.size());
    std::sort(out.begin(), out.end(), [](const PlatformCount& a, const PlatformCount& b) {
        return a.platform < b.platform;
    });
}

CrimeMap::CrimeMap() : slots_(1024) {}

std::uint64_t CrimeMap::hash_of(std::string_view id) {
    // FNV-1a, then a final mix so that the low bits (the slot) depend on every byte.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

std::size_t CrimeMap::probe(std::uint64_t h, std::string_view id) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (true) {
        const Slot& s = slots_[i];
        if (s.index == 0) return i;
        if (s.hash == h && key(s.index - 1) == id) return i;
        i = (i + 1) & mask;
    }
}

void CrimeMap::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (!s.index) continue;
        std::size_t i = s.hash & mask;
        while (slots_[i].index) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

CrimeMap::Key CrimeMap::store_key(std::string_view id) {
    if (blocks_.empty() || block_used_ + id.size() > block_size_) {
        block_size_ = std::max<std::size_t>(1u << 20, id.size());
        blocks_.push_back(std::unique_ptr<char[]>(new char[block_size_]));
        block_used_ = 0;
    }
    Key k{static_cast<std::uint32_t>(blocks_.size() - 1), static_cast<std::uint32_t>(block_used_),
          static_cast<std::uint32_t>(id.size())};
    if (!id.empty()) std::memcpy(blocks_.back().get() + block_used_, id.data(), id.size());
    block_used_ += id.size();
    return k;
}

CrimeState& CrimeMap::upsert(std::string_view id) {
    std::uint64_t h = hash_of(id);
    std::size_t i = probe(h, id);
    if (slots_[i].index) return states_[slots_[i].index - 1];
    if ((states_.size() + 1) * 2 > slots_.size()) {
        grow();
        i = probe(h, id);
    }
    keys_.push_back(store_key(id));
    states_.emplace_back();
    slots_[i] = Slot{h, static_cast<std::uint32_t>(states_.size())};
    return states_.back();
}

const CrimeState* CrimeMap::find(std::string_view id) const {
    std::size_t i = probe(hash_of(id), id);
    return slots_[i].index ? &states_[slots_[i].index - 1] : nullptr;
}

void CrimeMap::merge_from(CrimeMap& from, const CodeOrder& order) {
    if (states_.empty()) {
        std::swap(*this, from);
        return;
    }
    for (std::size_t i = 0; i < from.states_.size(); ++i)
        upsert(from.key(i)).merge(std::move(from.states_[i]), order);
    from = CrimeMap();
}

std::size_t CrimeMap::memory_bytes() const {
    std::size_t n = slots_.capacity() * sizeof(Slot) + states_.capacity() * sizeof(CrimeState) +
                    keys_.capacity() * sizeof(Key) + blocks_.size() * block_size_;
    return n;
}

} // namespace moscan
