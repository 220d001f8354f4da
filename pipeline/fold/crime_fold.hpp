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
//           value on several rows counts once, different values all count (texts without
//           mentions are not kept: they add nothing)
//   deferred rows whose texts were not scanned yet (where they are in their input file):
//           a row that cannot bring its crime into scope (an adult victim's) is scanned only
//           once its crime is known to be in scope, at the end (count_job.cpp); the same row
//           is kept once
// Sink (one CrimeMap per thread) -> combine -> finalize (reducer.hpp). Combine is merge_all
// when every crime is kept in memory; with a memory budget each worker stages its map after
// every chunk (serialized records, written to disk over the budget) and drain() gathers them,
// merging only the crimes staged more than once.
//
// Memory is the per-crime state of crimes that passed the row filters, so it is kept flat:
// an open-addressing table of (hash, index) slots, 48-byte entries (state and short id) in
// blocks, long ids and text nodes in an arena. Nothing is allocated per crime.
#pragma once

#include "matchers/mentions.hpp"
#include "pipeline/scope/codes.hpp"
#include "pipeline/base/byte_buffer.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/base/text_hash.hpp"
#include "pipeline/scope/victims.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <functional>
#include <climits>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

// A distinct text of a crime that has mentions: its key and per-platform counts, in a
// singly linked list owned by the crime's shard (texts without mentions add nothing to a
// count and are not kept).
//
// Or a deferred row (total 0): a row whose texts are still to be scanned, with hash = its
// byte offset in its input file and one count {file index, 0}.
struct TextNode {
    std::uint64_t hash;
    TextNode* next;
    std::uint32_t n;     // counts that follow the node
    std::uint32_t total; // mentions over all platforms; 0: a deferred row

    const PlatformCount* counts() const { return reinterpret_cast<const PlatformCount*>(this + 1); }
    PlatformCount* counts() { return reinterpret_cast<PlatformCount*>(this + 1); }
    static std::size_t bytes(std::size_t n) { return sizeof(TextNode) + n * sizeof(PlatformCount); }
    bool deferred() const { return total == 0; }
    std::uint32_t deferred_file() const { return counts()[0].platform; }
    std::uint64_t deferred_offset() const { return hash; }
};

// Fixed-size blocks of bytes: what lives in them never moves and is freed all at once.
class Arena {
public:
    void* allocate(std::size_t size, std::size_t align);
    // Forgets everything allocated but keeps the blocks for reuse (no new page faults).
    void rewind();
    // Bytes in use since the last rewind.
    std::size_t used_bytes() const { return next_ * kBlock + big_bytes_; }
    // Blocks are bounded so that a thread's shards start small.
    static constexpr std::size_t kBlock = 16u << 10;

private:
    std::vector<std::unique_ptr<char[]>> blocks_, big_;
    std::size_t next_ = 0;       // blocks_[next_] is the next block to fill
    char* current_ = nullptr;    // the block being filled ...
    std::size_t used_ = kBlock;  // ... and its bytes in use
    std::size_t big_bytes_ = 0;
};

// 24 bytes per crime: the facts of its rows and the head of its text list.
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
    TextNode* texts = nullptr; // distinct texts with mentions (in the shard's arena)

    // A row's facts; its texts are added through CrimeMap::add_text.
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
    // The row facts of another state of the same crime (not its texts).
    void merge_facts(const CrimeState& other, const CodeOrder& order);
    // Total mentions per platform over distinct texts, in platform order. A crime with one text
    // (most) has them in that text's node, returned in place; the others are summed into
    // `scratch`. Deferred rows count nothing: they must be resolved first (count_job.cpp).
    std::span<const PlatformCount> totals(std::vector<PlatformCount>& scratch) const;
    bool has_deferred() const {
        for (const TextNode* t = texts; t; t = t->next)
            if (t->deferred()) return true;
        return false;
    }

private:
    void take_date(Day d, std::uint32_t code_index, const CodeOrder& order);
};

