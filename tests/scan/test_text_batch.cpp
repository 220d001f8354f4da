// The scan stage (pipeline/scan/text_batch.hpp): texts batched with NUL separators and scanned
// in one call give each text exactly the hits it gets scanned alone (on both engines), hits
// come back in batch order, and a held text is kept in place or copied as it must be.
#include "matchers/hyperscan_matcher.hpp"
#include "matchers/naive_matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "pipeline/scan/text_batch.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace moscan;

namespace {

const PatternSet& small_set() {
    static const PatternSet set = PatternSet::parse("platform snapchat Snapchat\n"
                                                    "  pattern snap ?chat\n"
                                                    "platform kik Kik\n"
                                                    "  pattern \\bkik\\b\n"
                                                    "platform whatsapp WhatsApp\n"
                                                    "  pattern whats ?app\n",
                                                    "batch.pat");
    return set;
}

// Random texts from words that match, almost match and do not match, empty ones included.
std::vector<std::string> texts(unsigned seed) {
    const char* words[] = {"snap", "chat", "snapchat", "kik", "kiki", "whats", "app", "whatsapp",
                           "on", "the", "a", "", "SNAPCHAT", "Kik"};
    std::mt19937 rng(seed);
    std::vector<std::string> out;
    for (int t = 0; t < 200; ++t) {
        std::string s;
        const int n = static_cast<int>(rng() % 8);
        for (int w = 0; w < n; ++w) {
            if (w) s += rng() % 3 ? " " : "";
            s += words[rng() % std::size(words)];
        }
        out.push_back(s);
    }
    return out;
}

template <class M>
void batched_equals_alone() {
    const M m(small_set());
    auto scratch = m.make_scratch();
    const std::vector<std::string> all = texts(7);
    TextBatch batch;
    std::vector<TextField> fields(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        fields[i].size = static_cast<std::uint32_t>(all[i].size());
        batch.add(fields[i], all[i]);
    }
    std::vector<Hit> one_call, each;
    batch.scan_all(m, *scratch, one_call);
    TextBatch::order(one_call);
    for (const TextField& f : fields) batch.scan_one(m, *scratch, f, each);
    TextBatch::order(each);
    CHECK(one_call == each);
    // Each text's share of the batch's hits is what it gets on its own, moved to its place.
    std::size_t h = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const TextField& f = fields[i];
        CHECK(batch.batched_text(f) == all[i]);
        std::vector<Hit> alone;
        m.scan(all[i], *scratch, alone);
        std::sort(alone.begin(), alone.end(), [](const Hit& a, const Hit& b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
        std::vector<Hit> mine;
        while (h < one_call.size() && one_call[h].start < f.end + 1) {
            Hit x = one_call[h++];
            CHECK(x.start >= f.begin);
            CHECK(x.end <= f.end); // no hit reaches the NUL or the next text
            x.start -= f.begin;
            x.end -= f.begin;
            mine.push_back(x);
        }
        std::sort(mine.begin(), mine.end(), [](const Hit& a, const Hit& b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
        CAPTURE(all[i]);
        CHECK(mine == alone);
    }
    CHECK(h == one_call.size());
}

} // namespace

TEST_CASE_TEMPLATE("text batch: one call over NUL-joined texts = each text alone", M,
                   HyperscanMatcher, NaiveMatcher) {
    batched_equals_alone<M>();
}

TEST_CASE("text batch: a held text stays in the chunk, or is copied when it is elsewhere") {
    const std::string chunk = "id,snapchat here,kik";
    std::string row_buffer = "decoded kik";
    TextBatch batch;
    TextField in_chunk, decoded;
    batch.hold(in_chunk, std::string_view(chunk).substr(3, 13), chunk.data(), chunk.data() + chunk.size());
    batch.hold(decoded, row_buffer, chunk.data(), chunk.data() + chunk.size());
    CHECK(in_chunk.chunk == chunk.data() + 3);
    CHECK(decoded.chunk == nullptr);
    row_buffer = "overwritten"; // the next row reuses the buffer: the copy is unaffected
    CHECK(batch.text_of(in_chunk) == "snapchat here");
    CHECK(batch.text_of(decoded) == "decoded kik");
    // Batched later, each keeps its text.
    batch.add(decoded, batch.text_of(decoded));
    batch.add(in_chunk, batch.text_of(in_chunk));
    CHECK(batch.batched_text(decoded) == "decoded kik");
    CHECK(batch.batched_text(in_chunk) == "snapchat here");
    CHECK(in_chunk.begin == decoded.end + 1); // one NUL between
    batch.clear();
    CHECK(batch.empty());
}
