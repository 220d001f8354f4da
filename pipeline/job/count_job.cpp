#include "pipeline/job/count_job.hpp"
#include "pipeline/base/strings.hpp"

#include "matchers/batch_proof.hpp"
#include "matchers/hyperscan_matcher.hpp"
#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "pipeline/base/bundled.hpp"
#include "pipeline/fold/crime_fold.hpp"
#include "pipeline/scan/text_batch.hpp"
#include "pipeline/input/record_parser.hpp"
#include "pipeline/scope/row_filter.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/output_file.hpp"
#include "pipeline/job/hits.hpp"
#include "pipeline/job/stage_clock.hpp"
#include "pipeline/base/json_text.hpp"
#include "pipeline/input/reader.hpp"
#include "pipeline/base/text_hash.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <unordered_map>
#include <mutex>
#include <optional>
#include <span>

namespace moscan {

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// One record's fields as views: into the chunk, into a thread buffer (CSV fields that needed
// unquoting) or into the JSON parser's string buffer. Valid until the next record.
// A rejected row for --rejects (its file is the chunk's).
struct RejectedRow {
    std::uint64_t line;
    Reject reason;
    std::string detail, record;
};

struct ChunkOutcome {
    RowCounts rows;
    std::vector<Issue> issues; // first few, in order
    std::optional<Issue> fatal;
    // The chunk's first rejected row of each reason not already known from earlier chunks.
    std::array<std::optional<Issue>, kRejectKinds> first_rejected;
    std::vector<RejectedRow> rejected_rows; // --rejects: all of them
};



// Everything shared and read-only during a run.
struct Shared {
    const CountOptions& options;
    const CodeList& codes;
    const CodeOrder& order;
    ExtraCodes* extras; // non-null with --all-codes
    const std::vector<bool>& group_selected;
    const Matcher& matcher;
    const MentionCounter& counter;
    bool batch_scan; // scan a chunk's texts in one call, NUL-separated
    const std::atomic<bool>* issues_full; // the summary has all the issues it shows
    const PatternSet& patterns;
    bool hits; // keep every mention for the audit trail (--hits)
    std::size_t crime_memory; // this thread's share of CountOptions::crime_memory; 0: no limit
    std::string temp_dir; // empty: $TMPDIR, else /tmp (SpillFile)
    // Defer the texts of rows that cannot bring their crime into scope (DeferredRows): only
    // with an age limit, and not when crimes are looked up by id at the end (--hits, eval).
    bool defer;
    CrimeScope scope; // which crimes are in scope (their rows' victim ages)
    // A row's victim age (beyond the age filter) and gender are read: the breakdown needs them
    // (age band, gender), or every crime's state is kept.
    bool victim_facts;
    // Bit r: the summary has its first rejected row for reason r (no later chunk's is needed).
    const std::atomic<std::uint32_t>* reasons_known = nullptr;
    bool keep_rejects = false; // --rejects: every rejected row is kept, with its line
};

// Per-thread state: scratch, reusable buffers, and this thread's share of the fold.
class Worker {
public:
    // `resolving`: the worker of DeferredRows, which scans rows read back at the end and adds
    // their texts to the crimes already in `crimes` (their facts are there already).
    explicit Worker(const Shared& s, bool resolving = false)
        : s_(s), scratch_(s.matcher.make_scratch()), timed_(s.options.stage_times),
          parser_(s.options.max_record_bytes),
          filter_(RowFilterConfig{s.codes, s.order, s.extras, s.group_selected, s.options.periods,
                                  s.options.max_age, s.victim_facts}),
          resolving_(resolving), staging_(s.crime_memory && !resolving) {
        // Staged records are written out at half the share: room for all of it, so that no
        // partition's buffer ever grows (crime_fold.hpp, reserve_staged).
        if (staging_) crimes.reserve_staged(s.crime_memory);
    }

    // One chunk through the stages, in data-flow order; each lap of the clock is one row of
    // --stage-times.
    void process(const Chunk& chunk, ChunkOutcome& out) {
        StageClock clock(timed_);
        begin_chunk(chunk);
        parse_and_filter(chunk, out); // parse, row filters, queue (handle)
        if (out.fatal) {
            end_chunk_discarded(); // the run stops: nothing more is folded
            return;
        }
        clock.lap(times.parse);
        fold_facts();     // each row's facts into its crime's state
        choose_scanned(); // which rows' texts are scanned now, which deferred
        clock.lap(times.fold);
        fill_batch();     // the texts scanned now, NUL-joined
        scan();           // one matcher call (or one per text)
        clock.lap(times.scan);
        count_texts();    // each text's hits to mentions, added to its crime
        defer_rest();     // the rows not scanned now: their place in the file
        end_chunk();      // stage (and perhaps spill) this chunk's crimes
        clock.lap(times.fold);
    }

    StageTimes times; // this thread's share (parse, scan, fold)
    // Set: process() only collects the first non-empty values of the date column (up to
    // kDateSample) into it, for detect_date_format; nothing is counted or folded.
    std::vector<DateSampleValue>* sample_ = nullptr;
    std::uint64_t deferred_rows = 0; // rows whose texts were deferred (DeferredRows)
    std::uint64_t missing_crimes = 0; // resolving: rows whose crime is not held (input changed)
    std::vector<HitCandidate> hit_candidates; // --hits: every mention of every scanned text

    CrimeMap crimes;
    std::unique_ptr<SpillFile> spill; // crime state spilled when over this thread's share

private:
    // Records of the current chunk that passed the row filters, waiting for the scan.
    struct Pending {
        std::uint32_t id_offset = 0, id_length = 0; // in ids_
        Day day = 0;
        std::uint32_t code = 0;
        bool child = false, unknown_age = false, flag = false;
        std::uint8_t age = kNoAge, genders = 0; // the victim's age and gender (bits)
        std::uint64_t line = 0;                 // --hits only
        std::uint64_t offset = 0;               // the row's byte offset in its file
        std::int32_t same_as = -1; // earlier record with the same id and texts: reuse its scan
        bool same_crime = false;   // the previous record has the same id: share its state
        std::uint32_t first_field = 0, fields = 0; // in fields_out_; one per text column
    };

