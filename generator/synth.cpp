// Synthetic crime archives with ground truth (see synth.hpp).
//
// Layout of this file:
//   1. random numbers (xoshiro256** seeded by splitmix64, our own range reduction)
//   2. vocabulary: one table of surface forms per platform, one table of false friends
//   3. sentence templates for the MO text
//   4. the generator: crimes, rows, CSV / JSONL encoding, truth
//
// Labelling rule used throughout: every platform slot filled in a template, and every
// platform "sentence" form, is exactly one mention of exactly one platform. Nothing else in
// the text may be read as a platform: template literals, fillers, negatives, aliases and place
// names are written so that no word of them is a platform name on its own or next to a slot.
// Template literals are upper-cased in "shouting" texts, but platform forms, false friends and
// aliases never are, so a negative such as "cod and chips" never turns into "COD AND CHIPS".
#include "generator/synth.hpp"
#include "pipeline/base/json_text.hpp"

#include "pipeline/base/error.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moscan::synth {
namespace {

// ------------------------------------------------------------------------------------------------
// 1. Random numbers. Standard distributions differ between standard libraries, so the output
// would not be a pure function of the options if we used them; everything below is our own.

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : s_) {
            s = splitmix64(seed);
        }
    }

    // xoshiro256**
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n), n > 0: multiply-shift with rejection of the biased low range.
    std::uint32_t below(std::uint32_t n) {
        std::uint64_t m = (next() >> 32) * n;
        auto low = static_cast<std::uint32_t>(m);
        if (low < n) {
            const std::uint32_t threshold = (0u - n) % n;
            while (low < threshold) {
                m = (next() >> 32) * n;
                low = static_cast<std::uint32_t>(m);
            }
        }
        return static_cast<std::uint32_t>(m >> 32);
    }

    // Uniform in [lo, hi].
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
    }

    // True with probability per_mille / 1000.
    bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(static_cast<std::uint32_t>(N))];
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> s_{};
};

// ------------------------------------------------------------------------------------------------
// 2. Vocabulary.

constexpr std::size_t platform_count = 16;

// Truth order; must match the pipeline's platform ids.
constexpr std::array<std::string_view, platform_count> platform_ids = {
    "facebook", "instagram", "whatsapp", "snapchat", "imessage", "telegram",
    "signal",   "twitch",    "online_gaming", "kik", "twitter",  "skype",
    "tiktok",   "facetime",  "discord",  "omegle"};

// How a surface form may be placed in a sentence.
enum class Form : std::uint8_t {
    name,     // bare name: "his {N} account", "moved to {O}", "contacted IP on {P}"
    object,   // noun phrase, placed after a verb or preposition only: "the Signal app"
    prep,     // complete prepositional phrase, only where a {P} slot is: "on snap"
    verb,     // transitive past tense: "SUSP skyped IP"
    sentence, // a whole sentence (may hold {I}/{S}/... slots) with exactly one mention in it
};

struct Surface {
    std::string_view text;
    Form form;
    std::uint8_t weight;
};

// Each table lists the forms the generator writes for one platform. Every entry is ONE
// mention when inserted. Forms that are only a platform in a context (snap, Signal, face time,
// twitch, discord, SC, WA, fortnight, the gram) appear only inside that context, never bare.
//
// Labelling decisions, in one place (each table repeats the ones that concern it):
//  - A misspelling, a split or hyphenated spelling, a possessive, a plural or a verb made from
//    the name is labelled: a person reading the MO knows which platform it names. So are
//    URLs and handles (instagram.com/x, t.me/x, discord.gg/x, @x on insta).
//  - Besides the fixed misspellings below, about 1.5% of the single-word names of the
//    platforms most often misspelled (facebook, instagram, snapchat, discord, facetime and the
//    gaming titles) get one random typo (a letter dropped, doubled or swapped with the next
//    one, never among the first two letters): the forms a held-out archive has that a list
//    tuned on another seed may not.
//  - Abbreviations: FB and IG are labelled wherever they stand (IG only in upper case); SC
//    (Snapchat) and WA (WhatsApp) only directly after on / via, because "SC" alone is a
//    Safeguarding Concern and "WA4" a postcode (both written as negatives); TT is never
//    labelled (an Audi TT is a negative) and never written for TikTok.
//  - A word that is also an ordinary word is labelled only in the context given: "fortnight"
//    after on / playing (a fortnight ago is a negative), "Among Us" capitalised (lower-case
//    "among us" is a negative), "the gram" after on / via (a gram of cannabis is a negative).
//  - Gaming: consoles, online networks, titles played online and gaming phrases are all one
//    platform, online_gaming: "Nintendo Switch online", "an Xbox party", "PS party chat",
//    "GTA online", "Call of Duty Warzone". A bare "switch" or "party" is not.

// facebook
constexpr Surface facebook_forms[] = {
    {"Facebook", Form::name, 8},
    {"facebook", Form::name, 4},
    {"FACEBOOK", Form::name, 2},
    {"Face book", Form::name, 1}, // split spelling: one mention
    {"face-book", Form::name, 1}, // hyphenated: one mention
    {"facebok", Form::name, 1},   // misspellings: labelled
    {"Facbook", Form::name, 1},
    {"FB", Form::name, 3},
    {"fb", Form::name, 1},
    {"Facebook Messenger", Form::name, 3}, // one facebook mention, not two
    {"FB messenger", Form::name, 2},       // likewise; bare "messenger" is never a positive
    {"{I}'s mother reported the account through facebook's reporting tool", Form::sentence, 1},
    {"{S}'s profile was at facebook.com/{W}", Form::sentence, 1}, // URL: one mention
    {"{S} sent {I} a link to www.facebook.com/{W}", Form::sentence, 1},
};

// instagram
constexpr Surface instagram_forms[] = {
    {"Instagram", Form::name, 8},
    {"instagram", Form::name, 4},
    {"INSTAGRAM", Form::name, 2},
    {"Insta", Form::name, 3}, // "Insta"/"insta" as a whole word; "instant" etc. are negatives
    {"insta", Form::name, 2},
    {"IG", Form::name, 2}, // upper case only; no other text has "IG" as a word
    {"instagarm", Form::name, 1}, // misspellings: labelled
    {"Instragram", Form::name, 1},
    {"insta-gram", Form::name, 1}, // hyphenated: one mention
    {"on the gram", Form::prep, 1}, // slang, only after on / via ("a gram of" is a negative)
    {"via the gram", Form::prep, 1},
    {"{I} showed OIC msgs from instagram's direct message inbox", Form::sentence, 1},
    {"{S} screenshotted {I}'s insta's stories", Form::sentence, 1}, // possessive: one mention
    {"{S} messaged {I} from the account @{W} on insta", Form::sentence, 1}, // handle: one
    {"{S} sent {I} the link instagram.com/{W}", Form::sentence, 1},          // URL: one
};

// whatsapp
constexpr Surface whatsapp_forms[] = {
    {"WhatsApp", Form::name, 8},
    {"Whatsapp", Form::name, 4},
    {"whatsapp", Form::name, 4},
    {"WHATSAPP", Form::name, 2},
    {"Whats App", Form::name, 1},
    {"whats app", Form::name, 1},
    {"What's App", Form::name, 1},
    {"what's-app", Form::name, 1}, // punctuation variant
    {"whatsap", Form::name, 1},    // misspellings: labelled
    {"Watsapp", Form::name, 1},
    {"watsapp", Form::name, 1},
    {"on WA", Form::prep, 1},  // abbreviation, only after on / via ("WA4" is a negative)
    {"via WA", Form::prep, 1},
    {"whatsapp'd", Form::verb, 1}, // "SUSP whatsapp'd IP": one mention
    {"whatsapped", Form::verb, 1},
    {"{S} sent {I} a wa.me link", Form::sentence, 1}, // URL: one mention
};

// snapchat
constexpr Surface snapchat_forms[] = {
    {"Snapchat", Form::name, 8},
    {"snapchat", Form::name, 4},
    {"SNAPCHAT", Form::name, 2},
    {"Snap Chat", Form::name, 1},
    {"snap chat", Form::name, 1},
    {"SnapChat", Form::name, 1},
    {"snap-chat", Form::name, 1}, // hyphenated: one mention
    {"snapcht", Form::name, 1},   // misspellings: labelled
    {"Snapchatt", Form::name, 1},
    // "snap" is snapchat only directly after on / via / over / added on; "snapped",
    // "snapping", "a snap decision" are negatives (see the negative table).
    {"on snap", Form::prep, 3},
    {"via snap", Form::prep, 2},
    {"over snap", Form::prep, 1},
    {"on SC", Form::prep, 1}, // abbreviation, only after on / via ("SC raised" is a negative)
    {"via SC", Form::prep, 1},
    {"{I} was added on snap by {S}", Form::sentence, 2},
    {"{S} sent snaps of himself to {I}", Form::sentence, 2}, // "snaps" only as "sent snaps of"
    {"{S} relied on snapchat's disappearing msgs", Form::sentence, 1},
    {"{S} sent {I} several snapchats", Form::sentence, 1}, // plural: one mention
    {"{S}'s snapchat username was {U}", Form::sentence, 1}, // username: one mention
    {"{S} sent {I} a link to snapchat.com/add/{W}", Form::sentence, 1},
};

// imessage
constexpr Surface imessage_forms[] = {
    {"iMessage", Form::name, 6},
    {"imessage", Form::name, 3},
    {"IMESSAGE", Form::name, 1},
    {"i-message", Form::name, 1},
    {"iMessages", Form::object, 2},
    {"imesage", Form::name, 1},   // misspelling: labelled
    {"iMessaged", Form::verb, 1}, // "SUSP iMessaged IP": one mention
};

