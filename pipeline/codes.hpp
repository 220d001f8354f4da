// Home Office offence codes and the groups they are counted under.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moscan {

// Canonical form of a code: upper case, no spaces, leading zeros of each number dropped:
// "086/02" -> "86/2", " 19c" -> "19C", "071/17" -> "71/17". Empty if nothing is left.
std::string normalise_code(std::string_view code);

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
    std::vector<Code> codes_;
    std::vector<std::string> groups_;
    std::unordered_map<std::string, std::uint32_t> index_;
};

} // namespace moscan
