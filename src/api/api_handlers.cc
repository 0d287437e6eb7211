#include "api/api_handlers.h"

#include <set>

#include "api/compliance_handlers.h"
#include "api/facility_handlers.h"
#include "api/import_handlers.h"
#include "api/people_handlers.h"
#include "api/obligation_handlers.h"
#include "api/training_handlers.h"
#include "base/embedded.h"
#include "base/time.h"
#include "crypto/crypto.h"
#include "engine/input.h"
#include "export/ledger_form.h"
#include "identity/catalog.h"
#include "people/people.h"
#include "trail/proofs.h"

namespace mamori {
namespace {

HttpResponse Ok(const Json& j) { return JsonResponse(200, j); }

template <typename T>
HttpResponse Reply(const Result<T>& r, int status = 200) {
  return r.ok() ? JsonResponse(status, *r) : ErrorResponse(r.status());
}

int64_t IntParam(const HttpRequest& req, const char* key, int64_t def) {
  const std::string v = req.Query(key);
  if (v.empty()) return def;
  char* end = nullptr;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  return end && *end == '\0' ? n : def;
}

std::string SessionCookie(const std::string& value, Micros max_age) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=" +
         std::to_string(max_age / kSecond);
}

bool Unsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

std::string Bearer(const HttpRequest& req) {
  const std::string h = req.Header("authorization");
  return h.rfind("Bearer ", 0) == 0 ? h.substr(7) : "";
}

}  // namespace

Router::Handler ApiHandlers::WithAuth(Authed fn) {
  return [this, fn](HttpRequest& req) {
    auto actor = app_.auth().Authenticate(req.Cookie(kSessionCookie), Bearer(req), Unsafe(req.method),
                                          req.Header("x-csrf-token"));
    if (!actor.ok()) return ErrorResponse(actor.status());
    return fn(req, *actor);
  };
}

Result<Json> ApiHandlers::Body(const HttpRequest& req) {
  if (req.body.empty()) return Json::object();
  auto j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Error(ErrorKind::kInvalidArgument, "http.json", "", "リクエスト本文は JSON オブジェクトにしてください。",
                         "The request body must be a JSON object.");
  return j;
}

Router::Handler ApiHandlers::CommandRoute(const std::string& command) {
  return WithAuth([this, command](HttpRequest& req, const Actor& a) {
    auto body = Body(req);
    if (!body.ok()) return ErrorResponse(body.status());
    Json in = *body;
    for (const auto& [k, v] : req.path_params) {
      if (k == "control_no" || k == "roster") {
        in[k] = v;
      } else {
        char* end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        if (!end || *end != '\0') return ErrorResponse(Malformed(Field{k.c_str(), "", "識別子", "identifier"}, "整数", "an integer"));
        in[k] = n;
      }
    }
    auto r = app_.engine().Execute(a, command, in);
    return Reply(r, command.find("create") != std::string::npos || command == "item.register" ? 201 : 200);
  });
}

Result<std::optional<std::vector<int64_t>>> ApiHandlers::Units(const Actor& a, const char* permission) {
  return app_.engine().Read([&](Conn& c) {
    return UnitsWithPermission(c, app_.engine().catalog(), a.person_id, permission, FormatUtc(app_.clock().Now()));
  });
}

Status ApiHandlers::ProtectedGate(Conn& c, const Actor& a, const std::vector<std::string>& control_nos) {
  if (a.system || control_nos.empty()) return Status::Ok();
  std::optional<Clearance> clearance;
  for (const std::string& no : control_nos) {
    ASSIGN_OR_RETURN(Rows r, c.Query("SELECT p.id FROM protected_items p JOIN items i ON i.id = p.id WHERE i.control_no = ?",
                                     {no}));
    if (r.empty()) continue;
    if (!clearance) {
      ASSIGN_OR_RETURN(Clearance got, ProtectedClearance(c, app_.engine().catalog(), a.person_id,
                                                         FormatUtc(app_.clock().Now())));
      clearance = got;
    }
    if (!clearance->cleared) return NotClearedError(app_.engine().catalog(), *clearance);
  }
  return Status::Ok();
}