// Every crime once with its merged state, handed to a visitor: a CrimeMap's for_each_parallel,
// or its drain() over spilled state. These call the visitor from several threads at once (never
// twice for the same crime), so a visitor keeps its state per thread.
using CrimeVisitor = std::function<void(std::string_view, const CrimeState&)>;
using CrimeSource = std::function<void(const CrimeVisitor&)>;

// An anonymous temporary file (unlinked at once, so nothing is left behind even on a crash)
// that holds crime state spilled from memory, by partition (CrimeMap::kPartitions): each
// spill appends one section per non-empty partition.
class SpillFile {
public:
    // In `dir`; empty: $TMPDIR, else /tmp.
    explicit SpillFile(const std::string& dir);
    ~SpillFile();
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    struct Section {
        std::uint64_t offset, size;
        std::size_t crimes;
    };
    // Sections by spill partition (CrimeMap::kPartitions).
    void append(std::size_t partition, std::string_view bytes, std::size_t crimes);
    void read(const Section& s, std::string& out) const;
    // Reads a section into out[0, s.size).
    void read(const Section& s, char* out) const;
    const std::vector<Section>& sections(std::size_t partition) const { return sections_[partition]; }
    std::uint64_t bytes() const { return size_; }
    std::size_t spills = 0;

private:
    std::string dir_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::vector<std::vector<Section>> sections_;
};

// Crime id -> state. Not thread-safe: one per thread, merged at the end.
//
// Sharded by the id's hash into kShards open-addressing tables, so that the per-thread maps
// are merged shard by shard in parallel (merge_all), and no table ever reallocates more than
// 1/kShards of the state. Entries (state and id: 48 bytes, ids of up to 15 bytes inline) live
// in fixed-size blocks and texts in an arena: growing never copies them, so peak memory stays
// close to what is held, about 70 bytes per crime plus its texts with mentions.
//
// Few shards, because each writes its new entries and texts in order: with 64 shards the
// rows' random shards made 128 write streams, more than the hardware prefetcher follows, and a
// new crime cost a cache miss (8 shards: the fold of the 1 GB every-record job 15% faster).
// Spilled state is cut finer, into kPartitions by more bits of the hash, so that the drain
// rebuilds parts of a few MiB without reading a shard's spill more than once.
class CrimeMap {
public:
    static constexpr std::size_t kShards = 8;
    static constexpr std::size_t kPartitions = 64; // a multiple of kShards
    // A crime's shard, and its spill partition (within its shard's).
    static std::size_t shard_of(std::uint64_t h) { return h % kShards; }
    static std::size_t partition_of(std::uint64_t h) { return h % kPartitions; }

    CrimeMap();
    CrimeMap(CrimeMap&&) noexcept = default;
    CrimeMap& operator=(CrimeMap&&) noexcept = default;

    CrimeState& upsert(std::string_view id);
    // The same with the id's hash() given: a caller folding many records computes the hashes
    // first and prefetch()es a few records ahead, hiding the cache miss on the table.
    CrimeState& upsert(std::string_view id, std::uint64_t hash);
    // The same where 16 bytes may be read from id.data() (a short id is loaded as two words).
    CrimeState& upsert_padded(std::string_view id, std::uint64_t hash);
    void prefetch(std::uint64_t hash) const;
    // Adds a text (key: column and value hash) with its mention counts to the crime `st` of
    // this map whose id hashes to `id_hash`. A text without mentions changes nothing. The
    // same key twice keeps one of the two count lists, chosen by value and not by arrival
    // (the larger total, then the larger list), so the result never depends on row order.
    void add_text(CrimeState& st, std::uint64_t id_hash, std::uint64_t key,
                  const PlatformCount* counts, std::size_t n);
    // Adds a deferred row (file index, byte offset in that file) to the crime `st` of this map.
    void add_deferred(CrimeState& st, std::uint64_t id_hash, std::uint32_t file,
                      std::uint64_t offset);
    // Adds a node of another map's state (a text or a deferred row) to the crime `st`.
    void add_node(CrimeState& st, std::uint64_t id_hash, const TextNode& t) {
        shards_[shard_of(id_hash)].add_node(st, t);
    }
    static std::uint64_t hash(std::string_view id) { return hash_of(id); }
    // The same hash of an id at p, n bytes, where at least 16 bytes may be read from p: a short
    // id is loaded as two words (a copy of its n bytes would stall the loads that follow).
    static std::uint64_t hash_padded(const char* p, std::size_t n) {
        return n > 15 ? hash_of({p, n}) : Words::padded(p, n).hash();
    }
    const CrimeState* find(std::string_view id) const;
    CrimeState* find(std::string_view id);
    std::size_t size() const;
    bool empty() const { return size() == 0; }

