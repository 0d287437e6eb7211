#pragma once
// POST /api/v1/persons/import (docs/openapi.yaml): people from a CSV file sent as the request body, its
// bytes unchanged (Content-Type text/csv; UTF-8 or Shift_JIS, see people/import.h), at most
// kImportMaxBody bytes (larger bodies get 413 from the server, which reads the route's limit from the
// route table). `?dry_run=1` answers the plan and writes nothing; otherwise `person.import` runs as the
// signed-in actor, all rows or none. Both make the same checks (PlanPersonImportAs), and the permission
// is checked before the file is read. Internal to src/api.

#include <cstddef>
#include <string>

#include "api/compliance_handlers.h"

namespace mamori {

inline constexpr std::size_t kImportMaxBody = 5 * 1024 * 1024;

// The handler of "POST /api/v1/persons/import"; empty for any other route.
AuthedHandler ImportHandler(App& app, const std::string& route_key);

}  // namespace mamori
