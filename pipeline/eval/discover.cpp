#include "pipeline/base/text_format.hpp"
#include "pipeline/eval/discover.hpp"

#include "matchers/mentions.hpp"
#include "matchers/naive_matcher.hpp"
#include "pipeline/input/csv.hpp"
#include "pipeline/base/error.hpp"
#include "pipeline/base/json_text.hpp"
#include "pipeline/eval/osa.hpp"
#include "pipeline/input/record_walk.hpp"
#include "pipeline/eval/snippet.hpp"
#include "pipeline/base/strings.hpp"
#include "pipeline/base/text_hash.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace moscan {

namespace {

// Ordinary words that fill platform slots ("on Monday", "via the", "his phone account") and
// are never a platform's name. Lower case.
constexpr const char* kStopwords[] = {
    // articles, determiners, pronouns
    "a", "an", "the", "this", "that", "these", "those", "his", "her", "hers", "him", "he",
    "she", "it", "its", "their", "theirs", "them", "they", "my", "mine", "your", "yours",
    "our", "ours", "we", "us", "you", "me", "i", "one", "ones", "own", "some", "any", "each",
    "every", "all", "both", "either", "neither", "no", "not", "another", "other", "others",
    "same", "such", "which", "what", "who", "whom", "whose", "where", "when", "why", "how",
    "there", "here", "then", "than", "so", "very", "just", "also", "only", "even", "again",
    "more", "most", "much", "many", "few", "several", "first", "second", "third", "last",
    "next", "new", "old", "own", "two", "three", "four", "five", "six", "ten",
    // prepositions, conjunctions, auxiliaries
    "and", "or", "but", "nor", "if", "as", "at", "by", "for", "from", "in", "into", "of",
    "off", "on", "onto", "out", "over", "to", "up", "upon", "with", "within", "without",
    "via", "using", "through", "about", "above", "after", "against", "along", "around",
    "before", "behind", "below", "between", "during", "near", "since", "under", "until",
    "while", "is", "was", "were", "are", "be", "been", "being", "am", "has", "have", "had",
    "having", "do", "does", "did", "done", "can", "could", "will", "would", "shall", "should",
    "may", "might", "must", "get", "got", "go", "going", "went", "come", "came", "make",
    "made", "set", "put", "take", "took", "give", "gave", "say", "said", "tell", "told",
    "ask", "asked", "see", "saw", "seen", "use", "used", "send", "sent", "keep", "kept",
    "let", "like", "called", "named", "known",
    // the slot words themselves, and the words around platforms
    "app", "apps", "application", "account", "accounts", "profile", "profiles", "group",
    "groups", "chat", "chats", "chatted", "chatting", "server", "servers", "username",
    "usernames", "handle", "handles", "message", "messages", "messaged", "messaging", "dm",
    "dms", "added", "met", "meeting", "contact", "contacted", "contacts", "call", "calls",
    "video", "videos", "photo", "photos", "picture", "pictures", "pics", "pic", "image",
    "images", "selfie", "selfies", "text", "texts", "texted", "texting", "platform",
    "platforms", "site", "sites", "website", "websites", "web", "internet", "online", "line",
    "offline", "social", "media", "network", "networking", "mobile", "phone", "phones",
    "telephone", "cell", "device", "devices", "computer", "laptop", "tablet", "ipad",
    "iphone", "android", "console", "game", "games", "gaming", "stream", "streaming", "live",
    "page", "pages", "post", "posts", "posted", "story", "stories", "status", "feed", "link",
    "links", "email", "emails", "wifi", "number", "numbers", "name", "names", "fake",
    "private", "public", "secret", "anonymous", "personal", "different", "separate",
    "multiple", "various", "new", "main", "school", "family", "friends", "friend", "class",
    "work", "team", "chatroom", "forum", "forums", "room", "rooms", "camera", "screen",
    "screenshot", "screenshots", "occasion", "occasions", "several", "numerous", "many",
    // people and places of a report
    "victim", "victims", "suspect", "suspects", "offender", "offenders", "male", "female",
    "boy", "girl", "man", "woman", "child", "children", "mum", "mother", "dad", "father",
    "parent", "parents", "brother", "sister", "police", "officer", "officers", "school",
    "home", "house", "street", "road", "bus", "train", "car", "way", "day", "night",
    "morning", "afternoon", "evening", "weekend", "today", "yesterday", "tomorrow", "date",
    "time", "times", "occasion", "basis", "behalf", "top", "side", "own", "way", "both",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "christmas", "easter", "bail", "remand", "record", "report",
    "reported", "reports",
};

bool word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Words whose next word is in a slot: "via X", "on X", ...
bool slot_before(std::string_view w) {
    return w == "via" || w == "on" || w == "over" || w == "using" || w == "through";
}
// Words whose previous word is in a slot: "X app", "X account", ...
bool slot_after(std::string_view w) {
    static const std::unordered_set<std::string_view> k = {
        "app",     "apps",     "account",  "accounts", "profile", "profiles",
        "group",   "groups",   "chat",     "chats",    "server",  "servers",
        "username", "usernames", "handle", "handles",  "messages", "message",
        "dms",     "dm"};
    return k.count(w) > 0;
}

// A fixed-size open-addressing set of 64-bit keys (0 is the empty slot).
class PairSet {
public:
    explicit PairSet(std::size_t slots) : slots_(std::max<std::size_t>(slots, 16)) {
        std::size_t n = 16;
        while (n < slots_) n <<= 1;
        slots_ = n;
        table_.assign(slots_, 0);
    }
    // 1: inserted, 0: already there, -1: the table is full (not inserted).
    int insert(std::uint64_t key) {
        if (key == 0) key = 1;
        std::size_t i = static_cast<std::size_t>(key * 0x9E3779B97F4A7C15ull >> 20) & (slots_ - 1);
        while (true) {
            if (table_[i] == key) return 0;
            if (table_[i] == 0) {
                if (used_ * 10 >= slots_ * 7) return -1;
                table_[i] = key;
                ++used_;
                return 1;
            }
            i = (i + 1) & (slots_ - 1);
        }
    }

private:
    std::size_t slots_, used_ = 0;
    std::vector<std::uint64_t> table_;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t h = a ^ (b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2));
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

// Near misses: the set's literals, found through their deletion neighbourhoods (every string
// made by deleting up to `limit` bytes of a literal): a word within OSA distance k of a
// literal shares a string of their neighbourhoods of depth k, and the candidates so found
// are checked with the distance itself.
class NearMisses {
public:
    struct Near {
        int platform = -1;
        int distance = 0;
        std::string literal;
    };

