#pragma once
// The facility read routes (docs/openapi.yaml): GET /api/v1/facilities (the handling and related
// facilities with their permit counts) and GET /api/v1/facilities/{unit_id}/entry-roster (one facility's
// 取扱施設等立入名簿 as JSON, or its form as CSV or XLSX). Both need a holder, in force, of
// physical_security_manager or protected_system_admin (403 authz.denied citing 001 第8 2(1)ウ otherwise);
// every form exported is recorded on the trail as a view. Internal to src/api.

#include <string>

#include "api/compliance_handlers.h"

namespace mamori {

// The handler of a facility read route ("GET /api/v1/facilities"); empty for any other route.
AuthedHandler FacilityHandler(App& app, const std::string& route_key);

}  // namespace mamori
