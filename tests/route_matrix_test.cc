// Every route of the route table (ApiRoutes()) × every kind of person in the demo, against the
// real binary: a declared table says which outcome each role must get (anonymous 401 on every
// non-public route, 403 — or 404 where the API hides that something exists — for roles without
// the permission, neither 401 nor 403 for roles with it). Along the way every response is checked
// for the security headers, every error body for its shape, and no route may answer 500. Then the
// session cookie's attributes, the CSRF refusal and a few GET responses against the schemas of
// docs/openapi.yaml (as served by GET /api/v1/openapi.yaml).
//
// Writes change state, so within one route the roles that must be refused go first, then the
// permitted ones; authorization is checked before state in the commands, so a 400/409/422 from a
// permitted role counts as "allowed". Routes are ordered so that no write hides a later result.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "testing/test_support.h"
#include "api/api.h"
#include "api/http.h"
#include "server_harness.h"

namespace mamori::test {
namespace {

using namespace std::chrono_literals;

// The roles of the matrix: a label and the demo user ("" = no session).
struct Role {
  const char* label;
  const char* user;
};
const Role kRoles[] = {
    {"anonymous", ""},
    {"staff", "tanaka"},              // 職員, サイバー整備課 (CYBER)
    {"other-unit staff", "yoshida"},  // 職員 + 破棄立会者, 法令審査官グループ (HOREI)
    {"assistant", "takahashi"},       // 部隊等情報保証責任者補助者, CYBER
    {"unit IA officer", "suzuki"},    // 部隊等情報保証責任者, CYBER
    {"destruction witness", "ito"},   // 破棄立会者, CYBER
    {"audit officer", "nakamura"},    // 情報保証監査責任者 (org-wide), 整備計画局 (SEIBI)
    {"IA officer", "sato"},           // 情報保証責任者 (org-wide), SEIBI
    {"system admin", "yamamoto"},  // 情報システム情報保証責任者 + システム管理担当者, 情報通信課 (JOHOTSU)
};
const char* LabelOf(const std::string& user) {
  for (const Role& r : kRoles)
    if (user == r.user) return r.label;
  return "?";
}

enum class Outcome {
  kOk,       // 2xx
  kAllowed,  // permitted: 2xx, or a 400/409/422 about the input or the state (never 401/403/404/5xx)
  kDenied,   // 403 with the case's rule
  kHidden,   // 404: the API does not reveal that it exists
  kUnauth,   // 401 auth.required
  kExact,    // exactly `status`
};
struct Expect {
  Outcome outcome = Outcome::kDenied;
  int status = 0;
  std::string rule;  // for kDenied/kExact: the error rule, "" = any
};

struct Case {
  std::string method, pattern, target;
  Json body;                             // null: none (GET)
  bool login_as_self = false;            // the login route: each role signs in (on a throwaway client) as itself
  std::map<std::string, Expect> expect;  // by user ("" = anonymous)
  std::string csv;                       // a file route: sent as the body (text/csv) instead of `body`
};

using Users = std::set<std::string>;
const Users kAllUsers = {"tanaka", "yoshida", "takahashi", "suzuki", "ito", "nakamura", "sato", "yamamoto"};
// Who holds what in the demo (profiles/mod-internal/roles.yaml + src/app/demo.cc). A designation
// covers its unit and every unit below it; the implicit 職員 role covers only the person's own
// 課室等. So sato and nakamura (org-wide designations, affiliated to the bureau 整備計画局) may view
// every ledger but make no entry in サイバー整備課's: the audit officer stays out of the ledgers.
const Users kCyberView = {"tanaka", "takahashi", "suzuki", "ito", "nakamura", "sato"};
const Users kCyberUse = {"tanaka", "takahashi", "suzuki", "ito"};  // ledger.use: 職員 of CYBER
const Users kCyberDestroy = kCyberUse;                             // ledger.destroy: 職員 of CYBER
const Users kCyberRegister = {"takahashi", "suzuki"};              // ledger.register / check / dispose
const Users kCyberApprove = {"suzuki"};                            // ledger.approve / reconcile
const Users kHoreiView = {"yoshida", "nakamura", "sato"};
const Users kHoreiUse = {"yoshida"};
const Users kNobody = {};
const Users kTrailView = {"nakamura", "sato", "yamamoto"};
// compliance.view: the IA officer and the audit officer (org-wide), the system IA officer (JOHOTSU) and
// the unit IA officer (CYBER).
const Users kComplianceView = {"suzuki", "nakamura", "sato", "yamamoto"};

// A case where `allowed` get `ok` and every other signed-in role gets `others`; anonymous gets
// 401 unless the route is public.
Case Make(std::string method, std::string pattern, std::string target, Json body, const Users& allowed,
          Outcome ok = Outcome::kAllowed, Expect others = {Outcome::kDenied, 0, "authz.denied"}) {
  Case c{std::move(method), std::move(pattern), std::move(target), std::move(body)};
  for (const Role& r : kRoles) {
    const std::string u = r.user;
    if (u.empty())
      c.expect[u] = {Outcome::kUnauth, 401, "auth.required"};
    else
      c.expect[u] = allowed.count(u) ? Expect{ok} : others;
  }
  return c;
}

Case Get(std::string pattern, std::string target, const Users& allowed,
         Expect others = {Outcome::kDenied, 0, "authz.denied"}) {
  return Make("GET", std::move(pattern), std::move(target), nullptr, allowed, Outcome::kOk, others);
}

// Item commands hide items outside the units one may view (404 like a missing number), so that
// control numbers cannot be probed: refused roles that cannot view the item's unit expect 404.
void HideOutside(Case& c, const Users& viewers) {
  for (auto& [user, x] : c.expect)
    if (!user.empty() && !viewers.count(user) && x.outcome != Outcome::kAllowed && x.outcome != Outcome::kOk)
      x = Expect{Outcome::kHidden};
}

const Users& ViewersOf(const std::string& control_no) {
  return control_no.find("-HR-") != std::string::npos ? kHoreiView : kCyberView;
}

// Fills one path parameter: Path("/api/v1/items/{control_no}", "M-CY-001").
std::string Path(const std::string& pattern, const std::string& value) {
  const size_t b = pattern.find('{'), e = pattern.find('}');
  return pattern.substr(0, b) + value + pattern.substr(e + 1);
}

using mamori::testing::YamlToJson;

// Problems with the response headers every answer must carry.
std::vector<std::string> HeaderProblems(const std::string& target, const Reply& r) {
  std::vector<std::string> out;
  if (r.Header("Content-Security-Policy").empty()) out.push_back("no Content-Security-Policy");
  if (r.Header("X-Content-Type-Options") != "nosniff") out.push_back("X-Content-Type-Options is not nosniff");
  if (r.Header("X-Frame-Options") != "DENY") out.push_back("X-Frame-Options is not DENY");
  if (target.rfind("/api/", 0) == 0 && r.Header("Cache-Control").find("no-store") == std::string::npos)
    out.push_back("an /api/ response without Cache-Control: no-store");
  return out;
}

// Problems with an error body: {"error":{kind, rule, clause, message_ja, message_en, field?}}.
std::vector<std::string> ErrorBodyProblems(const Reply& r) {
  std::vector<std::string> out;
  const Json j = r.Json();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object())
    return {"the error body is not {\"error\":{…}}"};
  const Json& e = j["error"];
  for (const char* k : {"kind", "rule", "clause", "message_ja", "message_en"})
    if (!e.contains(k) || !e[k].is_string()) out.push_back(std::string("error.") + k + " missing or not a string");
  for (const char* k : {"kind", "rule", "message_ja", "message_en"})
    if (e.contains(k) && e[k].is_string() && e[k].get<std::string>().empty())
      out.push_back(std::string("error.") + k + " is empty");
  if (e.contains("field") && !e["field"].is_string()) out.push_back("error.field is not a string");
  return out;
}

std::string Rule(const Reply& r) {
  const Json j = r.Json();
  return j.is_object() && j.contains("error") && j["error"].is_object() ? j["error"].value("rule", "") : "";
}

std::vector<std::string> OutcomeProblems(const Expect& x, const Reply& r) {
  const int s = r.status;
  std::vector<std::string> out;
  auto want = [&](const std::string& what) { out.push_back("expected " + what); };
  switch (x.outcome) {
    case Outcome::kOk:
      if (s < 200 || s > 299) want("2xx");
      break;
    case Outcome::kAllowed:
      if (!((s >= 200 && s <= 299) || s == 400 || s == 409 || s == 422)) want("allowed (2xx, 400, 409 or 422)");
      break;
    case Outcome::kDenied:
      if (s != 403) want("403 (no permission)");
      break;
    case Outcome::kHidden:
      if (s != 404) want("404 (existence hidden)");
      break;
    case Outcome::kUnauth:
      if (s != 401) want("401");
      break;
    case Outcome::kExact:
      if (s != x.status) want(std::to_string(x.status));
      break;
  }
  if (out.empty() && !x.rule.empty() && s >= 400 && Rule(r) != x.rule) want("rule " + x.rule);
  return out;
}

// Order of the roles within a case: refusals first, then kOk, then kAllowed.
int Rank(Outcome o) { return o == Outcome::kAllowed ? 2 : o == Outcome::kOk ? 1 : 0; }

// A minimal JSON-schema check (the OpenAPI 3.0 subset used in docs/openapi.yaml): $ref, type,
// nullable, required, properties, items, enum.
class SchemaChecker {
 public:
  explicit SchemaChecker(Json doc) : doc_(std::move(doc)) {}