    NearMisses(const PatternSet& set) {
        std::map<std::string, int> literal_platform; // sorted: a deterministic first platform
        for (const auto& pat : set.patterns) {
            if (pat.exclude || pat.term || pat.platform == Pattern::kNoPlatform) continue;
            std::vector<NaiveMatcher::Literal> lits;
            try {
                lits = NaiveMatcher::expand(pat.engine_expression(), pat.source);
            } catch (const Error&) {
                continue; // outside the reference subset: no literals from this pattern
            }
            std::size_t taken = 0;
            for (const auto& lit : lits) {
                if (++taken > 5000) break;
                std::string s;
                bool ok = true;
                for (int t : lit) {
                    if (t >= 0x100) continue; // \b
                    const char c = static_cast<char>(t);
                    if (c == ' ' || c == '-' || c == '\'' || c == '.') continue;
                    if (!word_byte(c)) {
                        ok = false;
                        break;
                    }
                    s.push_back(c);
                }
                s = lower(s);
                std::size_t letters = 0;
                for (char c : s) letters += (c >= 'a' && c <= 'z');
                if (!ok || letters < 5) continue;
                auto [it, fresh] = literal_platform.emplace(s, static_cast<int>(pat.platform));
                if (!fresh) it->second = std::min(it->second, static_cast<int>(pat.platform));
            }
        }
        for (const auto& [s, p] : literal_platform) {
            const auto id = static_cast<std::uint32_t>(literals_.size());
            literals_.push_back({s, p});
            exact_.insert(s);
            std::set<std::string> keys;
            deletions(s, limit_of(s), keys);
            for (const auto& k : keys) index_[k].push_back(id);
        }
    }

    std::size_t size() const { return literals_.size(); }