    // Calls f(id, state) for every crime (shard by shard; order is not meaningful).
    template <typename F> void for_each(F&& f) const {
        for (const auto& shard : shards_)
            for (std::size_t i = 0; i < shard.count; ++i) {
                const Entry& e = shard.entry(i);
                f(e.key.view(), e.state);
            }
    }
    // Calls f(id, state) for every crime, shards in parallel: f is called from several threads
    // at once.
    void for_each_parallel(const std::function<void(std::string_view, const CrimeState&)>& f) const;
    // Moves every crime of `from` into this map (merging states of the same crime);
    // `from` is left empty.
    void merge_from(CrimeMap& from, const CodeOrder& order);
    // Merges all maps into the first, shard by shard in parallel; the others are left empty.
    static void merge_all(const std::vector<CrimeMap*>& maps, const CodeOrder& order);
    // Memory in use for crimes, staged ones included (not counting memory kept for reuse
    // after a spill).
    std::size_t used_bytes() const;

    // Writes every crime to `file`, by partition, and empties the map, keeping its memory
    // for the crimes that come next (stage() then write_staged()).
    void spill(SpillFile& file);
    // Serializes every crime into this map's staged buffers (by partition, as a spill writes
    // them) and empties the map, keeping its memory. A pipeline worker stages its crimes after
    // every chunk: its map then only ever holds one chunk's crimes and stays in cache, and a
    // crime whose rows all sit in one chunk (most) is never looked up in a large table; the
    // drain finds the few crimes staged more than once and merges only those.
    void stage();
    // Room for `bytes` of staged records, spread evenly over the partitions: a caller that
    // writes them out at a fixed size reserves twice that, so that no partition's buffer grows
    // by doubling (memory that would depend on how many times they were written).
    void reserve_staged(std::size_t bytes);
    // Bytes staged and not yet written.
    std::size_t staged_bytes() const { return staged_bytes_; }
    // Appends the staged buffers to `file` (one section per partition) and clears them; counted
    // as a spill.
    void write_staged(SpillFile& file);
    // Visits every crime of `maps` (held or staged) and of the spill files, each crime once with
    // its state merged over all of them. What the maps hold is staged first; then the crimes are
    // gathered a part at a time: a partition, or a slice of a partition by more bits of the id's
    // hash when its bytes exceed `part_bytes`, so that memory stays bounded however much was
    // spilled. In a part, a crime whose id hash occurs once (one record: most crimes) is visited
    // straight from its record; only the others are merged in a table. Parts are visited in
    // parallel (a few in flight), in no particular order: f is called from several threads at
    // once. The maps are left empty.
    static void drain(const std::vector<CrimeMap*>& maps, const std::vector<SpillFile*>& files,
                      std::size_t part_bytes, const CodeOrder& order, const CrimeVisitor& f);

private:
    static std::uint64_t hash_of(std::string_view id);
    // A short id (up to 15 bytes) as a Key holds it: its bytes zero-padded, its length in the
    // top byte; hashed as two words and its length.
    struct Words {
        std::uint64_t w[2];
        std::uint64_t hash() const {
            constexpr std::uint64_t kBytes = 0x00FFFFFFFFFFFFFFull; // the id's bytes of w[1]
            return hash_mix(w[0] ^ 0x9E3779B97F4A7C15ull,
                            (w[1] & kBytes) ^ ((w[1] >> 56) * 0xC2B2AE3D27D4EB4Full));
        }
        static Words of(std::string_view id) {
            Words k{{0, 0}};
            if (!id.empty()) std::memcpy(k.w, id.data(), id.size());
            k.w[1] |= static_cast<std::uint64_t>(id.size()) << 56;
            return k;
        }
        // The same from two loads, where 16 bytes may be read from p.
        static Words padded(const char* p, std::size_t n) {
            Words k;
            std::memcpy(k.w, p, sizeof k.w);
            const unsigned bits = static_cast<unsigned>(n) * 8;
            if (n < 8) {
                k.w[0] &= (std::uint64_t{1} << bits) - 1; // n == 0: no bits
                k.w[1] = 0;
            } else {
                k.w[1] &= (std::uint64_t{1} << (bits - 64)) - 1;
            }
            k.w[1] |= static_cast<std::uint64_t>(n) << 56;
            return k;
        }
    };
    struct Part;
    // The staged buffers, one per partition (empty until a map stages).
    void open_staged();
    // write_staged() without counting a spill.
    void append_staged(SpillFile& file);
    static void visit_part(const std::vector<CrimeMap*>& maps, const std::vector<SpillFile*>& files,
                           const Part& part, const CodeOrder& order, const CrimeVisitor& f);

