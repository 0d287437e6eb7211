#pragma once
// Files compiled into the binary: SQL migrations, regulation profiles and the OpenAPI description.

#include <map>
#include <string>
#include <string_view>

namespace mamori {

// Path relative to the source root (e.g. "src/store/migrations/0001_core.sql") -> file content.
// The map lives for the whole program; thread-safe.
const std::map<std::string, std::string_view>& EmbeddedFiles();

}  // namespace mamori
