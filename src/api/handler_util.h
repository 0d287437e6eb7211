#pragma once
// Small pieces the API's handler files share (internal to src/api).

#include <optional>
#include <string>
#include <vector>

#include "api/http.h"
#include "base/status.h"
#include "engine/tx.h"
#include "export/table_form.h"

namespace mamori {

// 200 with the JSON, or the error response of the status.
HttpResponse JsonReply(const Result<Json>& r);

// A set of unit ids, or nullopt for every unit.
using UnitSet = std::optional<std::vector<int64_t>>;
// nullopt (every unit) if either is; else the sorted union without repeats.
UnitSet UnionUnits(const UnitSet& a, const UnitSet& b);

// A one-table form as a download: "csv" (text/csv, UTF-8 with BOM) or "xlsx", named `file_stem.format`.
HttpResponse TableFormResponse(const TableForm& form, const std::string& format, const std::string& file_stem);

}  // namespace mamori
