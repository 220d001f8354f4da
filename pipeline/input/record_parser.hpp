// The parse stage: the records of a chunk, CSV or JSON Lines, as RecordViews handed to a sink,
// with the structural problems (a record too long, a quote never closed, a wrong field count,
// invalid JSON, a value of the wrong type) reported as broken records. One parser serves the
// count job's chunk worker, the read-back of deferred rows, and the record walk of eval and
// discover, so all of them read exactly the same records from the same bytes.
//
// A Sink has
//   bool record(RecordView& r);                               a record; false stops the chunk
//   bool broken(RecordView& r, Reject why, std::string detail); a record that does not parse
// Fields are views into the chunk, or into this parser's row buffers when they had to be
// unquoted or decoded (valid until the next record). Texts are left as they are in the file
// (CSV: possibly quoted; JSON: possibly escaped) until decode_texts(), which a sink calls only
// for a record it keeps, so that an out-of-scope text is never copied.
//
// CSV: a simdjson-style stage 1 (csv_scan.hpp) finds the records and fields; a record of many
// lines opened by a stray quote is rejected on its first line and the lines after it are read
// again as records of their own. JSON Lines: simdjson On Demand, keys matched raw (the key at
// the same position of the previous line is tried first), values taken from their raw tokens
// and each checked to be valid JSON; a line with a nested value is checked whole by the DOM
// parser.
//
// Requires: SIMDJSON_PADDING readable bytes after a chunk (the reader guarantees them).
// Hot: parse() is a template over the sink, so the sink's calls inline as before.
#pragma once

