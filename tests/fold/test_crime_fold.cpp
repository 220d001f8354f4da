// The crime map against a plain model (std::map per crime, every rule written out again):
// folding in several maps, merging them, and spilling to disk and draining back must all give
// the model's states, whatever the order of the rows.
#include "pipeline/base/bundled.hpp"
#include "pipeline/fold/crime_fold.hpp"
#include "pipeline/base/text_hash.hpp"
#include "pipeline/base/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <random>
#include <tuple>

using namespace moscan;

namespace {

struct Row {
    std::string id;
    Day date;
    std::uint32_t code;
    bool child, unknown, flag;
    std::uint8_t age, genders;
    std::vector<std::pair<std::uint64_t, std::vector<PlatformCount>>> texts;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> deferred; // (file, offset)
};

struct Model {
    Day date = INT32_MAX;
    std::uint32_t code = UINT32_MAX;
    std::uint32_t rows = 0;
    bool child = false, unknown = false, flag = false;
    std::uint8_t youngest = kNoAge, genders = 0;
    std::map<std::uint64_t, std::vector<PlatformCount>> texts; // key -> kept counts
    std::set<std::pair<std::uint32_t, std::uint64_t>> deferred; // each deferred row once
};

std::uint32_t total_of(const std::vector<PlatformCount>& c) {
    std::uint32_t t = 0;
    for (const auto& x : c) t += x.mentions;
    return t;
}

// The documented rule for one key seen with two count lists: the larger total, then the
// longer list, then the larger (platform, mentions) sequence.
bool keep_new(const std::vector<PlatformCount>& old, const std::vector<PlatformCount>& neu) {
    auto key = [](const std::vector<PlatformCount>& c) {
        std::vector<std::uint64_t> k{total_of(c), c.size()};
        for (const auto& x : c) {
            k.push_back(x.platform);
            k.push_back(x.mentions);
        }
        return k;
    };
    return key(old) < key(neu);
}

void model_add(std::map<std::string, Model>& m, const Row& r) {
    Model& s = m[r.id];
    // In this test the code follows from the date, so "the earliest row's code" is unambiguous.
    if (r.date < s.date) {
        s.date = r.date;
        s.code = r.code;
    }
    ++s.rows;
    s.child |= r.child;
    s.unknown |= r.unknown;
    s.flag |= r.flag;
    s.youngest = std::min(s.youngest, r.age);
    // Gender bits of child rows low, of unknown-age rows (not child) shifted by 3.
    if (r.child) s.genders |= r.genders;
    else if (r.unknown) s.genders |= static_cast<std::uint8_t>(r.genders << 3);
    s.deferred.insert(r.deferred.begin(), r.deferred.end());
    for (const auto& [key, counts] : r.texts) {
        if (total_of(counts) == 0) continue;
        auto it = s.texts.find(key);
        if (it == s.texts.end()) s.texts.emplace(key, counts);
        else if (keep_new(it->second, counts)) it->second = counts;
    }
}

std::vector<Row> random_rows(std::uint32_t seed, std::size_t n, std::size_t crimes) {
    std::mt19937 rng(seed);
    auto pick = [&](std::uint32_t k) { return static_cast<std::uint32_t>(rng() % k); };
    std::vector<Row> rows;
    for (std::size_t i = 0; i < n; ++i) {
        Row r;
        const std::uint32_t c = pick(static_cast<std::uint32_t>(crimes));
        // Short ids (held inline) and long ones (in the arena).
        r.id = c % 3 ? "AB/" + std::to_string(c) + "/20" : "FORCE-REFERENCE-NUMBER-" + std::to_string(c);
        r.date = 18000 + static_cast<Day>(pick(60));
        r.code = static_cast<std::uint32_t>(r.date % 7);
        r.child = pick(3) == 0;
        r.unknown = pick(5) == 0;
        r.flag = pick(4) == 0;
        r.age = pick(4) == 0 ? kNoAge : static_cast<std::uint8_t>(pick(40));
        r.genders = static_cast<std::uint8_t>(1u << pick(3));
        const std::uint32_t texts = pick(4);
        for (std::uint32_t t = 0; t < texts; ++t) {
            const std::uint64_t key = 1000 + pick(5); // repeats within a crime
            std::vector<PlatformCount> counts;
            // Mostly the same counts for the same key; sometimes different (a date window).
            std::mt19937 krng(static_cast<std::uint32_t>(key * 31 + (pick(6) == 0 ? pick(3) : 0)));
            const std::uint32_t np = static_cast<std::uint32_t>(krng() % 4);
            for (std::uint32_t p = 0; p < np; ++p)
                counts.push_back(PlatformCount{p * 2 + static_cast<std::uint32_t>(krng() % 2),
                                               static_cast<std::uint32_t>(krng() % 3)});
            r.texts.emplace_back(key, counts);
        }
        // Deferred rows, repeated, with offsets that equal text keys (which they must not be
        // mistaken for).
        if (pick(4) == 0) r.deferred.emplace_back(pick(2), 1000 + pick(8));
        rows.push_back(std::move(r));
    }
    return rows;
}

void fold(CrimeMap& map, const Row& r, const CodeOrder& order) {
    const std::uint64_t h = CrimeMap::hash(r.id);
    // Every other row as the pipeline looks it up: in place, with bytes after it (which
    // must not matter).
    std::string padded = r.id + "garbage-after-the-id";
    CrimeState& st = r.date % 2 ? map.upsert(r.id, h)
                                : map.upsert_padded(std::string_view(padded).substr(0, r.id.size()), h);
    st.add_row(r.date, r.code, r.child, r.unknown, r.flag, order);
    st.add_victim(r.age, r.child, r.unknown, r.genders);
    for (const auto& [key, counts] : r.texts) map.add_text(st, h, key, counts.data(), counts.size());
    for (const auto& [file, offset] : r.deferred) map.add_deferred(st, h, file, offset);
}

void check_against(const std::map<std::string, Model>& model, const CrimeSource& source) {
    std::size_t seen = 0;
    std::map<std::string, int> visits;
    std::vector<PlatformCount> totals;
    std::mutex mutex; // sources visit from several threads at once
    source([&](std::string_view id, const CrimeState& st) {
        std::lock_guard<std::mutex> lock(mutex);
        ++seen;
        ++visits[std::string(id)];
        auto it = model.find(std::string(id));
        REQUIRE(it != model.end());
        const Model& m = it->second;
        CHECK(st.date == m.date);
        CHECK(st.code == m.code);
        CHECK(st.rows == m.rows);
        CHECK(st.child == m.child);
        CHECK(st.unknown_age == m.unknown);
        CHECK(st.flagged == m.flag);
        CHECK(st.youngest == m.youngest);
        CHECK(st.genders == m.genders);
        std::multiset<std::pair<std::uint32_t, std::uint64_t>> deferred;
        for (const TextNode* t = st.texts; t; t = t->next)
            if (t->deferred()) deferred.emplace(t->deferred_file(), t->deferred_offset());
        CHECK(deferred == std::multiset<std::pair<std::uint32_t, std::uint64_t>>(m.deferred.begin(), m.deferred.end()));
        CHECK(st.has_deferred() == !m.deferred.empty());
        std::map<std::uint32_t, std::uint32_t> want;
        for (const auto& [key, counts] : m.texts)
            for (const auto& c : counts) want[c.platform] += c.mentions;
        std::map<std::uint32_t, std::uint32_t> got;
        for (const auto& c : st.totals(totals)) got[c.platform] += c.mentions;
        std::erase_if(want, [](const auto& kv) { return kv.second == 0; });
        std::erase_if(got, [](const auto& kv) { return kv.second == 0; });
        CHECK(got == want);
    });
    CHECK(seen == model.size());
    for (const auto& [id, n] : visits) CHECK(n == 1);
}

} // namespace

