// The scan stage. The texts of a chunk's rows that are scanned now are copied into one batch,
// each followed by a NUL byte, and the batch is scanned in one matcher call: per-call cost
// (~60 ns in Hyperscan) would otherwise dominate short texts. One call is exact only when no
// pattern can match a NUL (proven at start-up, matchers/batch_proof.hpp); otherwise each text
// is scanned on its own. Either way the hits carry offsets in the batch, in batch order, so
// each text's hits come together and a text is found by its [begin, end) in the batch.
//
// A text not (yet) known to be scanned now stays where it is -- in the chunk, or, when it had
// to be unquoted or decoded into a row buffer that the next row reuses, copied aside -- so
// that the text of a row whose scan is deferred is never copied.
//
// Requires: 32 readable bytes after a text for text_hash_padded; pad() adds them once the
// batch is scanned (the padding is never scanned).
#pragma once

#include "matchers/matcher.hpp"
#include "pipeline/base/byte_buffer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace moscan {

// One text field of a pending row: where its value is, its key (text_hash_padded, worked out
// only for a text with mentions) and its place in the batch once it is scanned now.
struct TextField {
    const char* chunk = nullptr; // the value in the chunk, or nullptr: kept aside
    std::uint32_t aside = 0, size = 0;
    std::uint64_t hash = 0;
    std::uint32_t begin = 0, end = 0; // in the batch, when batched
    bool batched = false;
};

class TextBatch {
public:
    // The field's value, wherever it is.
    std::string_view text_of(const TextField& f) const {
        if (f.batched) return batch_.view().substr(f.begin, f.size);
        return f.chunk ? std::string_view(f.chunk, f.size) : std::string_view(aside_).substr(f.aside, f.size);
    }
    // A batched field's text (valid until clear()).
    std::string_view batched_text(const TextField& f) const {
        return batch_.view().substr(f.begin, f.end - f.begin);
    }
    // Appends `t` to the batch, then a NUL, and places `f` there.
    void add(TextField& f, std::string_view t) {
        f.begin = static_cast<std::uint32_t>(batch_.view().size());
        char* w = batch_.extend(t.size() + 1);
        if (!t.empty()) std::memcpy(w, t.data(), t.size());
        w[t.size()] = '\0';
        f.end = f.begin + static_cast<std::uint32_t>(t.size());
        f.batched = true;
    }
    // Keeps `t` for later: where it is when it lies in [lo, hi) (the chunk's readable bytes,
    // alive until the chunk is flushed), else as a copy.
    void hold(TextField& f, std::string_view t, const char* lo, const char* hi) {
        f.size = static_cast<std::uint32_t>(t.size());
        if (t.data() >= lo && t.data() + t.size() <= hi) {
            f.chunk = t.data();
        } else {
            f.aside = static_cast<std::uint32_t>(aside_.size());
            aside_.append(t);
        }
    }
    bool empty() const { return batch_.view().empty(); }

    // The whole batch in one call (only when batch scanning is exact).
    void scan_all(const Matcher& m, Scratch& scratch, std::vector<Hit>& hits) const {
        if (!empty()) m.scan(batch_.view(), scratch, hits);
    }
    // One batched field on its own, its hits' offsets moved into the batch.
    void scan_one(const Matcher& m, Scratch& scratch, const TextField& f, std::vector<Hit>& hits) const {
        if (f.end <= f.begin) return;
        const std::size_t before = hits.size();
        m.scan(batch_.view().substr(f.begin, f.end - f.begin), scratch, hits);
        for (std::size_t i = before; i < hits.size(); ++i) {
            hits[i].start += f.begin;
            hits[i].end += f.begin;
        }
    }
    // Hits in batch order. Hyperscan reports them by end offset, which is batch order already
    // (no match spans two texts); only when they are not are they sorted.
    static void order(std::vector<Hit>& hits) {
        if (!std::is_sorted(hits.begin(), hits.end(),
                            [](const Hit& a, const Hit& b) { return a.end < b.end; }))
            std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
    }
    // The 32 readable bytes text_hash_padded needs after the last text (after the scan).
    void pad() { std::memset(batch_.extend(32), 0, 32); }
    void clear() {
        batch_.clear();
        aside_.clear();
    }

private:
    ByteBuffer batch_;  // texts scanned now, each followed by a NUL
    std::string aside_; // held texts that are not in the chunk as they are
};

} // namespace moscan