    // Records a rejected row; returns false when the run must stop.
    // The line is worked out only for an issue that is kept (the first few) or fatal.
    bool reject(const Chunk& chunk, RecordView& r, Reject why, std::string detail,
                ChunkOutcome& out) {
        // A JSON Lines row rejected for its values (a missing key, a bad date or code) may be
        // one that On Demand read only partly ('"k":"v":[...]' ends its walk early): such a
        // row is invalid JSON, and is reported as that. Rejections are rare, so the whole
        // line is checked here rather than on every row.
        if (chunk.schema->format == InputFormat::jsonl && why != Reject::invalid_json &&
            why != Reject::record_too_long && r.start && r.end > r.start &&
            !parser_.jsonl_object_valid(std::string_view(r.start, static_cast<size_t>(r.end - r.start)))) {
            why = Reject::invalid_json;
            detail = "malformed object";
        }
        ++out.rows.rejected[static_cast<size_t>(why)];
        if (sample_) return true; // detecting the date format: the real pass counts it
        // The first of each reason (for --max-rejected's message), unless an earlier chunk's
        // is known; and with --rejects every row, with its raw bytes.
        const std::size_t k = static_cast<std::size_t>(why);
        if (!out.first_rejected[k] && !((s_.reasons_known->load(std::memory_order_relaxed) >> k) & 1u))
            out.first_rejected[k] = Issue{chunk.schema->name, parser_.line_of(r), why, detail};
        if (s_.keep_rejects && !resolving_)
            out.rejected_rows.push_back(RejectedRow{
                parser_.line_of(r), why, detail,
                std::string(r.start, r.end && r.end > r.start ? static_cast<std::size_t>(r.end - r.start) : 0)});
        OnError mode = s_.options.on_error;
        bool fatal = mode == OnError::fail || (mode == OnError::standard && is_structural(why));
        if (fatal) {
            out.fatal = Issue{chunk.schema->name, parser_.line_of(r), why, std::move(detail)};
            return false;
        }
        // Once the run summary holds its first issues (in file order), later rows' issues
        // would not be shown: their lines are not worked out.
        if (out.issues.size() < Summary::kMaxIssues &&
            !s_.issues_full->load(std::memory_order_relaxed))
            out.issues.push_back(Issue{chunk.schema->name, parser_.line_of(r), why, std::move(detail)});
        return true;
    }

    // Scope, scan and fold one record. Returns false when the run must stop.
    bool handle(const Chunk& chunk, RecordView& r, ChunkOutcome& out) {
        if (sample_) [[unlikely]] { // detecting the date format: only the dates are wanted
            const std::string_view v = trim(r.date);
            if (!v.empty()) sample_->push_back(DateSampleValue{std::string(v), parser_.line_of(r)});
            return sample_->size() < kDateSample; // false: enough, stop reading the chunk
        }
        // The row filters: code, date, age (scope/row_filter.hpp).
        RowFacts facts;
        Reject why{};
        std::string detail;
        switch (filter_.apply(r, chunk.schema->date_format, chunk_base_, chunk_readable_end_, facts,
                              why, detail)) {
        case RowVerdict::keep: break;
        case RowVerdict::out_of_code: ++out.rows.out_code; return true;
        case RowVerdict::out_of_date: ++out.rows.out_date; return true;
        case RowVerdict::reject: return reject(chunk, r, why, std::move(detail), out);
        }
        const std::string_view id = facts.id;
        if (!parser_.decode_texts(r, *chunk.schema, s_.victim_facts))
            return reject(chunk, r, Reject::invalid_json, "invalid escape in a string", out);

        // Queue the record; its texts are scanned with the rest of the chunk (process()).
        // Each text column's value is a text of the crime, keyed by (column, hash): exports
        // repeat the MO on every victim row, and such a repeat counts once. A row whose id,
        // date and texts all equal the previous row's reuses its scan.
        // Built in place: a Pending assembled on the stack and copied in stalls on the copy
        // (its small stores cannot be forwarded to the wide loads of the copy).
        const bool has_prev = !pending_.empty();
        Pending& p = pending_.emplace_back();
        const Pending* prev = has_prev ? &pending_[pending_.size() - 2] : nullptr;
        p.id_offset = static_cast<std::uint32_t>(ids_.size());
        p.id_length = static_cast<std::uint32_t>(id.size());
        p.same_crime = prev && pending_id(*prev) == id;
        ids_.append(id);
        p.day = facts.day;
        p.code = facts.code;
        p.child = facts.child;
        p.unknown_age = facts.unknown_age;
        p.flag = facts.flag;
        p.age = facts.age;
        p.genders = s_.victim_facts ? gender_bits(r.gender) : 0;
        if (s_.hits) p.line = parser_.line_of(r);
        p.offset = chunk_offset_ + static_cast<std::uint64_t>(r.start - chunk_base_);
        p.first_field = static_cast<std::uint32_t>(fields_out_.size());
        p.fields = static_cast<std::uint32_t>(r.texts.size());
        // Texts are hashed (their key) only once they have mentions (count_texts()).
        if (p.same_crime && same_texts(*prev, facts.day, r.texts)) {
            p.same_as = prev->same_as >= 0 ? prev->same_as
                                           : static_cast<std::int32_t>(pending_.size() - 2);
            fields_out_.resize(fields_out_.size() + r.texts.size());
        } else {
            // When every record is scanned now, its texts go into the batch at once (while
            // their bytes are in the cache). Otherwise they stay where they are until fill_batch()
            // knows which are scanned now (a deferred row's are never copied); a value
            // unquoted or decoded into a row buffer is kept.
            for (size_t f = 0; f < r.texts.size(); ++f) {
                const std::string_view t = r.texts[f];
                TextField& fo = fields_out_.emplace_back();
                fo.size = static_cast<std::uint32_t>(t.size());
                if (!defer_chunk_) batch_.add(fo, t);
                else batch_.hold(fo, t, chunk_base_, chunk_readable_end_);
            }
        }
        ++out.rows.kept;
        return true;
    }