// telegram ("telegraph pole", "the Daily Telegraph" are negatives)
constexpr Surface telegram_forms[] = {
    {"Telegram", Form::name, 6},
    {"telegram", Form::name, 3},
    {"TELEGRAM", Form::name, 1},
    {"telgram", Form::name, 1}, // misspelling: labelled
    {"{S} sent {I} an invite link t.me/{W}", Form::sentence, 1}, // Telegram's URL: one
    {"{S} used telegram's secret chat", Form::sentence, 1},
};

// signal: never bare. Capital S and an app / messenger / via / on context make a mention;
// "traffic signal", "no signal", "phone signal", "signalled", "signalling", "signal failure",
// "the signal box" are negatives.
constexpr Surface signal_forms[] = {
    {"the Signal app", Form::object, 3},
    {"Signal app", Form::object, 1},
    {"Signal messenger", Form::object, 2},
    {"the Signal messaging app", Form::object, 1},
    {"via Signal", Form::prep, 3},
    {"on Signal", Form::prep, 3},
};

// twitch: only in a streaming context ("his eye twitched", "twitching", "a muscle twitch"
// are negatives).
constexpr Surface twitch_forms[] = {
    {"on Twitch", Form::prep, 4},
    {"on twitch", Form::prep, 1},
    {"a Twitch stream", Form::object, 2},
    {"a twitch stream", Form::object, 1},
    {"TWITCH", Form::name, 1},
    {"{S} claimed to be a twitch streamer", Form::sentence, 2},
    {"{S} streams at twitch.tv/{W}", Form::sentence, 1}, // URL: one mention
};

// online_gaming: consoles, networks, games and gaming phrases, all labelled online_gaming.
// "gaming machine in the pub", "cod and chips", "steamed up windows", "steam cleaner", "a
// fortnight ago", "among us" (lower case), "the light switch", "a house party", "PS Jones"
// (a police sergeant) are negatives; "COD" is a positive only in upper case, "Steam" only
// capitalised, "Among Us" only capitalised, "fortnight" only after on / playing.
constexpr Surface online_gaming_forms[] = {
    {"online gaming", Form::object, 3},
    {"an online game", Form::object, 3},
    {"a gaming chat", Form::object, 1},
    {"while gaming online", Form::prep, 2},
    {"Xbox Live", Form::name, 3},
    {"XBOX", Form::name, 1},
    {"Xbox", Form::name, 3},
    {"X-Box", Form::name, 1},
    {"an Xbox party", Form::object, 1},   // one mention
    {"Xbox party chat", Form::name, 1},   // one mention
    {"PS4", Form::name, 2},
    {"PS5", Form::name, 1},
    {"PlayStation", Form::name, 2},
    {"Playstation Network", Form::name, 1},
    {"PSN", Form::name, 1},
    {"PS party chat", Form::object, 1}, // one mention
    {"Fortnite", Form::name, 3},
    {"on fortnight", Form::prep, 1}, // misspelt title, only after on / playing
    {"Roblox", Form::name, 3},
    {"Minecraft", Form::name, 2},
    {"Call of Duty", Form::name, 2},
    {"Call of Duty Warzone", Form::name, 1}, // one mention
    {"Warzone", Form::name, 1},
    {"COD", Form::name, 1},
    {"FIFA online", Form::name, 1}, // one mention (contains "online", which alone is generic)
    {"GTA online", Form::name, 1},  // one mention; bare "GTA" is never written
    {"Among Us", Form::name, 1},    // capitalised title only
    {"Nintendo Switch online", Form::name, 1}, // one mention
    {"Nintendo Switch", Form::name, 1},
    {"Steam", Form::name, 1},
    {"{S} and {I} were playing fortnight together", Form::sentence, 1},
};

// kik ("kicked", "kicking", "kicks", "kick off" are negatives; "kik" never inside another word)
constexpr Surface kik_forms[] = {
    {"Kik", Form::name, 5},
    {"KIK", Form::name, 1},
    {"kik", Form::name, 2},
    {"Kik messenger", Form::name, 1}, // one mention
    {"{S}'s Kik username was {U}", Form::sentence, 1},
};

// twitter ("twittering" birds are a negative)
constexpr Surface twitter_forms[] = {
    {"Twitter", Form::name, 6},
    {"twitter", Form::name, 3},
    {"TWITTER", Form::name, 1},
    {"twiter", Form::name, 1},               // misspelling: labelled
    {"X (formerly Twitter)", Form::name, 1}, // one mention; "X" is never written alone
    {"tweets", Form::object, 1},
    {"a tweet", Form::object, 1},
    {"a DM on Twitter", Form::object, 1}, // one mention
    {"{S} posted tweets about {I}", Form::sentence, 1},
    {"{S} tweeted about {I}", Form::sentence, 1}, // the verb: labelled
    {"{S}'s account was twitter.com/{W}", Form::sentence, 1},
};

// skype ("Skyped"/"skyped"/"skyping" are positives; "skyline" is a negative)
constexpr Surface skype_forms[] = {
    {"Skype", Form::name, 5},
    {"skype", Form::name, 2},
    {"SKYPE", Form::name, 1},
    {"skpye", Form::name, 1}, // misspelling: labelled
    {"a skype call", Form::object, 2},
    {"skyped", Form::verb, 2},
    {"Skyped", Form::verb, 1},
    {"{S} was skyping {I} late at night", Form::sentence, 1},
};

// tiktok ("tick tock", a clock, is a negative; "TT" is never written for TikTok)
constexpr Surface tiktok_forms[] = {
    {"TikTok", Form::name, 8},
    {"Tiktok", Form::name, 3},
    {"tiktok", Form::name, 3},
    {"Tik Tok", Form::name, 1},
    {"tik tok", Form::name, 1},
    {"TIK TOK", Form::name, 1},
    {"tik-tok", Form::name, 1},
    {"tik.tok", Form::name, 1}, // punctuation variant
    {"tiktock", Form::name, 1}, // misspellings: labelled
    {"tik tock", Form::name, 1},
    {"{S} commented on {I}'s TikToks", Form::sentence, 1}, // plural: one mention
    {"{S} followed {I} at tiktok.com/@{W}", Form::sentence, 1},
};

// facetime: "face time" only after on / via; "face to face", "saved face", "more face time
// with her social worker" are negatives.
constexpr Surface facetime_forms[] = {
    {"FaceTime", Form::name, 5},
    {"Facetime", Form::name, 3},
    {"facetime", Form::name, 2},
    {"FACETIME", Form::name, 1},
    {"on face time", Form::prep, 1},
    {"via face time", Form::prep, 1},
    {"on face-time", Form::prep, 1},
    {"facetimed", Form::verb, 2},
    {"{S} was facetiming {I} every night", Form::sentence, 1},
};

// discord: lower case only in "discord chat"; "family discord", "discord between the
// parents" are negatives.
constexpr Surface discord_forms[] = {
    {"Discord", Form::name, 5},
    {"DISCORD", Form::name, 1},
    {"Discrod", Form::name, 1}, // misspelling: labelled
    {"on Discord", Form::prep, 2},
    {"a Discord server", Form::object, 2},
    {"a discord chat", Form::object, 1},
    {"the Discord app", Form::object, 1},
    {"{S} sent {I} an invite to discord.gg/{W}", Form::sentence, 1},
    {"{S} moderated Discord's server for the group", Form::sentence, 1},
};

// omegle
constexpr Surface omegle_forms[] = {
    {"Omegle", Form::name, 5},
    {"omegle", Form::name, 2},
    {"OMEGLE", Form::name, 1},
    {"Omegel", Form::name, 1}, // misspelling: labelled
    {"{I} met {S} through Omegle's video chat", Form::sentence, 1},
};
constexpr std::array<std::span<const Surface>, platform_count> platform_forms = {
    facebook_forms, instagram_forms, whatsapp_forms, snapchat_forms,
    imessage_forms, telegram_forms,  signal_forms,   twitch_forms,
    online_gaming_forms, kik_forms,  twitter_forms,  skype_forms,
    tiktok_forms,   facetime_forms,  discord_forms,  omegle_forms};

// Platforms whose single-word names sometimes get a random typo (see append_typo).
constexpr std::array<bool, platform_count> typo_prone = {
    true,  true,  false, true,  false, false, false, false,
    true,  false, false, false, false, true,  true,  false};

// How often each platform is chosen for a crime.
constexpr std::array<std::uint8_t, platform_count> platform_weights = {
    16, 12, 12, 18, 3, 3, 2, 2, 6, 3, 4, 3, 6, 3, 4, 3};

