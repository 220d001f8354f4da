#include "pipeline/base/text_format.hpp"
#include "pipeline/eval/eval.hpp"
#include "pipeline/base/strings.hpp"
#include "pipeline/base/json_text.hpp"
#include "pipeline/eval/osa.hpp"
#include "pipeline/eval/snippet.hpp"
#include "pipeline/base/text_hash.hpp"

#include "matchers/hyperscan_matcher.hpp"
#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/input/csv_scan.hpp"
#include "pipeline/base/dates.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/input/reader.hpp"
#include "pipeline/input/record_walk.hpp"
#include "pipeline/output/writers.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

namespace moscan {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}



std::string fixed(std::optional<double> v, const char* none) {
    if (!v) return none;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", *v);
    return buf;
}

std::string json_number(std::optional<double> v) {
    if (!v) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", *v);
    return buf;
}

const char* kind_name(EvalExample::Kind k) {
    return k == EvalExample::Kind::false_positive ? "false_positive" : "false_negative";
}

// ---- snippets

bool is_continuation(unsigned char c) { return is_utf8_continuation(c); }

bool word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

// The run of whole words in `text` (lower-case) nearest to `literal`: every run of one to
// three words whose length is within two bytes of the literal's is compared with it.
struct Approx {
    int distance;
    std::size_t begin, end;
};
Approx nearest_words(std::string_view literal, std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> words;
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && !word_byte(text[i])) ++i;
        std::size_t j = i;
        while (j < text.size() && word_byte(text[j])) ++j;
        if (j > i) words.emplace_back(i, j);
        i = j;
    }
    Approx best{1 << 30, 0, 0};
    for (std::size_t w = 0; w < words.size(); ++w)
        for (std::size_t k = w; k < words.size() && k < w + 3; ++k) {
            const std::size_t b = words[w].first, e = words[k].second;
            if (e - b > literal.size() + 2) break;
            if (e - b + 2 < literal.size()) continue;
            const int d = osa_distance(literal, text.substr(b, e - b));
            if (d < best.distance) best = {d, b, e};
        }
    return best;
}

// ---- the second pass: the texts of a few crimes

struct CrimeText {
    std::string column;
    std::string text;
    Day day;
};

class ArchiveRescan {
public:
    ArchiveRescan(const CountOptions& options, const std::unordered_set<std::string>& wanted,
                  const std::unordered_set<std::string>& watch)
        : options_(options), wanted_(wanted), watch_(watch) {}

    std::map<std::string, std::vector<CrimeText>> texts; // wanted crime -> distinct texts
    std::unordered_set<std::string> seen;                  // watched ids found in the archive

    void run() {
        std::string key;
        walk_records(
            read_options_of(options_),
            [&](std::string_view raw_id) {
                key.assign(trim(raw_id));
                return wanted_.count(key) > 0 || watch_.count(key) > 0;
            },
            [&](const WalkRecord& r) { record(r.id, r.date, *r.texts); });
    }

private:
    void record(std::string_view raw_id, std::string_view date,
                const std::vector<std::pair<std::string_view, std::string_view>>& fields) {
        std::string id(trim(raw_id));
        if (watch_.count(id)) seen.insert(id);
        if (!wanted_.count(id)) return;
        auto& list = texts[id];
        std::optional<Day> d = parse_date(trim(date));
        for (const auto& [column, text] : fields) {
            if (text.empty()) continue;
            bool dup = false;
            for (const auto& t : list) dup = dup || (t.column == column && t.text == text);
            if (!dup)
                list.push_back({std::string(column), std::string(text),
                                d ? *d : MentionCounter::kNoDay});
        }
    }

    const CountOptions& options_;
    const std::unordered_set<std::string>& wanted_;
    const std::unordered_set<std::string>& watch_;
};

} // namespace

// ---- truth

namespace {

// "snapchat:verb; whatsapp:misspelling" -> sorted distinct (platform, category) pairs.
std::vector<std::pair<std::string, std::string>> parse_pairs(std::string_view list,
                                                             const std::string& where,
                                                             const char* column) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!list.empty()) {
        size_t semi = list.find(';');
        std::string_view item = trim(list.substr(0, semi));
        list = semi == std::string_view::npos ? std::string_view{} : list.substr(semi + 1);
        if (item.empty()) continue;
        size_t colon = item.find(':');
        std::string_view p = colon == std::string_view::npos ? item : trim(item.substr(0, colon));
        std::string_view c =
            colon == std::string_view::npos ? std::string_view{} : trim(item.substr(colon + 1));
        if (p.empty() || c.empty())
            throw DataError(where + ": " + column + " item '" + std::string(item) +
                            "': expected PLATFORM:" +
                            (std::string(column) == "forms" ? "CATEGORY" : "KIND") +
                            " (items joined by ';')");
        out.emplace_back(lower(p), lower(c));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void merge_pairs(std::vector<std::pair<std::string, std::string>>& into,
                 const std::vector<std::pair<std::string, std::string>>& more) {
    into.insert(into.end(), more.begin(), more.end());
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
}

} // namespace