    std::string_view pending_id(const Pending& p) const {
        return std::string_view(ids_).substr(p.id_offset, p.id_length);
    }
    // A pending record's text `f` (of the record whose scan it uses).
    std::string_view pending_text(const Pending& p, std::uint32_t f) const {
        const Pending& s = p.same_as >= 0 ? pending_[static_cast<size_t>(p.same_as)] : p;
        return batch_.text_of(fields_out_[s.first_field + f]);
    }
    // Whether a record of the crime of pending record `p` has its date and texts: then it
    // reuses p's scan and counts (counts depend on the date only through patterns valid from
    // or until a date, but are the same for the same date).
    bool same_texts(const Pending& p, Day day, const std::vector<std::string_view>& texts) const {
        if (p.day != day) return false;
        for (std::uint32_t f = 0; f < p.fields; ++f)
            if (pending_text(p, f) != texts[f]) return false;
        return true;
    }

    // Folds the records of a chunk: their facts first, then (only for records whose crime is
    // in scope so far, when texts may be deferred) scans their texts, counts mentions per
    // text and adds the texts; the other records' texts are deferred (DeferredRows).
    void begin_chunk(const Chunk& chunk) {
        schema_ = chunk.schema;
        // Rows of a regular file can be read again: their texts may be deferred (not those of a
        // decompressed or transcoded stream, nor of a chunk whose invalid UTF-8 was replaced).
        defer_chunk_ = s_.defer && !resolving_ && chunk.rereadable;
        chunk_base_ = chunk.bytes;
        chunk_readable_end_ = chunk.bytes + chunk.readable;
        chunk_offset_ = chunk.offset;
    }

    // Parse: each record to handle() (row filters, then queued for the scan), each broken one
    // to reject().
    void parse_and_filter(const Chunk& chunk, ChunkOutcome& out) {
        struct Sink {
            Worker& w;
            const Chunk& chunk;
            ChunkOutcome& out;
            bool record(RecordView& r) { return w.handle(chunk, r, out); }
            bool broken(RecordView& r, Reject why, std::string detail) {
                return w.reject(chunk, r, why, std::move(detail), out);
            }
        } sink{*this, chunk, out};
        parser_.parse(chunk, out.rows, sink);
    }

    // Facts, prefetching the crime table a few records ahead.
    void fold_facts() {
        const size_t n = pending_.size();
        constexpr size_t kAhead = 8;
        id_hashes_.resize(n);
        states_.resize(n);
        // Rows of one crime usually come together: a row with the previous row's id shares
        // its hash and state (the crime is looked up once).
        ids_.append(16, '\0'); // hash_padded reads 16 bytes from an id
        auto hash_of = [&](size_t i) {
            const Pending& p = pending_[i];
            id_hashes_[i] = p.same_crime ? id_hashes_[i - 1]
                                         : CrimeMap::hash_padded(ids_.data() + p.id_offset, p.id_length);
        };
        // A map that holds one chunk's crimes (staged after each chunk) is in the cache: its
        // lookups need no prefetch, nor the hashes worked out ahead.
        if (!staging_)
            for (size_t i = 0; i < std::min(n, kAhead); ++i) {
                hash_of(i);
                crimes.prefetch(id_hashes_[i]);
            }
        for (size_t i = 0; i < n; ++i) {
            if (staging_) {
                hash_of(i);
            } else if (i + kAhead < n) {
                hash_of(i + kAhead);
                crimes.prefetch(id_hashes_[i + kAhead]);
            }
            const Pending& p = pending_[i];
            if (resolving_) { // the crime's facts are held already: only its texts are added
                states_[i] = p.same_crime ? states_[i - 1] : crimes.find(pending_id(p));
                if (!states_[i]) ++missing_crimes;
                continue;
            }
            CrimeState& st = p.same_crime ? *states_[i - 1] : crimes.upsert_padded(pending_id(p), id_hashes_[i]);
            st.add_row(p.day, p.code, p.child, p.unknown_age, p.flag, s_.order);
            st.add_victim(p.age, p.child, p.unknown_age, p.genders);
            states_[i] = &st;
        }
    }

    // Which records are scanned now: all, unless texts may be deferred; then those whose
    // crime is in scope so far (rows of the same crime share its state).
    void choose_scanned() {
        const size_t n = pending_.size();
        scan_now_.assign(n, 1);
        if (defer_chunk_)
            for (size_t i = 0; i < n; ++i) {
                const CrimeState& st = *states_[i];
                scan_now_[i] = s_.scope.admits(st.child, st.unknown_age);
            }
    }

    // The texts scanned now, each followed by a NUL, in one batch (already there when every
    // record is scanned now: handle() put them there while their bytes were in the cache).
    void fill_batch() {
        if (!defer_chunk_) return;
        for (size_t i = 0; i < pending_.size(); ++i) {
            if (!scanned(i)) continue;
            const Pending& p = pending_[i];
            for (std::uint32_t k = 0; k < p.fields; ++k) {
                TextField& f = fields_out_[p.first_field + k];
                batch_.add(f, batch_.text_of(f));
            }
        }
    }

    void scan() {
        hits_.clear();
        if (s_.batch_scan) {
            batch_.scan_all(s_.matcher, *scratch_, hits_);
        } else {
            // Some pattern could match a NUL: scan each field on its own.
            for (size_t i = 0; i < pending_.size(); ++i) {
                if (!scanned(i)) continue;
                const Pending& p = pending_[i];
                for (std::uint32_t k = 0; k < p.fields; ++k)
                    batch_.scan_one(s_.matcher, *scratch_, fields_out_[p.first_field + k], hits_);
            }
        }
        TextBatch::order(hits_); // each field's hits together
    }