    // The nearest literal within its limit (distance 1..limit), ties to the longer literal,
    // then the first in order; nullptr when none. `w` is lower case.
    const Near* find(const std::string& w) {
        auto it = memo_.find(w);
        if (it != memo_.end()) return it->second.platform < 0 ? nullptr : &it->second;
        Near best;
        if (w.size() >= 3 && !exact_.count(w)) {
            std::set<std::string> keys;
            deletions(w, 2, keys);
            std::set<std::uint32_t> seen;
            for (const auto& k : keys) {
                auto hit = index_.find(k);
                if (hit == index_.end()) continue;
                for (std::uint32_t id : hit->second) {
                    if (!seen.insert(id).second) continue;
                    const Literal& l = literals_[id];
                    const int limit = limit_of(l.text);
                    const int d = osa_within(w, l.text, limit);
                    if (d < 1 || d > limit) continue;
                    if (best.platform < 0 || d < best.distance ||
                        (d == best.distance && l.text.size() > best.literal.size())) {
                        best.platform = l.platform;
                        best.distance = d;
                        best.literal = l.text;
                    }
                }
            }
        }
        if (memo_.size() >= kMemo) memo_.clear(); // bounded: recomputed when seen again
        auto [m, _] = memo_.emplace(w, std::move(best));
        return m->second.platform < 0 ? nullptr : &m->second;
    }

private:
    struct Literal {
        std::string text;
        int platform;
    };
    static constexpr std::size_t kMemo = 200000;
    static int limit_of(const std::string& s) { return s.size() >= 8 ? 2 : 1; }
    // `s` and every string made by deleting up to `depth` of its bytes.
    static void deletions(const std::string& s, int depth, std::set<std::string>& out) {
        out.insert(s);
        std::set<std::string> level{s};
        for (int d = 0; d < depth; ++d) {
            std::set<std::string> next;
            for (const auto& t : level)
                for (std::size_t i = 0; t.size() > 1 && i < t.size(); ++i)
                    next.insert(t.substr(0, i) + t.substr(i + 1));
            out.insert(next.begin(), next.end());
            level = std::move(next);
        }
    }
    std::vector<Literal> literals_;
    std::unordered_set<std::string> exact_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> index_;
    std::unordered_map<std::string, Near> memo_;
};

struct Token {
    std::uint32_t begin, end;
    std::string low;
};

class Discoverer {
public:
    Discoverer(const PatternSet& set, const Matcher& matcher, const DiscoverOptions& d,
               DiscoverReport& report)
        : set_(set), matcher_(matcher), counter_(set), d_(d), r_(report), pairs_(d.pair_slots),
          near_(set), scratch_(matcher.make_scratch()) {
        for (const char* w : kStopwords) stop_.insert(w);
        r_.literals = near_.size();
    }

    void record(const WalkRecord& rec) {
        const std::string_view id = trim(rec.id);
        if (id.empty()) {
            ++r_.skipped;
            return;
        }
        const std::uint64_t crime = fnv1a64(id) | 1;
        for (std::size_t t = 0; t < rec.texts->size(); ++t) {
            const auto& [column, text] = (*rec.texts)[t];
            if (text.empty()) continue;
            // A crime's text repeated on its other rows is read once.
            const std::uint64_t key =
                mix(mix(crime, text_hash(text, 0x5eed)), 0x7e47 + t) | (std::uint64_t{1} << 63);
            const int fresh = pairs_.insert(key);
            if (fresh == 0) {
                ++r_.repeated_texts;
                continue;
            }
            if (fresh < 0) r_.approximate = true;
            ++r_.texts;
            scan_text(rec, id, crime, column, text);
        }
    }