TruthSet TruthSet::parse(std::string_view text, const std::string& source_name) {
    TruthSet t;
    t.source = source_name;
    std::vector<csv::Row> rows = csv::parse_all(text, source_name);
    if (rows.empty()) throw DataError(source_name + ": empty truth file (expected a header crime_id,platforms)");
    int id_col = -1, platforms_col = -1, forms_col = -1, friends_col = -1;
    const auto& header = rows[0].fields;
    for (size_t i = 0; i < header.size(); ++i) {
        std::string h = lower(trim(i == 0 && header[i].rfind("\xEF\xBB\xBF", 0) == 0
                                       ? std::string_view(header[i]).substr(3)
                                       : std::string_view(header[i])));
        if (h == "crime_id") id_col = static_cast<int>(i);
        else if (h == "platforms") platforms_col = static_cast<int>(i);
        else if (h == "forms") forms_col = static_cast<int>(i);
        else if (h == "friends") friends_col = static_cast<int>(i);
    }
    t.has_forms = forms_col >= 0;
    t.has_friends = friends_col >= 0;
    std::vector<std::string> lines_of; // per crime: where it was first listed
    if (id_col < 0 || platforms_col < 0) {
        std::string found;
        for (const auto& h : header) found += (found.empty() ? "" : ", ") + h;
        throw DataError(source_name + ":" + std::to_string(rows[0].line) +
                        ": the truth header must name crime_id and platforms (found: " + found +
                        ")");
    }
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& f = rows[r].fields;
        const std::string where = source_name + ":" + std::to_string(rows[r].line);
        if (f.size() != header.size())
            throw DataError(where + ": expected " + std::to_string(header.size()) +
                            " fields, found " + std::to_string(f.size()));
        std::string id(trim(f[static_cast<size_t>(id_col)]));
        if (id.empty()) throw DataError(where + ": empty crime_id");
        std::vector<std::string> platforms;
        std::string_view list = f[static_cast<size_t>(platforms_col)];
        while (!list.empty()) {
            size_t semi = list.find(';');
            std::string_view item = trim(list.substr(0, semi));
            if (!item.empty()) platforms.push_back(lower(item));
            list = semi == std::string_view::npos ? std::string_view{} : list.substr(semi + 1);
        }
        std::vector<std::pair<std::string, std::string>> forms, friends;
        if (forms_col >= 0) {
            forms = parse_pairs(f[static_cast<size_t>(forms_col)], where, "forms");
            for (const auto& [p, c] : forms)
                if (std::find(platforms.begin(), platforms.end(), p) == platforms.end())
                    throw DataError(where + ": forms item '" + p + ":" + c + "': platform '" + p +
                                    "' is not in this crime's platforms (a form describes how "
                                    "a labelled platform is named)");
        }
        if (friends_col >= 0) {
            friends = parse_pairs(f[static_cast<size_t>(friends_col)], where, "friends");
            for (const auto& [p, k] : friends)
                if (std::find(platforms.begin(), platforms.end(), p) != platforms.end())
                    throw DataError(where + ": friends item '" + p + ":" + k + "': platform '" +
                                    p +
                                    "' is in this crime's platforms (a false friend belongs to "
                                    "a crime that does not name the platform)");
        }
        auto [it, fresh] = t.index_.emplace(id, t.crimes_.size());
        if (fresh) {
            t.crimes_.push_back({id, {}, {}, {}});
            lines_of.push_back(where);
        } else {
            ++t.duplicates_; // the same crime listed again: its platforms are merged
        }
        Crime& crime = t.crimes_[it->second];
        auto& into = crime.platforms;
        into.insert(into.end(), platforms.begin(), platforms.end());
        std::sort(into.begin(), into.end());
        into.erase(std::unique(into.begin(), into.end()), into.end());
        merge_pairs(crime.forms, forms);
        merge_pairs(crime.friends, friends);
    }
    // A crime listed twice may name, on one line, a platform given as a false friend on the
    // other.
    for (size_t i = 0; i < t.crimes_.size(); ++i)
        for (const auto& [p, k] : t.crimes_[i].friends)
            if (std::binary_search(t.crimes_[i].platforms.begin(), t.crimes_[i].platforms.end(), p))
                throw DataError(lines_of[i] + ": crime " + t.crimes_[i].id + ": friends item '" +
                                p + ":" + k + "' names a platform the crime is labelled with "
                                "(on another line of the truth)");
    return t;
}

TruthSet TruthSet::load(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw NoInputError("cannot open truth file " + file);
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw IoError("cannot read truth file " + file);
    return parse(ss.str(), file);
}

