#pragma once
// The training routes (docs/openapi.yaml): GET /api/v1/training/sessions, /api/v1/training/status and
// /api/v1/training/record (the 教育実施状況記録 as CSV or XLSX). Reading needs `training.record` or
// `compliance.view` in some unit (403 otherwise) and shows the sessions and people of those units only.
// POST /api/v1/training/sessions is a command route (training.record). Internal to src/api.

#include <string>

#include "api/compliance_handlers.h"

namespace mamori {

// The handler of a training read route ("GET /api/v1/training/sessions"); an empty function for any
// other route. `app` must outlive the handler.
AuthedHandler TrainingHandler(App& app, const std::string& route_key);

}  // namespace mamori