  Json Resolve(const Json& node) const {
    Json cur = node;
    for (int i = 0; i < 10 && cur.is_object() && cur.contains("$ref"); ++i) {
      const std::string ref = cur["$ref"].get<std::string>();
      try {
        cur = doc_.at(Json::json_pointer(ref.substr(1)));
      } catch (const Json::exception&) {
        return nullptr;
      }
    }
    return cur;
  }

  // The JSON schema of (method, path)'s response `status`, or null.
  Json ResponseSchema(const std::string& method, const std::string& path, int status) const {
    const std::string m = [&] {
      std::string s = method;
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    }();
    const Json paths = doc_.value("paths", Json::object());
    if (!paths.contains(path) || !paths[path].contains(m)) return nullptr;
    const Json responses = paths[path][m].value("responses", Json::object());
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) return nullptr;
    const Json resp = Resolve(responses[code]);
    if (!resp.contains("content") || !resp["content"].contains("application/json")) return nullptr;
    return resp["content"]["application/json"].value("schema", Json());
  }

  void Check(const Json& schema_in, const Json& v, const std::string& at, std::vector<std::string>& out) const {
    if (out.size() > 20) return;
    const Json s = Resolve(schema_in);
    if (s.is_null()) return out.push_back(at + ": unresolved schema " + schema_in.dump());
    if (v.is_null()) {
      if (s.value("nullable", "false") != "true" && s.contains("type")) out.push_back(at + ": null but not nullable");
      return;
    }
    const std::string type = s.value("type", "");
    if (type == "object" && !v.is_object()) return out.push_back(at + ": not an object");
    if (type == "array" && !v.is_array()) return out.push_back(at + ": not an array");
    if (type == "string" && !v.is_string()) return out.push_back(at + ": not a string: " + v.dump());
    if (type == "integer" && !v.is_number_integer()) return out.push_back(at + ": not an integer: " + v.dump());
    if (type == "number" && !v.is_number()) return out.push_back(at + ": not a number: " + v.dump());
    if (type == "boolean" && !v.is_boolean()) return out.push_back(at + ": not a boolean: " + v.dump());
    if (s.contains("enum") && (v.is_string() || v.is_boolean())) {
      const std::string text = v.is_string() ? v.get<std::string>() : (v.get<bool>() ? "true" : "false");
      bool found = false;
      for (const Json& e : s["enum"]) found |= e == text;
      if (!found) out.push_back(at + ": " + v.dump() + " is not one of " + s["enum"].dump());
    }
    if (v.is_object()) {
      for (const Json& r : s.value("required", Json::array()))
        if (!v.contains(r.get<std::string>()))
          out.push_back(at + ": required property " + r.get<std::string>() + " missing");
      const Json props = s.value("properties", Json::object());
      for (const auto& [name, sub] : props.items())
        if (v.contains(name)) Check(sub, v[name], at + "." + name, out);
    }
    if (v.is_array() && s.contains("items"))
      for (size_t i = 0; i < v.size() && i < 30; ++i) Check(s["items"], v[i], at + "[" + std::to_string(i) + "]", out);
  }

 private:
  Json doc_;
};

// One demo server for the suite (per test process: ctest runs each test in its own).
class RouteMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new Server();
    if (!server_->MakeDemo() || !server_->Start()) {
      delete server_;
      server_ = nullptr;
    }
  }
  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the demo server did not start"; }

  static inline Server* server_ = nullptr;
};

// The ids the cases need, looked up in (or made on) the running demo.
struct Ids {
  int64_t root = 0, cyber = 0, johotsu = 0, horei = 0;
  int64_t ito = 0, yoshida = 0;
  int64_t acct_cyber = 0, acct_johotsu = 0;          // sacrificial accounts (disable route)
  int64_t person_cyber = 0, person_johotsu = 0;      // persons without an account (account route)
  int64_t person_cyber_2 = 0, person_johotsu_2 = 0;  // persons to designate
  int64_t person_leaving = 0, person_moving = 0;     // a JOHOTSU person who leaves, a CYBER one moved
  int64_t witness_designation = 0;                   // made by suzuki: destruction_witness in CYBER
  int64_t system_user_designation = 0;               // made by yamamoto: system_user in JOHOTSU
  int64_t copy_id = 0, discrepancy_id = 0, reconciliation_id = 0;
  int64_t horei_duty = 0;  // an open duty of 法令審査官グループ (its unit IA officer's, or escalated to sato)
};

int64_t IdFromTrail(HttpClient& auditor, const std::string& command, const std::string& table) {
  Reply r = auditor.Get("/api/v1/trail?limit=50&command=" + command);
  const Json j = r.Json();
  if (r.status != 200 || !j.contains("events")) return 0;
  for (const Json& e : j["events"])  // newest first
    if (e.contains("payload") && e["payload"].is_object())
      for (const Json& eff : e["payload"].value("effects", Json::array()))
        if (eff.value("t", "") == table) return eff.value("id", int64_t{0});
  return 0;
}

