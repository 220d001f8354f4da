// Micro-benchmarks, one per hot stage, on a synthetic archive made in memory by the generator.
// Each checks its result before it is timed and reports bytes per second.
//   build/moscan_bench --benchmark_filter=Scan
// The naive matcher is the baseline the Hyperscan matcher is compared with (on a small slice:
// it is slow by design).
#include "generator/synth.hpp"
#include "matchers/hyperscan_matcher.hpp"
#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "pipeline/base/bundled.hpp"
#include "pipeline/fold/crime_fold.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "pipeline/base/text_hash.hpp"

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace {

using namespace moscan;

const std::string& archive(synth::Format f) {
    static std::string csv, jsonl;
    std::string& s = f == synth::Format::csv ? csv : jsonl;
    if (s.empty()) {
        synth::Options o;
        o.seed = 42;
        o.target_bytes = 32u << 20;
        o.format = f;
        std::ostringstream out;
        synth::generate(o, out, nullptr);
        s = out.str();
    }
    return s;
}

// The MO texts of the CSV archive (column 6), parsed once.
const std::vector<std::string>& texts() {
    static std::vector<std::string> t;
    if (t.empty()) {
        const std::string& a = archive(synth::Format::csv);
        auto rows = csv::parse_all(a, "bench");
        for (size_t i = 1; i < rows.size(); ++i) t.push_back(rows[i].fields.at(6));
    }
    return t;
}

const PatternSet& patterns() {
    static PatternSet set = PatternSet::parse(bundled::platforms, "bundled");
    return set;
}

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("benchmark self-check failed: ") + what);
}

// Record-aligned splitting as the serial reader does it: quote counting backwards.
void BM_Splitter(benchmark::State& state) {
    const std::string& a = archive(synth::Format::csv);
    const size_t chunk = static_cast<size_t>(state.range(0));
    // Check: every split point is a record start for the full parser.
    {
        std::vector<csv::Field> f;
        size_t pos = 0, n = 0;
        while (pos < a.size() && n < 50) {
            size_t len = std::min(chunk, a.size() - pos);
            size_t e = csv::last_record_end(a.data() + pos, len);
            if (!e) break;
            const char* p = a.data() + pos;
            while (p < a.data() + pos + e) p = csv::parse_record(p, a.data() + a.size(), f).next;
            check(p == a.data() + pos + e, "split at a record boundary");
            pos += e;
            ++n;
        }
    }
    for (auto _ : state) {
        size_t pos = 0;
        while (pos + chunk < a.size()) {
            size_t e = csv::last_record_end(a.data() + pos, chunk);
            pos += e ? e : chunk;
        }
        benchmark::DoNotOptimize(pos);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.size()));
}
BENCHMARK(BM_Splitter)->Arg(1 << 20)->Arg(4 << 20);

// The whole archive through a record-at-a-time parser (csv::parse_record or
// csv::parse_record_fast): records, fields, and records with the archive's 8 columns.
struct Tally {
    size_t records = 0, fields = 0, full = 0;
    bool operator==(const Tally&) const = default;
};
template <typename Parse>
Tally tally_records(const std::string& a, std::vector<csv::Field>& f, Parse parse) {
    Tally t;
    const char* p = a.data();
    const char* end = p + a.size();
    while (p < end) {
        p = parse(p, end, f).next;
        ++t.records;
        t.fields += f.size();
        t.full += f.size() == 8;
    }
    return t;
}

// A record-at-a-time parser over the archive, checked first against csv::parse_all: its
// 8-field records (`full`) or all its records.
template <typename Parse> void parser_bench(benchmark::State& state, Parse parse, bool full) {
    const std::string& a = archive(synth::Format::csv);
    std::vector<csv::Field> f;
    auto parse_all = [&] { return tally_records(a, f, parse); };
    const Tally t = parse_all();
    check((full ? t.full : t.records) == csv::parse_all(a, "bench").size(), "record count");
    for (auto _ : state) benchmark::DoNotOptimize(parse_all());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.size()));
}
auto parse_record = [](const char* p, const char* e, std::vector<csv::Field>& v) {
    return csv::parse_record(p, e, v);
};