const TruthSet::Crime* TruthSet::find(std::string_view id) const {
    auto it = index_.find(std::string(id));
    return it == index_.end() ? nullptr : &crimes_[it->second];
}

// ---- scores

std::optional<double> Score::precision() const {
    if (tp + fp == 0) return std::nullopt;
    return static_cast<double>(tp) / static_cast<double>(tp + fp);
}
std::optional<double> Score::recall() const {
    if (tp + fn == 0) return std::nullopt;
    return static_cast<double>(tp) / static_cast<double>(tp + fn);
}
std::optional<double> CategoryScore::rate() const {
    if (n == 0) return std::nullopt;
    return static_cast<double>(hit) / static_cast<double>(n);
}

std::optional<double> Score::f1() const {
    if (tp + fp + fn == 0) return std::nullopt;
    return 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn);
}

EvalReport evaluate(const CountJob& job, const CountResult& result, const TruthSet& truth,
                    const EvalOptions& options) {
    if (!result.crimes) throw Error(ExitCode::software, "eval: the count ran without keep_crimes");
    const PatternSet& set = job.patterns();
    const CountOptions& co = job.options();
    EvalReport report;
    report.max_examples = options.max_examples;
    for (const auto& p : set.platforms) report.platforms.push_back({p.id, p.name, true, false, {}});
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < report.platforms.size(); ++i) index[report.platforms[i].id] = i;
    // Ids the truth uses that the set does not define: scored (all FN), outside micro/macro.
    std::set<std::string> extra;
    for (const auto& c : truth.crimes())
        for (const auto& p : c.platforms)
            if (!index.count(p)) extra.insert(p);
    for (const auto& p : extra) {
        index[p] = report.platforms.size();
        report.platforms.push_back({p, p, false, false, {}});
    }
    const std::size_t np = report.platforms.size();
    {
        std::set<std::string> labelled_ids;
        for (const auto& c : truth.crimes()) labelled_ids.insert(c.platforms.begin(), c.platforms.end());
        for (std::size_t p = 0; p < set.platforms.size(); ++p)
            report.platforms[p].unlabelled =
                set.platforms[p].outside_any && !labelled_ids.count(set.platforms[p].id);
    }
    // Platforms of the set that are part of ANY (all but those marked outside-any).
    std::vector<bool> in_any(np, false);
    for (std::size_t p = 0; p < set.platforms.size(); ++p) in_any[p] = !set.platforms[p].outside_any;
    report.has_forms = truth.has_forms;
    report.has_friends = truth.has_friends;
    std::map<std::string, CategoryScore> forms, friends;
    report.truth_crimes = truth.crimes().size();
    report.archive_crimes = result.crimes->size();

    // Candidates for examples: (hash, id) per platform and kind, the smallest hashes kept.
    struct Candidate {
        std::uint64_t hash;
        std::string id;
        bool operator<(const Candidate& o) const {
            return hash != o.hash ? hash < o.hash : id < o.id;
        }
    };
    std::vector<std::set<Candidate>> fp_examples(np), fn_examples(np);
    auto offer = [&](std::set<Candidate>& into, std::string_view id) {
        if (options.max_examples == 0) return;
        Candidate c{fnv1a64(id), std::string(id)}; // a stable order spread over the archive
        if (into.size() < options.max_examples) {
            into.insert(std::move(c));
        } else if (c < *into.rbegin()) {
            into.erase(std::prev(into.end()));
            into.insert(std::move(c));
        }
    };

    std::set<std::string> not_in_truth;
    std::vector<PlatformCount> totals;
    std::vector<bool> found(np), labelled(np);
    result.crimes->for_each([&](std::string_view id, const CrimeState& st) {
        const TruthSet::Crime* t = truth.find(id);
        if (!t) {
            ++report.archive_not_in_truth;
            if (not_in_truth.size() < EvalReport::kMaxIds ||
                std::string(id) < *not_in_truth.rbegin()) {
                not_in_truth.insert(std::string(id));
                if (not_in_truth.size() > EvalReport::kMaxIds)
                    not_in_truth.erase(std::prev(not_in_truth.end()));
            }
            return;
        }
        if (options.scope && !scope_of(co).admits(st.child, st.unknown_age)) {
            ++report.out_of_scope;
            return;
        }
        ++report.scored;
        std::fill(found.begin(), found.end(), false);
        std::fill(labelled.begin(), labelled.end(), false);
        bool any_found = false;
        for (const auto& pc : st.totals(totals))
            if (pc.mentions > 0) {
                found[pc.platform] = true;
                any_found = any_found || in_any[pc.platform];
            }
        for (const auto& p : t->platforms) labelled[index.at(p)] = true;
        for (const auto& [p, c] : t->forms) {
            CategoryScore& f = forms[c];
            ++f.n;
            f.hit += found[index.at(p)];
        }
        for (const auto& [p, k] : t->friends) {
            CategoryScore& f = friends[k];
            ++f.n;
            auto it = index.find(p);
            f.hit += it != index.end() && found[it->second];
        }
        for (std::size_t p = 0; p < np; ++p) {
            Score& s = report.platforms[p].score;
            if (found[p] && labelled[p]) ++s.tp;
            else if (found[p]) {
                ++s.fp;
                offer(fp_examples[p], id);
            } else if (labelled[p]) {
                ++s.fn;
                offer(fn_examples[p], id);
            }
        }
        // The online element counts only the set's platforms, as `count` does.
        bool any_labelled_in_set = false;
        for (const auto& p : t->platforms) any_labelled_in_set |= in_any[index.at(p)];
        if (any_found && any_labelled_in_set) ++report.any.tp;
        else if (any_found) ++report.any.fp;
        else if (any_labelled_in_set) ++report.any.fn;
    });
    report.archive_not_in_truth_ids.assign(not_in_truth.begin(), not_in_truth.end());
    for (auto& [name, f] : forms) {
        f.name = name;
        report.forms.push_back(f);
    }
    for (auto& [name, f] : friends) {
        f.name = name;
        report.friends.push_back(f);
    }

    std::set<std::string> missing;
    for (const auto& c : truth.crimes()) {
        if (result.crimes->find(c.id)) continue;
        ++report.truth_not_evaluated;
        missing.insert(c.id);
        if (missing.size() > EvalReport::kMaxIds) missing.erase(std::prev(missing.end()));
    }
    report.truth_not_evaluated_ids.assign(missing.begin(), missing.end());

    // Micro and macro over the set's platforms.
    double sp = 0, sr = 0, sf = 0;
    int np_ = 0, nr = 0, nf = 0;
    for (const auto& p : report.platforms) {
        if (!p.in_set || p.unlabelled) continue;
        report.micro.tp += p.score.tp;
        report.micro.fp += p.score.fp;
        report.micro.fn += p.score.fn;
        if (auto v = p.score.precision()) sp += *v, ++np_;
        if (auto v = p.score.recall()) sr += *v, ++nr;
        if (auto v = p.score.f1()) sf += *v, ++nf;
    }
    if (np_) report.macro_precision = sp / np_;
    if (nr) report.macro_recall = sr / nr;
    if (nf) report.macro_f1 = sf / nf;

    for (std::size_t p = 0; p < np; ++p) {
        for (const auto& c : fp_examples[p])
            report.examples.push_back({EvalExample::Kind::false_positive, p, c.id, "", "", ""});
        for (const auto& c : fn_examples[p])
            report.examples.push_back({EvalExample::Kind::false_negative, p, c.id, "", "", ""});
    }
    return report;
}