    void finish(const std::string& dictionary) {
        std::unordered_set<std::string> dict;
        if (!dictionary.empty()) {
            std::ifstream in(dictionary);
            if (in) {
                r_.dictionary = dictionary;
                std::string w;
                while (std::getline(in, w)) {
                    while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) w.pop_back();
                    bool plain = !w.empty();
                    for (char c : w) plain = plain && c >= 'a' && c <= 'z';
                    if (plain) dict.insert(w);
                }
            } else if (!d_.dictionary_optional) {
                throw NoInputError("cannot open dictionary " + dictionary +
                                   " (--dictionary none: no dictionary rule)");
            }
        }
        r_.words = words_.size();
        std::vector<DiscoverCandidate> kept;
        for (auto& c : words_) {
            if (dict.count(c.word) && c.capitalised * 2 <= c.mentions) {
                ++r_.dictionary_dropped;
                continue;
            }
            kept.push_back(std::move(c));
        }
        std::sort(kept.begin(), kept.end(),
                  [](const DiscoverCandidate& a, const DiscoverCandidate& b) {
                      return a.crimes != b.crimes ? a.crimes > b.crimes : a.word < b.word;
                  });
        if (d_.top && kept.size() > d_.top) kept.resize(d_.top);
        r_.candidates = std::move(kept);
    }

private:
    void scan_text(const WalkRecord& rec, std::string_view id, std::uint64_t crime,
                   std::string_view column, std::string_view text) {
        hits_.clear();
        matcher_.scan(text, *scratch_, hits_);
        spans_.clear();
        if (!hits_.empty()) counter_.spans(hits_, spans_);
        covered_.clear();
        for (const auto& s : spans_) covered_.emplace_back(s.start, s.end);
        std::sort(covered_.begin(), covered_.end());

        tokens_.clear();
        for (std::size_t i = 0; i < text.size();) {
            while (i < text.size() && !word_byte(text[i])) ++i;
            std::size_t j = i;
            while (j < text.size() && word_byte(text[j])) ++j;
            if (j > i)
                tokens_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                                   lower(text.substr(i, j - i))});
            i = j;
        }
        // Only spaces between two tokens.
        auto spaced = [&](std::size_t a, std::size_t b) {
            if (b <= a) return false;
            for (std::size_t k = a; k < b; ++k)
                if (text[k] != ' ') return false;
            return true;
        };
        // The token after token i, skipping a possessive "'s" (straight or curly).
        auto after_possessive = [&](std::size_t i) -> std::size_t {
            if (i + 2 >= tokens_.size() || tokens_[i + 1].low != "s") return i + 1;
            std::string_view gap = text.substr(tokens_[i].end, tokens_[i + 1].begin - tokens_[i].end);
            if (gap == "'" || gap == "\xE2\x80\x99") return i + 2;
            return i + 1;
        };
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            const Token& tk = tokens_[i];
            const std::string& w = tk.low;
            if (w.size() < 2 || stop_.count(w)) continue;
            bool letter = false;
            for (char c : w) letter = letter || (c >= 'a' && c <= 'z');
            if (!letter) continue;
            bool slot = false;
            if (i >= 1 && slot_before(tokens_[i - 1].low) && spaced(tokens_[i - 1].end, tk.begin))
                slot = true;
            if (!slot && i >= 2 &&
                (tokens_[i - 1].low == "called" || tokens_[i - 1].low == "named") &&
                (tokens_[i - 2].low == "app" || tokens_[i - 2].low == "apps") &&
                spaced(tokens_[i - 2].end, tokens_[i - 1].begin) &&
                spaced(tokens_[i - 1].end, tk.begin))
                slot = true;
            if (!slot) {
                const std::size_t n = after_possessive(i);
                if (n < tokens_.size() && slot_after(tokens_[n].low) &&
                    spaced(tokens_[n - 1].end, tokens_[n].begin))
                    slot = true;
            }
            const NearMisses::Near* near = w.size() >= 4 ? near_.find(w) : nullptr;
            if (!slot && !near) continue;
            if (is_covered(tk.begin, tk.end)) continue;
            add(rec, id, crime, column, text, tk, slot, near);
        }
    }

    bool is_covered(std::uint32_t b, std::uint32_t e) const {
        for (const auto& [s, t] : covered_) {
            if (s >= e) break;
            if (t > b) return true;
        }
        return false;
    }

    void add(const WalkRecord& rec, std::string_view id, std::uint64_t crime,
             std::string_view column, std::string_view text, const Token& tk, bool slot,
             const NearMisses::Near* near) {
        auto it = index_.find(tk.low);
        if (it == index_.end()) {
            if (words_.size() >= d_.max_words) {
                ++r_.untracked;
                return;
            }
            it = index_.emplace(tk.low, words_.size()).first;
            DiscoverCandidate c;
            c.word = tk.low;
            c.form = std::string(text.substr(tk.begin, tk.end - tk.begin));
            words_.push_back(std::move(c));
        }
        DiscoverCandidate& c = words_[it->second];
        ++c.mentions;
        c.slot += slot;
        c.near += near != nullptr;
        c.capitalised += text[tk.begin] >= 'A' && text[tk.begin] <= 'Z';
        if (near && c.near_platform < 0) {
            c.near_platform = near->platform;
            c.near_literal = near->literal;
            c.near_distance = near->distance;
        }
        const int fresh = pairs_.insert(mix(crime, it->second + 1) & ~(std::uint64_t{1} << 63));
        if (fresh < 0) {
            r_.approximate = true;
            if (c.last_crime != crime) ++c.crimes;
        } else if (fresh > 0) {
            ++c.crimes;
        }
        c.last_crime = crime;
        if (c.examples.size() < d_.examples) {
            bool same = false;
            for (const auto& e : c.examples) same = same || e.crime_id == id;
            if (!same)
                c.examples.push_back({std::string(id), rec.schema->name, std::string(column),
                                      snippet(text, tk.begin, tk.end, 30), rec.line});
        }
    }

    const PatternSet& set_;
    const Matcher& matcher_;
    MentionCounter counter_;
    const DiscoverOptions& d_;
    DiscoverReport& r_;
    PairSet pairs_;
    NearMisses near_;
    std::unique_ptr<Scratch> scratch_;
    std::unordered_set<std::string> stop_;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<DiscoverCandidate> words_;
    std::vector<Hit> hits_;
    std::vector<MentionSpan> spans_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> covered_;
    std::vector<Token> tokens_;
};

} // namespace