#include "pipeline/base/json_text.hpp"
#include "pipeline/base/strings.hpp"
#include "pipeline/base/summary.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "pipeline/input/reader.hpp"
#include "pipeline/input/record.hpp"

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moscan {

class RecordParser {
public:
    explicit RecordParser(std::size_t max_record_bytes) : max_record_bytes_(max_record_bytes) {}

    // Every record of `chunk`, in order, to `sink`; rows read and blank lines counted in `rows`.
    template <class Sink>
    void parse(const Chunk& chunk, RowCounts& rows, Sink& sink) {
        if (chunk.schema->format == InputFormat::jsonl) parse_jsonl(chunk, rows, sink);
        else parse_csv(chunk, rows, sink);
    }

    // Decodes the texts of record `r` (and its gender, when `gender`): CSV values unquoted,
    // JSON strings unescaped. False: a JSON string with an invalid escape.
    bool decode_texts(RecordView& r, const FileSchema& sc, bool gender) {
        if (r.csv_fields && gender && sc.gender >= 0)
            r.gender = csv::value((*r.csv_fields)[static_cast<std::size_t>(sc.gender)], gender_buf_);
        if (r.csv_fields)
            for (std::size_t t = 0; t < r.texts.size(); ++t)
                r.texts[t] = csv::value((*r.csv_fields)[static_cast<std::size_t>((*r.text_columns)[t])],
                                        bufs_[5 + t]);
        for (std::size_t t = 0; t < r.json_escaped.size(); ++t) {
            if (!r.json_escaped[t] || r.texts[t].find('\\') == std::string_view::npos) continue;
            std::string& buf = bufs_[5 + t];
            buf.clear();
            if (!append_json_unescaped(buf, r.texts[t])) return false;
            r.texts[t] = buf;
        }
        return true;
    }

    // The line of a record: JSONL knows it; CSV works it out only for the records it reports,
    // counting newlines from the last record it worked out (records come in order).
    std::uint64_t line_of(RecordView& r) {
        if (r.line) return r.line;
        line_at_cursor_ += static_cast<std::uint64_t>(std::count(line_cursor_, r.start, '\n'));
        line_cursor_ = r.start;
        return r.line = line_at_cursor_;
    }

    // Whether one JSON Lines line (its line end allowed) is a JSON object, by the DOM parser,
    // on a padded copy (a rejected row's bytes may end at the buffer's end).
    bool jsonl_object_valid(std::string_view line) {
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
        simdjson::dom::element e;
        return !dom_parser_.parse(simdjson::padded_string(line)).get(e) && e.is_object();
    }


private:
    template <class Sink>
    void parse_csv(const Chunk& chunk, RowCounts& rows, Sink& sink) {
        const FileSchema& sc = *chunk.schema;
        const char* p = chunk.bytes;
        const char* end = p + chunk.size;
        line_cursor_ = p;
        line_at_cursor_ = chunk.first_line;
        bufs_.resize(5 + sc.texts.size());
        RecordView r;
        r.texts.resize(sc.texts.size());
        tokenizer_.reset(p, chunk.size, chunk.readable, sc.delimiter);
        csv::RecordParse rp;
        // Lines read again one record at a time, after a record of many lines was rejected.
        const char* again = nullptr;
        const char* again_end = nullptr;
        while (true) {
            r.line = 0;
            if (again) [[unlikely]] {
                if (again >= again_end) {
                    again = nullptr;
                    continue;
                }
                r.start = again;
                rp = csv::parse_record_fast(again, again_end, fields_, sc.delimiter);
                again = rp.next;
            } else {
                if (p >= end || !tokenizer_.next(fields_, rp)) break;
                r.start = p;
                p = rp.next;
            }
            r.end = rp.next;
            if (fields_.size() == 1 && fields_[0].view.empty() && !fields_[0].raw) {
                ++rows.blank_lines;
                continue;
            }
            ++rows.read;
            if (static_cast<std::size_t>(r.end - r.start) > max_record_bytes_) {
                if (!sink.broken(r, Reject::record_too_long, too_long("; is a quote left open?"))) return;
                continue;
            }
            if (rp.status == csv::ParseStatus::unterminated) {
                if (!sink.broken(r, Reject::unterminated_quote,
                            "the quote opened in this record is never closed"))
                    return;
                continue;
            }
            if (fields_.size() != sc.columns.size()) {
                // A stray quote at the start of a field, closed only by a quote lines later,
                // makes one record of many lines: its first line is rejected, and the lines
                // after it are read again as records of their own (as far as that record's
                // end, where the next one starts), so that it never takes the rows after it.
                const auto span = static_cast<std::size_t>(r.end - r.start);
                const char* nl = static_cast<const char*>(std::memchr(r.start, '\n', span));
                if (nl && nl + 1 < r.end) {
                    if (!sink.broken(r, Reject::field_count,
                                "expected " + std::to_string(sc.columns.size()) + ", found " +
                                    std::to_string(fields_.size()) + " in a record of " +
                                    std::to_string(std::count(r.start, r.end - 1, '\n') + 1) +
                                    " lines: is a quote left open? The lines after this one are "
                                    "read as rows of their own"))
                        return;
                    again_end = r.end;
                    again = nl + 1;
                    continue;
                }
                if (!sink.broken(r, Reject::field_count,
                            "expected " + std::to_string(sc.columns.size()) + ", found " +
                                std::to_string(fields_.size())))
                    return;
                continue;
            }
            auto get = [&](int col, size_t buf) -> std::string_view {
                return col < 0 ? std::string_view{}
                               : csv::value(fields_[static_cast<size_t>(col)], bufs_[buf]);
            };
            r.id = get(sc.id, 0);
            r.date = get(sc.date, 1);
            r.code = get(sc.code, 2);
            r.age = get(sc.age, 3);
            r.flag = get(sc.flag, 4);
            r.age_is_null = false;
            r.csv_fields = &fields_;
            r.text_columns = &sc.texts;
            if (!sink.record(r)) return;
        }
    }

    // A JSON value as text, from its raw token: a string's content (is_string: escapes may
    // still be in it), a number or boolean as written, null empty. False for an object or an
    // array.
    static bool json_raw_text(std::string_view tok, std::string_view& out, bool& is_null,
                              bool& is_string) {
        tok = trim(tok);
        is_null = is_string = false;
        if (tok.empty()) return false;
        switch (tok[0]) {
        case '"':
            if (tok.size() < 2 || tok.back() != '"') return false;
            out = tok.substr(1, tok.size() - 2);
            is_string = true;
            return true;
        case '{':
        case '[': return false;
        case 'n':
            out = {};
            is_null = true;
            return true;
        default: out = tok; return true; // number or boolean, as written
        }
    }

    // The first '"' or '\\' from p, 16 bytes at a time: the input is padded (the reader
    // guarantees SIMDJSON_PADDING readable bytes after a chunk), and stage 1 has checked that a
    // closing quote comes.
    static const char* key_end(const char* p) {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
        while (true) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const int m = _mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
            if (m) return p + __builtin_ctz(static_cast<unsigned>(m));
            p += 16;
        }
#else
        while (*p != '"' && *p != '\\') ++p;
        return p;
#endif
    }

    // A key's role in this file: 0 id, 1 date, 2 code, 3 age, 4 flag, 5+t text t, -2 gender,
    // -1 none. Keys are compared as they are written (length first); a key with escapes in it
    // is decoded first. Exports write the keys of every line in the same order, so the key
    // found at the same position of the previous line is tried first.
    int role_of(std::string_view key, std::size_t pos) {
        auto same = [&](const std::string& name) {
            return name.size() == key.size() && std::memcmp(name.data(), key.data(), key.size()) == 0;
        };
        if (pos < key_hint_.size() && key_hint_[pos] >= 0) {
            const auto& [name, role] = key_roles_[static_cast<std::size_t>(key_hint_[pos])];
            if (same(name)) return role;
        }
        for (std::size_t i = 0; i < key_roles_.size(); ++i)
            if (same(key_roles_[i].first)) {
                if (pos >= key_hint_.size()) key_hint_.resize(pos + 1, -1);
                key_hint_[pos] = static_cast<std::int32_t>(i);
                return key_roles_[i].second;
            }
        return -1;
    }

    template <class Sink>
    void parse_jsonl(const Chunk& chunk, RowCounts& rows, Sink& sink) {
        const FileSchema& sc = *chunk.schema;
        const char* base = chunk.bytes;
        const char* p = base;
        const char* end = base + chunk.size;
        std::uint64_t line = chunk.first_line;
        const size_t alloc = chunk.readable;
        RecordView r;
        r.texts.resize(sc.texts.size());
        r.json_escaped.assign(sc.texts.size(), 0);
        bufs_.resize(5 + sc.texts.size());
        key_roles_.clear();
        key_hint_.clear();
        const int fixed[5] = {sc.id, sc.date, sc.code, sc.age, sc.flag};
        for (int i = 0; i < 5; ++i)
            if (fixed[i] >= 0) key_roles_.emplace_back(sc.columns[static_cast<size_t>(fixed[i])], i);
        for (size_t t = 0; t < sc.texts.size(); ++t)
            key_roles_.emplace_back(sc.columns[static_cast<size_t>(sc.texts[t])], 5 + static_cast<int>(t));
        if (sc.gender >= 0) key_roles_.emplace_back(sc.columns[static_cast<size_t>(sc.gender)], -2);
        while (p < end) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
            const char* le = nl ? nl : end;
            const char* next = nl ? nl + 1 : end;
            r.line = line++;
            std::string_view text(p, le - p);
            const char* start = p;
            r.start = start;
            p = next;
            r.end = p;
            if (trim(text).empty()) {
                ++rows.blank_lines;
                continue;
            }
            ++rows.read;
            if (text.size() > max_record_bytes_) {
                if (!sink.broken(r, Reject::record_too_long, too_long(""))) return;
                continue;
            }
            simdjson::ondemand::document doc;
            simdjson::ondemand::object obj;
            auto err = parser_.iterate(start, text.size(), alloc - (start - base)).get(doc);
            if (!err) err = doc.get_object().get(obj);
            bool ok = !err;
            std::string bad;
            bool nested = false;             // a value not needed is an object or array
            std::string_view invalid_value;  // the key of a value that is not valid JSON
            r.id = r.date = r.code = r.age = r.flag = r.gender = {};
            r.age_is_null = false;
            for (auto& t : r.texts) t = {};
            std::fill(r.json_escaped.begin(), r.json_escaped.end(), 0);
            if (ok) {
                std::size_t key_pos = 0;
                for (auto result : obj) {
                    simdjson::ondemand::field field;
                    if (std::move(result).get(field)) {
                        ok = false;
                        break;
                    }
                    // The raw key runs to its closing quote (stage 1 has checked the string).
                    const char* k0 = field.key().raw();
                    const char* k = key_end(k0);
                    bool key_escaped = false;
                    if (*k == '\\') { // escapes: the slow way
                        key_escaped = true;
                        k = k0;
                        while (*k != '"') k += *k == '\\' ? 2 : 1;
                    }
                    std::string_view key(k0, static_cast<size_t>(k - k0));
                    if (key_escaped) {
                        key_buf_.clear();
                        if (!append_json_unescaped(key_buf_, key)) {
                            ok = false;
                            break;
                        }
                        key = key_buf_;
                    }
                    const int role = role_of(key, key_pos++);
                    if (role == -1) {
                        // Not needed, but checked: On Demand would skip it unread. An object
                        // or array is checked with the whole line by the DOM parser (rare).
                        simdjson::ondemand::json_type type;
                        if (field.value().type().get(type)) {
                            invalid_value = key;
                            ok = false;
                            break;
                        }
                        if (type == simdjson::ondemand::json_type::object ||
                            type == simdjson::ondemand::json_type::array) {
                            nested = true;
                        } else {
                            const std::string_view tok = field.value().raw_json_token();
                            if (!json_scalar_valid(tok, value_check_) || !field_ends(tok, le)) {
                                invalid_value = key;
                                ok = false;
                                break;
                            }
                        }
                        continue;
                    }
                    std::string_view tok, val;
                    bool is_null = false, is_string = false;
                    tok = field.value().raw_json_token();
                    if (tok.size() && tok[0] != '{' && tok[0] != '[' &&
                        (!json_scalar_valid(tok, value_check_) || !field_ends(tok, le))) {
                        invalid_value = key;
                        ok = false;
                        break;
                    }
                    if (!json_raw_text(tok, val, is_null, is_string)) {
                        bad = std::string(key);
                        break;
                    }
                    // Texts are looked at for escapes only once the row is in scope.
                    bool escaped = is_string;
                    if (is_string && (role < 5 || role == -2))
                        escaped = val.find('\\') != std::string_view::npos;
                    if (escaped && (role < 5 || role == -2)) {
                        // Short fields are decoded at once (texts wait until the row is in scope).
                        std::string& buf = role == -2 ? gender_buf_ : bufs_[static_cast<size_t>(role)];
                        buf.clear();
                        if (!append_json_unescaped(buf, val)) {
                            ok = false;
                            break;
                        }
                        val = buf;
                        escaped = false;
                    }
                    switch (role) {
                    case -2: r.gender = val; break;
                    case 0: r.id = val; break;
                    case 1: r.date = val; break;
                    case 2: r.code = val; break;
                    case 3:
                        r.age = val;
                        r.age_is_null = is_null;
                        break;
                    case 4: r.flag = val; break;
                    default:
                        r.texts[static_cast<size_t>(role - 5)] = val;
                        r.json_escaped[static_cast<size_t>(role - 5)] = escaped;
                    }
                }
                if (ok && bad.empty()) {
                    // Anything after the object (a second object, stray text) is an error.
                    const char* trailing = nullptr;
                    if (!doc.current_location().get(trailing)) ok = false;
                }
                if (ok && nested) {
                    simdjson::dom::element e;
                    ok = !dom_parser_.parse(start, text.size(), false).get(e);
                }
            }
            if (!ok) {
                std::string why = err == simdjson::UTF8_ERROR ? std::string("invalid UTF-8")
                                  : err ? simdjson::error_message(err)
                                  : !invalid_value.empty()
                                      ? "the value of '" + std::string(invalid_value).substr(0, 100) +
                                            "' is not valid JSON (strings in double quotes; "
                                            "numbers, true, false and null as JSON writes them)"
                                      : "malformed object";
                if (!sink.broken(r, Reject::invalid_json, std::move(why))) return;
                continue;
            }
            if (!bad.empty()) {
                if (!sink.broken(r, Reject::bad_value_type,
                            "field '" + bad + "' must be a string, number or null"))
                    return;
                continue;
            }
            if (!sink.record(r)) return;
        }
    }

    // A scalar value's raw token (with the spaces after it) must be followed by ',' or '}':
    // On Demand skips a value it was not asked to read by counting brackets only, so
    // `"k":"v":[]}}` would otherwise end the object without an error.
    static bool field_ends(std::string_view tok, const char* line_end) {
        const char* after = tok.data() + tok.size();
        return after < line_end && (*after == ',' || *after == '}');
    }

    std::string too_long(const char* hint) const {
        return "longer than " + std::to_string(max_record_bytes_ >> 20) + " MiB" + hint +
               " (--max-record-mib raises the limit)";
    }

    std::size_t max_record_bytes_;
    std::string gender_buf_;
    std::vector<csv::Field> fields_;
    csv::ChunkTokenizer tokenizer_; // CSV: records and fields of a chunk from one SIMD pass
    std::vector<std::string> bufs_; // row buffers: 0..4 the short fields, 5 + t text t
    std::string key_buf_;
    std::vector<std::pair<std::string, int>> key_roles_; // JSONL: key -> role (role_of)
    std::vector<std::int32_t> key_hint_; // JSONL: key position -> index in key_roles_, or -1
    const char* line_cursor_ = nullptr;
    std::uint64_t line_at_cursor_ = 0;
    simdjson::ondemand::parser parser_;
    simdjson::dom::parser dom_parser_; // JSONL: lines with nested values, checked whole
    std::string value_check_;          // JSONL: scratch for json_scalar_valid
};

} // namespace moscan