void collect_examples(const CountJob& job, const CountResult& result, const TruthSet& truth,
                      EvalReport& report) {
    (void)result;
    for (const auto& in : job.options().inputs)
        if (in == "-") return; // standard input cannot be read twice
    std::unordered_set<std::string> wanted, watch;
    for (const auto& e : report.examples) wanted.insert(e.crime_id);
    if (report.truth_not_evaluated > 0)
        for (const auto& c : truth.crimes())
            if (!result.crimes || !result.crimes->find(c.id)) watch.insert(c.id);
    if (wanted.empty() && watch.empty()) {
        report.absent_known = true;
        return;
    }
    CountOptions o = job.options();
    o.quiet = true;
    o.progress = ProgressMode::never;
    ArchiveRescan rescan(o, wanted, watch);
    rescan.run();
    report.truth_absent = watch.size() - rescan.seen.size();
    report.absent_known = true;

    const PatternSet& set = job.patterns();
    HyperscanMatcher matcher(set);
    auto scratch = matcher.make_scratch();
    MentionCounter counter(set);
    // Per platform: the lower-case literals of its patterns (for "nearest" hints on misses).
    std::vector<std::vector<std::string>> literals(report.platforms.size());
    std::vector<bool> literals_made(report.platforms.size(), false);
    auto literals_of = [&](std::size_t p) -> const std::vector<std::string>& {
        if (literals_made[p]) return literals[p];
        literals_made[p] = true;
        std::set<std::string> seen;
        for (const auto& pat : set.patterns) {
            if (pat.exclude || pat.term || set.platforms[pat.platform].id != report.platforms[p].id)
                continue; // terms belong to no platform (their platform index is kNoPlatform)
            try {
                for (const auto& lit : NaiveMatcher::expand(pat.engine_expression(), pat.source)) {
                    std::string s;
                    for (int t : lit)
                        if (t < 0x100) s.push_back(static_cast<char>(t));
                    s = lower(s);
                    if (s.size() >= 4 && seen.size() < 5000) seen.insert(s);
                }
            } catch (const Error&) {
                // outside the reference subset: no hints from this pattern
            }
        }
        if (seen.empty()) seen.insert(lower(report.platforms[p].id));
        literals[p].assign(seen.begin(), seen.end());
        return literals[p];
    };

    std::vector<Hit> hits, one;
    std::vector<PlatformCount> counts;
    for (auto& e : report.examples) {
        auto it = rescan.texts.find(e.crime_id);
        if (it == rescan.texts.end() || it->second.empty()) {
            e.note = "no text found on a second reading of the archive";
            continue;
        }
        const auto& texts = it->second;
        const PlatformScore& ps = report.platforms[e.platform];
        if (e.kind == EvalExample::Kind::false_positive) {
            const int pi = set.find_platform(ps.id);
            bool done = false;
            for (const auto& t : texts) {
                hits.clear();
                matcher.scan(t.text, *scratch, hits);
                // Candidates: this platform's include matches; everything else (its
                // excludes, other platforms, helper terms) stays as context for the rule.
                std::vector<Hit> candidates, others;
                for (const auto& h : hits) {
                    const Pattern& pat = set.patterns[h.pattern];
                    (static_cast<int>(pat.platform) == pi && !pat.exclude ? candidates : others)
                        .push_back(h);
                }
                std::sort(candidates.begin(), candidates.end(),
                          [](const Hit& a, const Hit& b) {
                              return a.start != b.start ? a.start < b.start : a.end > b.end;
                          });
                for (const auto& h : candidates) {
                    // The mention rule decides, with this one candidate in its text.
                    one = others;
                    one.push_back(h);
                    counter.count(one, counts, t.day);
                    bool survives = false;
                    for (const auto& c : counts)
                        survives |= static_cast<int>(c.platform) == pi && c.mentions > 0;
                    if (!survives) continue;
                    e.column = t.column;
                    e.snippet = snippet(t.text, h.start, h.end);
                    e.note = "pattern line " + std::to_string(set.patterns[h.pattern].line);
                    done = true;
                    break;
                }
                if (done) break;
            }
            if (!done) e.note = "no match found on a second reading";
        } else {
            Approx best{1 << 30, 0, 0};
            const CrimeText* where = nullptr;
            std::string best_literal;
            if (ps.in_set) {
                for (const auto& t : texts) {
                    const std::string folded = lower(t.text);
                    for (const auto& lit : literals_of(e.platform)) {
                        Approx a = nearest_words(lit, folded);
                        const int limit = lit.size() >= 10 ? 2 : 1;
                        if (a.distance > limit) continue;
                        if (a.distance < best.distance ||
                            (a.distance == best.distance && lit.size() > best_literal.size())) {
                            best = a;
                            where = &t;
                            best_literal = lit;
                        }
                    }
                }
            }
            if (where) {
                e.column = where->column;
                e.snippet = snippet(where->text, best.begin, best.end);
                e.note = "nearest to '" + best_literal + "', edit distance " +
                         std::to_string(best.distance);
            } else {
                e.column = texts.front().column;
                const std::string& t = texts.front().text;
                std::size_t cut = std::min<std::size_t>(t.size(), 140);
                while (cut < t.size() && is_continuation(static_cast<unsigned char>(t[cut])))
                    ++cut;
                e.snippet.clear();
                for (std::size_t i = 0; i < cut; ++i)
                    e.snippet.push_back(t[i] == '\n' || t[i] == '\r' || t[i] == '\t' ? ' ' : t[i]);
                if (cut < t.size()) e.snippet += "...";
                e.note = texts.size() > 1 ? "start of the first of " + std::to_string(texts.size()) +
                                                " texts"
                                          : "start of the text";
            }
        }
    }
}

