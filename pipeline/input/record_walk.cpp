#include "pipeline/input/record_walk.hpp"

#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "pipeline/base/strings.hpp"

#include <simdjson.h>

#include <cstring>
#include <string>

namespace moscan {

namespace {

class Walker {
public:
    Walker(const std::function<bool(std::string_view)>& keep,
           const std::function<void(const WalkRecord&)>& visit)
        : keep_(keep), visit_(visit) {}

    WalkStats stats;

    void csv_chunk(const Chunk& chunk) {
        const FileSchema& sc = *chunk.schema;
        const char* p = chunk.bytes;
        const char* end = p + chunk.size;
        const char* counted = p; // lines are counted up to here
        std::uint64_t line = chunk.first_line;
        bufs_.resize(sc.texts.size());
        tokenizer_.reset(p, chunk.size, chunk.readable, sc.delimiter);
        csv::RecordParse rp;
        while (p < end && tokenizer_.next(fields_, rp)) {
            const char* start = p;
            p = rp.next;
            if (fields_.size() == 1 && fields_[0].view.empty() && !fields_[0].raw) continue;
            if (rp.status != csv::ParseStatus::ok || fields_.size() != sc.columns.size() ||
                sc.id < 0) {
                ++stats.skipped;
                continue;
            }
            std::string_view id = csv::value(fields_[static_cast<size_t>(sc.id)], id_buf_);
            if (keep_ && !keep_(id)) continue;
            line += csv::count_newlines(counted, static_cast<std::size_t>(start - counted));
            counted = start;
            WalkRecord r;
            r.schema = &sc;
            r.line = line;
            r.id = id;
            r.date = sc.date >= 0 ? csv::value(fields_[static_cast<size_t>(sc.date)], date_buf_)
                                  : std::string_view{};
            out_.clear();
            for (size_t t = 0; t < sc.texts.size(); ++t)
                out_.emplace_back(sc.columns[static_cast<size_t>(sc.texts[t])],
                                  csv::value(fields_[static_cast<size_t>(sc.texts[t])], bufs_[t]));
            r.texts = &out_;
            ++stats.records;
            visit_(r);
        }
    }

    void jsonl_chunk(const Chunk& chunk) {
        const FileSchema& sc = *chunk.schema;
        const char* base = chunk.bytes;
        const char* p = base;
        const char* end = base + chunk.size;
        const size_t alloc = chunk.readable; // at least size + SIMDJSON_PADDING
        std::vector<std::string>& values = bufs_;
        values.resize(sc.texts.size());
        std::uint64_t line = chunk.first_line;
        for (; p < end; ++line) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
            const char* le = nl ? nl : end;
            const char* start = p;
            p = nl ? nl + 1 : end;
            if (trim(std::string_view(start, le - start)).empty()) continue;
            simdjson::ondemand::document doc;
            simdjson::ondemand::object obj;
            if (parser_.iterate(start, le - start, alloc - (start - base)).get(doc) ||
                doc.get_object().get(obj)) {
                ++stats.skipped;
                continue;
            }
            id_buf_.clear();
            date_buf_.clear();
            for (auto& v : values) v.clear();
            bool ok = sc.id >= 0;
            for (auto field : obj) {
                if (!ok) break;
                std::string_view key;
                simdjson::ondemand::value v;
                if (field.unescaped_key().get(key) || field.value().get(v)) {
                    ok = false;
                    break;
                }
                std::string* target = nullptr;
                if (key == sc.columns[static_cast<size_t>(sc.id)]) target = &id_buf_;
                else if (sc.date >= 0 && key == sc.columns[static_cast<size_t>(sc.date)])
                    target = &date_buf_;
                for (size_t t = 0; t < sc.texts.size() && !target; ++t)
                    if (key == sc.columns[static_cast<size_t>(sc.texts[t])]) target = &values[t];
                if (!target) continue;
                simdjson::ondemand::json_type type;
                if (v.type().get(type)) {
                    ok = false;
                    break;
                }
                std::string_view s;
                if (type == simdjson::ondemand::json_type::string) {
                    if (v.get_string().get(s)) {
                        ok = false;
                        break;
                    }
                } else if (type == simdjson::ondemand::json_type::number) {
                    s = trim(v.raw_json_token());
                }
                target->assign(s);
            }
            if (!ok) {
                ++stats.skipped;
                continue;
            }
            if (keep_ && !keep_(id_buf_)) continue;
            WalkRecord r;
            r.schema = &sc;
            r.line = line;
            r.id = id_buf_;
            r.date = date_buf_;
            out_.clear();
            for (size_t t = 0; t < sc.texts.size(); ++t)
                out_.emplace_back(sc.columns[static_cast<size_t>(sc.texts[t])], values[t]);
            r.texts = &out_;
            ++stats.records;
            visit_(r);
        }
    }

private:
    const std::function<bool(std::string_view)>& keep_;
    const std::function<void(const WalkRecord&)>& visit_;
    std::vector<csv::Field> fields_;
    std::string id_buf_, date_buf_;
    std::vector<std::string> bufs_;
    std::vector<std::pair<std::string_view, std::string_view>> out_;
    csv::ChunkTokenizer tokenizer_; // the count job's tokenizer (pipeline/input/csv_scan.hpp)
    simdjson::ondemand::parser parser_;
};

} // namespace

WalkStats walk_records(const ReadOptions& options,
                       const std::function<bool(std::string_view id)>& keep,
                       const std::function<void(const WalkRecord&)>& visit) {
    ChunkReader reader(options);
    Walker w(keep, visit);
    while (Chunk* c = reader.next()) {
        if (c->schema->format == InputFormat::jsonl) w.jsonl_chunk(*c);
        else w.csv_chunk(*c);
        reader.release(c);
    }
    return w.stats;
}

} // namespace moscan
