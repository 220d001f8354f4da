// `moscan eval`: how well a pattern set finds the platforms a labelled archive really names.
//
// The unit is the crime, as in the FOI answer: for each platform, a crime the pattern set
// says names it (mentions > 0 after the crime fold) is compared with the crime's labelled
// platforms. TP = both, FP = found but not labelled, FN = labelled but not found.
//   precision = TP / (TP + FP)   recall = TP / (TP + FN)   F1 = 2 TP / (2 TP + FP + FN)
// each undefined (shown as "-", JSON null) when its denominator is 0. Micro figures pool the
// counts of every platform of the set; macro figures average the per-platform figures over
// the platforms where they are defined. ANY scores the online element (the crime names at
// least one platform of the set) and is not part of micro or macro. A platform marked
// `outside-any` in the set (another online service) is scored like any platform, in micro
// and macro when the truth labels it (some crime of the truth file names it), else listed
// but left out of micro and macro (a truth written for the listed platforms says nothing
// about other services); it is never part of ANY, which keeps count's meaning: names a
// listed platform.
//
// Surface forms and false friends (optional truth columns, see TruthSet): when the truth
// has a `forms` or `friends` column, the report adds recall by surface-form category (over
// the labelled (crime, platform) pairs with that form: TP = the set finds the platform in
// the crime, FN = it does not) and the false-positive rate by false-friend kind (over the
// (crime, platform) pairs carrying that kind, a crime that does not name the platform: FP =
// the set says it names it; rate = FP / pairs). Without those columns the output is as
// before.
//
// Which crimes are scored: those present in both the truth file and the archive that are in
// scope. By default eval has no scope at all (every offence code, every date, any victim
// age): a labelled archive is scored whole. Count's scope options (--groups, --all-codes,
// --period, --every, --max-age, --unknown-age) narrow it to exactly the crimes `count` would
// count with them. Crimes of the truth that were not scored and crimes of the archive that
// the truth does not list are counted and listed, never dropped silently.
//
// Examples: after the scoring run, one plain serial pass re-reads the archive for just the
// crimes listed as false positives or negatives (at most max_examples per platform and kind)
// and shows where in their text the pattern set matched (FP) or what it probably missed (FN:
// the word nearest to one of the platform's pattern literals, else the start of the text).
#pragma once

#include "pipeline/job/count_job.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace moscan {

// The labelled platforms of each crime: a CSV with a header naming `crime_id` and
// `platforms` (ids joined by ';', empty for none); other columns are ignored, except two
// optional ones:
//   forms    the surface forms in which the crime names its labelled platforms, as
//            PLATFORM:CATEGORY items joined by ';' (`snapchat:verb;whatsapp:misspelling`);
//            a platform may have several categories; each PLATFORM must be one of the
//            crime's `platforms`. Categories are free lower-case names (plain, verb,
//            misspelling, abbreviation, spacing, possessive, shorthand, rename, ...).
//   friends  false friends present in a crime that does NOT name that platform, as
//            PLATFORM:KIND items (`signal:traffic;discord:common_noun`); PLATFORM must not
//            be one of the crime's `platforms`.
// Ids, platforms, categories and kinds are trimmed and compared in lower case; an item
// without ':' or with an empty side is an error naming file and line.
class TruthSet {
public:
    struct Crime {
        std::string id;
        std::vector<std::string> platforms; // sorted, distinct
        // (platform, category) and (platform, kind) pairs, sorted, distinct.
        std::vector<std::pair<std::string, std::string>> forms, friends;
    };

    static TruthSet load(const std::string& file); // throws NoInputError / DataError
    static TruthSet parse(std::string_view text, const std::string& source_name);

    const std::vector<Crime>& crimes() const { return crimes_; }
    const Crime* find(std::string_view id) const;
    std::uint64_t duplicate_lines() const { return duplicates_; }
    bool has_forms = false, has_friends = false; // the optional columns are present
    std::string source;

private:
    std::vector<Crime> crimes_; // in file order (duplicates merged into the first)
    std::unordered_map<std::string, std::size_t> index_;
    std::uint64_t duplicates_ = 0;
};

