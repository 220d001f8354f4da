#include "matchers/hyperscan_matcher.hpp"

#include "matchers/finite_language.hpp"

#include "matchers/batch_proof.hpp"
#include "matchers/database_cache.hpp"
#include "pipeline/base/error.hpp"

#include <hs/hs.h>

#include <algorithm>
#include <climits>
#include <map>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <deque>
#include <mutex>

namespace moscan {

namespace {

// Bump when the way a set is compiled changes (flags, widths, meta): old cache entries then
// stop matching the key. 2: the entry's meta ends with the batch proof (batch_exact()).
// 3: fixed-width whole-word patterns compile without \b, their boundaries checked on the hit.
// 4: a variable-width finite pattern is split into one literal list per width (kSplit); the
// meta holds pattern, width and flags per expression. 6: the non-ASCII stage: the meta
// holds the number of databases first and a database index per expression; the entry's
// database is every database, each after its u64 length.
constexpr int kCompileScheme = 6;

class HsScratch final : public Scratch {
public:
    explicit HsScratch(hs_scratch_t* s) : scratch(s) {}
    ~HsScratch() override { hs_free_scratch(scratch); }
    hs_scratch_t* scratch;
    // Reused across calls by the non-ASCII stage, so a warm scan allocates nothing.
    std::vector<std::uint32_t> anchors; // end offsets of anchors seen by the main scan
    std::vector<Hit> staged;
    std::string gather; // the texts holding an anchor, NUL-joined
    struct Piece {
        std::size_t copy_end; // end of the text in gather
        std::ptrdiff_t shift; // its offset in the scanned bytes minus its offset in gather
    };
    std::vector<Piece> pieces;
};

struct ScanContext {
    std::vector<Hit>* hits;
    const HyperscanMatcher::Info* info;
    const unsigned char* text;
    std::size_t size;
    std::vector<std::uint32_t>* anchors = nullptr;
};

bool has_high_byte(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

bool is_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

bool boundary_at(const unsigned char* text, std::size_t size, std::size_t pos) {
    bool before = pos > 0 && is_word(text[pos - 1]);
    bool after = pos < size && is_word(text[pos]);
    return before != after;
}

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned,
             void* ctx) {
    auto* c = static_cast<ScanContext*>(ctx);
    const HyperscanMatcher::Info& in = c->info[id];
    if (in.flags & HyperscanMatcher::kAnchor) {
        c->anchors->push_back(static_cast<std::uint32_t>(to));
        return 0;
    }
    std::uint32_t start =
        in.width ? static_cast<std::uint32_t>(to - in.width) : static_cast<std::uint32_t>(from);
    if ((in.flags & HyperscanMatcher::kBoundary) &&
        !(boundary_at(c->text, c->size, start) && boundary_at(c->text, c->size, to)))
        return 0;
    const auto end = static_cast<std::uint32_t>(to);
    if (in.flags & HyperscanMatcher::kSplit) {
        // One width of a pattern split by width: keep the leftmost start per end, as
        // HS_FLAG_SOM_LEFTMOST would. Matches come in end order, so the other widths' hits at
        // this end are the last ones pushed.
        for (auto it = c->hits->rbegin(); it != c->hits->rend() && it->end == end; ++it)
            if (it->pattern == in.pattern) {
                it->start = std::min(it->start, start);
                return 0;
            }
    }
    c->hits->push_back(Hit{in.pattern, start, end});
    return 0;
}

std::string hex(unsigned long long v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", v);
    return buf;
}

std::string hex16(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

} // namespace

void HyperscanMatcher::DbDeleter::operator()(hs_database* db) const { hs_free_database(db); }
void HyperscanMatcher::ScratchDeleter::operator()(hs_scratch* s) const { hs_free_scratch(s); }

std::string HyperscanMatcher::version() { return hs_version(); }

std::string HyperscanMatcher::platform() {
    hs_platform_info_t p{};
    if (hs_populate_platform(&p) != HS_SUCCESS) return "unknown";
    std::string names;
    auto add = [&](unsigned long long bit, const char* name) {
        if (p.cpu_features & bit) names += (names.empty() ? "" : " ") + std::string(name);
    };
    add(HS_CPU_FEATURES_AVX2, "AVX2");
#ifdef HS_CPU_FEATURES_AVX512
    add(HS_CPU_FEATURES_AVX512, "AVX512");
#endif
#ifdef HS_CPU_FEATURES_AVX512VBMI
    add(HS_CPU_FEATURES_AVX512VBMI, "AVX512VBMI");
#endif
    return "tune " + std::to_string(p.tune) + ", cpu_features " + hex(p.cpu_features) +
           (names.empty() ? "" : " (" + names + ")");
}

std::string HyperscanMatcher::cache_key(const PatternSet& set, const MatcherOptions& options) {
    hs_platform_info_t p{};
    hs_populate_platform(&p);
    return "moscan-hsdb scheme " + std::to_string(kCompileScheme) + "\nmoscan " MOSCAN_VERSION
           "\nset " + set.hash() + "\npatterns " + std::to_string(set.patterns.size()) +
           "\nsingle_match " + (options.single_match ? "1" : "0") + "\nhyperscan " +
           hs_version() + "\ntune " + std::to_string(p.tune) + "\ncpu_features " +
           hex(p.cpu_features) + "\n";
}

std::string HyperscanMatcher::cache_file_for(const PatternSet& set,
                                             const MatcherOptions& options) {
    if (options.cache_dir.empty()) return "";
    return options.cache_dir + "/" + set.hash() + "-" +
           hex16(dbcache::fnv1a64(cache_key(set, options))) + ".hsdb";
}

namespace {

// Databases compiled earlier in this process, by cache key: a second matcher over the same set
// (eval and count in one process, the test suite's many jobs) deserialises instead of
// compiling again. Bounded: a few entries of a few MB; the oldest goes first.
struct ProcessMemo {
    std::mutex mutex;
    std::deque<std::pair<std::string, std::string>> entries; // key, dbcache::encode(entry)
    static constexpr std::size_t kMax = 4;
};

ProcessMemo& process_memo() {
    static ProcessMemo memo;
    return memo;
}

} // namespace

HyperscanMatcher::HyperscanMatcher(const PatternSet& set, const MatcherOptions& options)
    : single_match_(options.single_match) {
    const std::string key = cache_key(set, options);
    if (!options.cache_dir.empty()) {
        cache_file_ = cache_file_for(set, options);
        if (auto bytes = dbcache::read_file(cache_file_); !bytes) {
            cache_note_ = "no cache entry";
        } else if (adopt(set, key, *bytes)) {
            cache_status_ = CacheStatus::hit;
        }
    }
    if (!db_) {
        std::string memo_bytes;
        {
            ProcessMemo& memo = process_memo();
            std::lock_guard<std::mutex> lock(memo.mutex);
            for (const auto& [k, b] : memo.entries)
                if (k == key) memo_bytes = b;
        }
        std::string note = cache_note_;
        if (memo_bytes.empty() || !adopt(set, key, memo_bytes)) {
            compile(set);
            batch_exact_ = batch_scan_exact(set);
        }
        cache_note_ = note;
    }
    if (cache_status_ != CacheStatus::hit) { // into the process memo, and the cache if any
        std::string failure, all;
        std::vector<const hs_database_t*> dbs{db_.get()};
        if (stage_) dbs.push_back(stage_.get());
        for (const hs_database_t* d : dbs) {
            char* bytes = nullptr;
            size_t n = 0;
            if (hs_serialize_database(d, &bytes, &n) != HS_SUCCESS) {
                failure = "hs_serialize_database failed";
                break;
            }
            const std::uint64_t len = n;
            all.append(reinterpret_cast<const char*>(&len), sizeof len);
            all.append(bytes, n);
            std::free(bytes);
        }
        if (failure.empty()) {
            dbcache::Entry e;
            e.key = key;
            e.meta.push_back(static_cast<std::uint32_t>(dbs.size()));
            for (const Info& i : info_) {
                e.meta.push_back(i.pattern);
                e.meta.push_back(i.width);
                e.meta.push_back(i.flags);
                e.meta.push_back(i.db);
            }
            e.meta.push_back(batch_exact_ ? 1 : 0);
            e.database = std::move(all);
            std::string encoded = dbcache::encode(e);
            {
                ProcessMemo& memo = process_memo();
                std::lock_guard<std::mutex> lock(memo.mutex);
                bool known = false;
                for (const auto& entry : memo.entries) known = known || entry.first == key;
                if (!known) {
                    memo.entries.emplace_back(key, encoded);
                    if (memo.entries.size() > ProcessMemo::kMax) memo.entries.pop_front();
                }
            }
            if (!options.cache_dir.empty())
                failure = dbcache::write_file_atomic(cache_file_, encoded);
        }
        if (!options.cache_dir.empty()) {
            if (failure.empty()) {
                cache_status_ = CacheStatus::miss_written;
            } else {
                cache_status_ = CacheStatus::miss_not_written;
                cache_note_ += (cache_note_.empty() ? "" : "; ") + failure;
            }
        }
    }
    hs_scratch_t* s = nullptr;
    // One scratch serves both databases (hs_alloc_scratch grows it to fit each).
    const bool ok = hs_alloc_scratch(db_.get(), &s) == HS_SUCCESS &&
                    (!stage_ || hs_alloc_scratch(stage_.get(), &s) == HS_SUCCESS);
    if (!ok) {
        hs_free_scratch(s);
        throw Error(ExitCode::software, "hyperscan: cannot allocate scratch space");
    }
    prototype_.reset(s);
}

bool HyperscanMatcher::adopt(const PatternSet& set, const std::string& key,
                             const std::string& bytes) {
    std::optional<dbcache::Entry> e = dbcache::decode(bytes);
    if (!e) {
        cache_note_ = "cache entry truncated or corrupt";
        return false;
    }
    // meta: number of databases (1 or 2), then pattern, width, flags, database per
    // expression, then the batch proof.
    const std::vector<std::uint32_t>& m = e->meta;
    bool meta_ok = m.size() >= 2 && (m.size() - 2) % 4 == 0 && m.back() <= 1 &&
                   (m[0] == 1 || m[0] == 2);
    for (std::size_t i = 1; meta_ok && i + 1 < m.size(); i += 4)
        meta_ok = m[i] < set.patterns.size() && m[i + 3] < m[0];
    if (e->key != key || !meta_ok) {
        cache_note_ = "cache entry for another key";
        return false;
    }
    std::unique_ptr<hs_database, DbDeleter> dbs[2];
    std::string_view rest = e->database;
    for (std::uint32_t k = 0; k < m[0]; ++k) {
        std::uint64_t len = 0;
        if (rest.size() < sizeof len) {
            cache_note_ = "cache entry truncated or corrupt";
            return false;
        }
        std::memcpy(&len, rest.data(), sizeof len);
        rest.remove_prefix(sizeof len);
        if (len > rest.size()) {
            cache_note_ = "cache entry truncated or corrupt";
            return false;
        }
        hs_database_t* db = nullptr;
        hs_error_t rc = hs_deserialize_database(rest.data(), static_cast<size_t>(len), &db);
        if (rc != HS_SUCCESS) {
            cache_note_ = "Hyperscan refused the cached database (code " + std::to_string(rc) + ")";
            return false;
        }
        dbs[k].reset(db);
        rest.remove_prefix(static_cast<size_t>(len));
    }
    if (!rest.empty()) {
        cache_note_ = "cache entry truncated or corrupt";
        return false;
    }
    db_ = std::move(dbs[0]);
    stage_ = std::move(dbs[1]);
    info_.resize((m.size() - 2) / 4);
    for (size_t i = 0; i < info_.size(); ++i)
        info_[i] = Info{m[1 + 4 * i], m[2 + 4 * i], m[3 + 4 * i], m[4 + 4 * i]};
    batch_exact_ = m.back() == 1;
    return true;
}

void HyperscanMatcher::compile(const PatternSet& set) {
    std::vector<bool> platform_has_exclude(set.platforms.size(), false);
    for (const Pattern& p : set.patterns)
        if (p.exclude) platform_has_exclude[p.platform] = true;
    // Proximity needs every match with its true range: of a pattern with near/notnear (its
    // first match may be far from the cue, a later one near) and of a name they test.
    std::vector<bool> proximity_name(set.names.size(), false), platform_proximity(
                                                                   set.platforms.size(), false);
    for (const Platform& pl : set.platforms)
        for (const auto* list : {&pl.near, &pl.notnear})
            for (const Proximity& c : *list) proximity_name[c.name] = true;
    for (std::size_t i = 0; i < set.platforms.size(); ++i)
        platform_proximity[i] = !set.platforms[i].near.empty() || !set.platforms[i].notnear.empty();
    for (const Pattern& p : set.patterns)
        for (const auto* list : {&p.near, &p.notnear})
            for (const Proximity& c : *list) proximity_name[c.name] = true;
    auto needs_ranges = [&](const Pattern& p) {
        if (!p.near.empty() || !p.notnear.empty()) return true;
        if (!p.term && platform_proximity[p.platform]) return true;
        for (std::uint32_t n : p.labels)
            if (proximity_name[n]) return true;
        return false;
    };

    std::vector<std::string> exprs;
    std::vector<unsigned> flags, ids;
    std::vector<hs_expr_ext_t> exts(set.patterns.size());
    std::vector<const hs_expr_ext_t*> ext_ptrs;
    info_.clear();
    stage_.reset();
    // The non-ASCII stage's anchors: the runs of bytes >= 0x80 of its strings.
    std::set<std::string> anchors;
    for (size_t i = 0; i < set.patterns.size(); ++i) {
        const Pattern& p = set.patterns[i];
        std::string e = p.engine_expression();
        unsigned f = p.caseless ? HS_FLAG_CASELESS : 0;
        const hs_expr_ext_t* ext = nullptr;
        if (p.edit_distance > 0) {
            exts[i].flags = HS_EXT_FLAG_EDIT_DISTANCE;
            exts[i].edit_distance = p.edit_distance;
            ext = &exts[i];
        }
        // A whole-word pattern of one fixed width (a literal, or a list of literals of one
        // length) is compiled bare and its word boundaries are checked on the hit, where its
        // start is exact (end - width): the same matches as \b(?:...)\b, but Hyperscan keeps
        // a list of literals as literals, which compiles in a fraction of the time (thousands
        // of generated variants) and scans at least as fast.
        bool own_boundaries = false;
        if (p.whole_word && p.edit_distance == 0) {
            hs_expr_info_t* bare = nullptr;
            hs_compile_error_t* berr = nullptr;
            if (hs_expression_info(p.expression.c_str(), f, &bare, &berr) == HS_SUCCESS) {
                own_boundaries = bare->min_width == bare->max_width && bare->min_width > 0 &&
                                 bare->max_width != UINT_MAX && !bare->matches_at_eod &&
                                 !bare->matches_only_at_eod && !bare->unordered_matches;
                std::free(bare);
            } else {
                hs_free_compile_error(berr);
            }
            if (own_boundaries) e = p.expression;
        }
        hs_expr_info_t* info = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_expression_ext_info(e.c_str(), f, ext, &info, &err) != HS_SUCCESS) {
            std::string msg = p.source + ": pattern '" + p.expression + "': " + err->message;
            if (p.edit_distance > 0 && msg.find("Zero-width") != std::string::npos)
                msg += " (whole word is checked by moscan without \\b; {partial} turns it off)";
            hs_free_compile_error(err);
            throw ConfigError(msg);
        }
        const bool fixed = info->min_width == info->max_width && info->max_width != UINT_MAX &&
                           info->max_width > 0;
        const unsigned min_width = info->min_width;
        std::free(info);
        if (min_width == 0)
            throw ConfigError(p.source + ": pattern '" + p.expression + "' can match empty text");
        Info in;
        const bool boundary = p.boundary_check() || own_boundaries;
        if (boundary) in.flags |= kBoundary;
        const bool single = single_match_ && !p.exclude && !boundary &&
                            (p.term || !platform_has_exclude[p.platform]) && !needs_ranges(p);
        if (single) {
            f |= HS_FLAG_SINGLEMATCH;
            in.flags |= kSingle;
            in.width = min_width; // exact when fixed; a lower bound otherwise
        } else if (fixed) {
            in.width = min_width;
        } else {
            f |= HS_FLAG_SOM_LEFTMOST;
        }
        in.pattern = static_cast<std::uint32_t>(i);
        if ((f & HS_FLAG_SOM_LEFTMOST) && ext == nullptr) {
            // A variable-width pattern whose language is a few thousand strings at most
            // ("(?:apps?|group ?chats?|...)"): one list of literals per width, each with an
            // exact start (end - width) and its boundaries checked on the hit. Hyperscan
            // compiles and scans literal lists far faster than start-of-match tracking.
            if (auto strings = finite_language(p.expression, kSplitLimit);
                strings && !strings->empty() && !strings->front().empty()) {
                // [0]: ASCII strings, [1]: strings with a byte >= 0x80 (the non-ASCII
                // stage's, when there is one: not in single-match mode, which scans one
                // text per call and reports a pattern once per call).
                std::map<std::size_t, std::string> by_width[2];
                for (const std::string& str : *strings) {
                    const bool high = !single_match_ && has_high_byte(str);
                    std::string& alt = by_width[high][str.size()];
                    alt += (alt.empty() ? "" : "|") + literal_expression(str);
                    for (std::size_t a = 0; high && a < str.size();) {
                        if (static_cast<unsigned char>(str[a]) < 0x80) {
                            ++a;
                            continue;
                        }
                        std::size_t b = a;
                        while (b < str.size() && static_cast<unsigned char>(str[b]) >= 0x80) ++b;
                        anchors.insert(str.substr(a, b - a));
                        a = b;
                    }
                }
                for (std::uint32_t db = 0; db < 2; ++db)
                    for (auto& [width, alt] : by_width[db]) {
                        Info part;
                        part.pattern = in.pattern;
                        part.width = static_cast<std::uint32_t>(width);
                        part.flags = kSplit | (p.whole_word ? kBoundary : 0);
                        part.db = db;
                        info_.push_back(part);
                        exprs.push_back("(?:" + alt + ")");
                        flags.push_back(f & ~HS_FLAG_SOM_LEFTMOST);
                        ids.push_back(static_cast<unsigned>(ids.size()));
                        ext_ptrs.push_back(nullptr);
                    }
                continue;
            }
        }
        info_.push_back(in);
        exprs.push_back(std::move(e));
        flags.push_back(f);
        ids.push_back(static_cast<unsigned>(ids.size()));
        ext_ptrs.push_back(ext);
    }
    // The anchors: one literal list in the main database (bytes >= 0x80 have no case).
    if (!anchors.empty()) {
        std::string alt;
        for (const std::string& a : anchors) alt += (alt.empty() ? "" : "|") + literal_expression(a);
        Info anchor;
        anchor.flags = kAnchor;
        info_.push_back(anchor);
        exprs.push_back("(?:" + alt + ")");
        flags.push_back(0);
        ids.push_back(static_cast<unsigned>(ids.size()));
        ext_ptrs.push_back(nullptr);
    }
    // The main database, then the stage's; expression ids index info_ in both.
    auto build = [&](std::uint32_t which) {
        std::vector<const char*> cexprs;
        std::vector<unsigned> f, id;
        std::vector<const hs_expr_ext_t*> x;
        for (std::size_t i = 0; i < exprs.size(); ++i) {
            if (info_[i].db != which) continue;
            cexprs.push_back(exprs[i].c_str());
            f.push_back(flags[i]);
            id.push_back(ids[i]);
            x.push_back(ext_ptrs[i]);
        }
        hs_database_t* db = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_compile_ext_multi(cexprs.data(), f.data(), id.data(), x.data(),
                                 static_cast<unsigned>(cexprs.size()), HS_MODE_BLOCK, nullptr,
                                 &db, &err) != HS_SUCCESS) {
            std::string msg;
            const auto at = static_cast<size_t>(err->expression);
            if (err->expression >= 0 && at < id.size() && !(info_[id[at]].flags & kAnchor)) {
                const Pattern& p = set.patterns[info_[id[at]].pattern];
                msg = p.source + ": pattern '" + p.expression + "': " + err->message;
            } else {
                msg = (set.path.empty() ? set.name : set.path) +
                      ": pattern set does not compile: " + err->message;
            }
            hs_free_compile_error(err);
            throw ConfigError(msg);
        }
        return std::unique_ptr<hs_database, DbDeleter>(db);
    };
    db_ = build(0);
    if (!anchors.empty()) stage_ = build(1);
}