// ---- output

namespace {

std::string crimes_line(const EvalReport& r) {
    std::string s = std::to_string(r.truth_not_evaluated);
    if (r.truth_not_evaluated && r.absent_known)
        s += " (absent from the archive: " + std::to_string(r.truth_absent) +
             "; in the archive but no row used - rejected, or outside the offence codes or "
             "periods: " +
             std::to_string(r.truth_not_evaluated - r.truth_absent) + ")";
    return s;
}

} // namespace

void write_eval_markdown(std::ostream& out, const CountJob& job, const CountResult& result,
                         const EvalReport& r, const std::string& truth_source) {
    Provenance p = provenance_of(job);
    out << "# Pattern-set evaluation\n\n";
    out << "Pattern set " << p.pattern_set << " (" << p.pattern_hash << ", " << p.pattern_source
        << "), " << p.engine << ", moscan " << p.version << ".  \n";
    out << "Truth: " << truth_source << ". Archive: ";
    for (size_t i = 0; i < result.inputs.size(); ++i) out << (i ? ", " : "") << result.inputs[i];
    out << ".  \nScope: periods " << p.periods << "; groups " << p.groups << "; " << p.age_rule
        << ". Text columns: " << p.text_columns << ".\n\n";

    out << "## Crimes\n\n| | crimes |\n|---|---:|\n";
    out << "| in the truth file | " << r.truth_crimes << " |\n";
    out << "| in the archive (a row passed the row filters) | " << r.archive_crimes << " |\n";
    out << "| **scored** (in both, in scope) | " << r.scored << " |\n";
    if (r.out_of_scope) out << "| in both, outside the age rule | " << r.out_of_scope << " |\n";
    out << "| in the truth, not evaluated | " << crimes_line(r) << " |\n";
    out << "| in the archive, not in the truth | " << r.archive_not_in_truth << " |\n\n";

    out << "## Scores per platform\n\nA crime is a true positive for a platform when the "
           "pattern set finds it and the truth lists it.\n\n";
    out << "| platform | labelled | found | TP | FP | FN | precision | recall | F1 |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    auto line = [&](const std::string& label, const Score& s, std::optional<double> pr,
                    std::optional<double> rc, std::optional<double> f1) {
        out << "| " << md_cell(label) << " | " << s.tp + s.fn << " | " << s.tp + s.fp << " | "
            << s.tp << " | " << s.fp << " | " << s.fn << " | " << fixed(pr, "-") << " | "
            << fixed(rc, "-") << " | " << fixed(f1, "-") << " |\n";
    };
    bool extra = false, unlabelled = false;
    for (const auto& ps : r.platforms) {
        line(!ps.in_set      ? ps.id + " (not in the pattern set)"
             : ps.unlabelled ? ps.id + " (not labelled in the truth)"
                             : ps.id,
             ps.score, ps.score.precision(), ps.score.recall(), ps.score.f1());
        extra |= !ps.in_set;
        unlabelled |= ps.unlabelled;
    }
    line("**micro**", r.micro, r.micro.precision(), r.micro.recall(), r.micro.f1());
    out << "| **macro** | | | | | | " << fixed(r.macro_precision, "-") << " | "
        << fixed(r.macro_recall, "-") << " | " << fixed(r.macro_f1, "-") << " |\n";
    line("ANY (online element)", r.any, r.any.precision(), r.any.recall(), r.any.f1());
    out << "\nMicro pools the TP/FP/FN of the set's platforms; macro is the mean of the "
           "per-platform figures where defined (\"-\": no crime labelled or found).";
    if (extra) out << " Platforms not in the pattern set are listed but left out of micro and macro.";
    if (unlabelled)
        out << " An other-online-service platform (`outside-any`) that no crime of the truth is "
               "labelled with is listed (its finds as FP) but left out of micro and macro.";
    out << "\n";

    if (r.has_forms) {
        out << "\n## Recall by surface form\n\nOver the labelled (crime, platform) pairs whose "
               "platform the crime names in that form (truth column `forms`): TP = the set "
               "finds the platform in the crime.\n\n";
        out << "| surface form | labelled | TP | FN | recall |\n|---|---:|---:|---:|---:|\n";
        for (const auto& f : r.forms)
            out << "| " << md_cell(f.name) << " | " << f.n << " | " << f.hit << " | "
                << f.n - f.hit << " | " << fixed(f.rate(), "-") << " |\n";
    }
    if (r.has_friends) {
        out << "\n## False positives by false-friend kind\n\nOver the (crime, platform) pairs "
               "where the crime carries a false friend of a platform it does not name (truth "
               "column `friends`): FP = the set says the crime names the platform.\n\n";
        out << "| false friend | crimes | FP | FP rate |\n|---|---:|---:|---:|\n";
        for (const auto& f : r.friends)
            out << "| " << md_cell(f.name) << " | " << f.n << " | " << f.hit << " | "
                << fixed(f.rate(), "-") << " |\n";
    }

    if (!r.truth_not_evaluated_ids.empty() || !r.archive_not_in_truth_ids.empty()) {
        out << "\n## Crimes not scored\n\n";
        if (!r.truth_not_evaluated_ids.empty()) {
            out << "In the truth, not evaluated (first " << r.truth_not_evaluated_ids.size()
                << " of " << r.truth_not_evaluated << "): ";
            for (size_t i = 0; i < r.truth_not_evaluated_ids.size(); ++i)
                out << (i ? ", " : "") << "`" << md_cell(r.truth_not_evaluated_ids[i]) << "`";
            out << "\n\n";
        }
        if (!r.archive_not_in_truth_ids.empty()) {
            out << "In the archive, not in the truth (first " << r.archive_not_in_truth_ids.size()
                << " of " << r.archive_not_in_truth << "): ";
            for (size_t i = 0; i < r.archive_not_in_truth_ids.size(); ++i)
                out << (i ? ", " : "") << "`" << md_cell(r.archive_not_in_truth_ids[i]) << "`";
            out << "\n";
        }
    }

    if (!r.examples.empty()) {
        out << "\n## False positives and false negatives\n\nAt most " << r.max_examples
            << " of each per platform. FP: the match is in [[ ]]. FN: the likely miss is in "
               "[[ ]] when a word is close to one of the platform's pattern literals.\n";
        std::size_t current = SIZE_MAX;
        for (const auto& e : r.examples) {
            if (e.platform != current) {
                current = e.platform;
                const Score& s = r.platforms[current].score;
                out << "\n### " << r.platforms[current].id << " (FP " << s.fp << ", FN " << s.fn
                    << ")\n\n";
            }
            out << "- " << (e.kind == EvalExample::Kind::false_positive ? "FP" : "FN") << " `"
                << md_cell(e.crime_id) << "`" << (e.column.empty() ? "" : " " + e.column)
                << ": " << md_cell(e.snippet);
            if (!e.note.empty()) out << " _(" << md_cell(e.note) << ")_";
            out << "\n";
        }
    }
}

