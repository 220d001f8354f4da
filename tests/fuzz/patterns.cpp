// The pattern-set loader (matchers/pattern_set.hpp) on arbitrary text: a set or ConfigError
// (the documented error), nothing else; a set that loads is well formed (every index in
// range, platform ids unique and found, options in their documented ranges) and parsing the
// same text again gives the same set hash.
#include "matchers/pattern_set.hpp"
#include "pipeline/base/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdint>
#include <string>
#include <string_view>

using namespace moscan;

namespace {

void check_names(const PatternSet& s, const std::vector<std::uint32_t>& v) {
    for (std::uint32_t i : v) FUZZ_CHECK(i < s.names.size());
}
void check_near(const PatternSet& s, const std::vector<Proximity>& v) {
    for (const Proximity& p : v) {
        FUZZ_CHECK(p.name < s.names.size());
        FUZZ_CHECK(p.distance <= kMaxNearDistance);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 16384) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    PatternSet s;
    try {
        s = PatternSet::parse(text, "fuzz.pat");
    } catch (const ConfigError&) {
        return 0;
    }
    for (std::size_t i = 0; i < s.platforms.size(); ++i) {
        const Platform& p = s.platforms[i];
        FUZZ_CHECK(!p.id.empty());
        FUZZ_CHECK(s.find_platform(p.id) == static_cast<int>(i));
        check_names(s, p.require);
        check_names(s, p.unless);
        check_near(s, p.near);
        check_near(s, p.notnear);
    }
    for (std::size_t i = 0; i < s.names.size(); ++i)
        FUZZ_CHECK(s.find_name(s.names[i]) == static_cast<int>(i));
    for (const Pattern& p : s.patterns) {
        if (p.term) FUZZ_CHECK(p.platform == Pattern::kNoPlatform);
        else FUZZ_CHECK(p.platform < s.platforms.size());
        FUZZ_CHECK(p.edit_distance <= 4);
        FUZZ_CHECK(!p.expression.empty());
        FUZZ_CHECK(!p.engine_expression().empty());
        check_names(s, p.require);
        check_names(s, p.unless);
        check_names(s, p.labels);
        check_near(s, p.near);
        check_near(s, p.notnear);
    }
    (void)s.has_logic();
    (void)s.has_proximity();
    (void)s.has_edit_distance();
    const std::string h = s.hash();
    FUZZ_CHECK(h.size() == 16);
    FUZZ_CHECK(PatternSet::parse(text, "fuzz.pat").hash() == h);
    return 0;
}
