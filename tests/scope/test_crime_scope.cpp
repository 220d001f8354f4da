// The crime-scope rule (pipeline/scope/crime_scope.hpp) against its truth table, written out.
#include "pipeline/scope/crime_scope.hpp"

#include <doctest/doctest.h>

using namespace moscan;

TEST_CASE("crime scope: the rule's truth table") {
    struct Row {
        int max_age;
        bool include_unknown, child, unknown_age, in_scope;
    };
    const Row rows[] = {
        // no age limit: every crime
        {-1, false, false, false, true},
        {-1, false, false, true, true},
        {-1, true, false, false, true},
        // a limit: a child victim, or an unknown age only when included
        {17, false, false, false, false},
        {17, false, true, false, true},
        {17, false, false, true, false},
        {17, false, true, true, true},
        {17, true, false, false, false},
        {17, true, false, true, true},
        {17, true, true, false, true},
        {0, false, true, false, true},
    };
    for (const Row& r : rows) {
        CAPTURE(r.max_age);
        CAPTURE(r.include_unknown);
        CAPTURE(r.child);
        CAPTURE(r.unknown_age);
        const CrimeScope s{r.max_age, r.include_unknown};
        CHECK(s.admits(r.child, r.unknown_age) == r.in_scope);
        CHECK(s.limited() == (r.max_age >= 0));
    }
}