void write_eval_csv(std::ostream& out, const EvalReport& r) {
    // With surface forms or false friends in the truth, a last column fp_rate (friend rows).
    const bool rates = r.has_forms || r.has_friends;
    std::string s = "row,platform,labelled,found,tp,fp,fn,precision,recall,f1,crime_id,column,"
                    "text,note";
    s += rates ? ",fp_rate\n" : "\n";
    const std::string tail = rates ? "," : "";
    auto score_row = [&](const char* kind, const std::string& platform, const Score& sc,
                         std::optional<double> p, std::optional<double> rc,
                         std::optional<double> f1, bool counts) {
        s += kind;
        s += ',';
        csv::append_field(s, platform);
        if (counts)
            s += ',' + std::to_string(sc.tp + sc.fn) + ',' + std::to_string(sc.tp + sc.fp) +
                 ',' + std::to_string(sc.tp) + ',' + std::to_string(sc.fp) + ',' +
                 std::to_string(sc.fn);
        else
            s += ",,,,,";
        s += ',' + fixed(p, "") + ',' + fixed(rc, "") + ',' + fixed(f1, "") + ",,,," + tail + "\n";
    };
    for (const auto& ps : r.platforms)
        score_row(!ps.in_set ? "platform_not_in_set" : ps.unlabelled ? "platform_not_labelled" : "platform", ps.id, ps.score,
                  ps.score.precision(), ps.score.recall(), ps.score.f1(), true);
    score_row("micro", "", r.micro, r.micro.precision(), r.micro.recall(), r.micro.f1(), true);
    score_row("macro", "", {}, r.macro_precision, r.macro_recall, r.macro_f1, false);
    score_row("any", "ANY", r.any, r.any.precision(), r.any.recall(), r.any.f1(), true);
    // form: platform = the category, labelled = pairs, found = tp; friend: platform = the
    // kind, labelled = pairs, found = fp.
    for (const auto& f : r.forms)
        csv::append_row(s, {"form", f.name, std::to_string(f.n), std::to_string(f.hit),
                            std::to_string(f.hit), "", std::to_string(f.n - f.hit), "",
                            fixed(f.rate(), ""), "", "", "", "", "", ""});
    for (const auto& f : r.friends)
        csv::append_row(s, {"friend", f.name, std::to_string(f.n), std::to_string(f.hit), "",
                            std::to_string(f.hit), "", "", "", "", "", "", "", "",
                            fixed(f.rate(), "")});
    auto row = [&](std::initializer_list<std::string_view> v) {
        bool first = true;
        for (std::string_view f : v) {
            if (!first) s += ',';
            first = false;
            csv::append_field(s, f);
        }
        s += rates ? ",\n" : "\n";
    };
    for (const auto& e : r.examples)
        row({kind_name(e.kind), r.platforms[e.platform].id, "", "", "", "", "", "", "", "",
             e.crime_id, e.column, e.snippet, e.note});
    for (const auto& id : r.truth_not_evaluated_ids)
        row({"truth_not_evaluated", "", "", "", "", "", "", "", "", "", id, "", "", ""});
    for (const auto& id : r.archive_not_in_truth_ids)
        row({"archive_not_in_truth", "", "", "", "", "", "", "", "", "", id, "", "", ""});
    out << s;
}

