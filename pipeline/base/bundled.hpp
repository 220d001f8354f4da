// Data files compiled into the binary, so that `moscan count ARCHIVE` works from anywhere.
// The build copies them from patterns/ (see CMakeLists.txt); they are the same bytes.
#pragma once

#include <string_view>

namespace moscan::bundled {
extern const std::string_view platforms;      // patterns/foi_platforms.pat
extern const std::string_view home_office_codes; // patterns/home_office_codes.csv
} // namespace moscan::bundled