    // Per field, in batch order: the counts of its own hits (at the record's date, for
    // patterns valid only from or until a date), added to its crime at once. A record with
    // the texts of an earlier one of its crime, on the same date, is not scanned: its counts
    // are in the crime already.
    void count_texts() {
        size_t h = 0;
        batch_.pad(); // text_hash_padded reads 32 bytes past a text
        for (size_t r = 0; r < pending_.size(); ++r) {
            if (!scanned(r)) continue;
            const Pending& p = pending_[r];
            CrimeState* const st = states_[r]; // null: resolving, counted in missing_crimes
            for (std::uint32_t i = 0; i < p.fields; ++i) {
                TextField& f = fields_out_[p.first_field + i];
                if (f.end <= f.begin) continue; // empty text: nothing to count
                const size_t first_hit = h;
                while (h < hits_.size() && hits_[h].start < f.end) ++h;
                if (h == first_hit) continue; // no mentions: no key needed, nothing to add
                const std::span<Hit> text_hits(hits_.data() + first_hit, h - first_hit);
                f.hash = text_hash_padded(batch_.batched_text(f), 0x9E3779B97F4A7C15ull + i);
                if (s_.hits) keep_hits(p, i, f, text_hits);
                s_.counter.count(text_hits, counts_, p.day); // reorders them in place
                if (st) crimes.add_text(*st, id_hashes_[r], f.hash, counts_.data(), counts_.size());
            }
        }
    }

    // Deferred records (texts not scanned now), each once: a record that repeats one has the
    // same texts on the same date.
    void defer_rest() {
        if (!defer_chunk_) return;
        for (size_t i = 0; i < pending_.size(); ++i) {
            const Pending& p = pending_[i];
            if (scan_now_[i] || !states_[i] || p.same_as >= 0 || !has_text(p)) continue;
            crimes.add_deferred(*states_[i], id_hashes_[i], schema_->index, p.offset);
            ++deferred_rows;
        }
    }

    // With a memory budget, the chunk's crimes are staged (crime_fold.hpp: the map only ever
    // holds one chunk's crimes) and written to disk once over half this thread's share (the
    // buffers reserved for them hold the whole share).
    void end_chunk() {
        end_chunk_discarded();
        if (staging_) {
            crimes.stage();
            if (crimes.staged_bytes() > s_.crime_memory / 2) {
                if (!spill) spill = std::make_unique<SpillFile>(s_.temp_dir);
                crimes.write_staged(*spill);
            }
        }
    }

    // The chunk's queue and batch emptied (its rows are folded, or the run stops).
    void end_chunk_discarded() {
        pending_.clear();
        batch_.clear();
        ids_.clear();
        fields_out_.clear();
    }

    // Whether pending record i's texts are scanned in this chunk: its crime is in scope so far
    // (or texts are not deferred) and it does not reuse an earlier record's scan.
    bool scanned(size_t i) const { return scan_now_[i] && pending_[i].same_as < 0; }

    bool has_text(const Pending& p) const {
        for (std::uint32_t f = 0; f < p.fields; ++f) {
            if (fields_out_[p.first_field + f].size > 0) return true;
        }
        return false;
    }

    // --hits: the mentions of text `i` of record `p` as spans (before count() reorders the
    // hits), kept with their context.
    void keep_hits(const Pending& p, std::uint32_t i, const TextField& f, std::span<const Hit> hits) {
        span_hits_.assign(hits.begin(), hits.end());
        s_.counter.spans(span_hits_, spans_, p.day);
        const std::string_view text = batch_.batched_text(f);
        const std::size_t ctx = s_.options.hits_context;
        for (const MentionSpan& m : spans_) {
            const std::uint32_t a = m.start - f.begin, b = m.end - f.begin;
            hit_candidates.push_back(HitCandidate{
                std::string(pending_id(p)), f.hash, schema_, p.line, i,
                m.platform, m.pattern, a, b, std::string(text.substr(a, b - a)),
                std::string(context_before(text, a, ctx)), std::string(context_after(text, b, ctx))});
        }
    }
    const Shared& s_;
    const FileSchema* schema_ = nullptr;
    std::vector<Hit> span_hits_;
    std::vector<MentionSpan> spans_;
    std::unique_ptr<Scratch> scratch_;
    bool timed_;
    std::vector<Hit> hits_;
    std::vector<PlatformCount> counts_;
    RecordParser parser_; // the parse stage: CSV or JSON Lines records of a chunk
    RowFilter filter_;    // the scope stage's row filters
    std::vector<Pending> pending_;
    TextBatch batch_; // the scan stage: texts scanned now, and texts held until fill_batch()
    std::string ids_;
    std::vector<TextField> fields_out_;
    std::vector<std::uint64_t> id_hashes_;
    std::vector<CrimeState*> states_;    // the crime of each pending record
    std::vector<char> scan_now_;         // whether each pending record is scanned now
    const bool resolving_;
    const bool staging_; // with a memory budget, the chunk's crimes are staged after each chunk
    bool defer_chunk_ = false;           // this chunk's texts may be deferred
    const char* chunk_readable_end_ = nullptr; // end of what may be read of this chunk
    const char* chunk_base_ = nullptr;   // this chunk's bytes ...
    std::uint64_t chunk_offset_ = 0;     // ... start at this offset in its file
};


// Deferred rows. While the input is read, the texts of a row that cannot bring its crime into
// scope (an adult victim's) are scanned only if the crime is in scope already in that thread;
// otherwise the row is deferred: only its place in its file is kept (crime_fold.hpp). Most
// such crimes never come into scope and their texts are never scanned. A crime that does
// (a child victim's row came later, or in another thread's chunk) is held here when the
// reducer's source reaches it; its deferred rows are read back from their files, scanned and
// counted exactly as on the first pass, and the crime is then visited. Exports keep a crime's
// rows together, so few rows are read back; held crimes are resolved whenever they reach the
// memory budget, so memory stays bounded however many there are.
class DeferredRows {
public:
    DeferredRows(const Shared& s, const ChunkReader& reader, std::size_t budget)
        : s_(s), reader_(reader), budget_(budget), worker_(s, true) {}
    ~DeferredRows() {
        for (int fd : fds_)
            if (fd >= 0) ::close(fd);
    }

