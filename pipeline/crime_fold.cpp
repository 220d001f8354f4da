#include "pipeline/crime_fold.hpp"

#include <algorithm>
#include <cstring>

#include <oneapi/tbb/parallel_for.h>

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
    youngest = std::min(youngest, other.youngest);
    genders |= other.genders;
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

CrimeMap::CrimeMap() : shards_(kShards) {}

std::uint64_t CrimeMap::hash_of(std::string_view id) {
    // FNV-1a, then a final mix so that every bit depends on every byte.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

// Shard: the low bits of the hash pick the shard; the top 32 are the tag, whose low bits pick the slot.
std::size_t CrimeMap::Shard::probe(std::uint64_t h, std::string_view id) const {
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t i = tag & mask;
    while (true) {
        const Slot& s = slots_[i];
        if (s.index == 0) return i;
        if (s.tag == tag && key(s.index - 1) == id) return i;
        i = (i + 1) & mask;
    }
}

void CrimeMap::Shard::grow() {
    std::vector<Slot> old(std::max<std::size_t>(64, slots_.size() * 2));
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (!s.index) continue;
        std::size_t i = s.tag & mask; // the tag holds the slot bits: no need to read the key
        while (slots_[i].index) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

CrimeMap::Shard::Key CrimeMap::Shard::store_key(std::string_view id) {
    if (arena_.empty() || arena_used_ + id.size() > arena_block_) {
        arena_block_ = std::max<std::size_t>(64u << 10, id.size());
        arena_.push_back(std::unique_ptr<char[]>(new char[arena_block_]));
        arena_used_ = 0;
    }
    Key k{static_cast<std::uint32_t>(arena_.size() - 1), static_cast<std::uint32_t>(arena_used_),
          static_cast<std::uint32_t>(id.size())};
    if (!id.empty()) std::memcpy(arena_.back().get() + arena_used_, id.data(), id.size());
    arena_used_ += id.size();
    return k;
}

CrimeState& CrimeMap::Shard::upsert(std::string_view id, std::uint64_t h) {
    if ((count + 1) * 2 > slots_.size()) grow();
    std::size_t i = probe(h, id);
    if (slots_[i].index) return state(slots_[i].index - 1);
    if (count % kBlock == 0) {
        states_.push_back(std::unique_ptr<CrimeState[]>(new CrimeState[kBlock]));
        keys_.push_back(std::unique_ptr<Key[]>(new Key[kBlock]));
    }
    keys_.back()[count % kBlock] = store_key(id);
    ++count;
    slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(count)};
    return state(count - 1);
}

const CrimeState* CrimeMap::Shard::find(std::string_view id, std::uint64_t h) const {
    if (slots_.empty()) return nullptr;
    std::size_t i = probe(h, id);
    return slots_[i].index ? &state(slots_[i].index - 1) : nullptr;
}

void CrimeMap::Shard::merge_from(Shard& from, const CodeOrder& order) {
    if (count == 0) {
        std::swap(*this, from);
        return;
    }
    for (std::size_t i = 0; i < from.count; ++i) {
        std::string_view id = from.key(i);
        upsert(id, hash_of(id)).merge(std::move(from.state(i)), order);
    }
    from = Shard();
}

std::size_t CrimeMap::Shard::memory_bytes() const {
    return slots_.capacity() * sizeof(Slot) +
           states_.size() * kBlock * (sizeof(CrimeState) + sizeof(Key)) +
           arena_.size() * arena_block_;
}

CrimeState& CrimeMap::upsert(std::string_view id) {
    std::uint64_t h = hash_of(id);
    return shards_[h % kShards].upsert(id, h);
}

CrimeState& CrimeMap::upsert(std::string_view id, std::uint64_t h) {
    return shards_[h % kShards].upsert(id, h);
}

void CrimeMap::prefetch(std::uint64_t h) const { shards_[h % kShards].prefetch(h); }

const CrimeState* CrimeMap::find(std::string_view id) const {
    std::uint64_t h = hash_of(id);
    return shards_[h % kShards].find(id, h);
}

std::size_t CrimeMap::size() const {
    std::size_t n = 0;
    for (const auto& s : shards_) n += s.count;
    return n;
}

void CrimeMap::merge_from(CrimeMap& from, const CodeOrder& order) {
    for (std::size_t s = 0; s < kShards; ++s) shards_[s].merge_from(from.shards_[s], order);
}

void CrimeMap::merge_all(const std::vector<CrimeMap*>& maps, const CodeOrder& order) {
    if (maps.size() < 2) return;
    oneapi::tbb::parallel_for(std::size_t{0}, kShards, [&](std::size_t s) {
        // Into the largest shard: fewest moves.
        std::size_t best = 0;
        for (std::size_t m = 1; m < maps.size(); ++m)
            if (maps[m]->shards_[s].count > maps[best]->shards_[s].count) best = m;
        std::swap(maps[0]->shards_[s], maps[best]->shards_[s]);
        for (std::size_t m = 1; m < maps.size(); ++m)
            maps[0]->shards_[s].merge_from(maps[m]->shards_[s], order);
    });
}

std::size_t CrimeMap::memory_bytes() const {
    std::size_t n = 0;
    for (const auto& s : shards_) n += s.memory_bytes();
    return n;
}

} // namespace moscan
