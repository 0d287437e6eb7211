#include "api/obligation_handlers.h"

#include <algorithm>
#include <cstdlib>

#include "api/handler_util.h"
#include "identity/catalog.h"
#include "obligation/queries.h"

namespace mamori {
namespace {

using Units = UnitSet;

int64_t IntQuery(const HttpRequest& req, const char* key, int64_t def) {
  const std::string v = req.Query(key);
  if (v.empty()) return def;
  char* end = nullptr;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  return end && *end == '\0' ? n : def;
}

}  // namespace

HttpResponse ListObligations(App& app, const HttpRequest& req, const Actor& actor) {
  Engine& e = app.engine();
  const Micros now = app.clock().Now();
  DutyFilter f;
  f.status = req.Query("status", "open");
  f.mine = req.Query("mine") == "1" || req.Query("mine") == "true";
  f.unit_id = IntQuery(req, "unit_id", 0);
  f.profile = req.Query("profile");
  f.limit = static_cast<int>(std::clamp<int64_t>(IntQuery(req, "limit", 100), 1, 500));
  f.after = IntQuery(req, "after", 0);
  f.viewer = actor.system ? 0 : actor.person_id;
  const DutyContext ctx{&e.catalog(), &e.profiles()};
  auto page = e.Read([&](Conn& c) -> Result<DutyPage> {
    const std::string now_text = FormatUtc(now);
    ASSIGN_OR_RETURN(Units view, UnitsWithPermission(c, e.catalog(), actor.person_id, "compliance.view", now_text));
    ASSIGN_OR_RETURN(f.manage_units,
                     UnitsWithPermission(c, e.catalog(), actor.person_id, "obligation.manage", now_text));
    f.visible_units = UnionUnits(view, f.manage_units);
    return ListDuties(c, ctx, f, now);
  });
  if (!page.ok()) return ErrorResponse(page.status());
  nlohmann::json list = nlohmann::json::array();
  for (const Duty& d : page->duties) list.push_back(DutyToJson(d));
  return JsonResponse(200, nlohmann::json{{"occurrences", list},
                                          {"next_after", page->next_after ? nlohmann::json(page->next_after)
                                                                          : nlohmann::json(nullptr)}});
}

}  // namespace mamori