    // An id: up to 15 bytes inline (b[15] = length), longer ones in the arena (b[15] = 0xFF).
    struct Key {
        char b[16];
        void set(std::string_view id, Arena& arena);
        void set(const Words& k) { std::memcpy(b, k.w, sizeof b); }
        // The id's hash (hash_of), from the inline words of a short id.
        std::uint64_t hash() const {
            if (static_cast<unsigned char>(b[15]) == 0xFF) return hash_of(view());
            Words k;
            std::memcpy(k.w, b, sizeof k.w);
            return k.hash();
        }
        std::string_view view() const {
            if (static_cast<unsigned char>(b[15]) != 0xFF)
                return {b, static_cast<unsigned char>(b[15])};
            const char* p;
            std::uint32_t n;
            std::memcpy(&p, b, sizeof p);
            std::memcpy(&n, b + 8, sizeof n);
            return {p, n};
        }
    };
    struct Entry {
        CrimeState state;
        Key key;
    };

    class Shard {
    public:
        static constexpr std::size_t kBlock = 512; // entries per block
        // `k`: the words of a short id (Words), else nullptr.
        CrimeState& upsert(std::string_view id, std::uint64_t h, const Words* k = nullptr);
        void prefetch(std::uint64_t h) const {
            if (!slots_.empty()) __builtin_prefetch(&slots_[(h >> 32) & (slots_.size() - 1)]);
        }
        const CrimeState* find(std::string_view id, std::uint64_t h) const;
        void add_text(CrimeState& st, std::uint64_t key, const PlatformCount* counts,
                      std::size_t n);
        void add_deferred(CrimeState& st, std::uint32_t file, std::uint64_t offset);
        // A node of another state: a text or a deferred row.
        void add_node(CrimeState& st, const TextNode& t) {
            if (t.deferred()) add_deferred(st, t.deferred_file(), t.deferred_offset());
            else add_text(st, t.hash, t.counts(), t.n);
        }
        void merge_from(Shard& from, const CodeOrder& order);
        // Appends each crime to out[its partition], counting it in crimes[its partition];
        // returns the bytes appended.
        std::size_t serialize(std::vector<ByteBuffer>& out, std::vector<std::size_t>& crimes) const;
        // Merges the spilled crime whose record starts at p (after its hash h).
        void merge_record(std::uint64_t h, const char* p, const CodeOrder& order);
        const Entry& entry(std::size_t i) const { return entries_[i / kBlock][i % kBlock]; }
        Entry& entry(std::size_t i) { return entries_[i / kBlock][i % kBlock]; }
        // Slots, entries and arena bytes in use (a held map's budget: DeferredRows).
        std::size_t used_bytes() const;
        // Empties the shard but keeps its memory for the crimes that come next.
        void reset();
        // Room for n crimes without growing the table.
        void reserve(std::size_t n);
        std::size_t count = 0;

