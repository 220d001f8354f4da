// Home Office offence codes and the groups they are counted under.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moscan {

// Canonical form of a code: upper case, no spaces, leading zeros of each number dropped:
// "086/02" -> "86/2", " 19c" -> "19C", "071/17" -> "71/17". Empty if nothing is left.
std::string normalise_code(std::string_view code);
void normalise_code(std::string_view code, std::string& out); // into a reused buffer

class CodeList {
public:
    struct Code {
        std::string code; // canonical
        std::uint32_t group;
        std::string description;
    };

    // CSV with header code,group,description. Throws ConfigError naming file and line.
    static CodeList load(const std::filesystem::path& file);
    static CodeList parse(std::string_view text, const std::string& source_name);

    const std::vector<Code>& codes() const { return codes_; }
    const std::vector<std::string>& groups() const { return groups_; }
    // Index of a canonical code, or -1.
    int find(std::string_view canonical) const;
    int find_group(std::string_view name) const;
    // Adds a code seen in the data that is not in the list (for --all-codes), in group `group`.
    std::uint32_t add(std::string canonical, std::uint32_t group);
    std::uint32_t add_group(std::string name);

    std::string source;

private:
    void index_packed(std::string_view canonical, std::uint32_t index);
    // Codes of up to 8 bytes packed into a word, in an open-addressing table: the lookup on
    // every row costs a multiply and (almost always) one probe.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> packed_; // (key, index + 1)
    std::vector<Code> codes_;
    std::vector<std::string> groups_;
    std::unordered_map<std::string, std::uint32_t> index_;
};

// Codes outside the list that were seen in the data, when every code is in scope
// (--all-codes). They get indices from list size upwards, in order of first sight, which may
// differ between runs: anything that orders codes uses CodeOrder, never the raw index.
// intern() is thread-safe; name(i) is safe for an index the calling thread obtained from
// intern(), and for any index once the parallel phase is over.
class ExtraCodes {
public:
    explicit ExtraCodes(std::uint32_t base, std::size_t capacity = 1u << 16);
    // Index of a canonical code; throws DataError when more than `capacity` distinct codes.
    std::uint32_t intern(std::string_view canonical);
    std::string_view name(std::uint32_t index) const { return names_[index - base_]; }
    std::uint32_t base() const { return base_; }
    std::size_t size() const { return size_; }

private:
    std::uint32_t base_;
    std::size_t capacity_;
    std::unique_ptr<std::string[]> names_;
    std::size_t size_ = 0;
    std::unordered_map<std::string, std::uint32_t> index_;
    std::mutex mutex_;
};

// The order of codes everywhere (ties in crime dates, output rows): listed codes in list
// order, then extra codes in alphabetical order.
struct CodeOrder {
    const CodeList& list;
    const ExtraCodes* extras = nullptr;
    bool less(std::uint32_t a, std::uint32_t b) const;
    std::string_view name(std::uint32_t i) const;
    // Extras: the group after the list's groups. Inline: asked for every crime reduced.
    std::uint32_t group(std::uint32_t i) const {
        return i < list.codes().size() ? list.codes()[i].group
                                       : static_cast<std::uint32_t>(list.groups().size());
    }
};

} // namespace moscan
