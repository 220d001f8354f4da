// The crime-scope rule, in one place. Row filters (code, date) decide a row; the victim's age
// decides a crime: a crime, all its rows together, is in scope when the job has no age limit,
// or one of its rows has a victim within the limit (a child), or -- with --unknown-age
// include -- one of its rows has a victim of unknown age. The fold, the read-back of deferred
// rows, the audit trail, the reducer and eval all ask admits(); none writes the rule again.
#pragma once

namespace moscan {

struct CrimeScope {
    int max_age = 17;             // -1: no age limit
    bool include_unknown = false; // unknown-age rows bring their crime into scope

    constexpr bool limited() const { return max_age >= 0; }
    // `child`: some row of the crime has a victim within the limit; `unknown_age`: some row's
    // victim age is unknown.
    constexpr bool admits(bool child, bool unknown_age) const {
        return max_age < 0 || child || (include_unknown && unknown_age);
    }
};

} // namespace moscan