// False friends: clauses that contain a word which looks like a platform but is NOT a
// mention. They are written as complete clauses (slots allowed) and are never upper-cased.
// No clause starts or ends with a platform-like word, so no clause can extend a mention
// placed next to it.
constexpr std::string_view negative_clauses[] = {
    // signal: traffic / phone signal and the verb are not the app
    "{I} was waiting at the traffic signal on {L} Road",
    "there was no signal at the location",
    "{I} had poor phone signal at home",
    "{S} signalled to {I} to get into the car",
    "{S} was signalling to {I} from across the road",
    // discord: disagreement, not the app
    "there has been family discord for some time",
    "{I} spoke about discord between the parents",
    // twitch: the verb
    "{I} said his eye twitched when he was lying",
    "{S} was twitching and agitated",
    // snap: the verb, the adjective, the noun of a breaking strap
    "{S} snapped at her when she refused",
    "{S} snapped and threw the phone",
    "{I} made a snap decision to leave",
    "{S} kept snapping at {I}",
    "the strap of the bag snapped",
    // kik: kicked / kicking / kicks contain "ki" + "k" but are different words
    "{S} kicked the bedroom door",
    "{I} was kicking and screaming",
    "{S} kicks off when drunk",
    // insta: instant / install / installed / instance are other words
    "{S} demanded an instant reply",
    "{S} installed a tracking app on {I}'s phone",
    "{I} was told to install a location app",
    "in one instance {S} waited outside the school",
    "{I} instantly regretted it",
    // face time: face to face, saved face
    "they met face to face at {L}",
    "{S} said he wanted to meet face to face",
    "{I} said she denied it and saved face",
    // telegram: telegraph pole
    "the car hit a telegraph pole on {L} Road",
    // steam: the verb
    "the car had steamed up windows",
    // messenger: a bag, not Facebook Messenger
    "{S} was carrying a black messenger bag",
    // gaming: a fruit machine is not online gaming
    "{S} was playing the gaming machine in the pub",
    // COD: lower-case cod is fish; Coda and code are other words
    "{S} bought {I} cod and chips",
    "they had a cod fish supper in {L}",
    "they met at the Coda bar in {L}",
    "{S} knew the door code",
    "{I} wrote the code on her hand",
    // Hard negatives: each is one word (or abbreviation) away from a labelled form.
    // signal: railway signals
    "{I}'s train was delayed by a signal failure",
    "{S} was standing near the signal box",
    // twitch: a muscle twitch
    "{I} has a muscle twitch in her left eye",
    // kik: kick off
    "{S} said he would kick off if she told anyone",
    // Steam: the cleaner, also capitalised
    "{S} claimed he came to fix the steam cleaner",
    "Steam cleaning equipment was seized from {L}",
    // face time: time spent in person
    "{I} would like more face time with her social worker",
    // telegram: the newspaper
    "{S}'s photo appeared in the Daily Telegraph",
    // tiktok: the sound of a clock
    "{I} could hear the clock going tick tock",
    // skype: the skyline
    "{S} lives in the skyline flats in {L}",
    // fortnight (Fortnite misspelt) as two weeks
    "{S} was released a fortnight ago",
    "{I} stayed with her aunt for a fortnight",
    // Among Us: the phrase
    "{S} told {I} that no one among us would find out",
    // Nintendo Switch / Xbox party: the words alone
    "{S} turned off the light switch",
    "{I} met {S} at a house party in {L}",
    // the gram (Instagram): a gram of a drug
    "{S} was found with a gram of cannabis",
    // SC (Snapchat after on / via): Safeguarding Concern
    "SC raised with the school by {I}'s teacher",
    "SC form submitted to MASH",
    // WA (WhatsApp after on / via): a postcode
    "{I} lives in the WA4 area",
    // TT: a car, never TikTok
    "{S} drives a silver Audi TT",
    // PS (PlayStation): a police sergeant
    "PS Jones attended the scene",
    // whats app: "what apps"
    "{S} asked {I} what apps she used",
    // twitter: birds
    "the birds were twittering outside",
};

// Words about being online that name no platform (for 0-platform crimes and fillers).
constexpr std::string_view generic_online[] = {
    "online", "online", "over the internet", "on social media", "by text message",
    "via an app", "on his mobile phone", "through a chat app", "in an online chat room",
    "by msgs on her phone",
};

// ------------------------------------------------------------------------------------------------
// 3. Sentence templates. Slots: {P} platform as a prepositional phrase, {O} platform as an
// object, {N} platform name as a modifier, {V} platform verb, {X} false-friend clause,
// {I} injured party, {S} suspect, {A} victim age, {B} suspect age, {T} time, {L} place,
// {H} location, {U} alias, {G} generic online words, {M} images, {K} small number,
// {D} weekday, {R} date of birth, {W} user name in a URL or after @. No template ends with a preposition and none starts with a
// platform slot, so sentences run together without punctuation never merge two mentions.

// One platform slot.
constexpr std::string_view platform_templates[] = {
    "{S} befriended {I} {P}",
    "{S} contacted {I} {P} {T}",
    "{I} received msgs from {S} {P}",
    "{S} requested {M} from {I} {P}",
    "{S} sent indecent images to {I} {P}",
    "{I} was groomed {P} over approx {K} weeks",
    "{I} met {S} through {O}",
    "{S} set up a fake {N} profile claiming to be {A}",
    "{I}'s mother found msgs on {I}'s {N} account",
    "{S} arranged to meet {I} at {L} after chatting {P}",
    "images were shared {P}",
    "{S} threatened to share {I}'s {M} {P} unless more were sent",
    "{S} added {I} {P} and began sending msgs",
    "{I} disclosed to a teacher that {S} had been messaging her {P}",
    "{S} used the name {U} {P}",
    "{S} is believed to have {K} accounts on {O}",
    "OIC has submitted a data request to {N}",
    "screenshots of the {N} msgs provided by {I}'s father",
    "{S} asked {I} to move the conversation to {O}",
    "{S} sent {I} sexual msgs {P}, {I} blocked him",
    "{I} and {S} had been talking {P} for approx {K} months, SUSP believed to be {B}",
    "contact was {P} only, no meeting took place",
    "{S} persuaded {I} to perform sex acts on camera {P}",
    "{S} blackmailed {I} {P}, demanding more {M}",
    "{S} posed as a {A} yr old {P}",
    "{I} was sent a friend request {P} by {S}",
    "{S} continued to contact {I} {P} after being blocked",
    "{S}'s {N} account has since been deleted",
    "{X} and {S} later messaged {I} {P}",
    "{I} stated that {X}, {S} then contacted her {P}",
};

// One verb slot.
constexpr std::string_view verb_templates[] = {
    "{S} {V} {I} and exposed himself",
    "{S} {V} {I} {T}",
    "{S} {V} {I} several times asking for {M}",
};

// Two platform slots (the slots are never adjacent).
constexpr std::string_view two_platform_templates[] = {
    "{S} first contacted {I} {P} then moved the chat to {O}",
    "{I} was contacted {P} and later {P}",
    "msgs were exchanged {P}, images were then sent {P}",
    "{S} found {I} through {O} and then added her on {O}",
    "{S} has profiles on {O} and {O}",
};

// Quoted speech with a platform slot.
constexpr std::string_view quote_platform_templates[] = {
    "{S} said \"add me {P}\"",
    "{S} messaged {I} \"u up?\" {P}",
    "{I} was told \"delete the {N} chat or ur in trouble\"",
    "{S} sent {I} a msg {P} saying \"dont tell ur mum\"",
};

// Quoted speech without a platform.
constexpr std::string_view quote_templates[] = {
    "{S} said \"send me pics\"",
    "{S} told {I} \"ur so mature for ur age\"",
    "{I} stated {S} said \"no one will believe you\"",
    "msg read \"meet me at {L} at 8\"",
    "{S} said \"I'll come round\" when {I} stopped replying",
    "{I} described {S} as \"really nice at first\"",
    "{S} asked {I} to \"prove\" her age",
};

// Sentences with non-ASCII UTF-8 (never upper-cased).
constexpr std::string_view non_ascii_templates[] = {
    "{I}\xE2\x80\x99s mother found the msgs",          // curly apostrophe
    "{S} met {I} at a caf\xC3\xA9 in {L}",             // é
    "{S} offered {I} \xC2\xA3{K}0 for {M}",            // £
    "{S} used the name Andr\xC3\xA9s",                 // é
    "{I} said she felt na\xC3\xAFve and didn\xE2\x80\x99t tell anyone", // ï, ’
};

// Fillers without any platform.
constexpr std::string_view filler_templates[] = {
    "{I} is a {A} yr old female",
    "{I} DOB {R}",
    "{S} befriended {I} {G}",
    "{S} arrested {H}",
    "{S} believed to be approx {B} yrs",
    "{S} sent indecent images to {I} {G}",
    "{S} requested {M} from {I} {G}",
    "{I} reported that {S} had been sending msgs {G}",
    "{S} arranged to meet {I} {H} {T}",
    "{S} touched {I} over clothing {H}",
    "{S} U/K to {I}",
    "{S} known to {I}, family friend",
    "{I} was groomed over approx {K} months",
    "{I}'s mobile phone seized for examination",
    "CCTV requested from {L} shopping centre",
    "safeguarding referral made to children's services",
    "{I} declined to support a prosecution at this time",
    "OIC to arrange ABE interview with {I}",
    "{S} gave {I} alcohol and cigarettes {H}",
    "no further lines of enquiry, NFA",
    "{S} exposed himself to {I} {H} {T}",
    "{I} has a history of going missing from {L}",
    "{S} was interviewed under caution and denied the offence",
    "{S} messaged {I} {G} asking her age, {I} replied {A}",
    "{S} sent {M} of himself to {I} by text message",
    "{S} paid {I} for {M}, amounts U/K",
    "{I} attended {L} police station with her mother",
    "{S} has previous for similar offences",
    "{I}'s school raised concerns about a relationship with an older male",
    "{S} asked {I} to keep the chat secret",
    "{S} offered {I} a lift home from {L}",
    "forensic download of {I}'s phone outstanding",
    "{S} filmed {I} without consent {H}",
    "{I} was befriended online by {S} approx {K} weeks ago",
};

