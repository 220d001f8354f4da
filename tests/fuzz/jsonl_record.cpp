// The JSON Lines record parser of `moscan count` (count_job.cpp: simdjson On Demand, every
// scalar checked by json_scalar_valid, nested values by the DOM parser) on one arbitrary line
// after a valid first object: the line is rejected as invalid JSON exactly when simdjson's DOM
// parser, on the same (UTF-8-repaired) bytes, finds it is not a JSON object (json_text.hpp,
// json_scalar_valid, says why the two rules are the same); a needed key holding an object or array may instead be
// a bad-value-type reject. Also json_text.hpp against references written here: the unescaper
// against a naive one, json_number_valid against the grammar as a std::regex, and
// append_json_string read back by simdjson.
#include "pipeline/job/count_job.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/input/input_source.hpp"
#include "pipeline/base/json_text.hpp"
#include "pipeline/base/strings.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <unistd.h>

using namespace moscan;

namespace {

// \uXXXX to a code point, or -1.
long hex4(std::string_view s, std::size_t at) {
    if (at + 4 > s.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const char c = s[at + k];
        int d;
        if ('0' <= c && c <= '9') d = c - '0';
        else if ('a' <= c && c <= 'f') d = c - 'a' + 10;
        else if ('A' <= c && c <= 'F') d = c - 'A' + 10;
        else return -1;
        v = v * 16 + d;
    }
    return v;
}

void put_utf8(std::string& o, unsigned long cp) {
    if (cp < 0x80) {
        o += char(cp);
    } else if (cp < 0x800) {
        o += char(0xC0 | (cp >> 6));
        o += char(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
        o += char(0xE0 | (cp >> 12));
        o += char(0x80 | ((cp >> 6) & 63));
        o += char(0x80 | (cp & 63));
    } else {
        o += char(0xF0 | (cp >> 18));
        o += char(0x80 | ((cp >> 12) & 63));
        o += char(0x80 | ((cp >> 6) & 63));
        o += char(0x80 | (cp & 63));
    }
}

// RFC 8259 string escapes, one character at a time.
bool naive_unescape(std::string_view s, std::string& o) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            o += s[i];
            continue;
        }
        if (++i == s.size()) return false;
        switch (s[i]) {
        case '"': o += '"'; break;
        case '\\': o += '\\'; break;
        case '/': o += '/'; break;
        case 'b': o += '\x08'; break;
        case 'f': o += '\x0c'; break;
        case 'n': o += '\x0a'; break;
        case 'r': o += '\x0d'; break;
        case 't': o += '\x09'; break;
        case 'u': {
            long cp = hex4(s, i + 1);
            if (cp < 0) return false;
            i += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF) return false; // a lone low surrogate
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 2 >= s.size() || s[i + 1] != '\\' || s[i + 2] != 'u') return false;
                const long lo = hex4(s, i + 3);
                if (lo < 0xDC00 || lo > 0xDFFF) return false;
                i += 6;
                cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00);
            }
            put_utf8(o, static_cast<unsigned long>(cp));
            break;
        }
        default: return false;
        }
    }
    return true;
}

struct Job {
    std::string path;
    std::unique_ptr<CountJob> job;
};

Job& job() {
    static Job j = [] {
        Job r;
        const auto dir = std::filesystem::temp_directory_path() /
                         ("moscan_fuzz_jsonl_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        r.path = (dir / "input.jsonl").string();
        // A one-platform set: the bundled one takes Hyperscan minutes to compile under ASan,
        // and the record parser, not the matcher, is what this target is for.
        const std::string pat = (dir / "fuzz.pat").string();
        std::FILE* f = std::fopen(pat.c_str(), "wb");
        FUZZ_CHECK(f);
        std::fputs("set fuzz\nplatform snapchat Snapchat\n  pattern snap ?chat\n", f);
        std::fclose(f);
        CountOptions o;
        o.inputs = {r.path};
        o.patterns_file = pat;
        o.quiet = true;
        o.threads = 1;
        o.input_format = InputFormat::jsonl;
        o.encoding = Encoding::utf8;
        o.on_error = OnError::skip;
        o.max_rejected = RejectLimit::parse("100%");
        o.progress = ProgressMode::never;
        r.job = std::make_unique<CountJob>(std::move(o));
        return r;
    }();
    return j;
}

const char kFirst[] = "{\"CrimeRef\":\"H1\",\"DateRecorded\":\"01/05/2020\",\"HOCode\":17,"
                      "\"VictimAge\":12,\"MOText\":\"added on snapchat\"}\n";

void check_json_text(std::string_view s, simdjson::dom::parser& dom) {
    std::string a, b;
    const bool ra = append_json_unescaped(a, s);
    const bool rb = naive_unescape(s, b);
    FUZZ_CHECK(ra == rb);
    if (ra) FUZZ_CHECK(a == b);

    if (s.size() <= 64) {
        static const std::regex number("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        FUZZ_CHECK(json_number_valid(s) == std::regex_match(s.begin(), s.end(), number));
    }

    // A string written by append_json_string reads back as itself (valid UTF-8 only: the
    // parser checks it).
    if (check_utf8(s.data(), s.size()).invalid == 0) {
        const std::string lit = json_string(s);
        const simdjson::padded_string ps(lit);
        std::string_view back;
        FUZZ_CHECK(!dom.parse(ps).get_string().get(back));
        FUZZ_CHECK(back == s);
        std::string scratch;
        FUZZ_CHECK(json_scalar_valid(lit, scratch));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;
    static simdjson::dom::parser dom;
    std::string_view line(reinterpret_cast<const char*>(data), size);
    check_json_text(line, dom);
    line = line.substr(0, line.find('\n'));

    Job& j = job();
    {
        std::FILE* f = std::fopen(j.path.c_str(), "wb");
        FUZZ_CHECK(f);
        std::fputs(kFirst, f);
        std::fwrite(line.data(), 1, line.size(), f);
        std::fputc('\n', f);
        std::fclose(f);
    }
    CountResult r;
    try {
        r = j.job->run();
    } catch (const Error& e) {
        // The one documented way the run may fail here: the line brings a key that is the
        // same column as one of the first line's (case, spaces and '_' ignored), which
        // reader.cpp refuses, naming both.
        if (std::string_view(e.what()).find("have the same name") != std::string_view::npos)
            return 0;
        std::fprintf(stderr, "run failed: %s\n", e.what());
        FUZZ_CHECK(false && "the run fails");
    }
    const RowCounts& rows = r.summary.rows;
    if (trim(line).empty()) {
        FUZZ_CHECK(rows.read == 1);
        FUZZ_CHECK(rows.blank_lines == 1);
        return 0;
    }
    FUZZ_CHECK(rows.read == 2);
    std::string fixed;
    repair_utf8(line.data(), line.size(), fixed);
    simdjson::dom::element e;
    const bool object = !dom.parse(simdjson::padded_string(fixed)).get(e) && e.is_object();
    const auto invalid = rows.rejected[static_cast<std::size_t>(Reject::invalid_json)];
    const auto bad_type = rows.rejected[static_cast<std::size_t>(Reject::bad_value_type)];
    if (object) {
        if (invalid != 0) std::fprintf(stderr, "count rejects a valid object as invalid JSON\n");
        FUZZ_CHECK(invalid == 0);
    } else {
        if (invalid + bad_type != 1)
            std::fprintf(stderr, "count accepts a line that is not a JSON object\n");
        FUZZ_CHECK(invalid + bad_type == 1);
    }
    return 0;
}
