#include "api/facility_handlers.h"

#include <memory>

#include "api/handler_util.h"
#include "app/app.h"
#include "base/time.h"
#include "engine/input.h"
#include "facility/facility.h"

namespace mamori {
namespace {


class Routes {
 public:
  explicit Routes(App& app) : app_(app) {}

  HttpResponse List(HttpRequest&, const Actor& a) {
    if (Status st = Require(a); !st.ok()) return ErrorResponse(st);
    return JsonReply(app_.engine().Read([&](Conn& c) { return ListFacilities(c); }));
  }

  HttpResponse Roster(HttpRequest& req, const Actor& a) {
    if (Status st = Require(a); !st.ok()) return ErrorResponse(st);
    char* end = nullptr;
    const std::string& raw = req.path_params["unit_id"];
    const int64_t unit = std::strtoll(raw.c_str(), &end, 10);
    if (raw.empty() || !end || *end != '\0')
      return ErrorResponse(Malformed(Field{"unit_id", "", "取扱施設等", "facility"}, "整数", "an integer"));
    const std::string format = req.Query("format", "json");
    if (format != "json" && format != "csv" && format != "xlsx")
      return ErrorResponse(Malformed(Field{"format", "", "形式", "format"}, "json, csv, xlsx", "json, csv or xlsx"));
    if (format == "json") return JsonReply(app_.engine().Read([&](Conn& c) { return FacilityEntryRoster(c, unit); }));
    auto form = app_.engine().Read([&](Conn& c) { return EntryRosterForm(c, unit, app_.org().tz); });
    if (!form.ok()) return ErrorResponse(form.status());
    app_.engine().RecordView(a, "facility:" + std::to_string(unit), Json{{"view", "entry_roster"}, {"format", format}});
    return TableFormResponse(*form, format, "entry-roster-" + std::to_string(unit));
  }

 private:
  // 403 unless the actor holds the 管理責任者 or a 保護システム管理者 role now (the system actor may read).
  Status Require(const Actor& a) {
    if (a.system) return Status::Ok();
    const std::string now = FormatUtc(app_.clock().Now());
    ASSIGN_OR_RETURN(bool may, app_.engine().Read([&](Conn& c) { return MayReadFacilities(c, a.person_id, now); }));
    if (may) return Status::Ok();
    return Status::Error(ErrorKind::kForbidden, "authz.denied", "001 第8 2(1)ウ",
                         "取扱施設等立入名簿を閲覧できるのは管理責任者と保護システム管理者です。",
                         "Only the physical security manager and the protected-system administrators may read the "
                         "facility entry rosters.");
  }

  App& app_;
};

}  // namespace

AuthedHandler FacilityHandler(App& app, const std::string& key) {
  auto routes = std::make_shared<Routes>(app);
  if (key == "GET /api/v1/facilities")
    return [routes](HttpRequest& req, const Actor& a) { return routes->List(req, a); };
  if (key == "GET /api/v1/facilities/{unit_id}/entry-roster")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Roster(req, a); };
  return {};
}

}  // namespace mamori