constexpr std::string_view note_templates[] = {
    "Vulnerable IP",
    "CSE risk assessment completed",
    "Referred to CEOP",
    "Phone download outstanding",
    "Data request submitted",
    "IP now in care, social worker informed",
    "SUSP NFA'd",
    "See previous report",
    "Strategy meeting held {D}",
    "Interpreter required",
    "Possible duplicate, check with OIC",
};

constexpr std::string_view note_platform_templates[] = {
    "Data request sent to {N}",
    "{N} account now deleted",
    "Screenshots from {N} on file",
    "{N} preservation request sent",
    "IP blocked SUSP {P}",
};

constexpr std::string_view continuation_prefixes[] = {
    "CONT: ", "CONT - ", "CONT. ", "Continued: ", "UPDATE: ",
};

constexpr std::string_view victim_refs[] = {
    "IP", "IP", "IP", "V", "the IP", "IP1", "victim", "the victim",
};
constexpr std::string_view suspect_refs[] = {
    "SUSP", "SUSP", "SUSP", "suspect", "the suspect", "SUSP1", "U/K male", "the male", "OFFENDER",
};
constexpr std::string_view images[] = {
    "pics", "indecent images", "vids", "naked pics", "images", "photos", "explicit pics",
    "sexual images",
};
constexpr std::string_view weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
constexpr std::string_view place_heads[] = {
    "Ash", "Bram", "Brook", "Elm", "Fern", "Glen", "Hart", "Kings", "Lang", "Marsh",
    "Mill", "Oak", "Pen", "Red", "Stan", "Thorn", "Wey", "Whit", "Hol", "Bur",
};
constexpr std::string_view place_tails[] = {
    "ford", "ley", "ton", "bury", "field", "wood", "by", "ham", "well", "stead",
    "combe", "mouth", "gate", "bridge",
};
constexpr std::string_view alias_parts[] = {
    "dark", "angel", "lola", "jay", "kyle", "lil", "prince", "babe", "sk8r", "danny",
    "luv", "xx", "blue", "moon",
};
constexpr std::string_view name_preps[] = {"on", "on", "via", "via", "over", "through", "using"};
constexpr std::string_view object_preps[] = {"via", "through", "using"};

// Home Office codes. Sexual offences / indecent images, with weights.
struct WeightedCode {
    std::string_view code;
    std::uint8_t weight;
};
constexpr WeightedCode sexual_codes[] = {
    {"17", 2},   {"17A", 6},  {"17B", 2},  {"20A", 2},  {"20B", 2},   {"19C", 6},  {"19D", 2},
    {"19E", 2},  {"19F", 2},  {"19G", 2},  {"19H", 2},  {"19J", 2},   {"19K", 2},  {"21", 2},
    {"22A", 2},  {"22B", 2},  {"23", 2},   {"70", 2},   {"71", 2},    {"72", 2},   {"73", 2},
    {"74", 2},   {"88A", 6},  {"88E", 2},  {"71/1", 2}, {"71/17", 6}, {"86/2", 8}, {"86/10", 6},
};
constexpr std::string_view other_codes[] = {
    "8A", "8N", "105A", "126", "49", "45", "58A", "28E", "30A", "39", "5D", "34B", "93",
};

constexpr std::string_view force_prefixes[] = {
    "WM", "GM", "MP", "WY", "MS", "NT", "TV", "AS", "SY", "LC", "HC", "KT",
};

constexpr std::string_view csv_header =
    "CrimeRef,DateRecorded,HOCode,VictimAge,VictimGender,OnlineFlag,MOText,Notes";

// ------------------------------------------------------------------------------------------------
// Templates compiled once per run into segments.

enum class Slot : std::uint8_t {
    literal,
    plat_prep,
    plat_object,
    plat_name,
    plat_verb,
    negative,
    victim,
    suspect,
    victim_age,
    suspect_age,
    time,
    place,
    location,
    alias,
    generic,
    images,
    number,
    weekday,
    dob,
    handle,
};

bool is_platform_slot(Slot s) {
    return s == Slot::plat_prep || s == Slot::plat_object || s == Slot::plat_name ||
           s == Slot::plat_verb;
}

Slot slot_for_key(char key) {
    switch (key) {
    case 'P': return Slot::plat_prep;
    case 'O': return Slot::plat_object;
    case 'N': return Slot::plat_name;
    case 'V': return Slot::plat_verb;
    case 'X': return Slot::negative;
    case 'I': return Slot::victim;
    case 'S': return Slot::suspect;
    case 'A': return Slot::victim_age;
    case 'B': return Slot::suspect_age;
    case 'T': return Slot::time;
    case 'L': return Slot::place;
    case 'H': return Slot::location;
    case 'U': return Slot::alias;
    case 'G': return Slot::generic;
    case 'M': return Slot::images;
    case 'K': return Slot::number;
    case 'D': return Slot::weekday;
    case 'R': return Slot::dob;
    case 'W': return Slot::handle;
    default: throw std::logic_error("synth: unknown template slot");
    }
}

struct Segment {
    Slot slot;
    std::string_view text; // literal text when slot == literal
};

struct Template {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    std::uint8_t platform_slots = 0;
    std::array<Slot, 2> platform_kinds{Slot::literal, Slot::literal};
};

class TemplateSet {
public:
    std::uint32_t add(std::string_view text) {
        Template t;
        t.first = static_cast<std::uint32_t>(segments_.size());
        std::size_t i = 0;
        while (i < text.size()) {
            if (text[i] == '{') {
                if (i + 2 >= text.size() || text[i + 2] != '}') {
                    throw std::logic_error("synth: malformed template slot");
                }
                const Slot s = slot_for_key(text[i + 1]);
                if (is_platform_slot(s)) {
                    if (t.platform_slots == 2) {
                        throw std::logic_error("synth: too many platform slots");
                    }
                    t.platform_kinds[t.platform_slots++] = s;
                }
                segments_.push_back({s, {}});
                i += 3;
            } else {
                const std::size_t end = text.find('{', i);
                const std::size_t stop = end == std::string_view::npos ? text.size() : end;
                segments_.push_back({Slot::literal, text.substr(i, stop - i)});
                i = stop;
            }
        }
        t.count = static_cast<std::uint32_t>(segments_.size()) - t.first;
        templates_.push_back(t);
        return static_cast<std::uint32_t>(templates_.size() - 1);
    }

    template <std::size_t N>
    std::vector<std::uint32_t> add_all(const std::string_view (&texts)[N]) {
        std::vector<std::uint32_t> ids;
        for (const auto& t : texts) {
            ids.push_back(add(t));
        }
        return ids;
    }

    const Template& get(std::uint32_t id) const { return templates_[id]; }
    std::span<const Segment> segments(const Template& t) const {
        return {segments_.data() + t.first, t.count};
    }

private:
    std::vector<Segment> segments_;
    std::vector<Template> templates_;
};

bool form_fits(Form form, Slot slot) {
    switch (slot) {
    case Slot::plat_name: return form == Form::name;
    case Slot::plat_object: return form == Form::name || form == Form::object;
    case Slot::plat_prep: return form == Form::name || form == Form::object || form == Form::prep;
    case Slot::plat_verb: return form == Form::verb;
    default: return false;
    }
}

bool has_lower_ascii(std::string_view s) {
    for (const char c : s) {
        if (c >= 'a' && c <= 'z') {
            return true;
        }
    }
    return false;
}

void upper_from(std::string& s, std::size_t from) {
    for (std::size_t i = from; i < s.size(); ++i) {
        if (s[i] >= 'a' && s[i] <= 'z') {
            s[i] = static_cast<char>(s[i] - 'a' + 'A');
        }
    }
}

void append_uint(std::string& out, std::uint64_t v) {
    char buf[20];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        out.push_back(buf[--n]);
    }
}

