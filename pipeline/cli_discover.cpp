#include "pipeline/cli_discover.hpp"

#include "matchers/hyperscan_matcher.hpp"
#include "matchers/naive_matcher.hpp"
#include "pipeline/bundled.hpp"
#include "pipeline/cli_options.hpp"
#include "pipeline/discover.hpp"
#include "pipeline/error.hpp"
#include "pipeline/reader.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <memory>

namespace po = boost::program_options;

namespace moscan::cli {

int discover_command(const std::vector<std::string>& args) {
    po::options_description opts(
        "moscan discover [options] INPUT...\n\n"
        "Lists candidate platform names that the pattern set does not cover, ranked by the\n"
        "number of crimes: words in platform slots (\"via X\", \"on X\", \"X app\", \"X account\",\n"
        "\"an app called X\", ...) and near misses of the set's names (within edit distance 1-2 of\n"
        "a pattern literal: likely misspellings), with example snippets. Every record of the\n"
        "inputs is read (scope options are ignored); columns are found as by `moscan count`.\n\n"
        "Options");
    // clang-format off
    opts.add_options()
        ("help,h", "show this help")
        ("top", po::value<unsigned>()->default_value(30), "candidates listed (0: all)")
        ("examples", po::value<unsigned>()->default_value(3), "example snippets per candidate (one per crime)")
        ("dictionary", po::value<std::string>(), "word list (one a line) for the ordinary-word rule (default /usr/share/dict/british-english when present; 'none': no rule)")
        ("max-words", po::value<std::size_t>()->default_value(500000), "distinct candidate words tracked (memory bound)")
        ("format", po::value<std::string>()->default_value("md"), "md, csv or json")
        ("output,o", po::value<std::string>(), "output file (default: standard output)");
    // clang-format on
    add_job_options(opts);
    po::options_description hidden; // count options a shared job config may hold: ignored
    hidden.add_options()("by", po::value<std::vector<std::string>>(), "")("stage-times", "")(
        "crimes-only", "");
    Args a(args, opts, hidden);
    const po::variables_map& vm = a.vm();
    if (a.has("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    CountOptions o;
    Engine engine = read_job_options(a, o, "discover");
    const std::string format = a.str("format");
    if (format != "md" && format != "markdown" && format != "csv" && format != "json")
        throw UsageError("--format '" + format + "': expected md, csv or json");
    DiscoverOptions d;
    d.top = vm["top"].as<unsigned>();
    d.examples = vm["examples"].as<unsigned>();
    d.max_words = vm["max-words"].as<std::size_t>();
    if (d.max_words == 0) throw UsageError("--max-words must be at least 1");
    if (a.has("dictionary")) {
        const std::string dict = a.path("dictionary");
        d.dictionary = dict == "none" ? std::string() : dict;
        d.dictionary_optional = false;
    }

    PatternSet set = o.patterns_file.empty()
                         ? PatternSet::parse(bundled::platforms, "<bundled foi_platforms.pat>")
                         : PatternSet::load(o.patterns_file);
    if (set.name.empty()) set.name = "foi_platforms";
    std::unique_ptr<Matcher> matcher;
    if (engine == Engine::naive) matcher = std::make_unique<NaiveMatcher>(set);
    else matcher = std::make_unique<HyperscanMatcher>(set, o.matcher);

    DiscoverReport r = discover(o, set, *matcher, d);
    r.inputs = o.inputs;

    std::ofstream file;
    const std::string output = a.str("output");
    std::ostream* out = &open_output(output, file);
    if (format == "csv") write_discover_csv(*out, set, r);
    else if (format == "json") write_discover_json(*out, set, r);
    else write_discover_markdown(*out, set, r);
    out->flush();
    if (!*out) throw IoError("write failed" + (output.empty() ? "" : ": " + output));
    if (!o.quiet)
        std::cerr << "moscan: discover: " << r.records << " records (" << r.skipped
                  << " skipped), " << r.texts << " texts, " << r.words << " candidate words, "
                  << r.candidates.size() << " listed\n";
    return 0;
}

} // namespace moscan::cli
