// The compiled-database cache: a Hyperscan database serialized (hs_serialize_database) to a
// file, so that a rerun with the same pattern set skips compilation.
//
// A file is named <set hash>-<key hash>.hsdb and holds the full key, the per-pattern data
// the matcher needs besides the database, the serialized database and a checksum:
//
//     "MOSCNHDB"  u32 layout  u32 key length, key  u32 n, n x u32 meta  u64 db length, db
//     u64 FNV-1a of all of the above
//
// The key names everything the database depends on: the pattern-set hash, moscan's version
// and compile scheme, the matcher options, hs_version() and the CPU (hs_populate_platform:
// tune and cpu_features). Anything unexpected on reading (no file, short or corrupt file,
// other key, a database Hyperscan refuses) is a miss: the caller recompiles and rewrites the
// entry. Writes go to a temporary file in the same directory, then rename(): readers see the
// old entry or the new one, never half of one. Several processes may share a directory.
#pragma once

#include "pipeline/base/text_hash.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moscan::dbcache {

struct Entry {
    std::string key;
    std::vector<std::uint32_t> meta;
    std::string database; // hs_serialize_database output
};

std::string encode(const Entry& e);
// nullopt if the bytes are not a complete, intact entry.
std::optional<Entry> decode(std::string_view bytes);

// The whole file, or nullopt if it cannot be read.
std::optional<std::string> read_file(const std::string& path);
// Writes atomically (temporary file + rename); creates the directory. Returns "" on success,
// else what failed.
std::string write_file_atomic(const std::string& path, std::string_view bytes);

using moscan::fnv1a64; // pipeline/base/text_hash.hpp

} // namespace moscan::dbcache
