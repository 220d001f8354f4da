// moscan_scan_limit: the engine limit. How fast can the Hyperscan matcher alone go over an
// archive, with no parsing, no scoping and no counting?
//
//   moscan_scan_limit [--patterns FILE] [--threads N] [--block BYTES] [--repeat R] ARCHIVE
//
// Reads the whole file into memory (not timed), splits it into N slices at newline
// boundaries, and lets each of N threads scan its slice with its own scratch, in blocks of
// about --block bytes (default 1 MiB; each block ends at a newline, so no match is cut
// unless a single line is longer than a block). Only the scanning is timed: all threads
// start together and the clock stops when the last one finishes. With --repeat R the scan
// is done R times and the fastest is reported. Prints one JSON line:
//   {"bytes":..,"seconds":..,"mb_per_s":..,"hits":..,"threads":..,"block":..,"patterns":..}
// MB = 10^6 bytes, as moscan's own summary line uses.
//
// Not part of the moscan_bench glob (bench/*.cpp): build it as its own target, e.g.
//   add_executable(moscan_scan_limit bench/tools/scan_limit.cpp)
//   target_link_libraries(moscan_scan_limit PRIVATE moscan_lib)
#include "matchers/hyperscan_matcher.hpp"
#include "matchers/pattern_set.hpp"
#include "pipeline/base/error.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#ifndef MOSCAN_SOURCE_DIR
#define MOSCAN_SOURCE_DIR "."
#endif

namespace {

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "moscan_scan_limit: %s\n"
                 "usage: moscan_scan_limit [--patterns FILE] [--threads N] [--block BYTES] "
                 "[--repeat R] ARCHIVE\n",
                 why);
    std::exit(64);
}

std::uint64_t parse_size(const std::string& s) {
    char* end = nullptr;
    unsigned long long v = std::strtoull(s.c_str(), &end, 10);
    if (end == s.c_str()) usage(("not a size: " + s).c_str());
    std::string unit(end);
    if (unit.empty()) return v;
    if (unit == "K" || unit == "k" || unit == "KiB") return v << 10;
    if (unit == "M" || unit == "m" || unit == "MiB") return v << 20;
    if (unit == "G" || unit == "g" || unit == "GiB") return v << 30;
    usage(("not a size: " + s).c_str());
}

// End of the slice that should end near `want`: just past the next newline at or after it.
std::size_t cut_after_newline(std::string_view data, std::size_t want) {
    if (want >= data.size()) return data.size();
    const void* nl = std::memchr(data.data() + want, '\n', data.size() - want);
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1
              : data.size();
}

// End of the block starting at `from`: just past the last newline within `block` bytes
// (or the whole block when it holds no newline).
std::size_t block_end(std::string_view slice, std::size_t from, std::size_t block) {
    if (slice.size() - from <= block) return slice.size();
    std::size_t limit = from + block;
    for (std::size_t i = limit; i > from; --i)
        if (slice[i - 1] == '\n') return i;
    return limit;
}

} // namespace

int main(int argc, char** argv) {
    std::string patterns = MOSCAN_SOURCE_DIR "/patterns/foi_platforms.pat";
    unsigned threads = 0;
    std::size_t block = 1u << 20;
    int repeat = 1;
    std::string file;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage((a + " needs a value").c_str());
            return argv[++i];
        };
        if (a == "--patterns") patterns = value();
        else if (a == "--threads") threads = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--block") block = parse_size(value());
        else if (a == "--repeat") repeat = std::max(1, std::stoi(value()));
        else if (a == "-h" || a == "--help") usage("the Hyperscan engine's scan rate alone");
        else if (!a.empty() && a[0] == '-' && a != "-") usage(("unknown option " + a).c_str());
        else if (file.empty()) file = a;
        else usage("one archive only");
    }
    if (file.empty()) usage("no archive given");
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    if (block == 0 || block > (1u << 30)) usage("--block must be between 1 and 1G");

    try {
        moscan::PatternSet set = moscan::PatternSet::load(patterns);
        moscan::HyperscanMatcher matcher(set);

        // Read the whole archive (not timed).
        std::string data;
        {
            std::ifstream in(file, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "moscan_scan_limit: cannot open %s\n", file.c_str());
                return 66;
            }
            in.seekg(0, std::ios::end);
            std::streamoff size = in.tellg();
            in.seekg(0, std::ios::beg);
            data.resize(static_cast<std::size_t>(size));
            if (size > 0 && !in.read(data.data(), size)) {
                std::fprintf(stderr, "moscan_scan_limit: cannot read %s\n", file.c_str());
                return 74;
            }
        }
        const std::string_view all(data);

        // N slices at newline boundaries.
        std::vector<std::string_view> slices;
        std::size_t from = 0;
        for (unsigned t = 0; t < threads; ++t) {
            std::size_t to = t + 1 == threads
                                 ? all.size()
                                 : cut_after_newline(all, all.size() * (t + 1) / threads);
            to = std::max(to, from);
            slices.push_back(all.substr(from, to - from));
            from = to;
        }

        // One scratch per thread, made before the clock starts.
        std::vector<std::unique_ptr<moscan::Scratch>> scratch;
        for (unsigned t = 0; t < threads; ++t) scratch.push_back(matcher.make_scratch());

        double best = 0;
        std::uint64_t hits_total = 0;
        for (int r = 0; r < repeat; ++r) {
            std::vector<std::uint64_t> hits(threads, 0);
            std::atomic<unsigned> ready{0};
            std::atomic<bool> go{false};
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) {
                pool.emplace_back([&, t] {
                    std::vector<moscan::Hit> buf;
                    buf.reserve(1 << 16);
                    ready.fetch_add(1);
                    while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
                    std::string_view s = slices[t];
                    std::uint64_t n = 0;
                    for (std::size_t at = 0; at < s.size();) {
                        std::size_t end = block_end(s, at, block);
                        buf.clear();
                        matcher.scan(s.substr(at, end - at), *scratch[t], buf);
                        n += buf.size();
                        at = end;
                    }
                    hits[t] = n;
                });
            }
            while (ready.load() < threads) std::this_thread::yield();
            auto t0 = std::chrono::steady_clock::now();
            go.store(true, std::memory_order_release);
            for (auto& th : pool) th.join();
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                              .count();
            if (r == 0 || secs < best) best = secs;
            hits_total = 0;
            for (auto h : hits) hits_total += h;
        }

        double mbps = best > 0 ? static_cast<double>(all.size()) / 1e6 / best : 0;
        std::printf("{\"bytes\":%zu,\"seconds\":%.6f,\"mb_per_s\":%.1f,\"hits\":%llu,"
                    "\"threads\":%u,\"block\":%zu,\"patterns\":%zu,\"repeat\":%d}\n",
                    all.size(), best, mbps, static_cast<unsigned long long>(hits_total),
                    threads, block, set.patterns.size(), repeat);
        return 0;
    } catch (const moscan::Error& e) {
        std::fprintf(stderr, "moscan_scan_limit: %s\n", e.what());
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "moscan_scan_limit: %s\n", e.what());
        return 70;
    }
}
