// The production matcher: every pattern of a set compiled once into one Hyperscan block-mode
// database. The database is immutable and shared; each thread clones its own scratch.
// Patterns of fixed width report their start as end - width; only variable-width patterns
// pay for HS_FLAG_SOM_LEFTMOST.
#pragma once

#include "matchers/matcher.hpp"
#include "matchers/pattern_set.hpp"

#include <memory>
#include <string>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace moscan {

class HyperscanMatcher final : public Matcher {
public:
    // Compiles the set; throws ConfigError naming the pattern's file and line on failure.
    explicit HyperscanMatcher(const PatternSet& set);
    ~HyperscanMatcher() override;

    std::unique_ptr<Scratch> make_scratch() const override;
    void scan(std::string_view text, Scratch& scratch, std::vector<Hit>& hits) const override;
    const char* name() const override { return "hyperscan"; }

    static std::string version();
    std::size_t database_bytes() const;

private:
    struct DbDeleter {
        void operator()(hs_database* db) const;
    };
    struct ScratchDeleter {
        void operator()(hs_scratch* s) const;
    };
    std::unique_ptr<hs_database, DbDeleter> db_;
    std::unique_ptr<hs_scratch, ScratchDeleter> prototype_;
    std::vector<std::uint32_t> width_; // fixed width, or 0 when the engine reports the start
};

} // namespace moscan