TEST_CASE("crime fold: folded, merged, spilled and drained states equal a plain model") {
    CodeList codes = CodeList::parse(bundled::home_office_codes, "bundled");
    CodeOrder order{codes, nullptr};
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        const std::vector<Row> rows = random_rows(seed, 30000, 4000);
        std::map<std::string, Model> model;
        for (const auto& r : rows) model_add(model, r);

        // One map, rows in order.
        {
            CrimeMap map;
            for (const auto& r : rows) fold(map, r, order);
            CHECK(map.size() == model.size());
            check_against(model, [&](const CrimeVisitor& f) { map.for_each(f); });
        }
        // Three maps fed in a shuffled order, merged in parallel.
        std::vector<std::size_t> perm(rows.size());
        for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
        std::shuffle(perm.begin(), perm.end(), std::mt19937(seed + 100));
        {
            std::vector<CrimeMap> maps(3);
            for (std::size_t i = 0; i < perm.size(); ++i) fold(maps[i % 3], rows[perm[i]], order);
            std::vector<CrimeMap*> ptrs{&maps[0], &maps[1], &maps[2]};
            CrimeMap::merge_all(ptrs, order);
            CHECK(maps[1].empty());
            check_against(model, [&](const CrimeVisitor& f) { maps[0].for_each(f); });
            check_against(model, [&](const CrimeVisitor& f) { maps[0].for_each_parallel(f); });
        }
        // Three maps, each spilling every 2,000 rows to its own file, then drained: whole
        // partitions, and partitions gathered in slices of about 2 KB of spilled state. The
        // drain visits what the maps still hold too (staged, not written) and empties them.
        for (std::size_t part_bytes : {std::size_t{1} << 30, std::size_t{2048}}) {
            CAPTURE(part_bytes);
            std::vector<CrimeMap> maps(3);
            std::vector<std::unique_ptr<SpillFile>> files;
            for (int i = 0; i < 3; ++i) files.push_back(std::make_unique<SpillFile>("/tmp"));
            for (std::size_t i = 0; i < perm.size(); ++i) {
                fold(maps[i % 3], rows[perm[i]], order);
                if (i % 2000 == 1999) maps[i % 3].spill(*files[i % 3]);
            }
            std::size_t spills = 0;
            for (const auto& f : files) spills += f->spills;
            CHECK(spills == perm.size() / 2000);
            CHECK(maps[0].size() < model.size() / 2); // most of the state is on disk
            CHECK(maps[0].size() > 0);                  // and some still in memory
            std::vector<CrimeMap*> ptrs{&maps[0], &maps[1], &maps[2]};
            std::vector<SpillFile*> fs{files[0].get(), files[1].get(), files[2].get()};
            check_against(model, [&](const CrimeVisitor& f) { CrimeMap::drain(ptrs, fs, part_bytes, order, f); });
            for (auto& m : maps) CHECK(m.empty());
        }
        // Maps that stage their crimes every 500 rows (as a pipeline worker does after each
        // chunk), one of them writing its staged crimes to disk now and then, drained: a crime
        // staged several times is merged, one staged once is visited as it is. Both kinds come
        // from `rows` (crimes of many rows) and from `sparse` (most crimes one row).
        const std::vector<Row> sparse = random_rows(seed + 50, 20000, 200000);
        std::map<std::string, Model> sparse_model;
        for (const auto& r : sparse) model_add(sparse_model, r);
        for (const auto* data : {&rows, &sparse})
            for (std::size_t part_bytes : {std::size_t{1} << 30, std::size_t{4096}}) {
                CAPTURE(part_bytes);
                std::vector<CrimeMap> maps(2);
                SpillFile file("/tmp");
                for (std::size_t i = 0; i < data->size(); ++i) {
                    fold(maps[i % 2], (*data)[i], order);
                    if (i % 500 == 499) maps[i % 2].stage();
                    if (i % 7000 == 6999) maps[0].write_staged(file);
                }
                maps[1].stage();
                CHECK(maps[1].empty()); // held crimes: none, all staged
                CHECK(maps[0].staged_bytes() + maps[1].staged_bytes() > 0);
                CHECK(file.spills == data->size() / 7000);
                std::vector<CrimeMap*> ptrs{&maps[0], &maps[1]};
                std::vector<SpillFile*> fs{&file};
                check_against(data == &rows ? model : sparse_model, [&](const CrimeVisitor& f) {
                    CrimeMap::drain(ptrs, fs, part_bytes, order, f);
                });
                for (auto& m : maps) CHECK(m.staged_bytes() == 0);
            }
    }
}