HyperscanMatcher::~HyperscanMatcher() = default;

std::size_t HyperscanMatcher::single_match_patterns() const {
    std::size_t n = 0;
    for (const Info& i : info_) n += (i.flags & kSingle) != 0;
    return n;
}

std::unique_ptr<Scratch> HyperscanMatcher::make_scratch() const {
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(prototype_.get(), &s) != HS_SUCCESS)
        throw Error(ExitCode::software, "hyperscan: cannot clone scratch space");
    return std::make_unique<HsScratch>(s);
}

void HyperscanMatcher::scan(std::string_view text, Scratch& scratch,
                            std::vector<Hit>& hits) const {
    auto& sc = static_cast<HsScratch&>(scratch);
    const std::size_t first = hits.size();
    sc.anchors.clear();
    ScanContext ctx{&hits, info_.data(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), &sc.anchors};
    hs_error_t rc = hs_scan(db_.get(), text.data(), static_cast<unsigned>(text.size()), 0,
                            sc.scratch, on_match, &ctx);
    if (rc != HS_SUCCESS)
        throw Error(ExitCode::software, "hyperscan: scan failed with code " + std::to_string(rc));
    if (sc.anchors.empty()) return;
    // The texts holding an anchor, NUL-joined into one call (the whole call's bytes when
    // the set is not batch-exact); their hits are each text's own (batch_proof.hpp), mapped
    // back to the scanned bytes text by text.
    std::string_view what = text;
    if (batch_exact_) {
        sc.gather.clear();
        sc.pieces.clear();
        std::size_t last_end = 0;
        for (std::uint32_t end : sc.anchors) {
            if (!sc.pieces.empty() && end <= last_end) continue; // the same text
            const std::size_t nul_before = text.rfind('\0', end - 1);
            const std::size_t b = nul_before == std::string_view::npos ? 0 : nul_before + 1;
            const std::size_t nul_after = text.find('\0', end);
            const std::size_t e = nul_after == std::string_view::npos ? text.size() : nul_after;
            last_end = e;
            const std::size_t at = sc.gather.size();
            sc.gather.append(text.data() + b, e - b);
            sc.pieces.push_back({sc.gather.size(), static_cast<std::ptrdiff_t>(b) -
                                                       static_cast<std::ptrdiff_t>(at)});
            sc.gather.push_back('\0');
        }
        what = sc.gather;
    }
    sc.staged.clear();
    ScanContext sctx{&sc.staged, info_.data(), reinterpret_cast<const unsigned char*>(what.data()),
                     what.size(), nullptr};
    rc = hs_scan(stage_.get(), what.data(), static_cast<unsigned>(what.size()), 0, sc.scratch,
                 on_match, &sctx);
    if (rc != HS_SUCCESS)
        throw Error(ExitCode::software, "hyperscan: scan failed with code " + std::to_string(rc));
    if (sc.staged.empty()) return;
    if (batch_exact_) {
        std::size_t j = 0;
        for (Hit& h : sc.staged) {
            while (h.end > sc.pieces[j].copy_end) ++j;
            h.start = static_cast<std::uint32_t>(h.start + sc.pieces[j].shift);
            h.end = static_cast<std::uint32_t>(h.end + sc.pieces[j].shift);
        }
    }
    // In end order with the main hits; a pattern split across both databases may have a hit
    // at the same end in each (an ASCII string and a longer one with a no-break space): one
    // hit per pattern and end, with the leftmost start, as HS_FLAG_SOM_LEFTMOST would give.
    const std::size_t mid = hits.size();
    hits.insert(hits.end(), sc.staged.begin(), sc.staged.end());
    const auto begin = hits.begin() + static_cast<std::ptrdiff_t>(first); // after the insert
    std::inplace_merge(begin, hits.begin() + static_cast<std::ptrdiff_t>(mid), hits.end(),
                       [](const Hit& x, const Hit& y) { return x.end < y.end; });
    auto out = begin;
    for (auto it = begin; it != hits.end(); ++it) {
        bool merged = false;
        for (auto prev = out; prev != begin && (prev - 1)->end == it->end; --prev)
            if ((prev - 1)->pattern == it->pattern) {
                (prev - 1)->start = std::min((prev - 1)->start, it->start);
                merged = true;
                break;
            }
        if (!merged) *out++ = *it;
    }
    hits.erase(out, hits.end());
}

std::size_t HyperscanMatcher::staged_expressions() const {
    std::size_t n = 0;
    for (const Info& i : info_) n += i.db != 0;
    return n;
}

std::size_t HyperscanMatcher::database_bytes() const {
    size_t n = 0;
    hs_database_size(db_.get(), &n);
    if (stage_) {
        size_t m = 0;
        hs_database_size(stage_.get(), &m);
        n += m;
    }
    return n;
}

} // namespace moscan