    void visit(std::string_view id, const CrimeState& st, const CrimeVisitor& f) {
        const bool in_scope = s_.scope.admits(st.child, st.unknown_age);
        if (!in_scope || !st.has_deferred()) {
            f(id, st); // deferred rows of a crime out of scope count nothing
            return;
        }
        CrimeMap& held = worker_.crimes;
        const std::uint64_t h = CrimeMap::hash(id);
        CrimeState& c = held.upsert(id, h);
        c.merge_facts(st, s_.order);
        for (const TextNode* t = st.texts; t; t = t->next) held.add_node(c, h, *t);
        if (budget_ && held.used_bytes() > budget_) resolve(f);
    }
    // Resolves and visits the crimes still held.
    void finish(const CrimeVisitor& f) { resolve(f); }

    std::uint64_t rows_read_back = 0;
    double seconds = 0;

private:
    void resolve(const CrimeVisitor& f) {
        CrimeMap& held = worker_.crimes;
        if (held.empty()) return;
        const auto t0 = Clock::now();
        std::vector<std::pair<std::uint32_t, std::uint64_t>> rows; // (file, offset)
        held.for_each([&](std::string_view, const CrimeState& st) {
            for (const TextNode* t = st.texts; t; t = t->next)
                if (t->deferred()) rows.emplace_back(t->deferred_file(), t->deferred_offset());
        });
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        // Rows of one file are read back into one buffer, a record after another, and
        // processed as a chunk of their own (a few MiB at most).
        constexpr std::size_t kBatch = 4u << 20;
        for (std::size_t i = 0; i < rows.size();) {
            const std::uint32_t file = rows[i].first;
            buf_.clear();
            std::size_t records = 0;
            for (; i < rows.size() && rows[i].first == file && buf_.size() < kBatch; ++i) {
                append_record(file, rows[i].second);
                ++records;
            }
            process(file, records);
        }
        rows_read_back += rows.size();
        held.for_each(f);
        held = CrimeMap();
        seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }

    const FileSchema& schema(std::uint32_t file) const { return *reader_.schemas().at(file); }

    int fd(std::uint32_t file) {
        if (fds_.size() <= file) fds_.resize(file + 1, -1);
        if (fds_[file] < 0) {
            fds_[file] = ::open(schema(file).name.c_str(), O_RDONLY);
            if (fds_[file] < 0)
                throw IoError("cannot open " + schema(file).name + " again: " + std::strerror(errno));
        }
        return fds_[file];
    }

    // offset UINT64_MAX: somewhere in the rows read back.
    [[noreturn]] void changed(std::uint32_t file, std::uint64_t offset) const {
        throw DataError(schema(file).name + ": the file changed while it was read (" +
                        (offset == UINT64_MAX ? std::string("rows read again at the end differ")
                                              : "the row at byte " + std::to_string(offset) + " is gone") +
                        "); run again on a copy that does not change");
    }

    // Appends the record at `offset` of `file` to buf_, ending with a newline.
    void append_record(std::uint32_t file, std::uint64_t offset) {
        const bool csv = schema(file).format != InputFormat::jsonl;
        std::size_t want = 64u << 10;
        while (true) {
            window_.resize(want + simdjson::SIMDJSON_PADDING);
            std::size_t got = 0;
            while (got < want) {
                ssize_t r = ::pread(fd(file), window_.data() + got, want - got,
                                    static_cast<off_t>(offset + got));
                if (r < 0 && errno == EINTR) continue;
                if (r < 0)
                    throw IoError(schema(file).name + ": read failed: " + std::strerror(errno));
                if (r == 0) break;
                got += static_cast<std::size_t>(r);
            }
            const bool eof = got < want;
            if (got == 0) changed(file, offset);
            std::memset(window_.data() + got, 0, simdjson::SIMDJSON_PADDING);
            const char* p = window_.data();
            std::size_t len = 0;
            bool complete = false;
            if (csv) {
                csv::RecordParse rp =
                    csv::parse_record_fast(p, p + got, fields_, schema(file).delimiter);
                len = static_cast<std::size_t>(rp.next - p);
                complete = rp.status == csv::ParseStatus::ok &&
                           (len < got || (len > 0 && p[len - 1] == '\n') || eof);
            } else {
                const void* nl = std::memchr(p, '\n', got);
                len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - p) + 1 : got;
                complete = nl != nullptr || eof;
            }
            if (complete) {
                buf_.append(p, len);
                if (buf_.empty() || buf_.back() != '\n') buf_.push_back('\n');
                return;
            }
            if (want >= s_.options.max_record_bytes + (64u << 10)) changed(file, offset);
            want *= 2;
        }
    }

    // Scans the records in buf_ (`records` of them, read back from `file`) and adds their texts
    // to the held crimes.
    void process(std::uint32_t file, std::size_t records) {
        const std::size_t size = buf_.size();
        buf_.append(simdjson::SIMDJSON_PADDING, '\0');
        Chunk c;
        c.bytes = buf_.data();
        c.size = size;
        c.readable = buf_.size();
        c.schema = &schema(file);
        c.final_in_file = true;
        ChunkOutcome out;
        worker_.missing_crimes = 0;
        worker_.process(c, out);
        buf_.resize(size);
        // Each row was in scope on the first pass; the same bytes must give the same rows.
        if (out.fatal || out.rows.kept != records || worker_.missing_crimes)
            changed(file, UINT64_MAX);
    }

    const Shared& s_;
    const ChunkReader& reader_;
    std::size_t budget_;
    Worker worker_; // resolving; its crimes are the crimes held
    std::vector<int> fds_;
    std::string buf_;
    std::vector<char> window_;
    std::vector<csv::Field> fields_;
};

} // namespace

