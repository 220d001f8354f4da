#include "pipeline/fold/crime_fold.hpp"

#include "pipeline/base/error.hpp"
#include "pipeline/base/text_hash.hpp"

#include <algorithm>
#include <stdexcept>
#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

namespace moscan {

void* Arena::allocate(std::size_t size, std::size_t align) {
    if (size > kBlock / 4) { // a long id: its own block
        big_.push_back(std::unique_ptr<char[]>(new char[size]));
        big_bytes_ += size;
        return big_.back().get();
    }
    std::size_t at = (used_ + align - 1) & ~(align - 1);
    if (at + size > kBlock) { // the next block: a kept one, else a new one
        if (next_ == blocks_.size()) blocks_.push_back(std::unique_ptr<char[]>(new char[kBlock]));
        current_ = blocks_[next_++].get();
        at = 0;
    }
    used_ = at + size;
    return current_ + at;
}

void Arena::rewind() {
    big_.clear();
    big_bytes_ = 0;
    next_ = 0;
    current_ = nullptr;
    used_ = kBlock;
}



void CrimeState::merge_facts(const CrimeState& other, const CodeOrder& order) {
    take_date(other.date, other.code, order);
    rows += other.rows;
    child |= other.child;
    unknown_age |= other.unknown_age;
    flagged |= other.flagged;
    youngest = std::min(youngest, other.youngest);
    genders |= other.genders;
}

std::span<const PlatformCount> CrimeState::totals(std::vector<PlatformCount>& out) const {
    if (texts && !texts->next) { // one text: its counts are in platform order, one per platform
        if (texts->deferred()) return {};
        return {texts->counts(), texts->n};
    }
    out.clear();
    for (const TextNode* t = texts; t; t = t->next)
        for (std::uint32_t i = 0; i < (t->deferred() ? 0 : t->n); ++i) {
            const PlatformCount& c = t->counts()[i];
            auto it = std::find_if(out.begin(), out.end(), [&](const PlatformCount& x) {
                return x.platform == c.platform;
            });
            if (it == out.end()) out.push_back(c);
            else it->mentions += c.mentions;
        }
    std::sort(out.begin(), out.end(), [](const PlatformCount& a, const PlatformCount& b) {
        return a.platform < b.platform;
    });
    return out;
}

CrimeMap::CrimeMap() : shards_(kShards) {}

std::uint64_t CrimeMap::hash_of(std::string_view id) {
    if (id.size() <= 15) return Words::of(id).hash(); // the usual crime reference
    return text_hash(id, 0x51ED27u);
}

void CrimeMap::Key::set(std::string_view id, Arena& arena) {
    if (id.size() <= 15) return set(Words::of(id));
    std::memset(b, 0, sizeof b);
    char* p = static_cast<char*>(arena.allocate(id.size(), 1));
    std::memcpy(p, id.data(), id.size());
    const char* cp = p;
    const auto n = static_cast<std::uint32_t>(id.size());
    std::memcpy(b, &cp, sizeof cp);
    std::memcpy(b + 8, &n, sizeof n);
    b[15] = static_cast<char>(0xFF);
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


const CrimeState* CrimeMap::Shard::find(std::string_view id, std::uint64_t h) const {
    if (slots_.empty()) return nullptr;
    std::size_t i = probe(h, id, nullptr);
    return slots_[i].index ? &entry(slots_[i].index - 1).state : nullptr;
}

namespace {
// The order that picks between two count lists of the same text key: a total order on the
// lists, so that which one is kept does not depend on which came first.
bool counts_less(const PlatformCount* a, std::size_t na, std::uint32_t ta,
                 const PlatformCount* b, std::size_t nb, std::uint32_t tb) {
    if (ta != tb) return ta < tb;
    if (na != nb) return na < nb;
    for (std::size_t i = 0; i < na; ++i) {
        if (a[i].platform != b[i].platform) return a[i].platform < b[i].platform;
        if (a[i].mentions != b[i].mentions) return a[i].mentions < b[i].mentions;
    }
    return false;
}
} // namespace

void CrimeMap::Shard::add_text(CrimeState& st, std::uint64_t key, const PlatformCount* counts,
                               std::size_t n) {
    std::uint32_t total = 0;
    for (std::size_t i = 0; i < n; ++i) total += counts[i].mentions;
    if (total == 0) return; // nothing to count
    for (TextNode** link = &st.texts; *link; link = &(*link)->next) {
        const TextNode* t = *link;
        if (t->hash != key || t->deferred()) continue;
        if (!counts_less(t->counts(), t->n, t->total, counts, n, total)) return;
        *link = t->next; // replaced below (rare: the same text counted differently by date)
        break;
    }
    auto* node = static_cast<TextNode*>(arena_.allocate(TextNode::bytes(n), alignof(TextNode)));
    node->hash = key;
    node->n = static_cast<std::uint32_t>(n);
    node->total = total;
    std::copy(counts, counts + n, node->counts());
    node->next = st.texts;
    st.texts = node;
}

void CrimeMap::Shard::add_deferred(CrimeState& st, std::uint32_t file, std::uint64_t offset) {
    for (const TextNode* t = st.texts; t; t = t->next)
        if (t->deferred() && t->hash == offset && t->deferred_file() == file) return; // kept once
    auto* node = static_cast<TextNode*>(arena_.allocate(TextNode::bytes(1), alignof(TextNode)));
    node->hash = offset;
    node->n = 1;
    node->total = 0;
    node->counts()[0] = PlatformCount{file, 0};
    node->next = st.texts;
    st.texts = node;
}

void CrimeMap::Shard::merge_from(Shard& from, const CodeOrder& order) {
    if (count == 0) {
        std::swap(*this, from);
        return;
    }
    for (std::size_t i = 0; i < from.count; ++i) {
        const Entry& e = from.entry(i);
        std::string_view id = e.key.view();
        CrimeState& st = upsert(id, hash_of(id));
        st.merge_facts(e.state, order);
        for (const TextNode* t = e.state.texts; t; t = t->next) add_node(st, *t);
    }
    from = Shard();
}

std::size_t CrimeMap::Shard::used_bytes() const {
    return slots_.size() * sizeof(Slot) + count * sizeof(Entry) + arena_.used_bytes();
}

void CrimeMap::Shard::reserve(std::size_t n) {
    std::size_t want = 64;
    while (want < n * 2) want *= 2;
    if (want <= slots_.size()) return;
    if (count == 0) slots_.assign(want, Slot{});
    else
        while (slots_.size() < want) grow();
}

void CrimeMap::Shard::reset() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    count = 0;
    arena_.rewind();
}

CrimeState& CrimeMap::upsert(std::string_view id) {
    std::uint64_t h = hash_of(id);
    return shards_[shard_of(h)].upsert(id, h);
}


void CrimeMap::add_text(CrimeState& st, std::uint64_t id_hash, std::uint64_t key,
                        const PlatformCount* counts, std::size_t n) {
    shards_[shard_of(id_hash)].add_text(st, key, counts, n);
}

void CrimeMap::add_deferred(CrimeState& st, std::uint64_t id_hash, std::uint32_t file,
                            std::uint64_t offset) {
    shards_[shard_of(id_hash)].add_deferred(st, file, offset);
}


const CrimeState* CrimeMap::find(std::string_view id) const {
    std::uint64_t h = hash_of(id);
    return shards_[shard_of(h)].find(id, h);
}

CrimeState* CrimeMap::find(std::string_view id) {
    return const_cast<CrimeState*>(static_cast<const CrimeMap*>(this)->find(id));
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

// ---- spilling

static std::string temp_dir_or_default(const std::string& dir) {
    if (!dir.empty()) return dir;
    const char* env = std::getenv("TMPDIR");
    return env && *env ? env : "/tmp";
}

SpillFile::SpillFile(const std::string& dir)
    : dir_(temp_dir_or_default(dir)), sections_(CrimeMap::kPartitions) {
    std::string path = dir_ + "/moscan-spill-XXXXXX";
    fd_ = ::mkstemp(path.data());
    if (fd_ < 0)
        throw IoError("cannot create a temporary file in " + dir_ + " (--temp-dir): " +
                      std::strerror(errno));
    ::unlink(path.c_str()); // gone when closed, whatever happens
}

SpillFile::~SpillFile() {
    if (fd_ >= 0) ::close(fd_);
}

void SpillFile::append(std::size_t partition, std::string_view bytes, std::size_t crimes) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    std::uint64_t at = size_;
    while (left) {
        ssize_t n = ::pwrite(fd_, p, left, static_cast<off_t>(at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw IoError("cannot write crime state to a temporary file in " + dir_ +
                          " (--temp-dir; is the disk full?): " + std::strerror(errno));
        p += n;
        at += static_cast<std::uint64_t>(n);
        left -= static_cast<std::size_t>(n);
    }
    sections_[partition].push_back(Section{size_, bytes.size(), crimes});
    size_ = at;
}

void SpillFile::read(const Section& s, std::string& out) const {
    out.resize(s.size);
    read(s, out.data());
}

void SpillFile::read(const Section& s, char* out) const {
    std::size_t done = 0;
    while (done < s.size) {
        ssize_t n = ::pread(fd_, out + done, s.size - done,
                            static_cast<off_t>(s.offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw IoError("cannot read back crime state from a temporary file in " + dir_ + ": " +
                          (n < 0 ? std::strerror(errno) : "file truncated"));
        done += static_cast<std::size_t>(n);
    }
}

namespace {
// A spilled crime's row facts: date, code, rows, flag bits, youngest age, genders.
constexpr std::size_t kFactBytes = sizeof(Day) + sizeof(std::uint32_t) + sizeof(std::uint32_t) + 3;

template <typename T> T take(const char*& p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return v;
}
} // namespace

// Per crime: its id's hash, id length and bytes, the row facts, then its texts with their
// counts (a deferred row: its offset and one count {file, 0 mentions}).
std::size_t CrimeMap::Shard::serialize(std::vector<ByteBuffer>& outs,
                                       std::vector<std::size_t>& crimes) const {
    auto write = [](char*& w, const auto& v) {
        std::memcpy(w, &v, sizeof v);
        w += sizeof v;
    };
    std::size_t total = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Entry& e = entry(i);
        const std::string_view id = e.key.view();
        const CrimeState& st = e.state;
        std::uint32_t texts = 0;
        std::size_t size = sizeof(std::uint32_t) + id.size() + kFactBytes + sizeof(std::uint32_t);
        for (const TextNode* t = st.texts; t; t = t->next) {
            ++texts;
            size += sizeof t->hash + sizeof t->n + t->n * sizeof(PlatformCount);
        }
        const std::uint64_t h = e.key.hash();
        const std::size_t partition = partition_of(h);
        ++crimes[partition];
        char* const start = outs[partition].extend(sizeof h + size);
        total += sizeof h + size;
        char* w = start;
        write(w, h);
        write(w, static_cast<std::uint32_t>(id.size()));
        std::memcpy(w, id.data(), id.size());
        w += id.size();
        write(w, st.date);
        write(w, st.code);
        write(w, st.rows);
        write(w, static_cast<std::uint8_t>(st.child | st.unknown_age << 1 | st.flagged << 2));
        write(w, st.youngest);
        write(w, st.genders);
        write(w, texts);
        for (const TextNode* t = st.texts; t; t = t->next) {
            write(w, t->hash);
            write(w, t->n);
            std::memcpy(w, t->counts(), t->n * sizeof(PlatformCount));
            w += t->n * sizeof(PlatformCount);
        }
        if (w != start + sizeof h + size) throw std::logic_error("CrimeMap: spill record size");
    }
    return total;
}

namespace {
// A spilled record's id and row facts (p just after its hash); p is left at its text count.
std::string_view take_facts(const char*& p, CrimeState& facts) {
    const auto len = take<std::uint32_t>(p);
    std::string_view id(p, len);
    p += len;
    facts.date = take<Day>(p);
    facts.code = take<std::uint32_t>(p);
    facts.rows = take<std::uint32_t>(p);
    const auto bits = take<std::uint8_t>(p);
    facts.child = bits & 1;
    facts.unknown_age = bits & 2;
    facts.flagged = bits & 4;
    facts.youngest = take<std::uint8_t>(p);
    facts.genders = take<std::uint8_t>(p);
    return id;
}

// The end of the record whose hash ends at p.
// Calls f(hash, counts, n) for each text of a spilled record (p at its text count; the counts
// are unaligned bytes) and returns the record's end.
template <typename F> const char* for_each_text(const char* p, F&& f) {
    const auto texts = take<std::uint32_t>(p);
    for (std::uint32_t t = 0; t < texts; ++t) {
        const auto hash = take<std::uint64_t>(p);
        const auto n = take<std::uint32_t>(p);
        f(hash, p, n);
        p += n * sizeof(PlatformCount);
    }
    return p;
}

const char* record_end(const char* p) {
    p += take<std::uint32_t>(p); // the id
    return for_each_text(p + kFactBytes, [](std::uint64_t, const char*, std::uint32_t) {});
}

// A text of a spilled record: a deferred row is one count with no mentions (a text kept in
// a crime always has mentions).
bool is_deferred(const PlatformCount* counts, std::uint32_t n) {
    return n == 1 && counts[0].mentions == 0;
}
} // namespace

void CrimeMap::Shard::merge_record(std::uint64_t h, const char* p, const CodeOrder& order) {
    CrimeState facts;
    const std::string_view id = take_facts(p, facts);
    CrimeState& st = upsert(id, h);
    st.merge_facts(facts, order);
    thread_local std::vector<PlatformCount> counts; // aligned copies of the record's counts
    for_each_text(p, [&](std::uint64_t hash, const char* c, std::uint32_t n) {
        counts.resize(n);
        std::memcpy(counts.data(), c, n * sizeof(PlatformCount));
        if (is_deferred(counts.data(), n)) add_deferred(st, counts[0].platform, hash);
        else add_text(st, hash, counts.data(), n);
    });
}

void CrimeMap::open_staged() {
    if (!staged_.empty()) return;
    staged_.resize(kPartitions);
    staged_crimes_.assign(kPartitions, 0);
}

void CrimeMap::reserve_staged(std::size_t bytes) {
    open_staged();
    for (ByteBuffer& b : staged_) b.reserve(bytes / kPartitions);
}

void CrimeMap::stage() {
    open_staged();
    for (Shard& shard : shards_) {
        if (shard.count == 0) continue;
        staged_bytes_ += shard.serialize(staged_, staged_crimes_);
        shard.reset();
    }
}

void CrimeMap::write_staged(SpillFile& file) {
    append_staged(file);
    ++file.spills;
}

void CrimeMap::append_staged(SpillFile& file) {
    for (std::size_t p = 0; p < staged_.size(); ++p) {
        if (staged_crimes_[p]) file.append(p, staged_[p].view(), staged_crimes_[p]);
        staged_[p].clear();
        staged_crimes_[p] = 0;
    }
    staged_bytes_ = 0;
}

void CrimeMap::spill(SpillFile& file) {
    stage();
    write_staged(file);
}

// The slice of a crime's id hash when a partition is gathered in parts: bits above the
// partition's.
static std::size_t slice_of(std::uint64_t h, std::size_t parts) {
    return static_cast<std::size_t>((h / CrimeMap::kPartitions) % parts);
}

struct CrimeMap::Part {
    std::size_t partition, parts, part, crimes;
};

void CrimeMap::visit_part(const std::vector<CrimeMap*>& maps, const std::vector<SpillFile*>& files,
                          const Part& part, const CodeOrder& order, const CrimeVisitor& f) {
    auto in_part = [&](std::uint64_t h) { return part.parts == 1 || slice_of(h, part.parts) == part.part; };
    // The part's bytes: its sections read back into one buffer (only the part's records kept
    // when the partition is gathered in slices) and the maps' staged buffers, read in place.
    // Buffers kept per thread from part to part: fresh ones would cost a page fault per 4 KiB.
    // A visitor never runs a part itself (it would reuse them while in use).
    thread_local bool busy = false;
    if (busy) throw std::logic_error("CrimeMap::drain: a visitor drained crimes");
    busy = true;
    struct Done {
        ~Done() { busy = false; }
    } done;
    thread_local ByteBuffer bytes;
    thread_local std::string buf;
    bytes.clear();
    if (part.parts == 1) {
        std::size_t total = 0;
        for (const SpillFile* file : files)
            for (const SpillFile::Section& sec : file->sections(part.partition)) total += sec.size;
        bytes.reserve(total);
    }
    for (const SpillFile* file : files)
        for (const SpillFile::Section& sec : file->sections(part.partition)) {
            if (part.parts == 1) {
                file->read(sec, bytes.extend(sec.size));
                continue;
            }
            file->read(sec, buf);
            for (const char* p = buf.data(); p < buf.data() + buf.size();) {
                const char* r = p;
                const auto h = take<std::uint64_t>(p);
                p = record_end(p);
                if (in_part(h)) std::memcpy(bytes.extend(static_cast<std::size_t>(p - r)), r, static_cast<std::size_t>(p - r));
            }
        }
    std::vector<std::string_view> ranges{bytes.view()};
    for (const CrimeMap* m : maps)
        if (!m->staged_.empty()) ranges.push_back(m->staged_[part.partition].view());

    // The records of the part, and which of their id hashes occur more than once: an open-
    // addressing table of hashes, probed by the hash's top bits (its low bits are the
    // partition's and the slice's).
    struct Record {
        std::uint64_t h;
        const char* p; // just after the hash
    };
    thread_local std::vector<Record> records;
    records.clear();
    records.reserve(part.crimes);
    for (std::string_view range : ranges)
        for (const char* p = range.data(); p < range.data() + range.size();) {
            const auto h = take<std::uint64_t>(p);
            if (in_part(h)) records.push_back(Record{h, p});
            p = record_end(p);
        }
    // A slot holds the top 32 bits of a hash and its first record (+1; 0: empty): 8 bytes, so
    // that the table of a part stays in the cache. Records whose hash is met again are marked in
    // `repeats`, read in record order below (not through the table: a cache miss per record).
    // Two crimes whose hashes share the top bits are merged as if they were one crime staged
    // twice: the merge tells their ids apart, so that costs time, never a wrong count.
    struct Slot {
        std::uint32_t tag = 0;
        std::uint32_t first = 0;
    };
    std::size_t size = 64;
    while (size < records.size() * 2) size *= 2;
    const std::size_t mask = size - 1;
    thread_local std::vector<Slot> slots;
    thread_local std::vector<std::uint8_t> repeats;
    slots.assign(size, Slot{});
    repeats.assign(records.size(), 0);
    constexpr std::size_t kAhead = 8;
    std::size_t repeated = 0;
    for (std::size_t r = 0; r < records.size(); ++r) {
        if (r + kAhead < records.size()) __builtin_prefetch(&slots[(records[r + kAhead].h >> 32) & mask]);
        const auto tag = static_cast<std::uint32_t>(records[r].h >> 32);
        std::size_t i = tag & mask;
        while (slots[i].first && slots[i].tag != tag) i = (i + 1) & mask;
        if (!slots[i].first) {
            slots[i] = Slot{tag, static_cast<std::uint32_t>(r + 1)};
            continue;
        }
        std::uint8_t& first = repeats[slots[i].first - 1];
        repeated += first ? 1 : 2;
        first = 1;
        repeats[r] = 1;
    }

    // A crime with one record is visited as it is; the others (and ids that share a hash)
    // are merged first.
    auto merged = std::make_unique<Shard>();
    merged->reserve(repeated);
    thread_local std::vector<std::uint64_t> nodes; // the text nodes of one record (8-byte aligned)
    for (std::size_t r = 0; r < records.size(); ++r) {
        const char* p = records[r].p;
        if (repeats[r]) {
            merged->merge_record(records[r].h, p, order);
            continue;
        }
        CrimeState st;
        const std::string_view id = take_facts(p, st);
        // Its texts as a list of nodes in `nodes` (sized first: the list points into it).
        std::size_t words = 0;
        for_each_text(p, [&](std::uint64_t, const char*, std::uint32_t n) {
            words += TextNode::bytes(n) / sizeof(std::uint64_t);
        });
        nodes.resize(words);
        auto* w = reinterpret_cast<char*>(nodes.data());
        TextNode** link = &st.texts;
        for_each_text(p, [&](std::uint64_t hash, const char* c, std::uint32_t n) {
            auto* node = reinterpret_cast<TextNode*>(w);
            node->hash = hash;
            node->n = n;
            node->next = nullptr;
            std::memcpy(node->counts(), c, n * sizeof(PlatformCount));
            node->total = 0;
            for (std::uint32_t k = 0; k < n; ++k) node->total += node->counts()[k].mentions;
            *link = node;
            link = &node->next;
            w += TextNode::bytes(n);
        });
        f(id, st);
    }
    for (std::size_t k = 0; k < merged->count; ++k) {
        const Entry& e = merged->entry(k);
        f(e.key.view(), e.state);
    }
}

void CrimeMap::drain(const std::vector<CrimeMap*>& maps, const std::vector<SpillFile*>& files,
                     std::size_t part_bytes, const CodeOrder& order, const CrimeVisitor& f) {
    // What the maps hold is staged, so that every crime is read from a record. When crimes were
    // spilled already, the rest joins them on disk and the maps' memory is freed before the
    // parts are gathered (so that the drain's memory comes on top of nothing that grows with
    // the input); otherwise it is read where it is.
    for (CrimeMap* m : maps) {
        m->stage();
        if (!files.empty()) {
            m->append_staged(*files.front()); // not a spill: not counted
            *m = CrimeMap();
        }
    }

    std::vector<Part> todo;
    for (std::size_t s = 0; s < kPartitions; ++s) {
        std::uint64_t bytes = 0;
        std::size_t crimes = 0;
        for (const SpillFile* file : files)
            for (const SpillFile::Section& sec : file->sections(s)) {
                bytes += sec.size;
                crimes += sec.crimes;
            }
        for (const CrimeMap* m : maps)
            if (!m->staged_.empty()) {
                bytes += m->staged_[s].view().size();
                crimes += m->staged_crimes_[s];
            }
        if (!crimes) continue;
        const std::size_t parts =
            static_cast<std::size_t>(std::max<std::uint64_t>(1, (bytes + part_bytes - 1) / std::max<std::size_t>(part_bytes, 1)));
        for (std::size_t j = 0; j < parts; ++j) todo.push_back(Part{s, parts, j, crimes / parts + 1});
    }

    std::size_t next = 0;
    const auto threads = static_cast<std::size_t>(oneapi::tbb::this_task_arena::max_concurrency());
    oneapi::tbb::parallel_pipeline(
        threads + 1,
        oneapi::tbb::make_filter<void, std::size_t>(
            oneapi::tbb::filter_mode::serial_in_order,
            [&](oneapi::tbb::flow_control& fc) -> std::size_t {
                if (next == todo.size()) fc.stop();
                return next++;
            }) &
            oneapi::tbb::make_filter<std::size_t, void>(
                oneapi::tbb::filter_mode::parallel,
                [&](std::size_t i) { visit_part(maps, files, todo[i], order, f); }));
    for (CrimeMap* m : maps) *m = CrimeMap();
}

void CrimeMap::for_each_parallel(
    const std::function<void(std::string_view, const CrimeState&)>& f) const {
    // By blocks of entries, so that more threads than shards all have work.
    std::vector<std::pair<std::size_t, std::size_t>> blocks; // shard, first entry
    for (std::size_t s = 0; s < kShards; ++s)
        for (std::size_t i = 0; i < shards_[s].count; i += Shard::kBlock) blocks.emplace_back(s, i);
    oneapi::tbb::parallel_for(std::size_t{0}, blocks.size(), [&](std::size_t b) {
        const Shard& shard = shards_[blocks[b].first];
        const std::size_t end = std::min(shard.count, blocks[b].second + Shard::kBlock);
        for (std::size_t i = blocks[b].second; i < end; ++i) {
            const Entry& e = shard.entry(i);
            f(e.key.view(), e.state);
        }
    });
}

std::size_t CrimeMap::used_bytes() const {
    std::size_t n = staged_bytes_;
    for (const auto& s : shards_) n += s.used_bytes();
    return n;
}

} // namespace moscan
