#include "api/training_handlers.h"

#include <algorithm>
#include <cstdlib>

#include "api/handler_util.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "training/training.h"

namespace mamori {
namespace {

using Units = UnitSet;

class Routes {
 public:
  explicit Routes(App& app) : app_(app) {}

  HttpResponse Sessions(HttpRequest& req, const Actor& a) {
    auto f = Filter(req, a);
    if (!f.ok()) return ErrorResponse(f.status());
    auto list = app_.engine().Read([&](Conn& c) { return ListTrainingSessions(c, app_.profiles(), *f); });
    if (!list.ok()) return ErrorResponse(list.status());
    Json sessions = Json::array();
    for (const auto& s : *list) sessions.push_back(SessionToJson(s));
    return JsonResponse(200, Json{{"fiscal_year", f->fiscal_year}, {"sessions", sessions}});
  }

  // The programs of the profiles taken (training.yaml): profile content, readable by anyone signed in.
  HttpResponse Programs(HttpRequest&, const Actor&) {
    Json list = Json::array();
    for (const auto& profile : app_.profiles())
      for (const TrainingProgramDef& d : profile->training_programs) {
        Json contents = Json::array();
        for (const TrainingContentDef& c : d.contents)
          contents.push_back(Json{{"key", c.key}, {"clause", c.clause}, {"text_ja", c.text_ja}, {"text_en", c.text_en}});
        list.push_back(Json{{"profile", profile->name}, {"code", d.code}, {"clause", d.clause},
                            {"record_clause", d.record_clause}, {"name_ja", d.name_ja}, {"name_en", d.name_en},
                            {"every", d.every}, {"audience", d.audience}, {"contents", contents}});
      }
    return JsonResponse(200, Json{{"programs", list}});
  }

  HttpResponse Status(HttpRequest&, const Actor& a) {
    auto units = Visible(a);
    if (!units.ok()) return ErrorResponse(units.status());
    auto people = app_.engine().Read([&](Conn& c) {
      return TrainingStatusOf(c, app_.engine().catalog(), app_.profiles(), app_.clock().Now(), app_.org().tz, *units);
    });
    if (!people.ok()) return ErrorResponse(people.status());
    Json list = Json::array();
    for (const auto& p : *people) list.push_back(StatusToJson(p));
    return JsonResponse(200, Json{{"people", list}});
  }

  HttpResponse Record(HttpRequest& req, const Actor& a) {
    const std::string format = req.Query("format", "csv");
    if (format != "csv" && format != "xlsx")
      return ErrorResponse(Malformed(Field{"format", "", "形式", "format"}, "csv, xlsx", "csv or xlsx"));
    auto f = Filter(req, a);
    if (!f.ok()) return ErrorResponse(f.status());
    auto list = app_.engine().Read([&](Conn& c) { return ListTrainingSessions(c, app_.profiles(), *f); });
    if (!list.ok()) return ErrorResponse(list.status());
    const DateStyle style = req.Query("dates", "wareki") == "seireki" ? DateStyle::kSeireki : DateStyle::kWareki;
    const TrainingForm form = TrainingFormOf(f->fiscal_year, *list);
    HttpResponse r;
    if (format == "xlsx") {
      auto bytes = RenderTrainingXlsx(form, style);
      if (!bytes.ok()) return ErrorResponse(bytes.status());
      r.body = std::move(bytes).value();
      r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else {
      r.body = RenderTrainingCsv(form, style);
      r.content_type = "text/csv; charset=utf-8";
    }
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"training-FY" +
                                                      std::to_string(f->fiscal_year) + "." + format + "\"");
    return r;
  }

 private:
  // The units whose training the caller may read; 403 (with the permission's clause) without any.
  Result<Units> Visible(const Actor& a) {
    const std::string now = FormatUtc(app_.clock().Now());
    const Catalog& cat = app_.engine().catalog();
    ASSIGN_OR_RETURN(Units units, app_.engine().Read([&](Conn& c) -> Result<Units> {
      ASSIGN_OR_RETURN(Units rec, UnitsWithPermission(c, cat, a.person_id, "training.record", now));
      ASSIGN_OR_RETURN(Units view, UnitsWithPermission(c, cat, a.person_id, "compliance.view", now));
      return UnionUnits(rec, view);
    }));
    if (!a.system && units && units->empty()) {
      const PermissionDef* p = cat.FindPermission("training.record");
      return Status::Error(ErrorKind::kForbidden, "authz.denied", p ? p->clause : "",
                           "教育の記録を閲覧する指定がありません。", "No designation allows you to read training records.");
    }
    return units;
  }

  Result<SessionFilter> Filter(const HttpRequest& req, const Actor& a) {
    SessionFilter f;
    ASSIGN_OR_RETURN(f.visible_units, Visible(a));
    const std::string fy = req.Query("fiscal_year");
    char* end = nullptr;
    f.fiscal_year = fy.empty() ? CurrentFiscalYear(app_.profiles(), app_.clock().Now(), app_.org().tz)
                               : static_cast<int>(std::strtol(fy.c_str(), &end, 10));
    if (!fy.empty() && (!end || *end != '\0' || f.fiscal_year < 1900 || f.fiscal_year > 9999))
      return Malformed(Field{"fiscal_year", "", "年度", "fiscal year"}, "西暦の年（例: 2026）", "a year such as 2026");
    if (const std::string u = req.Query("unit_id"); !u.empty()) f.unit_id = std::strtoll(u.c_str(), nullptr, 10);
    return f;
  }

  App& app_;
};

}  // namespace

AuthedHandler TrainingHandler(App& app, const std::string& key) {
  auto routes = std::make_shared<Routes>(app);
  if (key == "GET /api/v1/training/sessions")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Sessions(req, a); };
  if (key == "GET /api/v1/training/programs")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Programs(req, a); };
  if (key == "GET /api/v1/training/status")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Status(req, a); };
  if (key == "GET /api/v1/training/record")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Record(req, a); };
  return {};
}

}  // namespace mamori