Result<bool> ApiHandlers::MustHideProtected(Conn& c, const Actor& a) {
  if (a.system) return false;
  ASSIGN_OR_RETURN(Rows any, c.Query("SELECT 1 FROM protected_items LIMIT 1"));
  if (any.empty()) return false;
  ASSIGN_OR_RETURN(Clearance clearance,
                   ProtectedClearance(c, app_.engine().catalog(), a.person_id, FormatUtc(app_.clock().Now())));
  return !clearance.cleared;
}

Workday ApiHandlers::MakeWorkday() const { return Workday{app_.org().tz, app_.org().workday_end}; }

HttpResponse ApiHandlers::Login(HttpRequest& req) {
  auto body = Body(req);
  if (!body.ok()) return ErrorResponse(body.status());
  Input in(*body);
  auto user = in.Text(Field{"username", "000 第2 2(2)", "ユーザ名", "user name"});
  if (!user.ok()) return ErrorResponse(user.status());
  auto pw = in.Text(Field{"password", "000 第2 2(2)", "パスワード", "password"});
  if (!pw.ok()) return ErrorResponse(pw.status());
  auto session = app_.auth().Login(*user, *pw, body->value("totp", std::string()), req.remote_ip);
  if (!session.ok()) return ErrorResponse(session.status());
  HttpResponse r = Ok(Json{{"csrf_token", session->csrf}, {"username", session->actor.username},
                           {"person_id", session->actor.person_id}, {"expires_at", FormatUtc(session->expires_at)},
                           {"must_change_password", session->must_change_password}});
  r.headers.emplace_back("Set-Cookie", SessionCookie(session->cookie, session->expires_at - app_.clock().Now()));
  return r;
}

HttpResponse ApiHandlers::Logout(HttpRequest& req, const Actor& a) {
  auto body = Body(req);
  const bool everywhere = body.ok() && body->value("everywhere", false);
  Status st = app_.auth().Logout(a, req.Cookie(kSessionCookie), everywhere);
  if (!st.ok()) return ErrorResponse(st);
  HttpResponse r = Ok(Json{{"signed_out", true}, {"everywhere", everywhere}});
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return r;
}

HttpResponse ApiHandlers::Me(HttpRequest& req, const Actor& a) {
  std::string csrf;
  (void)app_.auth().Authenticate(req.Cookie(kSessionCookie), "", false, "", &csrf);
  auto info = app_.engine().Read([&](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Rows p, c.Query("SELECT p.id, p.family_name, p.given_name, p.title, p.unit_id, u.name_ja, "
                                     "a.must_change_password FROM persons p JOIN org_units u ON u.id = p.unit_id JOIN "
                                     "accounts a ON a.person_id = p.id WHERE a.id = ?", {a.account_id}));
    if (p.empty()) return Status::Internal("account without person");
    Json d = Json::array();
    const std::string now = FormatUtc(app_.clock().Now());
    RETURN_IF_ERROR(c.ForEach("SELECT d.id, d.role_code, d.unit_id, u.name_ja FROM designations d JOIN org_units u ON "
                              "u.id = d.unit_id WHERE d.person_id = ? AND d.revoked_at IS NULL AND d.valid_from <= ? "
                              "AND (d.valid_until IS NULL OR d.valid_until > ?)", {a.person_id, now, now},
                              [&](const Row& r) {
                                const RoleDef* role = app_.engine().catalog().FindRole(r.Str(1));
                                d.push_back(Json{{"designation_id", r.Int(0)}, {"role", r.Str(1)},
                                                 {"role_ja", role ? role->name_ja : ""}, {"role_en", role ? role->name_en : ""},
                                                 {"unit_id", r.Int(2)}, {"unit_name", r.Str(3)}});
                                return true;
                              }));
    Json perms = Json::object();
    for (const PermissionDef& perm : app_.engine().catalog().permissions()) {
      ASSIGN_OR_RETURN(auto units, UnitsWithPermission(c, app_.engine().catalog(), a.person_id, perm.code, now));
      perms[perm.code] = units ? Json(*units) : Json("all");
    }
    const Row& r = p.rows[0];
    return Json{{"username", a.username}, {"person_id", r.Int(0)}, {"family_name", r.Str(1)}, {"given_name", r.Str(2)},
                {"title", r.Str(3)}, {"unit_id", r.Int(4)}, {"unit_name", r.Str(5)},
                {"must_change_password", r.Int(6) == 1}, {"designations", d}, {"permissions", perms},
                {"csrf_token", csrf}, {"org", Json{{"name", app_.org().name}, {"profile", app_.org().profile},
                                                   {"timezone", app_.org().tz.name}, {"workday_end", app_.org().workday_end}}}};
  });
  return Reply(info);
}

