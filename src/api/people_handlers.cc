#include "api/people_handlers.h"

#include <algorithm>

#include "api/handler_util.h"
#include "app/app.h"
#include "base/time.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "people/people.h"

namespace mamori {
namespace {

class Routes {
 public:
  explicit Routes(App& app) : app_(app) {}

  HttpResponse Roster(HttpRequest& req, const Actor& a) {
    const std::string roster = req.path_params["roster"];
    auto unit = UnitParam(req);
    if (!unit.ok()) return ErrorResponse(unit.status());
    if (Status st = RequireReader(a, roster, *unit); !st.ok()) return ErrorResponse(st);
    const std::string now = FormatUtc(app_.clock().Now());
    return JsonReply(app_.engine().Read(
        [&](Conn& c) { return RosterOverview(c, app_.engine().catalog(), roster, now, *unit); }));
  }

  HttpResponse Version(HttpRequest& req, const Actor& a) {
    const std::string roster = req.path_params["roster"];
    auto unit = UnitParam(req);
    if (!unit.ok()) return ErrorResponse(unit.status());
    if (Status st = RequireReader(a, roster, *unit); !st.ok()) return ErrorResponse(st);
    const int64_t version = std::strtoll(req.path_params["version"].c_str(), nullptr, 10);
    const bool particulars = Require(a, "people.particulars").ok();
    const std::string format = req.Query("format", "json");
    if (format != "json" && format != "csv" && format != "xlsx")
      return ErrorResponse(Malformed(Field{"format", "", "形式", "format"}, "json, csv, xlsx", "json, csv or xlsx"));
    const std::string key = Key(roster, *unit);
    if (format == "json") {
      auto r = app_.engine().Read(
          [&](Conn& c) { return RosterVersion(c, app_.engine().catalog(), roster, version, particulars, *unit); });
      if (r.ok() && particulars) Viewed(a, key, version, "json");
      return JsonReply(r);
    }
    auto form = app_.engine().Read([&](Conn& c) {
      return RosterForm(c, app_.engine().catalog(), roster, version, particulars, app_.org().tz, *unit);
    });
    if (!form.ok()) return ErrorResponse(form.status());
    Viewed(a, key, version, format);
    std::string file = key;
    std::replace(file.begin(), file.end(), '@', '-');
    return TableFormResponse(*form, format, "roster-" + file + "-v" + std::to_string(version));
  }

  // The rosters and agreements of the organization's profiles (people.yaml), for forms and tabs.
  HttpResponse Definitions(HttpRequest&, const Actor&) {
    const Catalog& catalog = app_.engine().catalog();
    Json rosters = Json::array(), agreements = Json::array();
    for (const RosterDef& r : catalog.rosters())
      rosters.push_back(Json{{"code", r.code}, {"clause", r.clause}, {"name_ja", r.name_ja}, {"name_en", r.name_en},
                             {"role", r.role}, {"keeper", r.keeper}, {"agreement", r.agreement},
                             {"particulars", r.particulars}, {"confirmation_clause", r.confirmation_clause},
                             {"confirmed_by_ja", r.confirmed_by_ja}, {"confirmed_by_en", r.confirmed_by_en},
                             {"gates_protected", r.gates_protected}, {"per_unit", r.per_unit}});
    for (const AgreementDef& a : catalog.agreements()) {
      Json points = Json::array();
      for (const AgreementPoint& p : a.points)
        points.push_back(Json{{"key", p.key}, {"text_ja", p.text_ja}, {"text_en", p.text_en}});
      agreements.push_back(Json{{"code", a.code}, {"clause", a.clause}, {"name_ja", a.name_ja},
                                {"name_en", a.name_en}, {"points", points}, {"required_for", a.required_for},
                                {"kinds", a.kinds}, {"supervisor_role", a.supervisor_role}});
    }
    return JsonResponse(200, Json{{"rosters", rosters}, {"agreements", agreements}});
  }

  // A person's agreements, and particulars too for a holder of people.particulars: read as they are
  // written, by a holder of people.agreements over the person's unit.
  HttpResponse PersonRecord(HttpRequest& req, const Actor& a) {
    if (Status st = Require(a, "people.agreements"); !st.ok()) return ErrorResponse(st);
    const int64_t id = std::strtoll(req.path_params["person_id"].c_str(), nullptr, 10);
    const std::string now = FormatUtc(app_.clock().Now());
    const Catalog& catalog = app_.engine().catalog();
    bool particulars = false;
    auto r = app_.engine().Read([&](Conn& c) -> Result<Json> {
      ASSIGN_OR_RETURN(Rows p, c.Query("SELECT unit_id FROM persons WHERE id = ?", {id}));
      if (p.empty())
        return Status::Error(ErrorKind::kNotFound, "persons.not_found", "", "その者は登録されていません。",
                             "No such person.");
      const int64_t unit = p.rows[0].Int(0);
      auto covers = [&](const char* permission) -> Result<bool> {
        ASSIGN_OR_RETURN(auto units, UnitsWithPermission(c, catalog, a.person_id, permission, now));
        return !units || std::find(units->begin(), units->end(), unit) != units->end();
      };
      ASSIGN_OR_RETURN(bool may, covers("people.agreements"));
      if (!may) {
        const PermissionDef* def = catalog.FindPermission("people.agreements");
        return Status::Error(ErrorKind::kForbidden, "authz.denied", def ? def->clause : "",
                             "この者の所属する課室等について、合意の記録を閲覧する指定がありません。",
                             "No designation allows you to read agreements for this person's unit.");
      }
      ASSIGN_OR_RETURN(particulars, covers("people.particulars"));
      return PersonPeopleRecord(c, id, particulars);
    });
    if (r.ok() && particulars) app_.engine().RecordView(a, "person:" + std::to_string(id), Json{{"view", "particulars"}});
    return JsonReply(r);
  }

