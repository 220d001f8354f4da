// The JSON string decoder used for JSON Lines values, against simdjson's own decoding of the
// same literals (an independent implementation).
#include "pipeline/base/json_text.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <random>
#include <string>

using namespace moscan;

namespace {

// simdjson's reading of the literal "raw" (raw: the content between the quotes).
bool simdjson_decode(const std::string& raw, std::string& out) {
    simdjson::dom::parser parser;
    std::string doc = "\"" + raw + "\"";
    std::string_view v;
    simdjson::padded_string padded(doc);
    if (parser.parse(padded).get_string().get(v)) return false;
    out.assign(v);
    return true;
}

// Whether the content can stand between two quotes at all (no bare quote, no backslash that
// would escape the closing quote): only such contents reach the decoder, since simdjson's
// stage 1 finds the string's end first.
bool well_delimited(const std::string& raw) {
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '"') return false;
        if (raw[i] == '\\' && ++i == raw.size()) return false;
    }
    return true;
}

} // namespace

TEST_CASE("json_text: decoding escapes agrees with simdjson on random literals") {
    const char* pieces[] = {"a",       "Snapchat", " ",       "\\\"",     "\\\\",    "\\/",
                            "\\b",     "\\f",      "\\n",     "\\r",      "\\t",     "\\u0041",
                            "\\u00e9", "\\u20AC",  "\\uD83D\\uDE00", "caf\xC3\xA9", "\\u0000",
                            "\\q",     "\\u12",    "\\uDC00", "\\uD83Dx", "\\"};
    std::mt19937 rng(42);
    int valid = 0, invalid = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string raw;
        const int n = static_cast<int>(rng() % 6);
        for (int k = 0; k < n; ++k) raw += pieces[rng() % (sizeof pieces / sizeof *pieces)];
        if (!well_delimited(raw)) continue;
        std::string want, got;
        const bool ok_ref = simdjson_decode(raw, want);
        const bool ok = append_json_unescaped(got, raw);
        CAPTURE(raw);
        CHECK(ok == ok_ref);
        if (ok && ok_ref) {
            CHECK(got == want);
            ++valid;
        } else {
            ++invalid;
        }
    }
    CHECK(valid > 1000);
    CHECK(invalid > 1000);
}
