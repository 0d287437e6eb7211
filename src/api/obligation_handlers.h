#pragma once
// Handlers of the obligation calendar's read routes (the command routes — completion and scheduling —
// go through ApiHandlers::CommandRoute). Internal to src/api.

#include "api/http.h"
#include "app/app.h"

namespace mamori {

// GET /api/v1/obligations?status=&mine=&unit_id=&profile=&limit=&after= → {"occurrences": […],
// "next_after": id|null}. A person sees the duties they own, and every duty of the units where they hold
// compliance.view or obligation.manage.
HttpResponse ListObligations(App& app, const HttpRequest& req, const Actor& actor);

}  // namespace mamori
