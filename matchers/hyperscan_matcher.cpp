#include "matchers/hyperscan_matcher.hpp"

#include "pipeline/error.hpp"

#include <hs/hs.h>

#include <climits>

namespace moscan {

namespace {

class HsScratch final : public Scratch {
public:
    explicit HsScratch(hs_scratch_t* s) : scratch(s) {}
    ~HsScratch() override { hs_free_scratch(scratch); }
    hs_scratch_t* scratch;
};

struct ScanContext {
    std::vector<Hit>* hits;
    const std::uint32_t* width;
};

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
             void* ctx) {
    auto* c = static_cast<ScanContext*>(ctx);
    std::uint32_t w = c->width[id];
    std::uint32_t start = w ? static_cast<std::uint32_t>(to - w) : static_cast<std::uint32_t>(from);
    c->hits->push_back(Hit{id, start, static_cast<std::uint32_t>(to)});
    return 0;
}

} // namespace

void HyperscanMatcher::DbDeleter::operator()(hs_database* db) const { hs_free_database(db); }
void HyperscanMatcher::ScratchDeleter::operator()(hs_scratch* s) const { hs_free_scratch(s); }

HyperscanMatcher::HyperscanMatcher(const PatternSet& set) {
    std::vector<std::string> exprs;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < set.patterns.size(); ++i) {
        const Pattern& p = set.patterns[i];
        std::string e = p.engine_expression();
        unsigned f = p.caseless ? HS_FLAG_CASELESS : 0;
        hs_expr_info_t* info = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_expression_info(e.c_str(), f, &info, &err) != HS_SUCCESS) {
            std::string msg = p.source + ": pattern '" + p.expression + "': " + err->message;
            hs_free_compile_error(err);
            throw ConfigError(msg);
        }
        std::uint32_t w = 0;
        if (info->min_width == info->max_width && info->max_width != UINT_MAX &&
            info->max_width > 0)
            w = info->min_width;
        else
            f |= HS_FLAG_SOM_LEFTMOST;
        bool empty_match = info->min_width == 0;
        std::free(info);
        if (empty_match)
            throw ConfigError(p.source + ": pattern '" + p.expression +
                              "' can match empty text");
        width_.push_back(w);
        exprs.push_back(std::move(e));
        flags.push_back(f);
        ids.push_back(static_cast<unsigned>(i));
    }
    std::vector<const char*> cexprs;
    for (const auto& e : exprs) cexprs.push_back(e.c_str());
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(cexprs.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(cexprs.size()), HS_MODE_BLOCK, nullptr, &db,
                         &err) != HS_SUCCESS) {
        std::string msg;
        if (err->expression >= 0 && static_cast<size_t>(err->expression) < set.patterns.size()) {
            const Pattern& p = set.patterns[static_cast<size_t>(err->expression)];
            msg = p.source + ": pattern '" + p.expression + "': " + err->message;
        } else {
            msg = set.path + ": pattern set does not compile: " + err->message;
        }
        hs_free_compile_error(err);
        throw ConfigError(msg);
    }
    db_.reset(db);
    hs_scratch_t* s = nullptr;
    if (hs_alloc_scratch(db, &s) != HS_SUCCESS)
        throw Error(ExitCode::software, "hyperscan: cannot allocate scratch space");
    prototype_.reset(s);
}

HyperscanMatcher::~HyperscanMatcher() = default;

std::unique_ptr<Scratch> HyperscanMatcher::make_scratch() const {
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(prototype_.get(), &s) != HS_SUCCESS)
        throw Error(ExitCode::software, "hyperscan: cannot clone scratch space");
    return std::make_unique<HsScratch>(s);
}

void HyperscanMatcher::scan(std::string_view text, Scratch& scratch,
                            std::vector<Hit>& hits) const {
    ScanContext ctx{&hits, width_.data()};
    hs_error_t rc = hs_scan(db_.get(), text.data(), static_cast<unsigned>(text.size()), 0,
                            static_cast<HsScratch&>(scratch).scratch, on_match, &ctx);
    if (rc != HS_SUCCESS)
        throw Error(ExitCode::software, "hyperscan: scan failed with code " + std::to_string(rc));
}

std::string HyperscanMatcher::version() { return hs_version(); }

std::size_t HyperscanMatcher::database_bytes() const {
    size_t n = 0;
    hs_database_size(db_.get(), &n);
    return n;
}

} // namespace moscan