ReadOptions read_options_of(const CountOptions& options) {
    ReadOptions r = options; // the reading share, as given
    const Breakdown by = Breakdown::parse(options.by);
    r.needs.age = options.max_age >= 0 || by.has(Dim::age_band);
    r.needs.gender = by.has(Dim::gender);
    return r;
}

CountJob::CountJob(CountOptions options, Engine engine) : options_(std::move(options)) {
    codes_ = options_.codes_file.empty()
                 ? CodeList::parse(bundled::home_office_codes, "<bundled home_office_codes.csv>")
                 : CodeList::load(options_.codes_file);
    // With --all-codes, codes outside the list form one more group, "other", always selected.
    group_selected_.assign(codes_.groups().size() + 1, options_.groups.empty());
    group_selected_.back() = options_.all_codes;
    for (const auto& g : options_.groups) {
        int i = codes_.find_group(g);
        if (g == "other" && options_.all_codes) continue;
        if (i < 0) {
            std::string known;
            for (const auto& k : codes_.groups()) known += (known.empty() ? "" : ", ") + k;
            throw UsageError("--groups: no group '" + g + "' in " + codes_.source +
                             " (groups: " + known + ")");
        }
        group_selected_[static_cast<size_t>(i)] = true;
    }
    patterns_ = options_.patterns_file.empty()
                    ? PatternSet::parse(bundled::platforms, "<bundled foi_platforms.pat>")
                    : PatternSet::load(options_.patterns_file);
    if (patterns_.name.empty()) patterns_.name = "foi_platforms";
    if (engine == Engine::naive) matcher_ = std::make_unique<NaiveMatcher>(patterns_);
    else matcher_ = std::make_unique<HyperscanMatcher>(patterns_, options_.matcher);
    // One scan call per chunk instead of one per field (each call costs ~60 ns) is exact when
    // no pattern can match a NUL, the separator, and none is anchored or approximate: proven
    // at start-up by matchers/batch_proof.hpp (for Hyperscan kept with the cached database).
    // Single-match reports a pattern once per scan call, so each call must be one text.
    const auto* hs = dynamic_cast<const HyperscanMatcher*>(matcher_.get());
    batch_scan_ = (hs ? hs->batch_exact() : batch_scan_exact(patterns_)) &&
                  !options_.matcher.single_match;
}

CountJob::~CountJob() = default;

// --hits: the mentions the table counts, each distinct text of a crime in scope once (at its
// first row in input order), in input order.
static void write_hits_file(const CountOptions& o, const PatternSet& patterns, const CodeList& codes,
                     const CodeOrder& order, const ChunkReader& reader, const CrimeMap& crimes,
                     const std::vector<std::vector<HitCandidate>*>& parts) {
    std::unordered_map<const void*, std::uint32_t> file_index;
    for (std::size_t i = 0; i < reader.schemas().size(); ++i)
        file_index[reader.schemas()[i].get()] = static_cast<std::uint32_t>(i);
    std::vector<HitCandidate*> all;
    for (auto* part : parts)
        for (auto& h : *part) all.push_back(&h);
    auto pos = [&](const HitCandidate* h) {
        return std::make_tuple(file_index.at(h->schema), h->line, h->column, h->start, h->end,
                               h->platform);
    };
    // First occurrence of each (crime, text): the smallest position among its candidates.
    std::sort(all.begin(), all.end(), [&](const HitCandidate* a, const HitCandidate* b) {
        if (a->crime_id != b->crime_id) return a->crime_id < b->crime_id;
        if (a->text_key != b->text_key) return a->text_key < b->text_key;
        return pos(a) < pos(b);
    });
    std::vector<HitCandidate*> kept;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        const auto first = std::make_tuple(file_index.at(all[i]->schema), all[i]->line);
        while (j < all.size() && all[j]->crime_id == all[i]->crime_id &&
               all[j]->text_key == all[i]->text_key) {
            if (std::make_tuple(file_index.at(all[j]->schema), all[j]->line) == first)
                kept.push_back(all[j]);
            ++j;
        }
        i = j;
    }
    std::sort(kept.begin(), kept.end(),
              [&](const HitCandidate* a, const HitCandidate* b) { return pos(a) < pos(b); });
    std::vector<HitLine> lines;
    std::vector<int> keys;
    for (HitCandidate* h : kept) {
        const CrimeState* st = crimes.find(h->crime_id);
        if (!st) continue;
        if (!scope_of(o).admits(st->child, st->unknown_age)) continue;
        HitLine l;
        l.hit = h;
        const auto* sc = static_cast<const FileSchema*>(h->schema);
        l.file = sc->name;
        l.column = sc->columns[static_cast<std::size_t>(sc->texts[h->column])];
        keys.clear();
        o.periods.keys(st->date, keys);
        for (int k : keys) l.periods += (l.periods.empty() ? "" : ";") + o.periods.name(k);
        std::uint32_t g = order.group(st->code);
        l.group = g < codes.groups().size() ? codes.groups()[g] : std::string("other");
        l.code = std::string(order.name(st->code));
        lines.push_back(std::move(l));
    }
    OutputFile out(o.hits_file, "--hits");
    const bool jsonl = o.hits_file.ends_with(".jsonl") || o.hits_file.ends_with(".ndjson");
    write_hits(out.stream(), jsonl, patterns, lines, o.hits_bom);
    out.commit();
}

