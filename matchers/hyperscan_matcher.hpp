// The production matcher: every pattern of a set compiled once into one Hyperscan block-mode
// database. The database is immutable and shared; each thread clones its own scratch.
//
//  - Patterns of fixed width report their start as end - width; only variable-width patterns
//    pay for HS_FLAG_SOM_LEFTMOST.
//  - Edit distance ({edit=N}) uses hs_compile_ext_multi with HS_EXT_FLAG_EDIT_DISTANCE and
//    SOM_LEFTMOST. Hyperscan refuses \b there, so whole word is checked in the match
//    callback on [leftmost start, end) (pattern_set.hpp gives the rule; NaiveMatcher does
//    the same).
//  - With MatcherOptions::cache_dir the compiled database (and the per-pattern widths) is
//    loaded from / saved to the cache (database_cache.hpp) instead of being recompiled,
//    with the start-up proof that batch scanning is exact (batch_proof.hpp).
//  - With MatcherOptions::single_match (count-only runs): a pattern gets
//    HS_FLAG_SINGLEMATCH, so Hyperscan reports it at most once per scan call, when one
//    match is as good as any for "is its platform named in this text": it is not an
//    exclude, its platform has no excludes (an exclude may cover the first match but not a
//    later one), and it has no whole-word check in the callback (the first match may fail
//    it), and it neither has a near/notnear condition nor makes a name present that one
//    tests (proximity needs every match's range). SINGLEMATCH cannot be combined with SOM_LEFTMOST, so a single-match pattern of
//    variable width reports start = end - its minimum width: only its presence is
//    meaningful, and mention counts are not. The caller must scan one text per call.
//  - The non-ASCII stage (not with single_match): of a pattern split into literal lists, the
//    strings holding a byte >= 0x80 (the no-break space, Unicode hyphens and dashes, curly
//    apostrophe of {{sep}} and {{apos}}: a fifth of the bundled set's literals) go to a
//    second database; the main one holds the rest, and the non-ASCII byte runs of those
//    strings ("Â ", "â") as anchors. A text (a NUL-delimited part of the
//    scanned bytes when the set is batch-exact, else the whole call) is scanned with the
//    second database only when an anchor occurs in it: every one of its strings holds an
//    anchor, so no hit is lost, and one text of a NUL-joined batch scanned alone gives its
//    hits exactly (batch_proof.hpp). Hyperscan's scan time grows with the number of
//    literals it must look for at every byte (bench/results/patterns-speed-2026-12-08.md),
//    and mostly-ASCII text rarely holds one of those byte runs. Hits come back in end
//    order with one hit per pattern and end, as from one database.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/matcher_options.hpp"
#include "matchers/pattern_set.hpp"

#include <memory>
#include <string>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace moscan {

class HyperscanMatcher final : public Matcher {
public:
    // Compiles the set (or loads it from the cache); throws ConfigError naming the pattern's
    // file and line on failure. A cache problem is never an error: it is a miss.
    explicit HyperscanMatcher(const PatternSet& set, const MatcherOptions& options = {});
    ~HyperscanMatcher() override;

    std::unique_ptr<Scratch> make_scratch() const override;
    void scan(std::string_view text, Scratch& scratch, std::vector<Hit>& hits) const override;
    const char* name() const override { return "hyperscan"; }

    static std::string version();
    // The CPU the databases are built for: "tune N, cpu_features 0x.. (AVX2 ...)".
    static std::string platform();
    std::size_t database_bytes() const;

    enum class CacheStatus { off, hit, miss_written, miss_not_written };
    CacheStatus cache_status() const { return cache_status_; }
    const std::string& cache_file() const { return cache_file_; } // "" when off
    const std::string& cache_note() const { return cache_note_; } // why a miss, or a write failed
    // The cache key: everything the compiled database depends on (database_cache.hpp).
    static std::string cache_key(const PatternSet& set, const MatcherOptions& options);
    static std::string cache_file_for(const PatternSet& set, const MatcherOptions& options);

    bool single_match() const { return single_match_; }
    // batch_scan_exact(set) (matchers/batch_proof.hpp), computed when the set is compiled and
    // kept in the cache entry with the database. Says nothing about single_match.
    bool batch_exact() const { return batch_exact_; }
    std::size_t single_match_patterns() const; // how many patterns got HS_FLAG_SINGLEMATCH
    // Expressions (literal lists) in the non-ASCII stage; 0 when it has none.
    std::size_t staged_expressions() const;

    // Per-pattern data besides the database (kept in the cache with it).
    // Per expression compiled: one per pattern, or one per width of a pattern split by width.
    struct Info {
        std::uint32_t pattern = 0; // index into PatternSet::patterns
        std::uint32_t width = 0;   // start = end - width; 0: the engine reports the start
        std::uint32_t flags = 0;   // kBoundary, kSingle, kSplit, kAnchor
        std::uint32_t db = 0;      // 0: the main database; 1: the non-ASCII stage's
    };
    static constexpr std::uint32_t kBoundary = 1; // check word boundaries at start and end
    static constexpr std::uint32_t kSingle = 2;   // compiled with HS_FLAG_SINGLEMATCH
    static constexpr std::uint32_t kSplit = 4;    // one width of a pattern split by width
    static constexpr std::uint32_t kAnchor = 8;   // an anchor of the non-ASCII stage: no hit
    // The most strings a pattern's language may have to be split by width. Measured on the
    // bundled set (bench/results/split-limit.md): 512 scans as fast as 4096 and compiles in
    // a third of the time; 64 compiles a little faster but scans at half the speed.
    static constexpr std::size_t kSplitLimit = 512;

private:
    void compile(const PatternSet& set);
    // Takes the database of an encoded cache entry (from the cache file or the process memo)
    // if it is for `key` and `set`; otherwise says why in cache_note_ and returns false.
    bool adopt(const PatternSet& set, const std::string& key, const std::string& bytes);

    struct DbDeleter {
        void operator()(hs_database* db) const;
    };
    struct ScratchDeleter {
        void operator()(hs_scratch* s) const;
    };
    std::unique_ptr<hs_database, DbDeleter> db_;
    std::unique_ptr<hs_database, DbDeleter> stage_; // the non-ASCII stage, or null
    std::unique_ptr<hs_scratch, ScratchDeleter> prototype_;
    std::vector<Info> info_;
    bool single_match_ = false;
    bool batch_exact_ = false;
    CacheStatus cache_status_ = CacheStatus::off;
    std::string cache_file_, cache_note_;
};

} // namespace moscan