void write_eval_json(std::ostream& out, const CountJob& job, const CountResult& result,
                     const EvalReport& r, const std::string& truth_source, bool timing) {
    Provenance p = provenance_of(job);
    auto score = [](const Score& s) {
        return "\"labelled\": " + std::to_string(s.tp + s.fn) +
               ", \"found\": " + std::to_string(s.tp + s.fp) + ", \"tp\": " + std::to_string(s.tp) +
               ", \"fp\": " + std::to_string(s.fp) + ", \"fn\": " + std::to_string(s.fn) +
               ", \"precision\": " + json_number(s.precision()) +
               ", \"recall\": " + json_number(s.recall()) + ", \"f1\": " + json_number(s.f1());
    };
    std::string j = "{\n  \"moscan\": {\"version\": " + json_string(p.version) +
                    ", \"engine\": " + json_string(p.engine) +
                    ", \"pattern_set\": " + json_string(p.pattern_set) +
                    ", \"pattern_set_hash\": " + json_string(p.pattern_hash) +
                    ", \"pattern_source\": " + json_string(p.pattern_source) + "},\n";
    j += "  \"truth\": " + json_string(truth_source) + ",\n  \"inputs\": [";
    for (size_t i = 0; i < result.inputs.size(); ++i)
        j += (i ? ", " : "") + json_string(result.inputs[i]);
    j += "],\n  \"scope\": {\"periods\": " + json_string(p.periods) +
         ", \"groups\": " + json_string(p.groups) + ", \"age\": " + json_string(p.age_rule) +
         "},\n";
    j += "  \"crimes\": {\"truth\": " + std::to_string(r.truth_crimes) +
         ", \"archive\": " + std::to_string(r.archive_crimes) +
         ", \"scored\": " + std::to_string(r.scored) +
         ", \"out_of_scope\": " + std::to_string(r.out_of_scope) +
         ", \"truth_not_evaluated\": " + std::to_string(r.truth_not_evaluated) +
         ", \"truth_absent_from_archive\": " +
         (r.absent_known ? std::to_string(r.truth_absent) : std::string("null")) +
         ", \"archive_not_in_truth\": " + std::to_string(r.archive_not_in_truth) + "},\n";
    j += "  \"platforms\": [\n";
    for (size_t i = 0; i < r.platforms.size(); ++i) {
        const auto& ps = r.platforms[i];
        j += "    {\"platform\": " + json_string(ps.id) + ", \"in_set\": " +
             (ps.in_set ? "true" : "false") + ", \"in_micro\": " +
             (ps.in_set && !ps.unlabelled ? "true" : "false") + ", " + score(ps.score) + "}" +
             (i + 1 < r.platforms.size() ? ",\n" : "\n");
    }
    j += "  ],\n  \"micro\": {" + score(r.micro) + "},\n";
    j += "  \"macro\": {\"precision\": " + json_number(r.macro_precision) +
         ", \"recall\": " + json_number(r.macro_recall) + ", \"f1\": " + json_number(r.macro_f1) +
         "},\n";
    j += "  \"any\": {" + score(r.any) + "},\n";
    if (r.has_forms) {
        j += "  \"surface_forms\": [";
        for (size_t i = 0; i < r.forms.size(); ++i) {
            const auto& f = r.forms[i];
            j += std::string(i ? ", " : "") + "{\"form\": " + json_string(f.name) +
                 ", \"labelled\": " + std::to_string(f.n) + ", \"tp\": " + std::to_string(f.hit) +
                 ", \"fn\": " + std::to_string(f.n - f.hit) +
                 ", \"recall\": " + json_number(f.rate()) + "}";
        }
        j += "],\n";
    }
    if (r.has_friends) {
        j += "  \"false_friends\": [";
        for (size_t i = 0; i < r.friends.size(); ++i) {
            const auto& f = r.friends[i];
            j += std::string(i ? ", " : "") + "{\"kind\": " + json_string(f.name) +
                 ", \"crimes\": " + std::to_string(f.n) + ", \"fp\": " + std::to_string(f.hit) +
                 ", \"fp_rate\": " + json_number(f.rate()) + "}";
        }
        j += "],\n";
    }
    j += "  \"examples\": [";
    for (size_t i = 0; i < r.examples.size(); ++i) {
        const auto& e = r.examples[i];
        j += std::string(i ? ",\n" : "\n") + "    {\"kind\": " + json_string(kind_name(e.kind)) +
             ", \"platform\": " + json_string(r.platforms[e.platform].id) +
             ", \"crime_id\": " + json_string(e.crime_id) + ", \"column\": " +
             json_string(e.column) + ", \"text\": " + json_string(e.snippet) +
             ", \"note\": " + json_string(e.note) + "}";
    }
    j += r.examples.empty() ? "],\n" : "\n  ],\n";
    auto ids = [&](const std::vector<std::string>& v) {
        std::string s = "[";
        for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + json_string(v[i]);
        return s + "]";
    };
    j += "  \"truth_not_evaluated_ids\": " + ids(r.truth_not_evaluated_ids) + ",\n";
    j += "  \"archive_not_in_truth_ids\": " + ids(r.archive_not_in_truth_ids);
    if (timing) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", result.summary.seconds);
        j += ",\n  \"seconds\": " + std::string(buf);
    }
    j += "\n}\n";
    out << j;
}

} // namespace moscan