void append_padded(std::string& out, unsigned v, int width) {
    char buf[10];
    for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    out.append(buf, static_cast<std::size_t>(width));
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

struct Civil {
    int year;
    int month;
    int day;
};

using Counts = std::array<std::uint8_t, platform_count>;

// A platform a text names, and how many times.
struct Choice {
    std::uint8_t platform;
    std::uint8_t mentions;
};

// Fields shared by all rows of one text version of a crime (the first record or its
// continuation), already encoded.
struct RowParts {
    std::string prefix; // CrimeRef, DateRecorded, HOCode and the separator before VictimAge
    std::string suffix; // the fields after VictimGender, and the record end
};

struct Pending {
    std::uint64_t due_row;
    std::string bytes;
};

// ------------------------------------------------------------------------------------------------
// 4. The generator.

class Generator {
public:
    Generator(const Options& options, std::ostream& archive, std::ostream* truth)
        : options_(options), archive_(archive), truth_(truth), rng_(options.seed) {
        if (options.first_year < 1 || options.last_year > 9999 ||
            options.first_year > options.last_year) {
            throw UsageError("synthetic archive: need 1 <= first year <= last year <= 9999");
        }
        csv_ = options.format == Format::csv;
        eol_ = csv_ && options.crlf ? "\r\n" : "\n";

        platform_tpl_ = templates_.add_all(platform_templates);
        verb_tpl_ = templates_.add_all(verb_templates);
        two_tpl_ = templates_.add_all(two_platform_templates);
        quote_platform_tpl_ = templates_.add_all(quote_platform_templates);
        quote_tpl_ = templates_.add_all(quote_templates);
        non_ascii_tpl_ = templates_.add_all(non_ascii_templates);
        filler_tpl_ = templates_.add_all(filler_templates);
        note_tpl_ = templates_.add_all(note_templates);
        note_platform_tpl_ = templates_.add_all(note_platform_templates);
        negative_tpl_ = templates_.add_all(negative_clauses);
        for (std::size_t p = 0; p < platform_count; ++p) {
            for (std::size_t f = 0; f < platform_forms[p].size(); ++f) {
                const Surface& s = platform_forms[p][f];
                if (s.form == Form::sentence) {
                    sentence_forms_[p].push_back({templates_.add(s.text), s.weight});
                } else {
                    for (const Slot slot : {Slot::plat_prep, Slot::plat_object, Slot::plat_name,
                                            Slot::plat_verb}) {
                        if (form_fits(s.form, slot)) {
                            has_form_[p][slot_index(slot)] = true;
                        }
                    }
                }
            }
        }

        year_start_.push_back(0);
        for (int y = options.first_year; y <= options.last_year; ++y) {
            year_start_.push_back(year_start_.back() + (is_leap(y) ? 366 : 365));
        }
        const std::size_t years =
            static_cast<std::size_t>(options.last_year - options.first_year + 1);
        serials_.resize(std::size(force_prefixes) * years);
        for (auto& s : serials_) {
            s = rng_.below(200000) + 1;
        }

        out_.reserve(flush_at + 64 * 1024);
        if (truth_ != nullptr) {
            truth_out_.reserve(flush_at + 4096);
        }
    }

    Stats run() {
        if (csv_) {
            if (options_.bom) {
                out_ += "\xEF\xBB\xBF";
            }
            out_ += csv_header;
            out_ += eol_;
            generated_ = out_.size();
        }
        if (truth_ != nullptr) {
            truth_out_ += "crime_id,platforms,mentions\n";
        }
        do {
            make_crime();
            if (out_.size() >= flush_at) {
                flush_archive();
            }
            if (truth_out_.size() >= flush_at) {
                flush_truth();
            }
        } while (generated_ < options_.target_bytes);
        for (auto& p : pending_) {
            out_ += p.bytes;
            ++stats_.rows;
        }
        pending_.clear();
        flush_archive();
        flush_truth();
        stats_.bytes = written_;
        return stats_;
    }

private:
    static constexpr std::size_t flush_at = 1 << 20;

    static std::size_t slot_index(Slot s) {
        switch (s) {
        case Slot::plat_prep: return 0;
        case Slot::plat_object: return 1;
        case Slot::plat_name: return 2;
        default: return 3;
        }
    }

    void flush_archive() {
        if (!out_.empty()) {
            archive_.write(out_.data(), static_cast<std::streamsize>(out_.size()));
            if (!archive_) {
                throw IoError("synthetic archive: write failed");
            }
            written_ += out_.size();
            out_.clear();
        }
    }

    void flush_truth() {
        if (truth_ != nullptr && !truth_out_.empty()) {
            truth_->write(truth_out_.data(), static_cast<std::streamsize>(truth_out_.size()));
            if (!*truth_) {
                throw IoError("synthetic archive: write of the truth file failed");
            }
            truth_out_.clear();
        }
    }

    // ---- small fillers

    void append_place(std::string& out) {
        out += rng_.pick(place_heads);
        out += rng_.pick(place_tails);
    }

    void append_alias(std::string& out) {
        out += '\'';
        out += rng_.pick(alias_parts);
        const std::uint32_t sep = rng_.below(3);
        if (sep == 1) {
            out += '_';
        } else if (sep == 2) {
            out += '.';
        }
        out += rng_.pick(alias_parts);
        if (rng_.chance(600)) {
            append_padded(out, rng_.below(100), 2);
        }
        out += '\'';
    }

    // A user name as it appears in a URL or after @: no quotes.
    void append_handle(std::string& out) {
        out += rng_.pick(alias_parts);
        if (rng_.chance(500)) {
            out += '_';
        }
        out += rng_.pick(alias_parts);
        if (rng_.chance(600)) {
            append_padded(out, rng_.below(100), 2);
        }
    }

    void append_time(std::string& out) {
        const unsigned h = rng_.below(24);
        const unsigned m = rng_.below(60);
        switch (rng_.below(6)) {
        case 0:
            out += "at approx ";
            append_padded(out, h, 2);
            append_padded(out, m, 2);
            out += " hrs";
            break;
        case 1:
            out += "approx ";
            append_padded(out, h, 2);
            out += ':';
            append_padded(out, m, 2);
            break;
        case 2:
            out += "between ";
            append_padded(out, h % 12 + 12, 2);
            out += "00 and ";
            append_padded(out, (h % 12 + 13) % 24, 2);
            out += "00 hrs";
            break;
        case 3:
            out += "on ";
            out += rng_.pick(weekdays);
            out += " evening";
            break;
        case 4: out += "in the early hours"; break;
        default: out += "over the weekend"; break;
        }
    }

    void append_location(std::string& out) {
        switch (rng_.below(7)) {
        case 0: out += "@ HOME ADDRESS"; break;
        case 1: out += "at IP's home address"; break;
        case 2: out += "at a park in "; append_place(out); break;
        case 3: out += "at "; append_place(out); out += " railway station"; break;
        case 4: out += "in a car park in "; append_place(out); break;
        case 5: out += "at SUSP's flat in "; append_place(out); break;
        default: out += "@ HOME ADDRESS in "; append_place(out); break;
        }
    }

    void append_suspect(std::string& out) {
        if (rng_.chance(50)) {
            out += "a male believed to be approx ";
            append_uint(out, static_cast<std::uint64_t>(rng_.between(16, 65)));
        } else {
            out += rng_.pick(suspect_refs);
        }
    }

    void append_victim_age(std::string& out) {
        const int age = rng_.chance(800) ? rng_.between(10, 17) : rng_.between(18, 40);
        append_uint(out, static_cast<std::uint64_t>(age));
    }

    void append_dob(std::string& out) {
        const int y = rng_.between(1995, 2014);
        const int m = rng_.between(1, 12);
        const int d = rng_.between(1, days_in_month(y, m));
        append_padded(out, static_cast<unsigned>(d), 2);
        out += '/';
        append_padded(out, static_cast<unsigned>(m), 2);
        out += '/';
        append_padded(out, static_cast<unsigned>(y), 4);
    }

    // ---- platform forms

    const Surface& pick_surface(std::size_t p, Slot slot, bool upper) {
        const auto forms = platform_forms[p];
        bool only_upper = false;
        if (upper && rng_.chance(700)) {
            for (const auto& s : forms) {
                if (form_fits(s.form, slot) && !has_lower_ascii(s.text)) {
                    only_upper = true;
                    break;
                }
            }
        }
        std::uint32_t total = 0;
        for (const auto& s : forms) {
            if (form_fits(s.form, slot) && (!only_upper || !has_lower_ascii(s.text))) {
                total += s.weight;
            }
        }
        if (total == 0) {
            throw std::logic_error("synth: platform has no form for slot");
        }
        std::uint32_t r = rng_.below(total);
        for (const auto& s : forms) {
            if (form_fits(s.form, slot) && (!only_upper || !has_lower_ascii(s.text))) {
                if (r < s.weight) {
                    return s;
                }
                r -= s.weight;
            }
        }
        return forms[0]; // unreachable
    }

    void append_platform(std::string& out, std::size_t p, Slot slot, bool upper) {
        const Surface& s = pick_surface(p, slot, upper);
        if (slot == Slot::plat_prep && s.form != Form::prep) {
            const std::size_t at = out.size();
            out += s.form == Form::name ? rng_.pick(name_preps)
                                        : rng_.pick(object_preps);
            if (upper) {
                upper_from(out, at);
            }
            out += ' ';
        }
        if (typo_prone[p] && s.form == Form::name && can_typo(s.text) && rng_.chance(15)) {
            append_typo(out, s.text);
        } else {
            out += s.text;
        }
    }

    // A single word of letters, at least six, not all upper case (a shouted name is typed
    // with care, or at least we do not model its typos).
    static bool can_typo(std::string_view w) {
        if (w.size() < 6 || !has_lower_ascii(w)) {
            return false;
        }
        for (const char c : w) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    // One random typo: a letter dropped, doubled, or swapped with the next, never among the
    // first two letters, and never one that leaves the word unchanged.
    void append_typo(std::string& out, std::string_view w) {
        std::string t(w);
        for (;;) {
            const std::size_t at = 2 + rng_.below(static_cast<std::uint32_t>(w.size() - 2));
            switch (rng_.below(3)) {
            case 0: t.erase(at, 1); break;
            case 1: t.insert(at, 1, t[at]); break;
            default:
                if (at + 1 < t.size()) {
                    std::swap(t[at], t[at + 1]);
                }
                break;
            }
            if (t != w) {
                break;
            }
            t.assign(w);
        }
        out += t;
    }

    bool fits(std::size_t p, Slot slot) const { return has_form_[p][slot_index(slot)]; }

    bool template_fits(const Template& t, const std::uint8_t* tokens) const {
        for (std::uint8_t i = 0; i < t.platform_slots; ++i) {
            if (!fits(tokens[i], t.platform_kinds[i])) {
                return false;
            }
        }
        return true;
    }

    // Expands a template. Literals (and ordinary fillers) are upper-cased when `upper`;
    // platform forms, false friends and aliases never are. Platform slots take `tokens` in
    // order and add one mention each to `counts`.
    void expand(std::string& out, std::uint32_t id, bool upper, const std::uint8_t* tokens,
                Counts& counts) {
        const Template& t = templates_.get(id);
        std::uint8_t next_token = 0;
        for (const Segment& seg : templates_.segments(t)) {
            const std::size_t at = out.size();
            bool may_upper = true;
            switch (seg.slot) {
            case Slot::literal: out += seg.text; break;
            case Slot::plat_prep:
            case Slot::plat_object:
            case Slot::plat_name:
            case Slot::plat_verb: {
                const std::uint8_t p = tokens[next_token++];
                append_platform(out, p, seg.slot, upper);
                ++counts[p];
                may_upper = false;
                break;
            }
            case Slot::negative:
                expand(out, negative_tpl_[rng_.below(static_cast<std::uint32_t>(
                                negative_tpl_.size()))],
                       false, nullptr, counts);
                may_upper = false;
                break;
            case Slot::victim: out += rng_.pick(victim_refs); break;
            case Slot::suspect: append_suspect(out); break;
            case Slot::victim_age: append_victim_age(out); break;
            case Slot::suspect_age:
                append_uint(out, static_cast<std::uint64_t>(rng_.between(16, 65)));
                break;
            case Slot::time: append_time(out); break;
            case Slot::place: append_place(out); break;
            case Slot::location: append_location(out); break;
            case Slot::alias:
                append_alias(out);
                may_upper = false;
                break;
            case Slot::handle:
                append_handle(out);
                may_upper = false;
                break;
            case Slot::generic: out += rng_.pick(generic_online); break;
            case Slot::images: out += rng_.pick(images); break;
            case Slot::number:
                append_uint(out, static_cast<std::uint64_t>(rng_.between(2, 20)));
                break;
            case Slot::weekday: out += rng_.pick(weekdays); break;
            case Slot::dob: append_dob(out); break;
            }
            if (upper && may_upper) {
                upper_from(out, at);
            }
        }
    }

    std::uint32_t pick_id(const std::vector<std::uint32_t>& ids) {
        return ids[rng_.below(static_cast<std::uint32_t>(ids.size()))];
    }

    // A filler not yet used in the current text (a few tries, then whatever comes).
    std::uint32_t pick_filler() {
        std::uint32_t id = pick_id(filler_tpl_);
        for (int attempt = 0; attempt < 4; ++attempt) {
            if (std::find(used_fillers_.begin(), used_fillers_.end(), id) ==
                used_fillers_.end()) {
                break;
            }
            id = pick_id(filler_tpl_);
        }
        used_fillers_.push_back(id);
        return id;
    }

    // One sentence with one mention of platform p.
    void platform_sentence(std::string& out, std::uint8_t p, bool upper, Counts& counts) {
        const auto& sentences = sentence_forms_[p];
        if (!sentences.empty() && rng_.chance(150)) {
            std::uint32_t total = 0;
            for (const auto& s : sentences) {
                total += s.second;
            }
            std::uint32_t r = rng_.below(total);
            for (const auto& s : sentences) {
                if (r < s.second) {
                    expand(out, s.first, false, nullptr, counts);
                    ++counts[p];
                    return;
                }
                r -= s.second;
            }
        }
        if (fits(p, Slot::plat_verb) && rng_.chance(250)) {
            expand(out, pick_id(verb_tpl_), upper, &p, counts);
            return;
        }
        for (int attempt = 0; attempt < 8; ++attempt) {
            const std::uint32_t id = pick_id(platform_tpl_);
            if (template_fits(templates_.get(id), &p)) {
                expand(out, id, upper, &p, counts);
                return;
            }
        }
        expand(out, platform_tpl_[0], upper, &p, counts); // {P} fits every platform
    }

    void two_platform_sentence(std::string& out, const std::uint8_t* tokens, bool upper,
                               Counts& counts) {
        for (int attempt = 0; attempt < 8; ++attempt) {
            const std::uint32_t id = pick_id(two_tpl_);
            if (template_fits(templates_.get(id), tokens)) {
                expand(out, id, upper, tokens, counts);
                return;
            }
        }
        expand(out, two_tpl_[1], upper, tokens, counts); // {P} ... {P}
    }

    void quote_platform_sentence(std::string& out, std::uint8_t p, bool upper, Counts& counts) {
        for (int attempt = 0; attempt < 8; ++attempt) {
            const std::uint32_t id = pick_id(quote_platform_tpl_);
            if (template_fits(templates_.get(id), &p)) {
                expand(out, id, upper, &p, counts);
                return;
            }
        }
        expand(out, quote_platform_tpl_[0], upper, &p, counts);
    }

    // ---- MO text

    enum class Item : std::uint8_t {
        filler, platform, two_platforms, quote, quote_platform, negative, non_ascii
    };
    struct PlanItem {
        Item kind;
        std::uint8_t a;
        std::uint8_t b;
    };

    // Writes one MO text naming `chosen` (platform, mention count) pairs; adds the mentions
    // actually written to `counts`.
    void build_text(std::string& out, std::span<const Choice> chosen, bool continuation,
                    Counts& counts) {
        const std::size_t start = out.size();
        tokens_.clear();
        for (const Choice& c : chosen) {
            for (std::uint8_t i = 0; i < c.mentions; ++i) {
                tokens_.push_back(c.platform);
            }
        }
        if (!continuation && tokens_.empty() && rng_.chance(5)) {
            return; // an empty MO field
        }
        shuffle(tokens_);

        plan_.clear();
        std::size_t t = 0;
        while (t < tokens_.size()) {
            if (tokens_.size() - t >= 2 && rng_.chance(250)) {
                plan_.push_back({Item::two_platforms, tokens_[t], tokens_[t + 1]});
                t += 2;
            } else {
                plan_.push_back({Item::platform, tokens_[t], 0});
                t += 1;
            }
        }
        const std::size_t platform_items = plan_.size();
        if (rng_.chance(150)) {
            // Quoted speech: either one single-platform sentence becomes a quote, or a quote
            // without a platform is added.
            bool converted = false;
            if (platform_items > 0 && rng_.chance(400)) {
                for (auto& item : plan_) {
                    if (item.kind == Item::platform) {
                        item.kind = Item::quote_platform;
                        converted = true;
                        break;
                    }
                }
            }
            if (!converted) {
                plan_.push_back({Item::quote, 0, 0});
            }
        }
        if (rng_.chance(300)) {
            plan_.push_back({Item::negative, 0, 0});
            if (rng_.chance(150)) {
                plan_.push_back({Item::negative, 0, 0});
            }
        }
        if (rng_.chance(10)) {
            plan_.push_back({Item::non_ascii, 0, 0});
        }
        // Sentence count: 1-6 for a first text, 1-3 for a continuation.
        static constexpr std::array<std::uint8_t, 10> sentence_counts = {1, 2, 3, 3, 4, 4, 4, 5,
                                                                         5, 6};
        const std::size_t wanted =
            continuation ? static_cast<std::size_t>(rng_.between(1, 3))
                         : sentence_counts[rng_.below(sentence_counts.size())];
        while (plan_.size() < wanted) {
            plan_.push_back({Item::filler, 0, 0});
        }
        shuffle(plan_);

        // Style of the whole text.
        const bool newline = rng_.chance(30);
        const bool crlf_inside = newline && rng_.chance(500);
        const bool numbered = newline && rng_.chance(500);
        std::string_view join = ". ";
        if (!newline) {
            const std::uint32_t r = rng_.below(100);
            join = r < 75 ? ". " : r < 85 ? " " : r < 93 ? " - " : "; ";
        } else {
            join = crlf_inside ? "\r\n" : "\n";
        }
        const bool upper_all = rng_.chance(120);
        const bool long_text = !continuation && rng_.chance(30);

        if (continuation) {
            out += rng_.pick(continuation_prefixes);
        }
        used_fillers_.clear();
        std::size_t sentence = 0;
        auto separator = [&] {
            if (sentence > 0) {
                out += join;
            }
            ++sentence;
            if (numbered) {
                append_uint(out, sentence);
                out += ") ";
            }
        };
        for (const PlanItem& item : plan_) {
            separator();
            const bool upper = upper_all || rng_.chance(60);
            switch (item.kind) {
            case Item::filler: expand(out, pick_filler(), upper, nullptr, counts); break;
            case Item::platform: platform_sentence(out, item.a, upper, counts); break;
            case Item::two_platforms: {
                const std::uint8_t pair[2] = {item.a, item.b};
                two_platform_sentence(out, pair, upper, counts);
                break;
            }
            case Item::quote: expand(out, pick_id(quote_tpl_), upper, nullptr, counts); break;
            case Item::quote_platform: quote_platform_sentence(out, item.a, upper, counts); break;
            case Item::negative: expand(out, pick_id(negative_tpl_), false, nullptr, counts); break;
            case Item::non_ascii:
                expand(out, pick_id(non_ascii_tpl_), false, nullptr, counts);
                break;
            }
        }
        if (long_text) {
            const std::size_t length = static_cast<std::size_t>(rng_.between(1000, 4000));
            while (out.size() - start < length) {
                separator();
                if (rng_.chance(100)) {
                    expand(out, pick_id(negative_tpl_), false, nullptr, counts);
                } else {
                    expand(out, pick_id(filler_tpl_), upper_all, nullptr, counts);
                }
            }
        }
        if (join == ". " && rng_.chance(600)) {
            out += '.';
        }
    }

    void build_note(std::string& out, int platform, Counts& counts) {
        if (platform < 0) {
            expand(out, pick_id(note_tpl_), false, nullptr, counts);
            return;
        }
        const auto p = static_cast<std::uint8_t>(platform);
        for (int attempt = 0; attempt < 8; ++attempt) {
            const std::uint32_t id = pick_id(note_platform_tpl_);
            if (template_fits(templates_.get(id), &p)) {
                expand(out, id, false, &p, counts);
                return;
            }
        }
        expand(out, note_platform_tpl_.back(), false, &p, counts); // {P} fits every platform
    }

    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            const std::size_t j = rng_.below(static_cast<std::uint32_t>(i));
            std::swap(v[i - 1], v[j]);
        }
    }

    std::uint8_t pick_platform() {
        std::uint32_t total = 0;
        for (const auto w : platform_weights) {
            total += w;
        }
        std::uint32_t r = rng_.below(total);
        for (std::size_t p = 0; p < platform_count; ++p) {
            if (r < platform_weights[p]) {
                return static_cast<std::uint8_t>(p);
            }
            r -= platform_weights[p];
        }
        return 0;
    }

    std::uint8_t mention_count() {
        const std::uint32_t r = rng_.below(100);
        return r < 55 ? 1 : r < 85 ? 2 : 3;
    }

    // ---- record fields

    Civil civil_from_index(int index) const {
        std::size_t y = 0;
        while (year_start_[y + 1] <= index) {
            ++y;
        }
        int day = index - year_start_[y];
        const int year = options_.first_year + static_cast<int>(y);
        int month = 1;
        while (day >= days_in_month(year, month)) {
            day -= days_in_month(year, month);
            ++month;
        }
        return {year, month, day + 1};
    }

    enum class DateStyle : std::uint8_t { uk_time, uk, iso, iso_time };

    void append_date(std::string& out, const Civil& c, DateStyle style, unsigned h, unsigned m,
                     unsigned s) {
        switch (style) {
        case DateStyle::uk_time:
        case DateStyle::uk:
            append_padded(out, static_cast<unsigned>(c.day), 2);
            out += '/';
            append_padded(out, static_cast<unsigned>(c.month), 2);
            out += '/';
            append_padded(out, static_cast<unsigned>(c.year), 4);
            if (style == DateStyle::uk_time) {
                out += ' ';
                append_padded(out, h, 2);
                out += ':';
                append_padded(out, m, 2);
            }
            break;
        case DateStyle::iso:
        case DateStyle::iso_time:
            append_padded(out, static_cast<unsigned>(c.year), 4);
            out += '-';
            append_padded(out, static_cast<unsigned>(c.month), 2);
            out += '-';
            append_padded(out, static_cast<unsigned>(c.day), 2);
            if (style == DateStyle::iso_time) {
                out += 'T';
                append_padded(out, h, 2);
                out += ':';
                append_padded(out, m, 2);
                out += ':';
                append_padded(out, s, 2);
            }
            break;
        }
    }

    void append_invalid_date(std::string& out, int year) {
        const auto y = static_cast<unsigned>(year);
        switch (rng_.below(6)) {
        case 0: out += "31/02/"; append_padded(out, y, 4); break;
        case 1: append_padded(out, y, 4); out += "-13-01"; break;
        case 2: out += "unknown"; break;
        case 3: out += "32/01/"; append_padded(out, y, 4); out += " 10:00"; break;
        case 4: out += "00/00/0000"; break;
        default: out += "30/02/"; append_padded(out, y, 4); break;
        }
    }

    // Writes an offence code, about 15% of them in a non-canonical spelling.
    void append_code(std::string& out, std::string_view code) {
        if (!rng_.chance(150)) {
            out += code;
            return;
        }
        std::size_t digits = 0;
        while (digits < code.size() && code[digits] >= '0' && code[digits] <= '9') {
            ++digits;
        }
        const std::size_t slash = code.find('/');
        const bool has_letter = digits < code.size() && code[digits] != '/';
        const bool short_minor = slash != std::string_view::npos && code.size() - slash - 1 == 1;
        for (;;) {
            switch (rng_.below(6)) {
            case 0: // leading zeros on the major number: 086/2, 017A
                if (digits >= 3) {
                    continue;
                }
                out.append(3 - digits, '0');
                out += code;
                return;
            case 1: // two-digit minor: 86/02
                if (!short_minor) {
                    continue;
                }
                out += code.substr(0, slash + 1);
                out += '0';
                out += code.substr(slash + 1);
                return;
            case 2: // both: 086/02, 071/17
                if (slash == std::string_view::npos || digits >= 3) {
                    continue;
                }
                out.append(3 - digits, '0');
                out += code.substr(0, slash + 1);
                if (short_minor) {
                    out += '0';
                }
                out += code.substr(slash + 1);
                return;
            case 3: { // lower-case letter: 19c
                if (!has_letter) {
                    continue;
                }
                const std::size_t at = out.size();
                out += code;
                for (std::size_t i = at; i < out.size(); ++i) {
                    if (out[i] >= 'A' && out[i] <= 'Z') {
                        out[i] = static_cast<char>(out[i] - 'A' + 'a');
                    }
                }
                return;
            }
            case 4: out += ' '; out += code; return;
            default: out += code; out += ' '; return;
            }
        }
    }

    std::string_view pick_code() {
        if (rng_.chance(550)) {
            std::uint32_t total = 0;
            for (const auto& c : sexual_codes) {
                total += c.weight;
            }
            std::uint32_t r = rng_.below(total);
            for (const auto& c : sexual_codes) {
                if (r < c.weight) {
                    return c.code;
                }
                r -= c.weight;
            }
        }
        return rng_.pick(other_codes);
    }

    void append_crime_ref(std::string& out, int year) {
        const std::size_t years =
            static_cast<std::size_t>(options_.last_year - options_.first_year + 1);
        const std::size_t y = static_cast<std::size_t>(year - options_.first_year);
        std::size_t force = rng_.below(static_cast<std::uint32_t>(std::size(force_prefixes)));
        // Serials count up per force and year, as real references do; if one counter runs
        // out, use the next force. With 12 forces that allows about 4 million crimes per
        // force and year (about 60 GB of CSV for three years) before this throws.
        for (std::size_t tries = 0;; ++tries) {
            if (tries == std::size(force_prefixes)) {
                throw UsageError("synthetic archive: too large for unique crime references");
            }
            std::uint32_t& serial = serials_[force * years + y];
            const std::uint32_t step = rng_.below(4) + 1;
            if (serial + step <= 9999999) {
                serial += step;
                out += force_prefixes[force];
                out += '/';
                append_padded(out, serial, 7);
                out += '/';
                append_padded(out, static_cast<unsigned>(year % 100), 2);
                return;
            }
            force = (force + 1) % std::size(force_prefixes);
        }
    }

    // Age and gender of one victim, encoded as the middle of a record.
    void append_victim(std::string& out) {
        const std::uint32_t a = rng_.below(1000);
        if (a < 80) {
            out += csv_ ? "" : "null";
        } else if (a < 100) {
            if (csv_) {
                out += a < 90 ? "N/K" : "Unknown";
            } else {
                out += "null";
            }
        } else {
            int age = 0;
            if (rng_.chance(500)) {
                age = rng_.chance(700) ? rng_.between(11, 16) : rng_.between(0, 17);
            } else {
                age = rng_.chance(600) ? rng_.between(18, 35) : rng_.between(18, 89);
            }
            append_uint(out, static_cast<std::uint64_t>(age));
        }
        const std::uint32_t g = rng_.below(100);
        const std::string_view gender = g < 62 ? "Female" : g < 88 ? "Male" : g < 94 ? "Unknown"
                                                                                    : "";
        if (csv_) {
            out += ',';
            out += gender;
        } else {
            out += ",\"VictimGender\":\"";
            out += gender;
            out += '"';
        }
    }

    static void append_csv_field(std::string& out, std::string_view s) {
        bool quote = false;
        for (const char c : s) {
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out += s;
            return;
        }
        out += '"';
        std::size_t from = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '"') {
                out.append(s.data() + from, i + 1 - from);
                out += '"';
                from = i + 1;
            }
        }
        out.append(s.data() + from, s.size() - from);
        out += '"';
    }


    void encode_parts(RowParts& parts, std::string_view ref, std::string_view date,
                      std::string_view code, bool code_as_number, std::string_view flag,
                      std::string_view mo, std::string_view notes) {
        parts.prefix.clear();
        parts.suffix.clear();
        if (csv_) {
            parts.prefix += ref;
            parts.prefix += ',';
            append_csv_field(parts.prefix, date);
            parts.prefix += ',';
            append_csv_field(parts.prefix, code);
            parts.prefix += ',';
            parts.suffix += ',';
            parts.suffix += flag;
            parts.suffix += ',';
            append_csv_field(parts.suffix, mo);
            parts.suffix += ',';
            append_csv_field(parts.suffix, notes);
            parts.suffix += eol_;
        } else {
            parts.prefix += "{\"CrimeRef\":";
            append_json_string(parts.prefix, ref);
            parts.prefix += ",\"DateRecorded\":";
            append_json_string(parts.prefix, date);
            parts.prefix += ",\"HOCode\":";
            if (code_as_number) {
                parts.prefix += code;
            } else {
                append_json_string(parts.prefix, code);
            }
            parts.prefix += ",\"VictimAge\":";
            parts.suffix += ",\"OnlineFlag\":";
            append_json_string(parts.suffix, flag);
            parts.suffix += ",\"MOText\":";
            append_json_string(parts.suffix, mo);
            parts.suffix += ",\"Notes\":";
            append_json_string(parts.suffix, notes);
            parts.suffix += "}\n";
        }
    }

    // Emits one record built from `parts` and a fresh victim, now or `defer` rows later.
    void emit_row(const RowParts& parts, std::uint32_t defer) {
        if (defer == 0) {
            const std::size_t at = out_.size();
            out_ += parts.prefix;
            append_victim(out_);
            out_ += parts.suffix;
            generated_ += out_.size() - at;
            ++stats_.rows;
            ++rows_out_;
            release_due();
        } else {
            std::string row;
            row += parts.prefix;
            append_victim(row);
            row += parts.suffix;
            generated_ += row.size();
            pending_.push_back({rows_out_ + defer, std::move(row)});
        }
    }

    void release_due() {
        for (bool released = true; released && !pending_.empty();) {
            released = false;
            for (std::size_t i = 0; i < pending_.size(); ++i) {
                if (pending_[i].due_row <= rows_out_) {
                    out_ += pending_[i].bytes;
                    pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
                    ++stats_.rows;
                    ++rows_out_;
                    released = true;
                    break;
                }
            }
        }
    }

    // Adds the mentions of one text to the crime's truth unless the same text was seen.
    void add_distinct(const std::string& text, const Counts& counts) {
        if (text.empty()) {
            return;
        }
        for (std::size_t i = 0; i < seen_count_; ++i) {
            if (*seen_[i] == text) {
                return;
            }
        }
        seen_[seen_count_++] = &text;
        for (std::size_t p = 0; p < platform_count; ++p) {
            crime_counts_[p] = static_cast<std::uint8_t>(crime_counts_[p] + counts[p]);
        }
    }

    void write_truth(std::string_view ref) {
        if (truth_ == nullptr) {
            return;
        }
        truth_out_ += ref;
        truth_out_ += ',';
        bool first = true;
        for (std::size_t p = 0; p < platform_count; ++p) {
            if (crime_counts_[p] > 0) {
                if (!first) {
                    truth_out_ += ';';
                }
                truth_out_ += platform_ids[p];
                first = false;
            }
        }
        truth_out_ += ',';
        first = true;
        for (std::size_t p = 0; p < platform_count; ++p) {
            if (crime_counts_[p] > 0) {
                if (!first) {
                    truth_out_ += ';';
                }
                truth_out_ += platform_ids[p];
                truth_out_ += ':';
                append_uint(truth_out_, crime_counts_[p]);
                first = false;
            }
        }
        truth_out_ += '\n';
    }

    void choose_platforms(std::vector<Choice>& chosen, std::size_t k) {
        chosen.clear();
        while (chosen.size() < k) {
            const std::uint8_t p = pick_platform();
            bool dup = false;
            for (const auto& c : chosen) {
                dup = dup || c.platform == p;
            }
            if (!dup) {
                chosen.push_back({p, mention_count()});
            }
        }
    }

    void make_crime() {
        // Which platforms the MO names.
        const std::uint32_t r = rng_.below(100);
        const std::size_t k = r < 55 ? 0 : r < 85 ? 1 : r < 95 ? 2 : r < 98 ? 3 : 4;
        choose_platforms(chosen_, k);

        Counts mo_counts{};
        mo_.clear();
        build_text(mo_, chosen_, false, mo_counts);

        Counts note_counts{};
        notes_.clear();
        const std::uint32_t note_roll = rng_.below(1000);
        if (note_roll < 20) {
            // A platform of the MO again, or another one.
            int p = -1;
            if (!chosen_.empty() && rng_.chance(500)) {
                p = chosen_[rng_.below(static_cast<std::uint32_t>(chosen_.size()))].platform;
            } else {
                p = pick_platform();
            }
            build_note(notes_, p, note_counts);
        } else if (note_roll < 100) {
            build_note(notes_, -1, note_counts);
        }

        // Continuation: a different text, same reference and code.
        const bool has_cont = rng_.chance(30);
        Counts cont_counts{};
        Counts cont_note_counts{};
        cont_mo_.clear();
        cont_notes_.clear();
        if (has_cont) {
            cont_chosen_.clear();
            const std::uint32_t c = rng_.below(100);
            if (c < 40 && !chosen_.empty()) {
                const auto n = static_cast<std::uint32_t>(chosen_.size());
                const std::uint8_t again = chosen_[rng_.below(n)].platform;
                cont_chosen_.push_back({again, static_cast<std::uint8_t>(rng_.between(1, 2))});
            } else if (c < 70) {
                const std::uint8_t fresh = pick_platform();
                cont_chosen_.push_back({fresh, static_cast<std::uint8_t>(rng_.between(1, 2))});
            }
            build_text(cont_mo_, cont_chosen_, true, cont_counts);
            const std::uint32_t n = rng_.below(100);
            if (n < 10) {
                cont_notes_ = notes_;
                cont_note_counts = note_counts;
            } else if (n < 20) {
                build_note(cont_notes_, -1, cont_note_counts);
            }
        }

        crime_counts_ = {};
        seen_count_ = 0;
        add_distinct(mo_, mo_counts);
        add_distinct(notes_, note_counts);
        add_distinct(cont_mo_, cont_counts);
        add_distinct(cont_notes_, cont_note_counts);
        bool named = false;
        for (const auto c : crime_counts_) {
            named = named || c > 0;
        }

        // OnlineFlag: correlated with the truth, but not always right.
        const std::uint32_t f = rng_.below(100);
        const std::string_view flag = named ? (f < 82 ? "Y" : f < 92 ? "N" : "")
                                            : (f < 18 ? "Y" : f < 85 ? "N" : "");

        // Date, reference and code.
        const int day_index = static_cast<int>(rng_.below(static_cast<std::uint32_t>(
            year_start_.back())));
        const Civil civil = civil_from_index(day_index);
        const std::uint32_t s = rng_.below(100);
        const DateStyle style = s < 85   ? DateStyle::uk_time
                                : s < 95 ? DateStyle::uk
                                : s < 97 ? DateStyle::iso
                                         : DateStyle::iso_time;
        const unsigned hh = rng_.below(24);
        const unsigned mm = rng_.below(60);
        const unsigned ss = rng_.below(60);
        const bool invalid = rng_.chance(2);
        date_.clear();
        if (invalid) {
            append_invalid_date(date_, civil.year);
        } else {
            append_date(date_, civil, style, hh, mm, ss);
        }
        ref_.clear();
        append_crime_ref(ref_, civil.year);
        const std::string_view canonical = pick_code();
        code_.clear();
        append_code(code_, canonical);
        // JSONL only, but drawn for CSV too so that both formats hold the same crimes.
        const bool number_roll = rng_.chance(130);
        bool code_number = false;
        if (!csv_ && code_ == canonical) {
            bool digits = true;
            for (const char c : canonical) {
                digits = digits && c >= '0' && c <= '9';
            }
            code_number = digits && number_roll;
        }

        // Rows.
        encode_parts(parts_, ref_, date_, code_, code_number, flag, mo_, notes_);
        const std::uint32_t v = rng_.below(100);
        const int victims = v < 70 ? 1 : v < 90 ? 2 : rng_.between(3, 4);
        int deferred = -1;
        if (victims > 1 && rng_.chance(50)) {
            deferred = rng_.between(1, victims - 1);
        }
        for (int i = 0; i < victims; ++i) {
            emit_row(parts_, i == deferred ? rng_.below(300) + 1 : 0);
        }
        if (has_cont) {
            cont_date_.clear();
            if (invalid) {
                cont_date_ = date_;
            } else {
                const int later = std::min(day_index + rng_.between(0, 5), year_start_.back() - 1);
                const unsigned h = rng_.below(24);
                const unsigned m = rng_.below(60);
                const unsigned sec = rng_.below(60);
                append_date(cont_date_, civil_from_index(later), style, h, m, sec);
            }
            encode_parts(cont_parts_, ref_, cont_date_, code_, code_number, flag, cont_mo_,
                         cont_notes_);
            emit_row(cont_parts_, rng_.chance(150) ? rng_.below(300) + 1 : 0);
        }

        write_truth(ref_);
        ++stats_.crimes;
    }

    const Options& options_;
    std::ostream& archive_;
    std::ostream* truth_;
    Rng rng_;
    bool csv_ = true;
    std::string_view eol_ = "\n";

    TemplateSet templates_;
    std::vector<std::uint32_t> platform_tpl_, verb_tpl_, two_tpl_, quote_platform_tpl_,
        quote_tpl_, non_ascii_tpl_, filler_tpl_, note_tpl_, note_platform_tpl_, negative_tpl_;
    std::array<std::vector<std::pair<std::uint32_t, std::uint8_t>>, platform_count>
        sentence_forms_;
    std::array<std::array<bool, 4>, platform_count> has_form_{};

    std::vector<int> year_start_;     // day index of 1 January of each year, plus the end
    std::vector<std::uint32_t> serials_; // last serial per (force, year)

    // Reused per crime.
    std::vector<Choice> chosen_, cont_chosen_;
    std::vector<std::uint8_t> tokens_;
    std::vector<PlanItem> plan_;
    std::vector<std::uint32_t> used_fillers_;
    std::string mo_, notes_, cont_mo_, cont_notes_, date_, cont_date_, ref_, code_;
    RowParts parts_, cont_parts_;
    Counts crime_counts_{};
    std::array<const std::string*, 4> seen_{};
    std::size_t seen_count_ = 0;

    std::string out_;
    std::string truth_out_;
    std::vector<Pending> pending_;
    std::uint64_t rows_out_ = 0;  // records written to out_ so far
    std::uint64_t generated_ = 0; // bytes produced, including rows still pending
    std::uint64_t written_ = 0;   // bytes handed to the archive stream
    Stats stats_;
};

} // namespace

Stats generate(const Options& options, std::ostream& archive, std::ostream* truth) {
    Generator generator(options, archive, truth);
    return generator.run();
}

} // namespace moscan::synth