    private:
        struct Slot {
            std::uint32_t tag = 0;   // high 32 bits of the hash; its low bits pick the slot
            std::uint32_t index = 0; // entry index + 1; 0 = empty
        };
        std::size_t probe(std::uint64_t h, std::string_view id, const Words* k) const;
        void grow();

        std::vector<Slot> slots_;
        std::vector<std::unique_ptr<Entry[]>> entries_;
        Arena arena_; // long ids and text nodes
    };
    std::vector<Shard> shards_;
    std::vector<ByteBuffer> staged_;        // by partition
    std::vector<std::size_t> staged_crimes_; // by partition
    std::size_t staged_bytes_ = 0;
};

// The fold's hot path, inline.
inline void CrimeState::take_date(Day d, std::uint32_t code_index, const CodeOrder& order) {
    if (d < date || (d == date && code_index != code && order.less(code_index, code))) {
        date = d;
        code = code_index;
    }
}

inline void CrimeState::add_row(Day d, std::uint32_t code_index, bool is_child, bool is_unknown,
                         bool flag, const CodeOrder& order) {
    take_date(d, code_index, order);
    ++rows;
    child |= is_child;
    unknown_age |= is_unknown;
    flagged |= flag;
}

// Shard: the low bits of the hash pick the shard; the top 32 are the tag, whose low bits pick the slot.
inline std::size_t CrimeMap::Shard::probe(std::uint64_t h, std::string_view id,
                                          const Words* k) const {
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t i = tag & mask;
    if (id.size() <= 15) {
        // A short id is held inline, zero-padded, its length in the last byte: two words
        // compare it, with no call to memcmp.
        static_assert(std::endian::native == std::endian::little, "Key's length is the top byte");
        const Words key = k ? *k : Words::of(id);
        const std::uint64_t* want = key.w;
        while (true) {
            const Slot& s = slots_[i];
            if (s.index == 0) return i;
            if (s.tag == tag) {
                std::uint64_t have[2];
                std::memcpy(have, entry(s.index - 1).key.b, sizeof have);
                if (have[0] == want[0] && have[1] == want[1]) return i;
            }
            i = (i + 1) & mask;
        }
    }
    while (true) {
        const Slot& s = slots_[i];
        if (s.index == 0) return i;
        if (s.tag == tag && entry(s.index - 1).key.view() == id) return i;
        i = (i + 1) & mask;
    }
}

inline CrimeState& CrimeMap::Shard::upsert(std::string_view id, std::uint64_t h, const Words* k) {
    if ((count + 1) * 2 > slots_.size()) grow();
    std::size_t i = probe(h, id, k);
    if (slots_[i].index) return entry(slots_[i].index - 1).state;
    if (count / kBlock == entries_.size()) entries_.push_back(std::unique_ptr<Entry[]>(new Entry[kBlock]));
    Entry& e = entries_[count / kBlock][count % kBlock];
    e.state = CrimeState{};
    if (k) e.key.set(*k);
    else e.key.set(id, arena_);
    ++count;
    slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(count)};
    return e.state;
}

inline CrimeState& CrimeMap::upsert(std::string_view id, std::uint64_t h) {
    return shards_[shard_of(h)].upsert(id, h);
}

inline CrimeState& CrimeMap::upsert_padded(std::string_view id, std::uint64_t h) {
    if (id.size() > 15) return upsert(id, h);
    const Words k = Words::padded(id.data(), id.size());
    return shards_[shard_of(h)].upsert(id, h, &k);
}

inline void CrimeMap::prefetch(std::uint64_t h) const { shards_[shard_of(h)].prefetch(h); }

} // namespace moscan