void BM_CsvParse(benchmark::State& state) { parser_bench(state, parse_record, true); }
BENCHMARK(BM_CsvParse);

// The record-by-record parser (process_csv's loop before the chunk tokenizer), on the same input:
// the baseline BM_csv_chunk_tokenizer is measured against.
void BM_csv_parse_record_fast(benchmark::State& state) {
    parser_bench(
        state,
        [](const char* p, const char* e, std::vector<csv::Field>& v) { return csv::parse_record_fast(p, e, v); },
        false);
}
BENCHMARK(BM_csv_parse_record_fast);

// The same records from the chunk tokenizer (csv_scan.hpp), the archive as one chunk.
void BM_csv_chunk_tokenizer(benchmark::State& state) {
    const std::string& a = archive(synth::Format::csv);
    std::vector<csv::Field> f;
    csv::ChunkTokenizer tok;
    auto parse_all = [&] {
        size_t records = 0, fields = 0;
        csv::RecordParse rp;
        tok.reset(a.data(), a.size(), a.size());
        while (tok.next(f, rp)) {
            ++records;
            fields += f.size();
        }
        return std::pair{records, fields};
    };
    // Check: the same records and fields as the parser, and the same 8-field records as
    // BM_CsvParse counts.
    {
        const Tally t = tally_records(a, f, parse_record);
        check(parse_all() == std::pair{t.records, t.fields}, "records and fields as parse_record");
        check(t.full == csv::parse_all(a, "bench").size(), "record count");
    }
    for (auto _ : state) benchmark::DoNotOptimize(parse_all());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.size()));
}
BENCHMARK(BM_csv_chunk_tokenizer);

void BM_JsonlParse(benchmark::State& state) {
    const std::string& a = archive(synth::Format::jsonl);
    simdjson::padded_string padded(a);
    simdjson::ondemand::parser parser;
    auto parse_all = [&] {
        size_t bytes = 0;
        const char* p = padded.data();
        const char* end = p + a.size();
        while (p < end) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
            size_t len = (nl ? nl : end) - p;
            simdjson::ondemand::document doc;
            if (!parser.iterate(p, len, padded.size() + simdjson::SIMDJSON_PADDING - (p - padded.data()))
                     .get(doc)) {
                std::string_view mo;
                if (!doc["MOText"].get_string().get(mo)) bytes += mo.size();
            }
            p = nl ? nl + 1 : end;
        }
        return bytes;
    };
    check(parse_all() > a.size() / 3, "MO text extracted");
    for (auto _ : state) benchmark::DoNotOptimize(parse_all());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.size()));
}
BENCHMARK(BM_JsonlParse);

template <typename M> void scan_texts(benchmark::State& state, size_t limit) {
    const auto& t = texts();
    const size_t n = std::min(limit, t.size());
    M matcher(patterns());
    MentionCounter counter(patterns());
    auto scratch = matcher.make_scratch();
    std::vector<Hit> hits;
    std::vector<PlatformCount> counts;
    auto run = [&] {
        size_t mentions = 0;
        for (size_t i = 0; i < n; ++i) {
            hits.clear();
            matcher.scan(t[i], *scratch, hits);
            counter.count(hits, counts);
            for (auto c : counts) mentions += c.mentions;
        }
        return mentions;
    };
    // Check against the other engine on a prefix.
    {
        HyperscanMatcher hs(patterns());
        NaiveMatcher nv(patterns());
        auto s1 = hs.make_scratch(), s2 = nv.make_scratch();
        std::vector<Hit> h1, h2;
        for (size_t i = 0; i < std::min<size_t>(n, 300); ++i) {
            h1.clear();
            h2.clear();
            hs.scan(t[i], *s1, h1);
            nv.scan(t[i], *s2, h2);
            auto key = [](const Hit& a, const Hit& b) {
                return std::tie(a.pattern, a.start, a.end) < std::tie(b.pattern, b.start, b.end);
            };
            std::sort(h1.begin(), h1.end(), key);
            std::sort(h2.begin(), h2.end(), key);
            check(h1 == h2, "hyperscan and naive agree");
        }
    }
    size_t bytes = 0;
    for (size_t i = 0; i < n; ++i) bytes += t[i].size();
    check(run() > 0, "mentions found");
    for (auto _ : state) benchmark::DoNotOptimize(run());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_ScanHyperscan(benchmark::State& state) {
    scan_texts<HyperscanMatcher>(state, SIZE_MAX);
}
BENCHMARK(BM_ScanHyperscan);

// The engine limit: the same database over the whole archive in 1 MiB blocks, no parsing.
void BM_ScanWholeBuffer(benchmark::State& state) {
    const std::string& a = archive(synth::Format::csv);
    HyperscanMatcher matcher(patterns());
    auto scratch = matcher.make_scratch();
    std::vector<Hit> hits;
    auto run = [&] {
        size_t n = 0;
        for (size_t pos = 0; pos < a.size(); pos += 1 << 20) {
            hits.clear();
            matcher.scan(std::string_view(a).substr(pos, 1 << 20), *scratch, hits);
            n += hits.size();
        }
        return n;
    };
    check(run() > 0, "hits found");
    for (auto _ : state) benchmark::DoNotOptimize(run());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.size()));
}
BENCHMARK(BM_ScanWholeBuffer);

