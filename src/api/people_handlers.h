#pragma once
// The people routes (docs/openapi.yaml): rosters and their versions (with the form as CSV or XLSX), and
// a person's agreements and particulars. Reading needs people.agreements somewhere (the roles that take
// agreements and keep rosters); date of birth and nationality are shown only with people.particulars,
// and each such read is recorded on the trail. Internal to src/api.

#include <string>

#include "api/compliance_handlers.h"

namespace mamori {

// The handler of a people read route ("GET /api/v1/rosters/{roster}"); empty for any other route.
AuthedHandler PeopleHandler(App& app, const std::string& route_key);

}  // namespace mamori
