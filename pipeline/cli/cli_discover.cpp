#include "pipeline/cli/cli_discover.hpp"

#include "matchers/hyperscan_matcher.hpp"
#include "matchers/naive_matcher.hpp"
#include "pipeline/base/bundled.hpp"
#include "pipeline/cli/cli_options.hpp"
#include "pipeline/eval/discover.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/output_file.hpp"
#include "pipeline/input/reader.hpp"

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
        ("top", po::value<std::string>()->default_value("30"), "candidates listed, 0 to 1000000 (0: all)")
        ("examples", po::value<std::string>()->default_value("3"), "example snippets per candidate (one per crime), 0 to 1000")
        ("dictionary", po::value<std::string>(), "word list (one a line) for the ordinary-word rule (default /usr/share/dict/british-english when present; 'none': no rule)")
        ("max-words", po::value<std::string>()->default_value("500000"), "distinct candidate words tracked (memory bound), 1 to 100000000")
        ("format", po::value<std::string>()->default_value("md"), "md, csv or json")
        ("output,o", po::value<std::string>(), "output file (default: standard output)");
    // clang-format on
    add_job_options(opts);
    po::options_description hidden; // count options a shared job config may hold: ignored
    hidden.add_options()("by", po::value<std::vector<std::string>>(), "")("stage-times", "")(
        "crimes-only", "");
    Args a(args, opts, hidden);
    if (a.has("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    CountOptions o;
    Engine engine = read_job_options(a, o, "discover");
    const std::string format = a.str("format");
    if (format != "md" && format != "markdown" && format != "csv" && format != "json")
        a.fail("format", "--format '" + format + "': expected md, csv or json");
    DiscoverOptions d;
    d.top = static_cast<unsigned>(a.integer("top", 0, 1000000));
    d.examples = static_cast<unsigned>(a.integer("examples", 0, 1000));
    d.max_words = static_cast<std::size_t>(a.integer("max-words", 1, 100000000));
    if (a.has("dictionary")) {
        d.dictionary = a.str("dictionary") == "none" ? std::string() : a.path("dictionary");
        d.dictionary_optional = false;
    }
    const std::string output = a.output_path("output");
    std::vector<std::string> inputs = job_inputs(a, o);
    if (!d.dictionary.empty()) inputs.push_back(d.dictionary);
    check_outputs({{"-o", output}, {"--rejects", o.rejects_file}}, inputs);

    PatternSet set = o.patterns_file.empty()
                         ? PatternSet::parse(bundled::platforms, "<bundled foi_platforms.pat>")
                         : PatternSet::load(o.patterns_file);
    if (set.name.empty()) set.name = "foi_platforms";
    std::unique_ptr<Matcher> matcher;
    if (engine == Engine::naive) matcher = std::make_unique<NaiveMatcher>(set);
    else matcher = std::make_unique<HyperscanMatcher>(set, o.matcher);

    DiscoverReport r = discover(o, set, *matcher, d);
    r.inputs = o.inputs;

    OutputFile file(output);
    std::ostream* out = &file.stream();
    if (format == "csv") write_discover_csv(*out, set, r);
    else if (format == "json") write_discover_json(*out, set, r);
    else write_discover_markdown(*out, set, r);
    file.commit();
    if (!o.quiet)
        std::cerr << "moscan: discover: " << r.records << " records (" << r.skipped
                  << " skipped), " << r.texts << " texts, " << r.words << " candidate words, "
                  << r.candidates.size() << " listed\n";
    return 0;
}

} // namespace moscan::cli