HttpResponse ApiHandlers::Password(HttpRequest& req, const Actor& a) {
  auto body = Body(req);
  if (!body.ok()) return ErrorResponse(body.status());
  Status st = app_.auth().ChangePassword(a, body->value("current_password", std::string()),
                                         body->value("new_password", std::string()), req.Cookie(kSessionCookie));
  return st.ok() ? Ok(Json{{"changed", true}}) : ErrorResponse(st);
}

HttpResponse ApiHandlers::Tokens(HttpRequest& req, const Actor& a) {
  auto body = Body(req);
  if (!body.ok()) return ErrorResponse(body.status());
  const int64_t days = body->value("days", int64_t{90});
  return Reply(app_.auth().CreateToken(a, body->value("name", std::string("api")), days > 0 ? days * kDay : 0), 201);
}

HttpResponse ApiHandlers::CreateAccount(HttpRequest& req, const Actor& a) {
  auto body = Body(req);
  if (!body.ok()) return ErrorResponse(body.status());
  const std::string pw = body->value("password", std::string());
  Status policy = Auth::CheckPasswordPolicy(pw);
  if (!policy.ok()) return ErrorResponse(policy);
  auto hash = HashPassword(pw);
  if (!hash.ok()) return ErrorResponse(hash.status());
  Json in = *body;
  in.erase("password");
  in["password_hash"] = *hash;
  in["must_change_password"] = true;
  return Reply(app_.engine().Execute(a, "account.create", in), 201);
}

HttpResponse ApiHandlers::ListUnits(HttpRequest&, const Actor&) {
  return Reply(app_.engine().Read([](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Json units, QueryJson(c, "SELECT id, parent_id, kind, code, name_ja, name_en, head_title FROM "
                                              "org_units ORDER BY id", {}));
    return Json{{"units", units}};
  }));
}

HttpResponse ApiHandlers::ListPersons(HttpRequest& req, const Actor&) {
  const int64_t unit = IntParam(req, "unit_id", 0);
  return Reply(app_.engine().Read([&](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Json persons, QueryJson(c, "SELECT p.id, p.family_name, p.given_name, p.title, p.unit_id, "
                                                "u.name_ja AS unit_name, p.kind, p.active, a.username, a.disabled AS account_disabled FROM persons p "
                                                "JOIN org_units u ON u.id = p.unit_id LEFT JOIN accounts a ON "
                                                "a.person_id = p.id WHERE (? = 0 OR p.unit_id = ?) ORDER BY p.id",
                                             {unit, unit}));
    return Json{{"persons", persons}};
  }));
}

HttpResponse ApiHandlers::ListRoles(HttpRequest&, const Actor&) {
  Json roles = Json::array(), perms = Json::array();
  for (const RoleDef& r : app_.engine().catalog().roles()) roles.push_back(r.ToJson());
  for (const PermissionDef& p : app_.engine().catalog().permissions())
    perms.push_back(Json{{"code", p.code}, {"clause", p.clause}, {"name_ja", p.name_ja}, {"name_en", p.name_en}});
  return Ok(Json{{"profile", app_.engine().catalog().profile()}, {"roles", roles}, {"permissions", perms}});
}