CountResult CountJob::run() {
    auto t0 = std::chrono::steady_clock::now();
    // More threads than the cores available would not run (TBB's arena has a slot per core),
    // so a larger --threads runs on the cores, and the summary reports the threads that ran.
    const auto cores = static_cast<unsigned>(oneapi::tbb::info::default_concurrency());
    unsigned threads = options_.threads ? std::min(options_.threads, cores) : cores;
    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                      threads);
    MentionCounter counter(patterns_);
    std::unique_ptr<ExtraCodes> extras;
    if (options_.all_codes)
        extras = std::make_unique<ExtraCodes>(static_cast<std::uint32_t>(codes_.codes().size()));
    CodeOrder order{codes_, extras.get()};
    std::atomic<bool> issues_full{false};
    // --hits and eval look crimes up by id at the end, so they keep every crime in memory.
    const bool may_spill = options_.crime_memory && options_.hits_file.empty() && !options_.keep_crimes;
    const Breakdown by = Breakdown::parse(options_.by);
    Shared shared{options_,   codes_,       order,     extras.get(), group_selected_,
                  *matcher_,  counter,      batch_scan_, &issues_full, patterns_,
                  !options_.hits_file.empty(), may_spill ? std::max<std::size_t>(options_.crime_memory / threads, 1) : 0,
                  options_.temp_dir,
                  options_.max_age >= 0 && options_.hits_file.empty() && !options_.keep_crimes,
                  scope_of(options_),
                  by.has(Dim::age_band) || by.has(Dim::gender) || options_.keep_crimes};
    std::atomic<std::uint32_t> reasons_known{0};
    shared.reasons_known = &reasons_known;
    shared.keep_rejects = !options_.rejects_file.empty();
    std::unique_ptr<RejectsFile> rejects;
    if (shared.keep_rejects) rejects = std::make_unique<RejectsFile>(options_.rejects_file);
    oneapi::tbb::enumerable_thread_specific<Worker> workers(
        [&] { return Worker(shared); });

    ChunkReader reader(read_options_of(options_));
    // Each file's date format is settled (--date-format, or detected from the file's first
    // kDateSample non-empty dates) by this serial stage before any chunk of the file is handed
    // on. Detection reads on until it has them or the file ends, holding the chunks read
    // ahead (`ahead`: chunks of one file, then perhaps the first of the next, still unsettled).
    // The sample does not depend on the chunk size, so neither does the format.
    std::deque<Chunk*> ahead;
    std::unique_ptr<Worker> sampler;
    std::vector<std::string> date_notes;
    auto next_chunk = [&]() -> Chunk* {
        Chunk* c = nullptr;
        if (!ahead.empty()) {
            c = ahead.front();
            ahead.pop_front();
        } else {
            c = reader.next();
        }
        if (!c) return nullptr;
        // The reader owns its schemas (not const); only this stage writes their date format.
        FileSchema& sc = const_cast<FileSchema&>(*c->schema);
        if (sc.date_format_set) return c;
        sc.date_format_set = true;
        if (options_.date_format) {
            sc.date_format = *options_.date_format;
            return c;
        }
        if (!sampler) sampler = std::make_unique<Worker>(shared, true);
        std::vector<DateSampleValue> sample;
        sampler->sample_ = &sample;
        for (Chunk* cur = c;;) {
            ChunkOutcome unused;
            sampler->process(*cur, unused);
            if (sample.size() >= kDateSample || cur->final_in_file) break;
            Chunk* more = reader.next();
            if (!more) break;
            ahead.push_back(more);
            if (more->schema != c->schema) break;
            cur = more;
        }
        DateDetection d = detect_date_format(sample, sc.name);
        sc.date_format = d.format;
        if (!d.note.empty()) date_notes.push_back(std::move(d.note));
        return c;
    };
    Progress progress(options_.quiet ? ProgressMode::never : options_.progress,
                      reader.total_bytes());
    CountResult result;
    Summary& summary = result.summary;
    struct Item {
        Chunk* chunk;
        ChunkOutcome outcome;
    };
    // Items in flight, owned here: when a stage throws, the pipeline is cancelled and the
    // items it had not collected are freed with this list.
    std::mutex live_mutex;
    std::vector<std::unique_ptr<Item>> live;

    std::uint64_t done_bytes = 0;
    const bool timed = options_.stage_times;
    oneapi::tbb::parallel_pipeline(
        threads * 2,
        oneapi::tbb::make_filter<void, Item*>(
            oneapi::tbb::filter_mode::serial_in_order,
            [&](oneapi::tbb::flow_control& fc) -> Item* {
                Clock::time_point t0;
                if (timed) t0 = Clock::now();
                Chunk* c = next_chunk();
                if (timed) summary.stages.read += seconds(Clock::now() - t0);
                if (!c) {
                    fc.stop();
                    return nullptr;
                }
                auto item = std::make_unique<Item>(Item{c, {}});
                Item* raw = item.get();
                std::lock_guard<std::mutex> lock(live_mutex);
                live.push_back(std::move(item));
                return raw;
            }) &
            oneapi::tbb::make_filter<Item*, Item*>(oneapi::tbb::filter_mode::parallel,
                                                   [&](Item* item) {
                                                       workers.local().process(*item->chunk,
                                                                               item->outcome);
                                                       return item;
                                                   }) &
            oneapi::tbb::make_filter<Item*, void>(
                oneapi::tbb::filter_mode::serial_in_order, [&](Item* item) {
                    std::unique_ptr<Item> own;
                    {
                        std::lock_guard<std::mutex> lock(live_mutex);
                        auto it = std::find_if(live.begin(), live.end(),
                                               [&](const auto& p) { return p.get() == item; });
                        own = std::move(*it);
                        live.erase(it);
                    }
                    Clock::time_point t0;
                    if (timed) t0 = Clock::now();
                    struct Timer {
                        bool on;
                        Clock::time_point t0;
                        double& into;
                        ~Timer() {
                            if (on) into += seconds(Clock::now() - t0);
                        }
                    } timer{timed, t0, summary.stages.collect};
                    done_bytes += item->chunk->size;
                    progress.update(done_bytes);
                    // The first rejected row of each reason, and --rejects (before the chunk
                    // goes back to the pool: its schema names the file).
                    std::uint32_t known = 0;
                    for (std::size_t k = 0; k < kRejectKinds; ++k) {
                        auto& first = item->outcome.first_rejected[k];
                        if (first && !summary.first_rejected[k]) summary.first_rejected[k] = std::move(first);
                        if (summary.first_rejected[k]) known |= 1u << k;
                    }
                    reasons_known.store(known, std::memory_order_relaxed);
                    if (rejects)
                        for (const RejectedRow& rr : item->outcome.rejected_rows)
                            rejects->add(item->chunk->schema->name, rr.line, reject_name(rr.reason),
                                         rr.detail, rr.record);
                    reader.release(item->chunk);
                    summary.rows.add(item->outcome.rows);
                    for (auto& i : item->outcome.issues)
                        if (summary.issues.size() < Summary::kMaxIssues)
                            summary.issues.push_back(std::move(i));
                    if (summary.issues.size() >= Summary::kMaxIssues)
                        issues_full.store(true, std::memory_order_relaxed);
                    if (item->outcome.fatal) {
                        const Issue& f = *item->outcome.fatal;
                        std::string hint = is_structural(f.reason)
                                               ? " (--on-error skip counts such rows and goes on)"
                                               : "";
                        if (rejects) rejects->commit(); // the rows rejected so far, this one last
                        throw DataError(f.message() + hint);
                    }
                }));

    progress.finish();
    // Which column each role came from in each file, and how its dates were read.
    for (const auto& sc : reader.schemas()) {
        FileColumns fc;
        fc.file = sc->name;
        const auto col = [&](int i) {
            return i >= 0 && static_cast<std::size_t>(i) < sc->columns.size() ? sc->columns[static_cast<std::size_t>(i)]
                                                                          : std::string();
        };
        fc.id = col(sc->id);
        fc.date = col(sc->date);
        fc.code = col(sc->code);
        fc.age = col(sc->age);
        fc.flag = col(sc->flag);
        fc.gender = col(sc->gender);
        for (int t : sc->texts) fc.texts.push_back(col(t));
        fc.dates = sc->date_format.describe();
        summary.columns.push_back(std::move(fc));
    }
    summary.notes = std::move(date_notes);
    // --max-rejected: too many rows rejected fails the run (the rejects file is kept).
    if (rejects) {
        rejects->commit();
        summary.rejects_written = rejects->rows();
    }
    if (auto over = summary.over_limit(options_.max_rejected)) throw DataError(*over);
    if (options_.after_reading) options_.after_reading();
    // Combine: gather the per-thread crimes (merged shard by shard, or drained by partition).
    Clock::time_point tc = Clock::now();
    for (auto& w : workers) {
        summary.stages.parse += w.times.parse;
        summary.stages.scan += w.times.scan;
        summary.stages.fold += w.times.fold;
    }
    CrimeMap crimes;
    std::vector<CrimeMap*> maps{&crimes};
    std::vector<SpillFile*> spills;
    for (auto& w : workers) {
        maps.push_back(&w.crimes);
        if (w.spill) {
            spills.push_back(w.spill.get());
            summary.spills += w.spill->spills;
            summary.spilled_bytes += w.spill->bytes();
        }
    }
    // Without a memory budget (or when crimes are looked up by id at the end) the per-thread
    // maps are merged shard by shard in parallel; with one, the workers staged their crimes
    // chunk by chunk, and each spill partition is gathered (the few crimes staged more than
    // once merged) just before the reducer visits it.
    if (!may_spill) CrimeMap::merge_all(maps, order);
    for (auto& w : workers) summary.rows_deferred += w.deferred_rows;
    // Parts of a few MiB: the parts in flight stay well inside --crime-memory.
    const std::size_t part_bytes =
        std::max<std::size_t>(options_.crime_memory / (2 * (threads + 1)), 64u << 10);
    CrimeSource source = [&](const CrimeVisitor& f) {
        // Crimes are visited from several threads at once; each thread holds and resolves the
        // crimes with deferred rows that it meets.
        oneapi::tbb::enumerable_thread_specific<std::unique_ptr<DeferredRows>> deferred;
        const bool any_deferred = summary.rows_deferred > 0;
        const CrimeVisitor g = [&](std::string_view id, const CrimeState& st) {
            auto& d = deferred.local();
            if (!d) d = std::make_unique<DeferredRows>(shared, reader, options_.crime_memory ? part_bytes : 0);
            d->visit(id, st, f);
        };
        const CrimeVisitor& visit = any_deferred ? g : f; // no deferred rows: straight to f
        if (!may_spill) crimes.for_each_parallel(visit);
        else CrimeMap::drain(maps, spills, part_bytes, order, visit);
        for (auto& d : deferred) {
            d->finish(f);
            summary.rows_read_back += d->rows_read_back;
            summary.stages.read_back += d->seconds;
        }
    };
    ReduceInput in{patterns_,
                   codes_,
                   order,
                   group_selected_,
                   options_.periods,
                   by,
                   scope_of(options_),
                   options_.cube,
                   options_.age_bands};
    Clock::time_point tr = Clock::now();
    summary.stages.combine = seconds(tr - tc);
    if (options_.cube) {
        result.cube = std::make_shared<Cube>(build_cube(source, in, summary));
        result.rows = rows_of(*result.cube, RowOptions{});
    } else {
        result.rows = reduce(source, in, summary);
    }
    summary.stages.reduce = seconds(Clock::now() - tr);
    for (const auto& sc : reader.schemas()) result.flag_column |= sc->flag >= 0;
    if (!options_.hits_file.empty()) {
        std::vector<std::vector<HitCandidate>*> parts;
        for (auto& w : workers) parts.push_back(&w.hit_candidates);
        write_hits_file(options_, patterns_, codes_, order, reader, crimes, parts);
    }
    if (options_.keep_crimes) result.crimes = std::make_shared<CrimeMap>(std::move(crimes));
    summary.bytes = reader.bytes_read();
    summary.files = reader.files_read();
    summary.input_notes = reader.notes();
    summary.threads = threads;
    result.inputs = reader.input_names();
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!summary.balanced())
        throw Error(ExitCode::software, "internal error: row accounting does not balance");
    return result;
}

} // namespace moscan
