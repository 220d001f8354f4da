// The --config INI loader (pipeline/cli/cli_options.hpp cli::Args with read_job_options) on
// arbitrary file contents: options or a documented error (moscan::Error, or a
// boost::program_options error, which main reports as a usage error), never a crash or another
// exception; when it loads, the command line still wins (--max-rejected given on it) and a
// relative path from the file is made relative to the file's directory.
#include "pipeline/cli/cli_options.hpp"
#include "pipeline/base/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace moscan;
namespace po = boost::program_options;

namespace {

const std::filesystem::path& temp_dir() {
    static const std::filesystem::path dir = [] {
        const auto d = std::filesystem::temp_directory_path() /
                       ("moscan_fuzz_ini_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 8192) return 0;
    static const po::options_description opts = [] {
        po::options_description d("count");
        cli::add_job_options(d);
        return d;
    }();
    const std::string path = (temp_dir() / "job.ini").string();
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        FUZZ_CHECK(f);
        FUZZ_CHECK(std::fwrite(data, 1, size, f) == size);
        std::fclose(f);
    }
    try {
        const cli::Args a({"in.csv", "--config", path, "--max-rejected", "7"}, opts);
        CountOptions o;
        (void)cli::read_job_options(a, o, "count");
        FUZZ_CHECK(o.max_rejected.kind == RejectLimit::Kind::rows);
        FUZZ_CHECK(o.max_rejected.rows == 7);
        if (a.has("patterns")) {
            const std::string given = a.vm()["patterns"].as<std::string>();
            if (!given.empty() && std::filesystem::path(given).is_relative())
                FUZZ_CHECK(o.patterns_file == (temp_dir() / given).lexically_normal().string());
        }
    } catch (const Error&) {
    } catch (const po::error& e) {
        (void)cli::message_of(e); // what main prints: must end
    }
    return 0;
}