struct Score {
    std::uint64_t tp = 0, fp = 0, fn = 0;
    std::optional<double> precision() const;
    std::optional<double> recall() const;
    std::optional<double> f1() const;
};

struct PlatformScore {
    std::string id, name;
    bool in_set = true; // false: labelled in the truth, but the pattern set has no such platform
    // An `outside-any` platform of the set (another online service) that no crime of the truth
    // file is labelled with: the truth does not speak about it, so its finds are listed (as FP)
    // but left out of micro and macro, which then score what the truth labels.
    bool unlabelled = false;
    Score score;
};

// Recall over the (crime, platform) pairs labelled with a surface-form category, or the
// false-positive rate over the pairs carrying a false-friend kind.
struct CategoryScore {
    std::string name;     // the category or kind
    std::uint64_t n = 0;  // pairs
    std::uint64_t hit = 0; // forms: found (TP); friends: found although not named (FP)
    std::optional<double> rate() const; // hit / n; undefined when n = 0
};

struct EvalExample {
    enum class Kind { false_positive, false_negative };
    Kind kind;
    std::size_t platform; // index into EvalReport::platforms
    std::string crime_id;
    std::string column;  // the text column the snippet comes from (empty: none found)
    std::string snippet; // one line; the match (FP) or likely miss (FN) is in [[ ]]
    std::string note;    // FN: "nearest to 'snapchat', edit distance 1" or "start of text"
};

struct EvalReport {
    std::vector<PlatformScore> platforms; // the set's platforms in set order, then truth-only ids
    Score micro;
    std::optional<double> macro_precision, macro_recall, macro_f1;
    Score any;
    bool has_forms = false, has_friends = false;  // the truth has the optional columns
    std::vector<CategoryScore> forms, friends;    // by name

    std::uint64_t truth_crimes = 0;   // distinct ids in the truth file
    std::uint64_t archive_crimes = 0; // crimes of the archive with a row that passed the row filters
    std::uint64_t scored = 0;
    std::uint64_t out_of_scope = 0;   // in both, but outside the scope rules (age)
    // In the truth, not scored because no row of theirs reached the crime fold: absent from
    // the archive, or every row rejected or outside the row filters (code, date).
    std::uint64_t truth_not_evaluated = 0;
    std::uint64_t truth_absent = 0;     // of those, ids the second pass never saw (if it ran)
    bool absent_known = false;          // the second pass ran and classified them
    std::uint64_t archive_not_in_truth = 0;
    std::vector<std::string> truth_not_evaluated_ids; // first few, sorted
    std::vector<std::string> archive_not_in_truth_ids; // first few, sorted
    static constexpr std::size_t kMaxIds = 20;

    std::vector<EvalExample> examples; // by platform, then FP before FN, then crime id
    std::size_t max_examples = 20;
};

struct EvalOptions {
    std::size_t max_examples = 20; // per platform and kind; 0: no examples, no second pass
    bool scope = false;            // apply the age rule of CountOptions (scope options given)
};

// Scores the crimes of `result` (run with keep_crimes) against `truth`.
EvalReport evaluate(const CountJob& job, const CountResult& result, const TruthSet& truth,
                    const EvalOptions& options);

// The second pass: fills report.examples (snippets) and report.truth_absent by re-reading
// the job's inputs. Cheap next to the scoring run: no matching except for the listed crimes.
void collect_examples(const CountJob& job, const CountResult& result, const TruthSet& truth,
                      EvalReport& report);

void write_eval_markdown(std::ostream& out, const CountJob& job, const CountResult& result,
                         const EvalReport& report, const std::string& truth_source);
void write_eval_csv(std::ostream& out, const EvalReport& report);
void write_eval_json(std::ostream& out, const CountJob& job, const CountResult& result,
                     const EvalReport& report, const std::string& truth_source, bool timing);

} // namespace moscan