std::string DiscoverCandidate::kind(const PatternSet& set) const {
    std::string k;
    if (slot) k = "slot";
    if (near_platform >= 0) {
        if (!k.empty()) k += "; ";
        k += "near-miss of " + set.platforms[static_cast<std::size_t>(near_platform)].id +
             " ('" + near_literal + "', edit " + std::to_string(near_distance) + ")";
    }
    return k;
}

DiscoverReport discover(const CountOptions& options, const PatternSet& set,
                        const Matcher& matcher, const DiscoverOptions& d) {
    DiscoverReport r;
    Discoverer disc(set, matcher, d, r);
    WalkStats ws = walk_records(read_options_of(options), nullptr, [&](const WalkRecord& rec) { disc.record(rec); });
    r.records = ws.records;
    r.skipped += ws.skipped;
    disc.finish(d.dictionary);
    return r;
}

// ---- output

void write_discover_markdown(std::ostream& out, const PatternSet& set, const DiscoverReport& r) {
    out << "# Candidate platform names\n\n";
    out << "Pattern set " << set.name << " (" << set.hash() << "). Inputs: ";
    for (std::size_t i = 0; i < r.inputs.size(); ++i) out << (i ? ", " : "") << r.inputs[i];
    out << ".  \nRecords read " << r.records << " (every record: no scope rules), skipped "
        << r.skipped << "; texts read " << r.texts << " (repeats of a crime's text skipped: "
        << r.repeated_texts << ").  \n";
    out << "Candidate words " << r.words << "; dropped as ordinary English words "
        << r.dictionary_dropped << " ("
        << (r.dictionary.empty() ? std::string("no dictionary") : "dictionary " + r.dictionary)
        << "); near misses checked against " << r.literals << " pattern literals.";
    if (r.untracked) out << " " << r.untracked << " occurrences of words past the word limit were not tracked.";
    if (r.approximate)
        out << " The pair table filled up: crime counts are approximate (changes of crime id).";
    out << "\n\n";
    out << "| rank | word | crimes | mentions | in a slot | near miss | capitalised | kind |\n";
    out << "|---:|---|---:|---:|---:|---:|---:|---|\n";
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto& c = r.candidates[i];
        out << "| " << i + 1 << " | " << md_cell(c.form) << " | " << c.crimes << " | "
            << c.mentions << " | " << c.slot << " | " << c.near << " | " << c.capitalised
            << " | " << md_cell(c.kind(set)) << " |\n";
    }
    bool any = false;
    for (const auto& c : r.candidates) any = any || !c.examples.empty();
    if (!any) return;
    out << "\n## Examples\n";
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto& c = r.candidates[i];
        if (c.examples.empty()) continue;
        out << "\n### " << i + 1 << ". " << md_cell(c.form) << "\n\n";
        for (const auto& e : c.examples)
            out << "- `" << md_cell(e.crime_id) << "` " << md_cell(e.file) << ":" << e.line
                << " " << md_cell(e.column) << ": " << md_cell(e.snippet) << "\n";
    }
}

