#include "api/compliance_handlers.h"

#include <algorithm>

#include "api/handler_util.h"
#include "base/time.h"
#include "compliance/compliance.h"
#include "identity/catalog.h"

namespace mamori {
namespace {

constexpr Micros kOwnWriteWait = 2 * kSecond;     // how long a read waits for the caller's last write
constexpr Micros kFirstResultWait = 5 * kSecond;  // … and for the first evaluation after start
constexpr const char* kPermission = "compliance.view";

using Snapshot = std::shared_ptr<const ComplianceSnapshot>;


class Routes {
 public:
  explicit Routes(App& app) : app_(app) {}

  HttpResponse Summary(HttpRequest& req, const Actor& a) {
    return Answer(req, a, [&](Conn& c, const ComplianceSnapshot& snap, const VisibleUnits& units) -> Result<Json> {
      ASSIGN_OR_RETURN(ComplianceReport report, BuildReport(c, snap, app_.profiles(), units, app_.clock().Now()));
      Json j = report.ToJson();
      const ComplianceMonitor::Stats s = app_.compliance().stats();
      j["evaluation"] = Json{{"last_full_ms", s.last_full_ms},
                             {"last_incremental_ms", s.last_incremental_ms},
                             {"full_evaluations", s.full_evaluations},
                             {"incremental_updates", s.incremental_updates}};
      return j;
    });
  }

  HttpResponse Clause(HttpRequest& req, const Actor& a) {
    const std::string ref = req.Query("ref");
    std::string profile = req.Query("profile");
    if (profile.empty())  // the profile whose document lists the clause
      for (const auto& p : app_.profiles())
        if (profile.empty() && p->FindClause(ref)) profile = p->name;
    return Answer(req, a, [&](Conn& c, const ComplianceSnapshot& snap, const VisibleUnits& units) -> Result<Json> {
      if (ref.empty())
        return Status::Error(ErrorKind::kInvalidArgument, "input.missing", "", "条項（ref）を指定してください。",
                             "Give the clause (ref).", "ref");
      if (profile.empty())
        return Status::Error(ErrorKind::kNotFound, "compliance.unknown_clause", "", "条項 " + ref + " はありません。",
                             "No profile of the organization lists clause " + ref + ".", "ref");
      return ClauseDetail(c, snap, app_.profiles(), profile, ref, units, app_.clock().Now());
    });
  }

  HttpResponse Violations(HttpRequest& req, const Actor& a) {
    ViolationFilter f;
    f.unit_id = std::strtoll(req.Query("unit_id", "0").c_str(), nullptr, 10);
    f.severity = req.Query("severity");
    f.rule = req.Query("rule");
    f.profile = req.Query("profile");
    f.clause = req.Query("clause");
    f.limit = std::clamp<int64_t>(std::strtoll(req.Query("limit", "1000").c_str(), nullptr, 10), 1, 10000);
    return Answer(req, a, [&](Conn& c, const ComplianceSnapshot& snap, const VisibleUnits& units) {
      return ViolationsJson(c, snap, units, f);
    });
  }

 private:
  using Body = std::function<Result<Json>(Conn&, const ComplianceSnapshot&, const VisibleUnits&)>;

  HttpResponse Answer(const HttpRequest& req, const Actor& a, const Body& body) {
    auto units = Visible(a);
    if (!units.ok()) return ErrorResponse(units.status());
    auto snap = Results(req, a);
    if (!snap.ok()) return ErrorResponse(snap.status());
    return JsonReply(app_.engine().Read([&](Conn& c) { return body(c, **snap, *units); }));
  }

  // The units whose compliance the caller may see; 403 (with the permission's clause) without any.
  Result<VisibleUnits> Visible(const Actor& a) {
    const std::string now = FormatUtc(app_.clock().Now());
    ASSIGN_OR_RETURN(VisibleUnits units, app_.engine().Read([&](Conn& c) {
      return UnitsWithPermission(c, app_.engine().catalog(), a.person_id, kPermission, now);
    }));
    if (units && units->empty()) {
      const PermissionDef* p = app_.engine().catalog().FindPermission(kPermission);
      return Status::Error(ErrorKind::kForbidden, "authz.denied", p ? p->clause : "",
                           "遵守状況を閲覧する指定がありません。", "No designation allows you to view compliance.");
    }
    return units;
  }

  // The monitor's results once they include the caller's last command (or `min_seq`), waiting at most
  // kOwnWriteWait; without a running monitor (no `serve`), a full evaluation now.
  Result<Snapshot> Results(const HttpRequest& req, const Actor& a) {
    ComplianceMonitor& m = app_.compliance();
    if (!m.running()) return EvaluateNow();
    ASSIGN_OR_RETURN(Rows last, app_.engine().Read([&](Conn& c) {
      return c.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events WHERE actor = ?", {a.Label()});
    }));
    const int64_t asked = std::strtoll(req.Query("min_seq", "0").c_str(), nullptr, 10);
    const int64_t seq = std::max(last.rows[0].Int(0), asked);
    m.Expect(seq);
    if (!m.WaitFor(seq, kOwnWriteWait)) (void)m.WaitFor(0, kFirstResultWait);
    Snapshot snap = m.Report();
    if (!snap)
      return Status::Error(ErrorKind::kConflict, "compliance.evaluating", "",
                           "遵守状況を評価中です。しばらくしてから再度お試しください。",
                           "Compliance is still being evaluated; try again shortly.");
    const Micros now = app_.clock().Now();
    for (const auto& r : snap->rules)
      if (r->time_based && now - r->evaluated_at > kMinute) {
        m.RequestRefresh();  // answered with these; the next read sees the refreshed ones
        break;
      }
    return snap;
  }

  Result<Snapshot> EvaluateNow() {
    return app_.engine().Read([&](Conn& c) -> Result<Snapshot> {
      ComplianceMonitor once(app_.clock());
      once.Configure(app_.profiles());
      RETURN_IF_ERROR(once.EvaluateFull(c));
      return once.Report();
    });
  }

  App& app_;
};

}  // namespace

AuthedHandler ComplianceHandler(App& app, const std::string& key) {
  auto routes = std::make_shared<Routes>(app);
  if (key == "GET /api/v1/compliance")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Summary(req, a); };
  if (key == "GET /api/v1/compliance/clause")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Clause(req, a); };
  if (key == "GET /api/v1/compliance/violations")
    return [routes](HttpRequest& req, const Actor& a) { return routes->Violations(req, a); };
  return {};
}

}  // namespace mamori
