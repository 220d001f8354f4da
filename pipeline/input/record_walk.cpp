#include "pipeline/input/record_walk.hpp"

#include "pipeline/input/record_parser.hpp"

#include <cstring>
#include <string>

namespace moscan {

namespace {

// The walk is the count job's parse stage (record_parser.hpp) with a sink that decodes the
// texts of every record it keeps: the records, their fields and the broken ones are exactly
// those `count` reads.
class Walker {
public:
    Walker(std::size_t max_record_bytes, const std::function<bool(std::string_view)>& keep,
           const std::function<void(const WalkRecord&)>& visit)
        : parser_(max_record_bytes), keep_(keep), visit_(visit) {}

    WalkStats stats;

    void chunk(const Chunk& c) {
        struct Sink {
            Walker& w;
            const Chunk& c;
            bool record(RecordView& r) { return w.record(c, r); }
            bool broken(RecordView&, Reject, std::string) {
                ++w.stats.skipped;
                return true;
            }
        } sink{*this, c};
        RowCounts rows;
        parser_.parse(c, rows, sink);
    }

private:
    bool record(const Chunk& c, RecordView& r) {
        if (keep_ && !keep_(r.id)) return true;
        const FileSchema& sc = *c.schema;
        if (!parser_.decode_texts(r, sc, false)) {
            ++stats.skipped;
            return true;
        }
        WalkRecord w;
        w.schema = &sc;
        w.line = parser_.line_of(r);
        w.id = r.id;
        w.date = r.date;
        out_.clear();
        for (std::size_t t = 0; t < sc.texts.size(); ++t)
            out_.emplace_back(sc.columns[static_cast<std::size_t>(sc.texts[t])], r.texts[t]);
        w.texts = &out_;
        ++stats.records;
        visit_(w);
        return true;
    }

    RecordParser parser_;
    const std::function<bool(std::string_view)>& keep_;
    const std::function<void(const WalkRecord&)>& visit_;
    std::vector<std::pair<std::string_view, std::string_view>> out_;
};

} // namespace

WalkStats walk_records(const ReadOptions& options,
                       const std::function<bool(std::string_view id)>& keep,
                       const std::function<void(const WalkRecord&)>& visit) {
    ChunkReader reader(options);
    Walker w(options.max_record_bytes, keep, visit);
    while (Chunk* c = reader.next()) {
        w.chunk(*c);
        reader.release(c);
    }
    return w.stats;
}

} // namespace moscan