 private:
  // 403 with the permission's clause unless the actor holds `permission` in some unit.
  Status Require(const Actor& a, const char* permission) {
    const std::string now = FormatUtc(app_.clock().Now());
    ASSIGN_OR_RETURN(auto units, app_.engine().Read([&](Conn& c) {
      return UnitsWithPermission(c, app_.engine().catalog(), a.person_id, permission, now);
    }));
    if (!units || !units->empty()) return Status::Ok();
    const PermissionDef* p = app_.engine().catalog().FindPermission(permission);
    return Status::Error(ErrorKind::kForbidden, "authz.denied", p ? p->clause : "",
                         "名簿・合意の記録を閲覧する指定がありません。",
                         "No designation allows you to read rosters and agreements.");
  }

  // The roster reads: an organization-wide roster needs people.agreements somewhere; the record of one
  // 課室等 (a per-unit roster, 000 第2 2(7)) its システム担当者 or a holder of org.admin or
  // people.agreements over that unit (MayReadUnitRoster). Without a unit, someone who may read some
  // unit's record is told the unit is required (the read refuses), anyone else 403.
  Status RequireReader(const Actor& a, const std::string& roster, int64_t unit) {
    const RosterDef* def = app_.engine().catalog().FindRoster(roster);
    if (!def || !def->per_unit) return Require(a, "people.agreements");
    const std::string now = FormatUtc(app_.clock().Now());
    if (unit == 0 && (Require(a, "org.admin").ok() || Require(a, "people.agreements").ok())) return Status::Ok();
    ASSIGN_OR_RETURN(bool may, app_.engine().Read([&](Conn& c) -> Result<bool> {
      if (unit != 0) return MayReadUnitRoster(c, app_.engine().catalog(), roster, unit, a.person_id, now);
      ASSIGN_OR_RETURN(Rows keeper, c.Query(
          "SELECT 1 FROM designations WHERE person_id = ? AND role_code = ? AND revoked_at IS NULL AND valid_from <= ? "
          "AND (valid_until IS NULL OR valid_until > ?)", {a.person_id, def->keeper, now, now}));
      return !keeper.empty();
    }));
    if (may) return Status::Ok();
    return Status::Error(ErrorKind::kForbidden, "authz.denied", def->clause,
                         "この記録（" + def->name_ja + "）を閲覧する指定がありません。",
                         "No designation allows you to read this record (" + def->name_en + ").");
  }

  // ?unit_id= (0 when absent): the 課室等 of a per-unit roster.
  static Result<int64_t> UnitParam(const HttpRequest& req) {
    const std::string raw = req.Query("unit_id", "");
    if (raw.empty()) return int64_t{0};
    char* end = nullptr;
    const long long n = std::strtoll(raw.c_str(), &end, 10);
    if (!end || *end != '\0' || n <= 0)
      return Malformed(Field{"unit_id", "", "課室等", "section (unit)"}, "正の整数", "a positive integer");
    return int64_t{n};
  }

  std::string Key(const std::string& roster, int64_t unit) {
    const RosterDef* def = app_.engine().catalog().FindRoster(roster);
    return def ? RosterKey(*def, unit) : roster;
  }

  void Viewed(const Actor& a, const std::string& key, int64_t version, const std::string& how) {
    app_.engine().RecordView(a, "roster:" + key + ":" + std::to_string(version), Json{{"view", how}});
  }

  App& app_;
};

}  // namespace

AuthedHandler PeopleHandler(App& app, const std::string& key) {
  auto routes = std::make_shared<Routes>(app);
  if (key == "GET /api/v1/rosters/{roster}")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Roster(req, a); };
  if (key == "GET /api/v1/rosters/{roster}/versions/{version}")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Version(req, a); };
  if (key == "GET /api/v1/people/definitions")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Definitions(req, a); };
  if (key == "GET /api/v1/persons/{person_id}/record")
    return [routes](HttpRequest& req, const Actor& a) { return routes->PersonRecord(req, a); };
  return {};
}

}  // namespace mamori