// GET /api/v1/designations: every designation (any signed-in person may list them), narrowed by
// person_id, by role (a role code of the profile; another is refused, 400 designation.role_unknown) and,
// with in_force=1, to those in force now (not revoked, begun, not ended, the person still active).
HttpResponse ApiHandlers::ListDesignations(HttpRequest& req, const Actor&) {
  const int64_t person = IntParam(req, "person_id", 0);
  const std::string role = req.Query("role");
  const bool in_force = req.Query("in_force") == "1" || req.Query("in_force") == "true";
  const Catalog& catalog = app_.engine().catalog();
  if (!role.empty() && !catalog.FindRole(role)) {
    const RoleDef* any = catalog.roles().empty() ? nullptr : &catalog.roles().front();
    const std::string clause = !any ? "" : any->designation_clause.empty() ? any->clause : any->designation_clause;
    return ErrorResponse(Status::Error(ErrorKind::kInvalidArgument, "designation.role_unknown", clause,
                                       "この規程にない役割です: " + role, "No such role in this profile: " + role,
                                       "role"));
  }
  const std::string now = FormatUtc(app_.clock().Now());
  return Reply(app_.engine().Read([&](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Json rows, QueryJson(c,
        "SELECT d.*, p.family_name || ' ' || p.given_name AS person_name, p.kind AS person_kind, "
        "  u.name_ja AS unit_name "
        "FROM designations d JOIN persons p ON p.id = d.person_id JOIN org_units u ON u.id = d.unit_id "
        "WHERE (? = 0 OR d.person_id = ?) AND (? = '' OR d.role_code = ?) "
        "  AND (? = 0 OR (d.revoked_at IS NULL AND d.valid_from <= ? AND (d.valid_until IS NULL OR d.valid_until > ?) "
        "    AND p.active = 1)) "
        "ORDER BY d.id", {person, person, role, role, int64_t{in_force ? 1 : 0}, now, now}));
    for (auto& d : rows) {
      const RoleDef* def = catalog.FindRole(d["role_code"].get<std::string>());
      d["role_ja"] = def ? def->name_ja : "";
      d["role_en"] = def ? def->name_en : "";
      d["clause"] = def ? def->clause : "";
    }
    return Json{{"designations", rows}};
  }));
}

HttpResponse ApiHandlers::ListCertificates(HttpRequest&, const Actor&) {
  return Reply(app_.engine().Read([](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Json rows, QueryJson(c, "SELECT * FROM certificates ORDER BY id", {}));
    return Json{{"certificates", rows}};
  }));
}

HttpResponse ApiHandlers::ListItems(HttpRequest& req, const Actor& a) {
  auto units = Units(a, "ledger.view");
  if (!units.ok()) return ErrorResponse(units.status());
  ItemFilter f;
  f.visible_units = *units;
  if (const int64_t u = IntParam(req, "unit_id", 0)) f.unit_id = u;
  if (const int64_t h = IntParam(req, "holder_person_id", 0)) f.holder_person_id = h;
  f.kind = req.Query("kind");
  f.state = req.Query("state");
  f.q = req.Query("q");
  f.overdue_only = req.Query("overdue") == "true" || req.Query("overdue") == "1";
  f.page = static_cast<int>(IntParam(req, "page", 1));
  f.per_page = static_cast<int>(IntParam(req, "per_page", 50));
  f.after = req.Query("after");
  const Micros now = app_.clock().Now();
  return Reply(app_.engine().Read([&](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(f.hide_protected, MustHideProtected(c, a));
    return mamori::ListItems(c, f, MakeWorkday(), now);
  }));
}

HttpResponse ApiHandlers::GetItem(HttpRequest& req, const Actor& a) {
  auto units = Units(a, "ledger.view");
  if (!units.ok()) return ErrorResponse(units.status());
  const std::string no = req.path_params["control_no"];
  auto detail = app_.engine().Read([&](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Json d, ItemDetail(c, no, *units));
    RETURN_IF_ERROR(ProtectedGate(c, a, {no}));
    return d;
  });
  if (detail.ok()) app_.engine().RecordView(a, "item:" + no, Json{{"view", "ledger"}});
  return Reply(detail);
}