int64_t MakePerson(HttpClient& admin, int64_t unit, const std::string& family) {
  Reply r = admin.Post("/api/v1/persons",
                       Json{{"family_name", family}, {"given_name", "試験"}, {"unit_id", unit}, {"title", "係員"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.Json().value("person_id", int64_t{0});
}

int64_t MakeAccount(HttpClient& admin, int64_t person, const std::string& username) {
  Reply r = admin.Post("/api/v1/accounts",
                       Json{{"person_id", person}, {"username", username}, {"password", "route-matrix-password-1"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.Json().value("account_id", int64_t{0});
}

int64_t Designate(HttpClient& by, int64_t person, const std::string& role, int64_t unit) {
  Reply r = by.Post("/api/v1/designations",
                    Json{{"person_id", person}, {"role", role}, {"unit_id", unit}, {"note", "route matrix"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.Json().value("designation_id", int64_t{0});
}

std::vector<Case> BuildCases(const Ids& id) {
  std::vector<Case> cases;
  auto add = [&](Case c) { cases.push_back(std::move(c)); };
  const Expect kHide{Outcome::kHidden};
  const std::string cyber = std::to_string(id.cyber), horei = std::to_string(id.horei);

  // Public routes -------------------------------------------------------------------------
  for (const char* p : {"/healthz", "/api/v1/openapi.yaml"}) {
    Case c = Get(p, p, kAllUsers);
    c.expect[""] = {Outcome::kOk};
    add(c);
  }
  {
    Case c = Make("POST", "/api/v1/auth/login", "/api/v1/auth/login", Json::object(), kAllUsers, Outcome::kOk);
    c.login_as_self = true;  // anonymous signs in as watanabe
    c.expect[""] = {Outcome::kOk};
    add(c);
  }

  // Reads any signed-in person may make -----------------------------------------------------
  for (const char* p : {"/api/v1/auth/me", "/api/v1/units", "/api/v1/persons", "/api/v1/roles", "/api/v1/designations",
                        "/api/v1/certificates", "/api/v1/items", "/api/v1/approvals", "/api/v1/reports/overdue",
                        "/api/v1/reconciliations"})
    add(Get(p, p, kAllUsers));

  // The trail (trail.view) ------------------------------------------------------------------
  add(Get("/api/v1/trail", "/api/v1/trail?limit=5", kTrailView));
  add(Get("/api/v1/trail/head", "/api/v1/trail/head", kTrailView));
  add(Get("/api/v1/trail/proofs/inclusion", "/api/v1/trail/proofs/inclusion?seq=1", kTrailView));
  add(Get("/api/v1/trail/proofs/consistency", "/api/v1/trail/proofs/consistency?old_size=1", kTrailView));

  // Compliance (compliance.view) --------------------------------------------------------------
  add(Get("/api/v1/compliance", "/api/v1/compliance", kComplianceView));
  add(Get("/api/v1/compliance/clause",
          "/api/v1/compliance/clause?profile=mod-internal&ref=" + PercentEncode("000 第4 3(1)"), kComplianceView));
  add(Get("/api/v1/compliance/violations", "/api/v1/compliance/violations?severity=high", kComplianceView));

  // A unit's ledgers (ledger.view in that unit) -----------------------------------------------
  add(Get("/api/v1/units/{unit_id}/ledger", "/api/v1/units/" + cyber + "/ledger", kCyberView));
  add(Get("/api/v1/units/{unit_id}/ledger", "/api/v1/units/" + horei + "/ledger?format=flat-csv", kHoreiView));

  // One's own credentials ---------------------------------------------------------------------
  add(Make("POST", "/api/v1/auth/tokens", "/api/v1/auth/tokens", Json{{"name", "route-matrix"}, {"days", 1}}, kAllUsers,
           Outcome::kOk));
  {
    // A wrong current password: allowed to try, refused with 400 (and nobody's sessions end).
    Case c = Make("POST", "/api/v1/auth/password", "/api/v1/auth/password",
                  Json{{"current_password", "not-the-password"}, {"new_password", "route-matrix-new-password"}},
                  kAllUsers, Outcome::kExact);
    for (auto& [u, x] : c.expect)
      if (!u.empty()) x = {Outcome::kExact, 400, "auth.current_password"};
    add(c);
  }

  // Organization (org.admin: sato everywhere, yamamoto in JOHOTSU) ------------------------------
  const Users admin_cyber = {"sato"}, admin_johotsu = {"sato", "yamamoto"};
  add(Make("POST", "/api/v1/units", "/api/v1/units",
           Json{{"parent_id", id.cyber}, {"kind", "section"}, {"code", "RM-CY"}, {"name_ja", "試験班"}}, admin_cyber));
  add(Make("POST", "/api/v1/units", "/api/v1/units",
           Json{{"parent_id", id.johotsu}, {"kind", "section"}, {"code", "RM-JO"}, {"name_ja", "試験班"}},
           admin_johotsu));
  add(Make("POST", "/api/v1/persons", "/api/v1/persons",
           Json{{"family_name", "試験"}, {"given_name", "一"}, {"unit_id", id.cyber}}, admin_cyber));
  add(Make("POST", "/api/v1/persons", "/api/v1/persons",
           Json{{"family_name", "試験"}, {"given_name", "二"}, {"unit_id", id.johotsu}}, admin_johotsu));
  {
    // The CSV import: a dry run of a CYBER row (sato only: yamamoto administers JOHOTSU, not CYBER), then
    // an import into JOHOTSU (both).
    Case dry = Make("POST", "/api/v1/persons/import", "/api/v1/persons/import?dry_run=1", nullptr, admin_cyber,
                    Outcome::kOk);
    dry.csv = "氏,名,所属コード\n試験,三,CYBER\n";
    add(dry);
    Case real = Make("POST", "/api/v1/persons/import", "/api/v1/persons/import?filename=rm.csv", nullptr,
                     admin_johotsu, Outcome::kOk);
    real.csv = "氏,名,所属コード\n試験,四,JOHOTSU\n";
    add(real);
  }
  add(Make("POST", "/api/v1/accounts", "/api/v1/accounts",
           Json{{"person_id", id.person_cyber}, {"username", "rm_new_cy"}, {"password", "route-matrix-password-2"}},
           admin_cyber));
  add(Make("POST", "/api/v1/accounts", "/api/v1/accounts",
           Json{{"person_id", id.person_johotsu}, {"username", "rm_new_jo"}, {"password", "route-matrix-password-3"}},
           admin_johotsu));
  const std::string disabled = "/api/v1/accounts/{account_id}/disabled";
  add(Make("POST", disabled, Path(disabled, std::to_string(id.acct_cyber)), Json{{"disabled", true}}, admin_cyber));
  add(Make("POST", disabled, Path(disabled, std::to_string(id.acct_johotsu)), Json{{"disabled", true}}, admin_johotsu));
  // Leaving and transfer: org.admin over the person's unit (and, for a transfer, the new one too).
  const std::string departure = "/api/v1/persons/{person_id}/departure";
  add(Make("POST", departure, Path(departure, std::to_string(id.person_leaving)), Json{{"reason", "退職"}},
           admin_johotsu));
  const std::string transfer = "/api/v1/persons/{person_id}/transfer";
  add(Make("POST", transfer, Path(transfer, std::to_string(id.person_moving)),
           Json{{"unit_id", id.johotsu}, {"reason", "人事異動"}}, admin_cyber));

  // Designations (000 第1): only the roles in `designated_by` may designate or revoke ------------
  const Expect not_designator{Outcome::kDenied, 0, "designation.designator"};
  add(Make(
      "POST", "/api/v1/designations", "/api/v1/designations",
      Json{{"person_id", id.person_cyber_2}, {"role", "destruction_witness"}, {"unit_id", id.cyber}, {"note", "試験"}},
      {"suzuki"}, Outcome::kAllowed, not_designator));
  add(Make("POST", "/api/v1/designations", "/api/v1/designations",
           Json{{"person_id", id.person_johotsu_2}, {"role", "system_user"}, {"unit_id", id.johotsu}, {"note", "試験"}},
           {"yamamoto"}, Outcome::kAllowed, not_designator));
  add(Make(
      "POST", "/api/v1/designations", "/api/v1/designations",
      Json{{"person_id", id.person_johotsu_2}, {"role", "incident_officer"}, {"unit_id", id.root}, {"note", "試験"}},
      {"sato"}, Outcome::kAllowed, not_designator));
  const std::string revoke = "/api/v1/designations/{designation_id}/revocation";
  add(Make("POST", revoke, Path(revoke, std::to_string(id.witness_designation)), Json::object(), {"suzuki"},
           Outcome::kAllowed, not_designator));
  add(Make("POST", revoke, Path(revoke, std::to_string(id.system_user_designation)), Json::object(), {"yamamoto"},
           Outcome::kAllowed, not_designator));

  // Registration (ledger.register: the unit IA officer and the assistant) ----------------------
  add(Make("POST", "/api/v1/items", "/api/v1/items",
           Json{{"control_no", "RM-CY-001"},
                {"kind", "medium"},
                {"type", "USBメモリ"},
                {"storage", "施錠保管庫A"},
                {"unit_id", id.cyber}},
           kCyberRegister));
  add(Make("POST", "/api/v1/items", "/api/v1/items",
           Json{{"control_no", "RM-HR-001"},
                {"kind", "medium"},
                {"type", "DVD-R"},
                {"storage", "保管庫"},
                {"unit_id", id.horei}},
           kNobody));
  add(Make("POST", "/api/v1/items/receive", "/api/v1/items/receive",
           Json{{"control_no", "RM-CY-R01"},
                {"type", "DVD-R"},
                {"storage", "施錠保管庫A"},
                {"unit_id", id.cyber},
                {"received_from", "統合幕僚監部"}},
           kCyberRegister));

  // Ledger entries on items, one item per case so that no case sees another's writes -----------
  const std::string item = "/api/v1/items/{control_no}";
  auto on = [&](const std::string& suffix, const std::string& no, Json body, const Users& allowed,
                Expect others = {Outcome::kDenied, 0, "authz.denied"}) {
    Case c = Make("POST", item + suffix, Path(item, no) + suffix, std::move(body), allowed, Outcome::kAllowed, others);
    HideOutside(c, ViewersOf(no));
    add(c);
  };
  const std::string soon = IsoFromNow(1h), later = IsoFromNow(8h), tomorrow = IsoFromNow(24h);
  on("/checkout", "M-CY-001", Json{{"purpose", "会議資料の作成"}}, kCyberUse);
  on("/checkout", "M-HR-001", Json{{"purpose", "法令案の審査"}}, kHoreiUse);
  on("/return", "M-CY-009", Json::object(), kCyberUse);  // in use by watanabe
  on("/return", "M-HR-002", Json::object(), kHoreiUse);
  on("/check", "M-CY-002", Json{{"result", "no_data"}}, kCyberRegister);
  on("/check", "M-HR-003", Json{{"result", "no_data"}}, kNobody);
  const Json movement{{"movement", "take_out"}, {"purpose", "説明資料"},       {"period_from", soon},
                      {"period_until", later},  {"destination", "防衛装備庁"}, {"movement_purpose", "打合せ"},
                      {"data_minimized", true}};
  on("/movement", "M-CY-004", movement, kCyberUse);
  on("/movement", "M-HR-004", movement, kHoreiUse);
  const Json approve{{"decision", "approve"}, {"confirmed_data", true}, {"instructed_no_copy", true}};
  on("/approval", "M-CY-007", approve, kCyberApprove);  // take-out requested by tanaka in the demo
  on("/approval", "M-HR-005", approve, kNobody);
  on("/borrower", "M-CY-005", Json{{"borrower", "統合幕僚監部 森"}}, kCyberUse);
  on("/copies", "M-CY-006", Json{{"content", "資料"}, {"counterparty", "装備庁"}, {"purpose", "配布"}}, kCyberUse);
  on("/handover", "M-CY-008",
     Json{{"purpose", "提供"},
          {"handover_at", tomorrow},
          {"recipient", "防衛装備庁"},
          {"handover_purpose", "資料提供"},
          {"executor", "田中 美咲"},
          {"data_minimized", true}},
     kCyberUse);
  on("/handover/complete", "M-CY-010", Json{{"recipient", "防衛装備庁 担当者"}}, kCyberUse);
  on("/destruction", "M-CY-011", Json{{"method", "shred"}, {"destroy_at", tomorrow}, {"witness_person_id", id.ito}},
     kCyberDestroy);
  on("/destruction", "M-HR-006", Json{{"method", "shred"}, {"destroy_at", tomorrow}, {"witness_person_id", id.yoshida}},
     kHoreiUse);
  {
    // M-CY-019: destruction recorded by tanaka with ito as the witness. Only ito may sign; the
    // executor is refused by the rule that the witness differs; others by ledger.witness_self.
    Case c = Make("POST", item + "/destruction/witness", Path(item, "M-CY-019") + "/destruction/witness",
                  Json::object(), {"ito"}, Outcome::kOk, {Outcome::kDenied, 0, "ledger.witness_self"});
    c.expect["tanaka"] = {Outcome::kExact, 422, "ledger.witness_differs"};
    HideOutside(c, kCyberView);
    add(c);
  }
  on("/disposal", "D-CY-001", Json{{"disposal", "transfer"}, {"erasure_confirmed", true}, {"note", "所管換"}},
     kCyberRegister);
  on("/disposal", "D-HR-001", Json{{"disposal", "transfer"}, {"erasure_confirmed", true}}, kNobody);
  const std::string copy = "/api/v1/copies/{copy_id}/approval";
  add(Make("POST", copy, Path(copy, std::to_string(id.copy_id)),
           Json{{"decision", "approve"}, {"confirmed_no_other_copy", true}}, kCyberApprove));

  // Reconciliation (ledger.reconcile: the unit IA officer) --------------------------------------
  add(Make("POST", "/api/v1/reconciliations", "/api/v1/reconciliations",
           Json{{"unit_id", id.cyber}, {"kind", "device"}, {"counted", Json::array({"D-CY-002", "D-CY-003"})}},
           kCyberApprove));
  add(Make("POST", "/api/v1/reconciliations", "/api/v1/reconciliations",
           Json{{"unit_id", id.horei}, {"kind", "medium"}, {"counted", Json::array()}}, kNobody));
  const std::string resolve = "/api/v1/discrepancies/{discrepancy_id}/resolution";
  add(Make("POST", resolve, Path(resolve, std::to_string(id.discrepancy_id)),
           Json{{"resolution", "貸出し簿の記入漏れを確認し是正"}}, kCyberApprove));

  // The obligation calendar -------------------------------------------------------------------
  // Any signed-in person lists the duties they own (and those of units they oversee); scheduling
  // needs obligation.manage at the root (sato, org-wide); a duty is completed by its owner, whoever it
  // was escalated to, or obligation.manage in its unit (yamamoto's covers 情報通信課 only).
  add(Get("/api/v1/obligations", "/api/v1/obligations?status=all&limit=20", kAllUsers));
  add(Make("POST", "/api/v1/obligations/schedule", "/api/v1/obligations/schedule", Json::object(), {"sato"}));
  const std::string completion = "/api/v1/obligations/{occurrence_id}/completion";
  add(Make("POST", completion, Path(completion, std::to_string(id.horei_duty)),
           Json{{"evidence_kind", "record"}, {"evidence_ref", "items/M-HR-001"}, {"note", "route matrix"}}, {"sato"},
           Outcome::kAllowed, {Outcome::kDenied, 0, "obligation.not_owner"}));

  // Training records (000 第5(3)): reading needs training.record or compliance.view (the same people in
  // the demo); recording in サイバー整備課 needs training.record there: its unit IA officer (the 課等の長)
  // or the org-wide IA officer (yamamoto's covers 情報通信課 only).
  add(Make("POST", "/api/v1/training/sessions", "/api/v1/training/sessions",
           Json{{"program", "annual_training"}, {"held_on", "2025-06-02"}, {"trainer", "サイバー整備課長"},
                {"method", "集合教育"}, {"unit_id", id.cyber}, {"content", "情報保証教育（情報漏えい対応を含む）"},
                {"audience", "課員全員"}, {"attendees", Json::array({id.ito})},
                {"contents_covered", Json::array({"information_assurance", "leak_response"})}},
           {"suzuki", "sato"}));
  add(Get("/api/v1/training/sessions", "/api/v1/training/sessions?fiscal_year=2025", kComplianceView));
  add(Get("/api/v1/training/status", "/api/v1/training/status", kComplianceView));
  add(Get("/api/v1/training/record", "/api/v1/training/record?fiscal_year=2025&format=csv", kComplianceView));

  // People. 000 has one roster, the record of each 課室等's system users (section_user, 000 第2 2(7)), read
  // per unit by its システム担当者 (matsumoto in the demo, not in this matrix) or by holders of org.admin or
  // people.agreements there (sato org-wide, yamamoto in 情報通信課), and kept by the システム担当者 only, who
  // has no outside confirmation to submit. people.agreements (the briefing of non-employees, 000 第2 2(6))
  // is yamamoto's, in 情報通信課: the read of a 情報通信課 person's record, which needs it over the person's
  // unit, is his; recording
  // 001's confidentiality agreement for ito of サイバー整備課 is nobody's (403, authz before the kind).
  // Withdrawing needs an agreement of a unit one covers: agreement 1 (the demo contractor's briefing in
  // 情報通信課) is yamamoto's; it is tried after the reads.
  const std::string johotsu = std::to_string(id.johotsu);
  add(Get("/api/v1/people/definitions", "/api/v1/people/definitions", kAllUsers));
  add(Get("/api/v1/training/programs", "/api/v1/training/programs", kAllUsers));
  const std::string person_record = "/api/v1/persons/{person_id}/record";
  add(Get(person_record, Path(person_record, std::to_string(id.person_johotsu)), {"yamamoto"}));
  add(Get(person_record, Path(person_record, std::to_string(id.ito)), kNobody));  // サイバー整備課: not his
  add(Get("/api/v1/rosters/{roster}", "/api/v1/rosters/section_user?unit_id=" + johotsu, admin_johotsu));
  add(Get("/api/v1/rosters/{roster}/versions/{version}",
          "/api/v1/rosters/section_user/versions/1?format=csv&unit_id=" + johotsu, admin_johotsu));
  const std::string particulars = "/api/v1/persons/{person_id}/particulars";
  add(Make("POST", particulars, Path(particulars, std::to_string(id.ito)),
           Json{{"birth_date", "1990-04-01"}, {"nationality", "日本"}, {"position", "係員"}}, kNobody));
  add(Make("POST", "/api/v1/agreements", "/api/v1/agreements",
           Json{{"kind", "confidentiality"},
                {"person_id", id.ito},
                {"points", Json::array({"(ア)", "(イ)", "(ウ)"})},
                {"signed_on", "2025-04-01"},
                {"document", "誓約書"}},
           kNobody));
  add(Make("POST", "/api/v1/agreements/{agreement_id}/withdrawal", "/api/v1/agreements/1/withdrawal", Json::object(),
           {"yamamoto"}));
  const Expect not_keeper{Outcome::kDenied, 0, "roster.keeper"};
  add(Make("POST", "/api/v1/rosters/{roster}/versions", "/api/v1/rosters/section_user/versions",
           Json{{"unit_id", id.johotsu}, {"reason", "route matrix"}}, kNobody, Outcome::kAllowed, not_keeper));
  add(Make("POST", "/api/v1/rosters/{roster}/versions/{version}/submission",
           "/api/v1/rosters/section_user/versions/1/submission", Json{{"unit_id", id.johotsu}}, kNobody,
           Outcome::kAllowed, not_keeper));
  add(Make("POST", "/api/v1/rosters/{roster}/versions/{version}/confirmation",
           "/api/v1/rosters/section_user/versions/1/confirmation",
           Json{{"unit_id", id.johotsu}, {"confirmed_on", "2025-04-01"}, {"reference", "確認通知"}}, kNobody,
           Outcome::kAllowed, not_keeper));
  // Marking an item protected needs ledger.register in its unit; those who cannot view the unit get 404,
  // like the ledger commands. In 000, where no roster gates protected items, registrars get 422
  // item.protect_no_gate.
  const std::string protection = "/api/v1/items/{control_no}/protection";
  Case protect = Make("POST", protection, Path(protection, "M-CY-015"), Json::object(), kCyberRegister);
  HideOutside(protect, kCyberView);
  add(protect);

  // Facility entry rosters (001 第8 2(1)ウ〜オ, 2(5)): the roles they need (管理責任者, 保護システム管理者) are
  // 001's; nobody in this 000 demo holds them, so every read is 403 authz.denied and every command, which
  // checks the role before looking anything up, 403 with its own rule.
  const std::string facility = "/api/v1/facilities/{unit_id}";
  add(Get("/api/v1/facilities", "/api/v1/facilities", kNobody));
  add(Get(facility + "/entry-roster", Path(facility, cyber) + "/entry-roster?format=csv", kNobody));
  add(Make("POST", facility + "/entry-permits", Path(facility, cyber) + "/entry-permits",
           Json{{"person_id", id.ito}, {"purpose", "route matrix"}}, kNobody, Outcome::kAllowed,
           {Outcome::kDenied, 0, "entry.keeper"}));
  const std::string permit = "/api/v1/entry-permits/{permit_id}";
  add(Make("POST", permit + "/consent", Path(permit, "1") + "/consent", Json::object(), kNobody, Outcome::kAllowed,
           {Outcome::kDenied, 0, "entry.consenter"}));
  add(Make("POST", permit + "/revocation", Path(permit, "1") + "/revocation", Json{{"reason", "route matrix"}}, kNobody,
           Outcome::kAllowed, {Outcome::kDenied, 0, "entry.keeper"}));
  add(Make("POST", facility + "/entry-reviews", Path(facility, cyber) + "/entry-reviews", Json{{"note", "route matrix"}},
           kNobody, Outcome::kAllowed, {Outcome::kDenied, 0, "entry.keeper"}));
  add(Make("POST", facility + "/visits", Path(facility, cyber) + "/visits",
           Json{{"visitor_name", "来訪 者"}, {"visitor_affiliation", "外部"}, {"purpose", "route matrix"},
                {"visit_on", "2099-01-01"}, {"escort_person_id", id.ito}, {"measure", "log_book"}},
           kNobody, Outcome::kAllowed, {Outcome::kDenied, 0, "visit.approver"}));

  // Detail reads: existence is hidden (404) outside the units one may view ---------------------
  // These three answered 500 (std::bad_alloc) while Row borrowed a pointer to the Rows::columns of
  // SqliteConn::Query, which dangled once the Rows was moved into its Result (ItemDetail and
  // ReconciliationDetail read column names through it); kept as a regression guard.
  add(Get(item, Path(item, "M-CY-012"), kCyberView, kHide));
  add(Get(item, Path(item, "M-HR-007"), kHoreiView, kHide));
  add(Get(item + "/ledger", Path(item, "M-CY-012") + "/ledger", kCyberView, kHide));
  add(Get(item + "/ledger", Path(item, "M-HR-007") + "/ledger?format=xlsx", kHoreiView, kHide));
  const std::string rec = "/api/v1/reconciliations/{reconciliation_id}";
  add(Get(rec, Path(rec, std::to_string(id.reconciliation_id)), kCyberView, kHide));

  // Last: signing out ends each role's session -------------------------------------------------
  add(Make("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", Json::object(), kAllUsers, Outcome::kOk));
  return cases;
}

TEST_F(RouteMatrixTest, EveryRouteEveryRole) {
  Server& s = *server_;
  // Sign everyone in first (the login route itself is exercised on throwaway clients).
  std::map<std::string, std::unique_ptr<HttpClient>> clients;
  for (const Role& r : kRoles) {
    clients[r.user] = *r.user ? s.Login(r.user) : s.Client();
    ASSERT_NE(clients[r.user], nullptr) << r.user;
  }
  HttpClient& sato = *clients["sato"];

  // Look-ups, and the few things the cases act on.
  Ids id;
  id.root = UnitId(sato, "ROOT");
  id.cyber = UnitId(sato, "CYBER");
  id.johotsu = UnitId(sato, "JOHOTSU");
  id.horei = UnitId(sato, "HOREI");
  id.ito = PersonId(sato, "ito");
  id.yoshida = PersonId(sato, "yoshida");
  ASSERT_TRUE(id.root > 0 && id.cyber > 0 && id.johotsu > 0 && id.horei > 0 && id.ito > 0 && id.yoshida > 0);
  id.acct_cyber = MakeAccount(sato, MakePerson(sato, id.cyber, "使捨甲"), "rm_acct_cy");
  id.acct_johotsu = MakeAccount(sato, MakePerson(sato, id.johotsu, "使捨乙"), "rm_acct_jo");
  id.person_cyber = MakePerson(sato, id.cyber, "新規甲");
  id.person_johotsu = MakePerson(sato, id.johotsu, "新規乙");
  id.person_cyber_2 = MakePerson(sato, id.cyber, "指定甲");
  id.person_johotsu_2 = MakePerson(sato, id.johotsu, "指定乙");
  id.person_leaving = MakePerson(sato, id.johotsu, "離職乙");
  id.person_moving = MakePerson(sato, id.cyber, "異動甲");
  id.witness_designation =
      Designate(*clients["suzuki"], MakePerson(sato, id.cyber, "立会"), "destruction_witness", id.cyber);
  id.system_user_designation =
      Designate(*clients["yamamoto"], MakePerson(sato, id.johotsu, "利用"), "system_user", id.johotsu);
  id.copy_id = IdFromTrail(sato, "item.request_copy", "copy_entries");
  id.discrepancy_id = IdFromTrail(sato, "reconcile.submit", "discrepancies");
  {
    const Json recs = sato.Get("/api/v1/reconciliations").Json();
    for (const Json& r : recs.value("reconciliations", Json::array()))
      if (r.value("unit_id", int64_t{0}) == id.cyber)
        id.reconciliation_id = std::max(id.reconciliation_id, r.value("id", int64_t{0}));
  }
  {
    const Json duties = sato.Get("/api/v1/obligations?status=open&limit=500").Json();
    for (const Json& d : duties.value("occurrences", Json::array()))
      if (d.value("unit_code", "") == "HOREI" && !id.horei_duty) id.horei_duty = d.value("id", int64_t{0});
  }
  ASSERT_TRUE(id.acct_cyber && id.acct_johotsu && id.person_cyber && id.person_johotsu && id.person_cyber_2 &&
              id.person_johotsu_2 && id.person_leaving && id.person_moving && id.witness_designation && id.system_user_designation && id.copy_id &&
              id.discrepancy_id && id.reconciliation_id && id.horei_duty)
      << "setting up the demo state failed";

  const std::vector<Case> cases = BuildCases(id);

  // The table covers the route table exactly, and every case says what every role gets.
  std::set<std::pair<std::string, std::string>> routes, covered;
  for (const RouteInfo& r : ApiRoutes()) routes.insert({r.method, r.pattern});
  for (const Case& c : cases) {
    covered.insert({c.method, c.pattern});
    EXPECT_TRUE(routes.count({c.method, c.pattern})) << "case for an unknown route " << c.method << " " << c.pattern;
    EXPECT_EQ(c.expect.size(), std::size(kRoles)) << c.method << " " << c.target;
    const RouteInfo* info = nullptr;
    for (const RouteInfo& r : ApiRoutes())
      if (r.method == c.method && r.pattern == c.pattern) info = &r;
    if (info && !info->public_route) {
      EXPECT_EQ(c.expect.at("").outcome, Outcome::kUnauth) << c.target << ": anonymous must get 401";
    }
  }
  for (const auto& r : routes) EXPECT_TRUE(covered.count(r)) << "no case for " << r.first << " " << r.second;

  std::ostringstream table;  // printed at the end: route × role → status
  for (const Case& c : cases) {
    std::vector<std::string> order;
    for (const Role& r : kRoles) order.push_back(r.user);
    std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
      return Rank(c.expect.at(a).outcome) < Rank(c.expect.at(b).outcome);
    });
    std::map<std::string, int> got;
    for (const std::string& user : order) {
      const Expect& x = c.expect.at(user);
      std::unique_ptr<HttpClient> throwaway;
      HttpClient* client = clients[user].get();
      Json body = c.body;
      if (c.login_as_self) {
        throwaway = s.Client();
        client = throwaway.get();
        body = Json{{"username", user.empty() ? "watanabe" : user}, {"password", kDemoPassword}};
      }
      if (user.empty()) client->ClearCookies();
      const Reply r = c.method == "GET"   ? client->Get(c.target)
                       : !c.csv.empty() ? client->Request("POST", c.target, c.csv, {{"Content-Type", "text/csv"}})
                                        : client->Post(c.target, body);
      got[user] = r.status;
      const std::string who = std::string(LabelOf(user)) + (user.empty() ? "" : " " + user);
      const std::string what = c.method + " " + c.target + " as " + who;
      const std::string reply = "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 400);
      for (const std::string& p : OutcomeProblems(x, r)) ADD_FAILURE() << what << ": " << p << "; got " << reply;
      EXPECT_NE(r.status, 500) << what << " answered 500: " << reply;
      EXPECT_NE(r.status, 0) << what << ": no answer (server down?)";
      for (const std::string& p : HeaderProblems(c.target, r)) ADD_FAILURE() << what << ": " << p;
      if (r.status >= 400)
        for (const std::string& p : ErrorBodyProblems(r)) ADD_FAILURE() << what << ": " << p << "; got " << reply;
    }
    table << c.method << " " << c.target;
    for (const Role& r : kRoles) table << (r.user[0] ? std::string(" ") + r.user : " anon") << "=" << got[r.user];
    table << "\n";
  }
  std::cout << "route matrix (status by role):\n" << table.str();
  if (HasFailure())
    std::cout << "server log (tail):\n" << s.Log().substr(s.Log().size() > 4000 ? s.Log().size() - 4000 : 0);
}

TEST_F(RouteMatrixTest, SessionCookieIsHttpOnlySecureStrict) {
  auto c = server_->Client();
  Reply r = c->Post("/api/v1/auth/login", Json{{"username", "tanaka"}, {"password", kDemoPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.Header("Set-Cookie");
  EXPECT_EQ(cookie.rfind(std::string(kSessionCookie) + "=", 0), 0u) << cookie;
  for (const char* attr : {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"})
    EXPECT_NE(cookie.find(attr), std::string::npos) << "Set-Cookie lacks " << attr << ": " << cookie;
  EXPECT_EQ(cookie.find(r.Json().value("csrf_token", "?")), std::string::npos)
      << "the CSRF token must not be the cookie";
  for (const std::string& p : HeaderProblems("/api/v1/auth/login", r)) ADD_FAILURE() << p;

  // Signing out clears the cookie the same way.
  c->SetHeader("X-CSRF-Token", r.Json().value("csrf_token", ""));
  Reply out = c->Post("/api/v1/auth/logout", Json::object());
  ASSERT_EQ(out.status, 200) << out.body;
  const std::string cleared = out.Header("Set-Cookie");
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  for (const char* attr : {"HttpOnly", "Secure", "SameSite=Strict"})
    EXPECT_NE(cleared.find(attr), std::string::npos) << cleared;
  EXPECT_EQ(c->Get("/api/v1/auth/me").status, 401);
}

TEST_F(RouteMatrixTest, CookieWithoutCsrfTokenIsRefused) {
  auto suzuki = server_->Login("suzuki");
  ASSERT_NE(suzuki, nullptr);
  // Reads need no CSRF token.
  suzuki->SetHeader("X-CSRF-Token", "");
  EXPECT_EQ(suzuki->Get("/api/v1/auth/me").status, 200);
  // Unsafe methods with the cookie but without the token are refused before anything runs.
  Reply r = suzuki->Post("/api/v1/items/M-CY-013/checkout", Json{{"purpose", "CSRF 試験"}});
  EXPECT_TRUE(IsApiError(r, 403, "forbidden", "auth.csrf", "000 第2 2(2)"));
  r = suzuki->Post("/api/v1/items/M-CY-013/checkout", Json{{"purpose", "CSRF 試験"}}, {{"X-CSRF-Token", "0123abcd"}});
  EXPECT_TRUE(IsApiError(r, 403, "forbidden", "auth.csrf", "000 第2 2(2)")) << "a wrong token must be refused too";
  r = suzuki->Post("/api/v1/auth/tokens", Json{{"name", "csrf"}});
  EXPECT_TRUE(IsApiError(r, 403, "forbidden", "auth.csrf", "000 第2 2(2)"));
  // Nothing happened to the item.
  Json items = suzuki->Get("/api/v1/items?q=M-CY-013").Json();
  ASSERT_EQ(items.value("items", Json::array()).size(), 1u) << items.dump();
  EXPECT_EQ(items["items"][0].value("state", ""), "in_storage");
  // With the session's token the same request goes through.
  const std::string token = suzuki->Get("/api/v1/auth/me").Json().value("csrf_token", "");
  ASSERT_FALSE(token.empty());
  r = suzuki->Post("/api/v1/items/M-CY-013/checkout", Json{{"purpose", "CSRF 試験"}}, {{"X-CSRF-Token", token}});
  EXPECT_TRUE(IsOk(r));
  // A bearer token needs no CSRF header (it is not sent automatically by a browser).
  Reply t = suzuki->Post("/api/v1/auth/tokens", Json{{"name", "script"}}, {{"X-CSRF-Token", token}});
  ASSERT_EQ(t.status, 201) << t.body;
  auto script = server_->Client();
  script->SetHeader("Authorization", "Bearer " + t.Json().value("token", ""));
  r = script->Post("/api/v1/items/M-CY-013/return", Json::object());
  EXPECT_TRUE(IsOk(r));
  // Anonymous unsafe requests are 401, not 403: authentication comes first.
  auto anon = server_->Client();
  EXPECT_TRUE(IsApiError(anon->Post("/api/v1/items/M-CY-013/check", Json{{"result", "no_data"}}), 401,
                         "unauthenticated", "auth.required", "000 第2 2(2)"));
}

TEST_F(RouteMatrixTest, SecurityHeadersOnEveryKindOfAnswer) {
  auto anon = server_->Client();
  auto tanaka = server_->Login("tanaka");
  ASSERT_NE(tanaka, nullptr);
  struct Probe {
    HttpClient* c;
    std::string method, target;
    int status;
  };
  const Probe probes[] = {
      {anon.get(), "GET", "/healthz", 200},
      {anon.get(), "GET", "/api/v1/openapi.yaml", 200},
      {anon.get(), "GET", "/api/v1/items", 401},
      {anon.get(), "GET", "/api/v1/no-such-route", 404},
      {anon.get(), "DELETE", "/api/v1/items", 405},
      {tanaka.get(), "GET", "/api/v1/trail", 403},
      {tanaka.get(), "GET", "/api/v1/units/" + std::to_string(UnitId(*tanaka, "CYBER")) + "/ledger", 200},
      {tanaka.get(), "POST", "/api/v1/items/M-CY-014/checkout", 400},  // no purpose
  };
  for (const Probe& p : probes) {
    Reply r = p.method == "POST" ? p.c->Post(p.target, Json::object()) : p.c->Request(p.method, p.target);
    EXPECT_EQ(r.status, p.status) << p.method << " " << p.target << ": " << r.body.substr(0, 300);
    for (const std::string& e : HeaderProblems(p.target, r)) ADD_FAILURE() << p.method << " " << p.target << ": " << e;
    if (r.status >= 400)
      for (const std::string& e : ErrorBodyProblems(r)) ADD_FAILURE() << p.method << " " << p.target << ": " << e;
  }
}

TEST_F(RouteMatrixTest, GetResponsesMatchTheOpenApiSchemas) {
  auto anon = server_->Client();
  Reply spec = anon->Get("/api/v1/openapi.yaml");
  ASSERT_EQ(spec.status, 200);
  ASSERT_FALSE(spec.body.empty()) << "GET /api/v1/openapi.yaml served an empty document";
  Json doc;
  try {
    doc = YamlToJson(YAML::Load(spec.body));
  } catch (const YAML::Exception& e) {
    FAIL() << "the served OpenAPI file is not YAML: " << e.what();
  }
  SchemaChecker checker(doc);
  auto sato = server_->Login("sato");
  auto tanaka = server_->Login("tanaka");
  ASSERT_TRUE(sato && tanaka);
  struct Probe {
    HttpClient* c;
    std::string pattern, target;
  };
  const Probe probes[] = {
      {anon.get(), "/healthz", "/healthz"},
      {tanaka.get(), "/api/v1/auth/me", "/api/v1/auth/me"},
      {sato.get(), "/api/v1/auth/me", "/api/v1/auth/me"},
      {tanaka.get(), "/api/v1/units", "/api/v1/units"},
      {tanaka.get(), "/api/v1/persons", "/api/v1/persons"},
      {tanaka.get(), "/api/v1/roles", "/api/v1/roles"},
      {sato.get(), "/api/v1/designations", "/api/v1/designations"},
      {sato.get(), "/api/v1/certificates", "/api/v1/certificates"},
      {tanaka.get(), "/api/v1/items", "/api/v1/items?per_page=500"},
      {sato.get(), "/api/v1/approvals", "/api/v1/approvals"},
      {tanaka.get(), "/api/v1/reports/overdue", "/api/v1/reports/overdue"},
      {tanaka.get(), "/api/v1/reconciliations", "/api/v1/reconciliations"},
      {sato.get(), "/api/v1/trail", "/api/v1/trail?limit=50"},
      {sato.get(), "/api/v1/trail/head", "/api/v1/trail/head"},
      {sato.get(), "/api/v1/trail/proofs/inclusion", "/api/v1/trail/proofs/inclusion?seq=3"},
      {sato.get(), "/api/v1/trail/proofs/consistency", "/api/v1/trail/proofs/consistency?old_size=2"},
      {sato.get(), "/api/v1/obligations", "/api/v1/obligations?status=all&limit=500"},
      {tanaka.get(), "/api/v1/obligations", "/api/v1/obligations"},
      {sato.get(), "/api/v1/compliance", "/api/v1/compliance"},
      {sato.get(), "/api/v1/compliance/clause", "/api/v1/compliance/clause?ref=" + PercentEncode("000 第4 3(1)")},
      {sato.get(), "/api/v1/compliance/violations", "/api/v1/compliance/violations"},
  };
  for (const Probe& p : probes) {
    Reply r = p.c->Get(p.target);
    ASSERT_EQ(r.status, 200) << p.target << ": " << r.body.substr(0, 300);
    const Json schema = checker.ResponseSchema("GET", p.pattern, 200);
    ASSERT_FALSE(schema.is_null()) << "docs/openapi.yaml has no JSON schema for GET " << p.pattern << " 200";
    const Json body = r.Json();
    ASSERT_FALSE(body.is_discarded()) << p.target << " did not answer JSON";
    std::vector<std::string> problems;
    checker.Check(schema, body, p.target, problems);
    for (const std::string& e : problems) ADD_FAILURE() << e;
  }
  // Error answers follow the Error schema.
  Reply e401 = anon->Get("/api/v1/items");
  Reply e403 = tanaka->Get("/api/v1/trail");
  Reply e400 = sato->Get("/api/v1/trail/proofs/inclusion?seq=0");
  const std::pair<Reply*, int> errors[] = {{&e401, 401}, {&e403, 403}, {&e400, 400}};
  const char* patterns[] = {"/api/v1/items", "/api/v1/trail", "/api/v1/trail/proofs/inclusion"};
  for (size_t i = 0; i < std::size(errors); ++i) {
    ASSERT_EQ(errors[i].first->status, errors[i].second) << errors[i].first->body;
    const Json schema = checker.ResponseSchema("GET", patterns[i], errors[i].second);
    ASSERT_FALSE(schema.is_null()) << patterns[i] << " " << errors[i].second;
    std::vector<std::string> problems;
    checker.Check(schema, errors[i].first->Json(), patterns[i], problems);
    for (const std::string& e : problems) ADD_FAILURE() << e;
  }
}

TEST_F(RouteMatrixTest, RoleCatalogNamesAreWhole) {
  auto tanaka = server_->Login("tanaka");
  ASSERT_NE(tanaka, nullptr);
  const Json roles = tanaka->Get("/api/v1/roles").Json();
  std::map<std::string, std::string> name_en;
  for (const Json& p : roles.value("permissions", Json::array())) name_en[p.value("code", "")] = p.value("name_en", "");
  // The English names of profiles/mod-internal/roles.yaml, as written there. They also make the
  // English half of every authz.denied message ("Not allowed to <name_en>: …").
  // Regression: roles.yaml once left these flow-mapping values unquoted, and YAML cut them at the
  // first comma ("use", "approve take-out", "manage units").
  EXPECT_EQ(name_en["ledger.use"], "use, return and request take-out");
  EXPECT_EQ(name_en["ledger.approve"], "approve take-out, lending, copying and handover");
  EXPECT_EQ(name_en["org.admin"], "manage units, people and credentials");
  EXPECT_EQ(name_en["ledger.view"], "view item ledgers");
}

TEST_F(RouteMatrixTest, ChangingOnesPasswordEndsTheOtherSessions) {
  auto sato = server_->Login("sato");
  ASSERT_NE(sato, nullptr);
  const int64_t person = MakePerson(*sato, UnitId(*sato, "CYBER"), "旅券");
  ASSERT_GT(MakeAccount(*sato, person, "rm_pw"), 0);
  auto first = server_->Login("rm_pw", "route-matrix-password-1");
  auto second = server_->Login("rm_pw", "route-matrix-password-1");
  ASSERT_TRUE(first && second);
  Reply r = first->Post("/api/v1/auth/password", Json{{"current_password", "route-matrix-password-1"},
                                                      {"new_password", "route-matrix-password-9"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(second->Get("/api/v1/auth/me").status, 401) << "the account's other sessions must end";
  // Regression: the password change once revoked every session, the changing one included.
  EXPECT_EQ(first->Get("/api/v1/auth/me").status, 200) << "the session that changed the password should go on";
  EXPECT_NE(server_->Login("rm_pw", "route-matrix-password-9"), nullptr);
}

}  // namespace
}  // namespace mamori::test
