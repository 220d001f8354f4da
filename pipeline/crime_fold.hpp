// Per-crime dedup: the facts of all rows of one crime merged into one state.
//
// Every merge is commutative and associative, so the result does not depend on the order in
// which rows arrive or on how they were spread over threads:
//   date    earliest date of its rows; code: the code of that earliest row (ties: the first
//           code in CodeOrder: list order, then codes outside the list alphabetically)
//   age     "has a child victim row" and "has an unknown-age row" are ORed; the youngest
//           known age is the minimum (age bands, victims.hpp)
//   gender  the genders of the child rows and of the unknown-age rows are ORed as bits
//   texts   distinct texts with their per-platform mention counts: a text is the value of one
//           text column of one row, keyed by (column, 64-bit hash of the value); the same
//           value on several rows counts once, different values all count
// Sink (one CrimeMap per thread) -> combine (merge_from) -> finalize (reducer.hpp).
//
// Memory is the per-crime state of crimes that passed the row filters, so it is kept flat:
// an open-addressing table of (hash, index) slots, states in one vector, ids in a byte arena,
// and the first text of a crime with up to kInline platform counts stored inline; only
// crimes with several distinct texts or many platforms allocate more.
#pragma once

#include "matchers/mentions.hpp"
#include "pipeline/codes.hpp"
#include "pipeline/dates.hpp"
#include "pipeline/victims.hpp"

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

struct TextEntry {
    std::uint64_t hash;
    std::vector<PlatformCount> counts;
};

class CrimeState {
public:
    Day date = INT32_MAX;
    std::uint32_t code = UINT32_MAX;
    std::uint32_t rows = 0;
    bool child = false;       // a row with a known age within the limit
    bool unknown_age = false; // a row with no known age
    bool flagged = false;     // a row with the online flag set
    std::uint8_t youngest = kNoAge; // youngest known victim age of its rows
    std::uint8_t genders = 0;       // GenderBits of child rows (low 3) and unknown-age rows (<<3)

    // A row's facts; its texts are added one by one with add_text.
    void add_row(Day d, std::uint32_t code_index, bool is_child, bool is_unknown, bool flag,
                 const CodeOrder& order);
    // A row's victim: known age (or kNoAge), age class and gender bits (victims.hpp).
    void add_victim(std::uint8_t age, bool is_child, bool is_unknown, std::uint8_t gender_bits) {
        if (age < youngest) youngest = age;
        if (is_child) genders |= gender_bits;
        else if (is_unknown) genders |= static_cast<std::uint8_t>(gender_bits << 3);
    }
    // The youngest known age within the age limit (max_age < 0: any), or kNoAge.
    std::uint8_t youngest_age(int max_age) const {
        return max_age < 0 || (youngest != kNoAge && youngest <= max_age) ? youngest : kNoAge;
    }
    // The genders of the victims that bring the crime into scope: its child rows, else
    // (in scope through unknown ages) its unknown-age rows.
    std::uint8_t scope_genders() const {
        return child ? static_cast<std::uint8_t>(genders & 7) : static_cast<std::uint8_t>(genders >> 3);
    }
    // A text (key: column and value hash) with its mention counts; ignored if already seen.
    void add_text(std::uint64_t key, const PlatformCount* counts, std::size_t n);
    void merge(CrimeState&& other, const CodeOrder& order);
    // Total mentions per platform over distinct texts, in platform order (out is cleared).
    void totals(std::vector<PlatformCount>& out) const;
    std::size_t distinct_texts() const { return (has_first_ ? 1 : 0) + (more_ ? more_->size() : 0); }

private:
    static constexpr std::size_t kInline = 3;
    void take_date(Day d, std::uint32_t code_index, const CodeOrder& order);
    bool has_text(std::uint64_t hash) const;

    bool has_first_ = false;
    std::uint8_t first_n_ = 0; // counts of the first text held inline (if it fits)
    std::uint64_t first_hash_ = 0;
    std::array<PlatformCount, kInline> first_counts_{};
    // Texts that do not fit inline: the first text when it has > kInline platforms, and
    // every further distinct text.
    std::unique_ptr<std::vector<TextEntry>> more_;
};

// Crime id -> state. Not thread-safe: one per thread, merged at the end.
//
// Sharded by the id's hash into kShards open-addressing tables, so that the per-thread maps
// are merged shard by shard in parallel (merge_all), and no table ever reallocates more than
// 1/kShards of the state. States and ids live in fixed-size blocks: growing never copies
// them, so peak memory stays close to what is held.
class CrimeMap {
public:
    static constexpr std::size_t kShards = 64;

    CrimeMap();
    CrimeMap(CrimeMap&&) noexcept = default;
    CrimeMap& operator=(CrimeMap&&) noexcept = default;

    CrimeState& upsert(std::string_view id);
    // The same with the id's hash() given: a caller folding many records computes the hashes
    // first and prefetch()es a few records ahead, hiding the cache miss on the table.
    CrimeState& upsert(std::string_view id, std::uint64_t hash);
    void prefetch(std::uint64_t hash) const;
    static std::uint64_t hash(std::string_view id) { return hash_of(id); }
    const CrimeState* find(std::string_view id) const;
    std::size_t size() const;
    bool empty() const { return size() == 0; }

    // Calls f(id, state) for every crime (shard by shard; order is not meaningful).
    template <typename F> void for_each(F&& f) const {
        for (const auto& shard : shards_)
            for (std::size_t i = 0; i < shard.count; ++i) f(shard.key(i), shard.state(i));
    }
    // Moves every crime of `from` into this map (merging states of the same crime);
    // `from` is left empty.
    void merge_from(CrimeMap& from, const CodeOrder& order);
    // Merges all maps into the first, shard by shard in parallel; the others are left empty.
    static void merge_all(const std::vector<CrimeMap*>& maps, const CodeOrder& order);
    std::size_t memory_bytes() const;

private:
    static std::uint64_t hash_of(std::string_view id);

    class Shard {
    public:
        static constexpr std::size_t kBlock = 1024; // states per block
        CrimeState& upsert(std::string_view id, std::uint64_t h);
        void prefetch(std::uint64_t h) const {
            if (!slots_.empty()) __builtin_prefetch(&slots_[(h >> 32) & (slots_.size() - 1)]);
        }
        const CrimeState* find(std::string_view id, std::uint64_t h) const;
        void merge_from(Shard& from, const CodeOrder& order);
        std::string_view key(std::size_t i) const {
            const Key& k = keys_[i / kBlock][i % kBlock];
            return {arena_[k.block].get() + k.offset, k.length};
        }
        const CrimeState& state(std::size_t i) const { return states_[i / kBlock][i % kBlock]; }
        CrimeState& state(std::size_t i) { return states_[i / kBlock][i % kBlock]; }
        std::size_t memory_bytes() const;
        std::size_t count = 0;

    private:
        struct Slot {
            std::uint32_t tag = 0;   // high 32 bits of the hash; its low bits pick the slot
            std::uint32_t index = 0; // state index + 1; 0 = empty
        };
        struct Key {
            std::uint32_t block, offset, length;
        };
        std::size_t probe(std::uint64_t h, std::string_view id) const;
        void grow();
        Key store_key(std::string_view id);

        std::vector<Slot> slots_;
        std::vector<std::unique_ptr<CrimeState[]>> states_;
        std::vector<std::unique_ptr<Key[]>> keys_;
        std::vector<std::unique_ptr<char[]>> arena_;
        std::size_t arena_used_ = 0, arena_block_ = 0;
    };
    std::vector<Shard> shards_;
};

} // namespace moscan