HttpResponse ApiHandlers::Ledger(HttpRequest& req, const Actor& a, const std::string& control_no,
                                 std::optional<int64_t> unit) {
  auto units = Units(a, "ledger.view");
  if (!units.ok()) return ErrorResponse(units.status());
  auto forms = app_.engine().Read([&](Conn& c) -> Result<std::vector<LedgerForm>> {
    if (!control_no.empty()) RETURN_IF_ERROR(ItemDetail(c, control_no, *units).status());
    if (unit && *units && std::find((*units)->begin(), (*units)->end(), *unit) == (*units)->end())
      return Status::Error(ErrorKind::kForbidden, "authz.denied", "000 第4 2(1)", "この課室等の管理簿は閲覧できません。",
                           "You may not view this unit's ledgers.");
    ASSIGN_OR_RETURN(std::vector<LedgerForm> loaded, LoadForms(c, control_no, unit));
    std::vector<std::string> numbers;
    for (const LedgerForm& f : loaded) numbers.push_back(f.control_no);
    RETURN_IF_ERROR(ProtectedGate(c, a, numbers));
    return loaded;
  });
  if (!forms.ok()) return ErrorResponse(forms.status());
  const std::string format = req.Query("format", "csv");
  for (const LedgerForm& f : *forms) app_.engine().RecordView(a, "item:" + f.control_no, Json{{"export", format}});
  const DateStyle style = req.Query("dates", "wareki") == "seireki" ? DateStyle::kSeireki : DateStyle::kWareki;
  HttpResponse r;
  const std::string name = control_no.empty() ? "unit-" + std::to_string(unit.value_or(0)) : control_no;
  if (format == "xlsx") {
    auto bytes = RenderLedgerXlsx(*forms, app_.org().tz, style);
    if (!bytes.ok()) return ErrorResponse(bytes.status());
    r.body = std::move(bytes).value();
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else if (format == "csv" || format == "flat-csv") {
    r.body = format == "csv" ? RenderLedgerCsv(*forms, app_.org().tz, style) : RenderLedgerCsvFlat(*forms);
    r.content_type = "text/csv; charset=utf-8";
  } else {
    return ErrorResponse(Malformed(Field{"format", "", "形式", "format"}, "csv, xlsx, flat-csv", "csv, xlsx or flat-csv"));
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"ledger-" + name + "." +
                                                    (format == "xlsx" ? "xlsx" : "csv") + "\"");
  return r;
}

HttpResponse ApiHandlers::ItemLedger(HttpRequest& req, const Actor& a) {
  return Ledger(req, a, req.path_params["control_no"], std::nullopt);
}

HttpResponse ApiHandlers::UnitLedger(HttpRequest& req, const Actor& a) {
  return Ledger(req, a, "", std::strtoll(req.path_params["unit_id"].c_str(), nullptr, 10));
}

HttpResponse ApiHandlers::Approvals(HttpRequest&, const Actor& a) {
  auto units = Units(a, "ledger.approve");
  if (!units.ok()) return ErrorResponse(units.status());
  return Reply(app_.engine().Read([&](Conn& c) { return PendingApprovals(c, *units); }));
}

HttpResponse ApiHandlers::Overdue(HttpRequest& req, const Actor& a) {
  auto units = Units(a, "ledger.view");
  if (!units.ok()) return ErrorResponse(units.status());
  const Micros now = app_.clock().Now();
  return Reply(app_.engine().Read([&](Conn& c) { return OverdueReport(c, MakeWorkday(), now, req.Query("date"), *units); }));
}

HttpResponse ApiHandlers::ListReconciliations(HttpRequest&, const Actor& a) {
  auto units = Units(a, "ledger.view");
  if (!units.ok()) return ErrorResponse(units.status());
  const std::string scope = *units ? " WHERE r.unit_id IN (" + IdList(**units) + ")" : "";
  return Reply(app_.engine().Read([&](Conn& c) -> Result<Json> {
    ASSIGN_OR_RETURN(Json rows, QueryJson(c, "SELECT r.*, u.name_ja AS unit_name, (SELECT COUNT(*) FROM discrepancies d "
                                             "WHERE d.reconciliation_id = r.id AND d.resolution IS NULL) AS open_discrepancies "
                                             "FROM reconciliations r JOIN org_units u ON u.id = r.unit_id" + scope +
                                             " ORDER BY r.id DESC LIMIT 200", {}));
    return Json{{"reconciliations", rows}};
  }));
}

HttpResponse ApiHandlers::GetReconciliation(HttpRequest& req, const Actor& a) {
  auto units = Units(a, "ledger.view");
  if (!units.ok()) return ErrorResponse(units.status());
  const int64_t id = std::strtoll(req.path_params["reconciliation_id"].c_str(), nullptr, 10);
  auto detail = app_.engine().Read([&](Conn& c) { return ReconciliationDetail(c, id); });
  if (detail.ok() && *units) {
    const int64_t unit = (*detail)["reconciliation"]["unit_id"].get<int64_t>();
    if (std::find((*units)->begin(), (*units)->end(), unit) == (*units)->end())
      return ErrorResponse(Status::Error(ErrorKind::kNotFound, "reconciliations.not_found", "000 第4 1(3)",
                                         "照合の記録がありません。", "No such reconciliation."));
  }
  return Reply(detail);
}

HttpResponse ApiHandlers::RequireTrailView(const Actor& a, const std::function<HttpResponse()>& fn) {
  auto units = Units(a, "trail.view");
  if (!units.ok()) return ErrorResponse(units.status());
  if (*units && (*units)->empty()) {
    const PermissionDef* p = app_.engine().catalog().FindPermission("trail.view");
    return ErrorResponse(Status::Error(ErrorKind::kForbidden, "authz.denied", p ? p->clause : "",
                                       "証跡を閲覧する指定がありません。", "No designation allows you to read the trail."));
  }
  return fn();
}

HttpResponse ApiHandlers::Trail(HttpRequest& req, const Actor& a) {
  return RequireTrailView(a, [&] {
    const std::string entity = req.Query("entity"), actor = req.Query("actor"), command = req.Query("command");
    const std::string after = req.Query("after"), before = req.Query("before");
    const int64_t limit = std::clamp<int64_t>(IntParam(req, "limit", 100), 1, 1000);
    const int64_t before_seq = IntParam(req, "before_seq", 0);
    return Reply(app_.engine().Read([&](Conn& c) -> Result<Json> {
      ASSIGN_OR_RETURN(Json rows, QueryJson(c,
          "SELECT seq, ts, actor, command, entity, payload, prev_hash, hash FROM trail_events WHERE (? = '' OR entity = ? "
          "OR (command = 'view' AND instr(payload, ?) > 0)) "
          "AND (? = '' OR actor = ?) AND (? = '' OR command = ?) AND (? = '' OR ts >= ?) AND (? = '' OR ts < ?) AND "
          "(? = 0 OR seq < ?) ORDER BY seq DESC LIMIT ?",
          {entity, entity, "\"entity\":\"" + entity + "\"", actor, actor, command, command, after, after, before, before,
           before_seq, before_seq, limit}));
      // Date of birth and nationality are for the roster's keepers only (001 第5 2(1)エ): the events that
      // carry them are shown without their payload to anyone else (their hashes still verify).
      ASSIGN_OR_RETURN(auto keeper, UnitsWithPermission(c, app_.engine().catalog(), a.person_id, "people.particulars",
                                                        FormatUtc(app_.clock().Now())));
      const bool particulars = !keeper || !keeper->empty();
      static const std::set<std::string> kPersonal = {"person.set_particulars", "person.import", "roster.prepare"};
      for (auto& r : rows) {
        if (!particulars && kPersonal.count(r["command"].get<std::string>())) {
          r["payload"] = Json{{"redacted", true},
                              {"reason_ja", "生年月日・国籍を含むため、名簿を管理する者にのみ表示します。"},
                              {"reason_en", "Holds dates of birth and nationalities: shown only to the roster's keepers."}};
          continue;
        }
        r["payload"] = Json::parse(r["payload"].get<std::string>(), nullptr, false);
      }
      ASSIGN_OR_RETURN(Rows size, c.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events"));
      return Json{{"events", rows}, {"size", size.rows[0].Int(0)}};
    }));
  });
}

HttpResponse ApiHandlers::TrailHead(HttpRequest&, const Actor& a) {
  return RequireTrailView(a, [&] {
    auto head = app_.engine().PublishHeadNow();
    if (!head.ok()) return ErrorResponse(head.status());
    Json j = Json::parse(head->ToJson());
    j["verified_signature"] = head->VerifySignature();
    return Ok(j);
  });
}

HttpResponse ApiHandlers::InclusionProof(HttpRequest& req, const Actor& a) {
  return RequireTrailView(a, [&] {
    return Reply(app_.engine().Read([&](Conn& c) {
      return InclusionProofJson(c, IntParam(req, "seq", 0), IntParam(req, "tree_size", 0));
    }));
  });
}

HttpResponse ApiHandlers::ConsistencyProof(HttpRequest& req, const Actor& a) {
  return RequireTrailView(a, [&] {
    return Reply(app_.engine().Read([&](Conn& c) {
      return ConsistencyProofJson(c, IntParam(req, "old_size", 0), IntParam(req, "new_size", 0));
    }));
  });
}

Router::Handler ApiHandlers::For(const RouteInfo& r) {
  using H = HttpResponse (ApiHandlers::*)(HttpRequest&, const Actor&);
  static const std::map<std::string, H> kReads = {
      {"POST /api/v1/auth/logout", &ApiHandlers::Logout},
      {"GET /api/v1/auth/me", &ApiHandlers::Me},
      {"POST /api/v1/auth/password", &ApiHandlers::Password},
      {"POST /api/v1/auth/tokens", &ApiHandlers::Tokens},
      {"POST /api/v1/accounts", &ApiHandlers::CreateAccount},
      {"GET /api/v1/units", &ApiHandlers::ListUnits},
      {"GET /api/v1/units/{unit_id}/ledger", &ApiHandlers::UnitLedger},
      {"GET /api/v1/persons", &ApiHandlers::ListPersons},
      {"GET /api/v1/roles", &ApiHandlers::ListRoles},
      {"GET /api/v1/designations", &ApiHandlers::ListDesignations},
      {"GET /api/v1/certificates", &ApiHandlers::ListCertificates},
      {"GET /api/v1/items", &ApiHandlers::ListItems},
      {"GET /api/v1/items/{control_no}", &ApiHandlers::GetItem},
      {"GET /api/v1/items/{control_no}/ledger", &ApiHandlers::ItemLedger},
      {"GET /api/v1/approvals", &ApiHandlers::Approvals},
      {"GET /api/v1/reports/overdue", &ApiHandlers::Overdue},
      {"GET /api/v1/reconciliations", &ApiHandlers::ListReconciliations},
      {"GET /api/v1/reconciliations/{reconciliation_id}", &ApiHandlers::GetReconciliation},
      {"GET /api/v1/trail", &ApiHandlers::Trail},
      {"GET /api/v1/trail/head", &ApiHandlers::TrailHead},
      {"GET /api/v1/trail/proofs/inclusion", &ApiHandlers::InclusionProof},
      {"GET /api/v1/trail/proofs/consistency", &ApiHandlers::ConsistencyProof},
  };
  const std::string key = r.method + " " + r.pattern;
  if (key == "GET /healthz") return [](HttpRequest&) { return Ok(Json{{"status", "ok"}}); };
  if (key == "GET /api/v1/openapi.yaml")
    return [](HttpRequest&) {
      HttpResponse resp;
      resp.content_type = "application/yaml; charset=utf-8";
      auto it = EmbeddedFiles().find("docs/openapi.yaml");
      resp.body = it == EmbeddedFiles().end() ? "" : std::string(it->second);
      return resp;
    };
  if (key == "POST /api/v1/auth/login") return [this](HttpRequest& req) { return Login(req); };
  if (AuthedHandler h = ComplianceHandler(app_, key)) return WithAuth(std::move(h));
  if (AuthedHandler h = TrainingHandler(app_, key)) return WithAuth(std::move(h));
  if (AuthedHandler h = PeopleHandler(app_, key)) return WithAuth(std::move(h));
  if (AuthedHandler h = ImportHandler(app_, key)) return WithAuth(std::move(h));
  if (AuthedHandler h = FacilityHandler(app_, key)) return WithAuth(std::move(h));
  if (key == "GET /api/v1/obligations")
    return WithAuth([this](HttpRequest& req, const Actor& a) { return ListObligations(app_, req, a); });
  auto it = kReads.find(key);
  if (it != kReads.end()) {
    H h = it->second;
    return WithAuth([this, h](HttpRequest& req, const Actor& a) { return (this->*h)(req, a); });
  }
  return CommandRoute(r.command);
}

}  // namespace mamori