void write_discover_csv(std::ostream& out, const PatternSet& set, const DiscoverReport& r) {
    std::string s = "row,rank,word,form,crimes,mentions,slot,near_miss,capitalised,kind,"
                    "crime_id,file,line,column,text\n";
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto& c = r.candidates[i];
        const std::string rank = std::to_string(i + 1);
        csv::append_row(s, {"candidate", rank, c.word, c.form, std::to_string(c.crimes),
                            std::to_string(c.mentions), std::to_string(c.slot),
                            std::to_string(c.near), std::to_string(c.capitalised), c.kind(set),
                            "", "", "", "", ""});
        for (const auto& e : c.examples)
            csv::append_row(s, {"example", rank, c.word, "", "", "", "", "", "", "", e.crime_id,
                                e.file, std::to_string(e.line), e.column, e.snippet});
    }
    out << s;
}

void write_discover_json(std::ostream& out, const PatternSet& set, const DiscoverReport& r) {
    std::string j = "{\n  \"pattern_set\": " + json_string(set.name) +
                    ", \"pattern_set_hash\": " + json_string(set.hash()) + ",\n  \"inputs\": [";
    for (std::size_t i = 0; i < r.inputs.size(); ++i) j += (i ? ", " : "") + json_string(r.inputs[i]);
    j += "],\n  \"summary\": {\"records\": " + std::to_string(r.records) +
         ", \"skipped\": " + std::to_string(r.skipped) + ", \"texts\": " +
         std::to_string(r.texts) + ", \"repeated_texts\": " + std::to_string(r.repeated_texts) +
         ", \"candidate_words\": " + std::to_string(r.words) +
         ", \"dictionary_dropped\": " + std::to_string(r.dictionary_dropped) +
         ", \"dictionary\": " + (r.dictionary.empty() ? "null" : json_string(r.dictionary)) +
         ", \"literals\": " + std::to_string(r.literals) +
         ", \"untracked\": " + std::to_string(r.untracked) +
         ", \"approximate\": " + (r.approximate ? "true" : "false") + "},\n  \"candidates\": [";
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto& c = r.candidates[i];
        j += std::string(i ? ",\n" : "\n") + "    {\"rank\": " + std::to_string(i + 1) +
             ", \"word\": " + json_string(c.word) + ", \"form\": " + json_string(c.form) +
             ", \"crimes\": " + std::to_string(c.crimes) +
             ", \"mentions\": " + std::to_string(c.mentions) +
             ", \"slot\": " + std::to_string(c.slot) + ", \"near_miss\": " +
             std::to_string(c.near) + ", \"capitalised\": " + std::to_string(c.capitalised) +
             ", \"kind\": " + json_string(c.kind(set)) + ", \"near\": ";
        if (c.near_platform < 0) j += "null";
        else
            j += "{\"platform\": " +
                 json_string(set.platforms[static_cast<std::size_t>(c.near_platform)].id) +
                 ", \"literal\": " + json_string(c.near_literal) +
                 ", \"distance\": " + std::to_string(c.near_distance) + "}";
        j += ", \"examples\": [";
        for (std::size_t k = 0; k < c.examples.size(); ++k) {
            const auto& e = c.examples[k];
            j += std::string(k ? ", " : "") + "{\"crime_id\": " + json_string(e.crime_id) +
                 ", \"file\": " + json_string(e.file) + ", \"line\": " + std::to_string(e.line) +
                 ", \"column\": " + json_string(e.column) + ", \"text\": " +
                 json_string(e.snippet) + "}";
        }
        j += "]}";
    }
    j += r.candidates.empty() ? "]\n}\n" : "\n  ]\n}\n";
    out << j;
}

} // namespace moscan