TEST_CASE("crime fold: ids and texts hashed in place (padded) hash as they do alone") {
    // The padded forms read past the value (masked): whatever follows must not change the
    // hash. Compared with the plain forms on every length around the block sizes, with
    // different bytes after the value.
    std::mt19937 rng(7);
    std::string buf(300, '\0');
    for (std::size_t n = 0; n <= 200; ++n)
        for (int trial = 0; trial < 20; ++trial) {
            for (char& c : buf) c = static_cast<char>(rng());
            const std::string_view s(buf.data(), n);
            CAPTURE(n);
            CHECK(text_hash_padded(s, 99 + n) == text_hash(std::string(s), 99 + n));
            if (n <= 40) CHECK(CrimeMap::hash_padded(buf.data(), n) == CrimeMap::hash(std::string(s)));
        }
    // And the hashes tell values apart (a changed byte, a longer value).
    CHECK(text_hash("snapchat", 1) != text_hash("snapchaT", 1));
    CHECK(text_hash(std::string_view("ab\0", 3), 1) != text_hash("ab", 1));
    CHECK(CrimeMap::hash(std::string_view("AB\0", 3)) != CrimeMap::hash("AB"));
}

TEST_CASE("crime fold: a temporary directory that cannot be written is a plain error") {
    CHECK_THROWS_WITH_AS(SpillFile("/nonexistent-moscan-dir"),
                         doctest::Contains("cannot create a temporary file in /nonexistent-moscan-dir"),
                         IoError);
}
