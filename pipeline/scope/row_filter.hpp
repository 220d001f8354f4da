// The row filters of the scope stage, in the order they are decided, cheapest and most
// selective first, so that a row out of scope is never looked at again:
//   1. a crime id and an offence code are present;
//   2. the code is in a selected group (--groups, --all-codes);
//   3. a date is present, parses (in the file's date format) and falls in a period;
//   4. the victim age is a valid age, and says whether this row's victim is a child (within
//      --max-age), an adult or of unknown age.
// A row that passes brings RowFacts to its crime; whether the crime itself is in scope is
// decided by its rows together (crime_scope.hpp). The victim's gender and the texts are not
// looked at here.
//
// Hot: one call per row. Exports repeat a few dozen code spellings, so the raw spelling (up to
// 7 bytes) is looked up in a small direct-mapped cache before it is normalised and found in
// the code list.
#pragma once

#include "pipeline/base/dates.hpp"
#include "pipeline/base/strings.hpp"
#include "pipeline/base/summary.hpp"
#include "pipeline/input/record.hpp"
#include "pipeline/scope/codes.hpp"
#include "pipeline/scope/periods.hpp"
#include "pipeline/scope/victims.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moscan {

enum class AgeClass { child, adult, unknown, invalid };

// A victim age against the limit `max_age` (-1: none: every row is a child's, and the age only
// feeds age bands). `years`: the age when known (for the age band), else kNoAge.
AgeClass classify_age(std::string_view raw, bool is_null, int max_age, std::uint8_t& years);

// What a row that passes the filters brings to its crime.
struct RowFacts {
    std::string_view id; // trimmed
    Day day = 0;
    std::uint32_t code = 0; // index in the code list (or an --all-codes extra)
    bool child = false, unknown_age = false, flag = false;
    std::uint8_t age = kNoAge; // the victim's age when it is read (age bands), else kNoAge
};

enum class RowVerdict : std::uint8_t { keep, out_of_code, out_of_date, reject };

struct RowFilterConfig {
    const CodeList& codes;
    const CodeOrder& order;
    ExtraCodes* extras; // non-null with --all-codes: codes outside the list are interned
    const std::vector<bool>& group_selected; // one per list group, then "other"
    const Periods& periods;
    int max_age;       // -1: no age limit
    bool victim_facts; // the age is read even without a limit (age bands)
};

class RowFilter {
public:
    explicit RowFilter(const RowFilterConfig& c) : c_(c) {}

    // Decides row `r` (its date in `date_format`). [lo, hi): the readable bytes of the chunk
    // the row's fields point into (a field may also point into a row buffer). On reject,
    // `why` and `detail` say why.
    RowVerdict apply(const RecordView& r, const DateFormat& date_format, const char* lo,
                     const char* hi, RowFacts& facts, Reject& why, std::string& detail) {
        facts.id = trim(r.id);
        if (facts.id.empty()) return rejected(why, Reject::missing_id);
        const std::string_view code_raw = trim(r.code);
        if (code_raw.empty()) return rejected(why, Reject::missing_code);
        bool selected; // the code is in a selected group
        const int code = lookup_code(code_raw, lo, hi, selected);
        if (!selected) return RowVerdict::out_of_code;
        const std::string_view date_raw = trim(r.date);
        if (date_raw.empty()) return rejected(why, Reject::missing_date);
        const std::optional<Day> day = dates_.parse(date_raw, date_format);
        if (!day) {
            detail = "'" + std::string(date_raw) + "'";
            return rejected(why, Reject::invalid_date);
        }
        if (!c_.periods.contains(*day)) return RowVerdict::out_of_date;
        std::uint8_t years = kNoAge;
        const AgeClass age = c_.max_age < 0 && !c_.victim_facts
                                 ? AgeClass::child
                                 : classify_age(r.age, r.age_is_null, c_.max_age, years);
        if (age == AgeClass::invalid) {
            detail = "'" + std::string(trim(r.age)) + "'";
            return rejected(why, Reject::invalid_age);
        }
        facts.day = *day;
        facts.code = static_cast<std::uint32_t>(code);
        facts.child = age == AgeClass::child;
        facts.unknown_age = age == AgeClass::unknown;
        facts.flag = flag_set(r.flag);
        facts.age = years;
        return RowVerdict::keep;
    }

private:
    static RowVerdict rejected(Reject& why, Reject reason) {
        why = reason;
        return RowVerdict::reject;
    }

    int lookup_code(std::string_view code_raw, const char* lo, const char* hi, bool& selected) {
        std::uint64_t raw_key = 0;
        CodeSlot* slot = nullptr;
        if (code_raw.size() <= 7) {
            // One 8-byte load where the chunk has the bytes (a copy of fewer bytes would stall
            // the load that follows it), masked to the code's length.
            if (std::endian::native == std::endian::little && code_raw.data() >= lo &&
                code_raw.data() + 8 <= hi) {
                std::memcpy(&raw_key, code_raw.data(), 8);
                raw_key &= (std::uint64_t{1} << (8 * code_raw.size())) - 1;
            } else {
                for (std::size_t i = 0; i < code_raw.size(); ++i)
                    raw_key |= std::uint64_t{static_cast<unsigned char>(code_raw[i])} << (8 * i);
            }
            raw_key |= static_cast<std::uint64_t>(code_raw.size()) << 56; // the free top byte
            slot = &code_cache_[(raw_key * 0x9E3779B97F4A7C15ull) >> (64 - kCodeCacheBits)];
        }
        if (slot && slot->key == raw_key) {
            selected = slot->selected;
            return slot->code;
        }
        normalise_code(code_raw, code_buf_);
        int code = c_.codes.find(code_buf_);
        if (code < 0 && c_.extras) {
            auto cached = extra_cache_.find(code_buf_);
            if (cached == extra_cache_.end())
                cached = extra_cache_.emplace(code_buf_, c_.extras->intern(code_buf_)).first;
            code = static_cast<int>(cached->second);
        }
        selected = code >= 0 && c_.group_selected[c_.order.group(static_cast<std::uint32_t>(code))];
        if (slot) *slot = CodeSlot{raw_key, code, selected};
        return code;
    }

    struct CodeSlot {
        std::uint64_t key = 0; // raw code bytes, length in the top byte; 0: empty
        int code = -1;
        bool selected = false;
    };
    static constexpr unsigned kCodeCacheBits = 11;

    RowFilterConfig c_;
    std::array<CodeSlot, 1u << kCodeCacheBits> code_cache_{};
    std::string code_buf_;
    std::unordered_map<std::string, std::uint32_t> extra_cache_; // --all-codes: code -> index
    DateParser dates_;
};

} // namespace moscan
