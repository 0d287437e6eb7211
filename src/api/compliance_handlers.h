#pragma once
// The compliance routes (docs/openapi.yaml): GET /api/v1/compliance, /api/v1/compliance/clause and
// /api/v1/compliance/violations. Thin: they find the units where the caller holds compliance.view (403
// without it), take the monitor's results (waiting, at most 2 s, until they include the caller's last
// write) and shape them with src/compliance/. Internal to src/api.

#include <functional>
#include <string>

#include "api/api.h"
#include "api/http.h"

namespace mamori {

using AuthedHandler = std::function<HttpResponse(HttpRequest&, const Actor&)>;

// The handler of a compliance route ("GET /api/v1/compliance"); an empty function for any other route.
// `app` must outlive the handler.
AuthedHandler ComplianceHandler(App& app, const std::string& route_key);

}  // namespace mamori