void BM_ScanNaive(benchmark::State& state) { scan_texts<NaiveMatcher>(state, 2000); }
BENCHMARK(BM_ScanNaive);

void BM_TextHash(benchmark::State& state) {
    const auto& t = texts();
    size_t bytes = 0;
    for (const auto& s : t) bytes += s.size();
    check(text_hash("abc", 1) != text_hash("abd", 1), "hash differs");
    for (auto _ : state) {
        std::uint64_t h = 0;
        for (const auto& s : t) h ^= text_hash(s, 7);
        benchmark::DoNotOptimize(h);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_TextHash);

// The fold: one upsert + add_row per record, crime ids as in an export (2 rows per crime).
// Rows for the fold benchmarks: 2^20 rows of 2^19 crimes (two rows each, adjacent), each with
// one text naming a platform twice.
struct FoldRows {
    static constexpr size_t kRows = 1 << 20;
    std::vector<std::string> ids;
    CodeList codes = CodeList::parse(bundled::home_office_codes, "bundled");
    CodeOrder order{codes, nullptr};
    std::vector<PlatformCount> counts{{3, 2}};
    FoldRows() {
        for (size_t i = 0; i < kRows; ++i) ids.push_back("WM/" + std::to_string(1000000 + i / 2) + "/20");
    }
    void fold(CrimeMap& map, size_t i) const {
        const std::uint64_t h = CrimeMap::hash(ids[i]);
        CrimeState& st = map.upsert(ids[i], h);
        st.add_row(18000 + static_cast<Day>(i % 700), 1, true, false, false, order);
        map.add_text(st, h, i / 2, counts.data(), counts.size());
    }
};

void BM_Fold(benchmark::State& state) {
    const FoldRows rows;
    for (auto _ : state) {
        CrimeMap map;
        for (size_t i = 0; i < FoldRows::kRows; ++i) rows.fold(map, i);
        check(map.size() == FoldRows::kRows / 2, "crime count");
        benchmark::DoNotOptimize(map.size());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * FoldRows::kRows));
}
BENCHMARK(BM_Fold);

// The pipeline's path with a crime budget: a map of one chunk's crimes (3,300 rows), staged after
// each chunk, and the drain at the end (every crime visited once; a crime's two rows fall in two
// chunks now and then, and are merged there).
void BM_FoldStagedAndDrain(benchmark::State& state) {
    const FoldRows rows;
    for (auto _ : state) {
        CrimeMap map;
        for (size_t i = 0; i < FoldRows::kRows; ++i) {
            rows.fold(map, i);
            if (i % 3300 == 3299) map.stage();
        }
        std::atomic<std::size_t> crimes{0}, folded{0};
        CrimeMap::drain({&map}, {}, 1u << 30, rows.order, [&](std::string_view, const CrimeState& st) {
            ++crimes;
            folded += st.rows;
        });
        check(crimes == FoldRows::kRows / 2 && folded == FoldRows::kRows,
              "every crime once, with all its rows");
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * FoldRows::kRows));
}
BENCHMARK(BM_FoldStagedAndDrain);

} // namespace

BENCHMARK_MAIN();
