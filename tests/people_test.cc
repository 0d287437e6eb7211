// The handler roster and the gate on protected items (001 第5 2(1)), through the real binary on an
// organization initialised with `mamori init --profile defense-contractor`: the executive builds the
// organization through the API (a department, a manager and a handler with their particulars and
// confidentiality agreements, a protected-system administrator who may read rosters but not the
// particulars); a protected item is refused to the handler until the manager has prepared, submitted and
// recorded MOD's confirmation of the roster; the version is served as JSON, CSV and XLSX, with the date of
// birth in 和暦 or （非表示）; every read of the particulars is on the trail.

#include <ctime>
#include <set>
#include <string>
#include <tuple>

#include "server_harness.h"

namespace mamori::test {
namespace {

const char* const kAdminPassword = "admin-password-0001";
const char* const kPassword = "people-test-password-1";
const char* const kGateClause = "001 第5 2(1)エ";

// The organization's local date today (the init default time zone, Asia/Tokyo).
std::string TokyoToday() {
  const std::time_t t = std::time(nullptr) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

class PeopleTest : public ServerTest<> {
 protected:
  void SetUp() override {
    CommandResult init = RunMamori({"init", "--var", s_.var(), "--profile", "defense-contractor", "--name",
                                    "試験防衛株式会社", "--admin-password", kAdminPassword});
    ASSERT_EQ(init.exit_code, 0) << init.All();
    ASSERT_TRUE(s_.Start()) << s_.Log();
    admin_ = s_.Login("admin", kAdminPassword);  // 経営者等 (org-wide): org.admin, people.*
    ASSERT_NE(admin_, nullptr);
  }

  // A person of `unit` with an account `username`; returns the person id.
  int64_t Employee(int64_t unit, const std::string& username, const std::string& family, const std::string& given,
                   const std::string& title) {
    Reply p = admin_->Post("/api/v1/persons",
                           Json{{"family_name", family}, {"given_name", given}, {"unit_id", unit}, {"title", title}});
    EXPECT_TRUE(IsOk(p));
    const int64_t id = p.Json().value("person_id", int64_t{0});
    EXPECT_TRUE(IsOk(
        admin_->Post("/api/v1/accounts", Json{{"person_id", id}, {"username", username}, {"password", kPassword}})));
    return id;
  }

  void Designate(int64_t person, const std::string& role, int64_t unit, const std::string& note = "") {
    Json body{{"person_id", person}, {"role", role}, {"unit_id", unit}};
    if (!note.empty()) body["note"] = note;
    EXPECT_TRUE(IsOk(admin_->Post("/api/v1/designations", body))) << role;
  }

  void Agree(int64_t person, const std::string& kind) {
    Reply r = admin_->Post("/api/v1/agreements", Json{{"person_id", person},
                                                      {"kind", kind},
                                                      {"points", Json::array({"(ア)", "(イ)", "(ウ)"})},
                                                      {"signed_on", "2025-04-01"},
                                                      {"document", "誓約書（人事部 施錠書庫）"}});
    EXPECT_TRUE(IsOk(r)) << kind;
  }

  std::unique_ptr<HttpClient> admin_;
};

TEST_F(PeopleTest, ConfirmedRosterOpensProtectedItemsAndShowsParticularsOnlyToKeepers) {
  // The organization, built by the executive.
  const int64_t root = admin_->Get("/api/v1/units").Json()["units"][0]["id"].get<int64_t>();
  Reply unit = admin_->Post("/api/v1/units", Json{{"parent_id", root},
                                                  {"kind", "department"},
                                                  {"code", "DEF"},
                                                  {"name_ja", "防衛事業部"},
                                                  {"head_title", "事業部長"}});
  ASSERT_TRUE(IsOk(unit));
  const int64_t def = unit.Json()["unit_id"].get<int64_t>();
  const int64_t hayashi = Employee(def, "hayashi", "林", "修", "課長");
  const int64_t mori = Employee(def, "mori", "森", "彩", "係員");
  const int64_t ikeda = Employee(def, "ikeda", "池田", "恵", "主任");
  ASSERT_FALSE(HasFailure());

  // A handler needs the confidentiality agreement first (001 第5 2(1)ア).
  EXPECT_TRUE(IsApiError(
      admin_->Post("/api/v1/designations",
                   Json{{"person_id", mori}, {"role", "handler"}, {"unit_id", def}, {"note", "設計図書の作成"}}),
      422, "rule_violation", "designation.agreement_missing", "001 第5 2(1)ア", "person_id"));
  for (const auto& [who, birth, position] :
       {std::tuple{hayashi, "1978-11-02", "課長"}, std::tuple{mori, "1990-03-27", "主任"}}) {
    EXPECT_TRUE(IsOk(admin_->Post("/api/v1/persons/" + std::to_string(who) + "/particulars",
                                  Json{{"birth_date", birth}, {"nationality", "日本"}, {"position", position}})));
    Agree(who, "confidentiality");
  }
  Agree(ikeda, "system_use_consent");
  Designate(hayashi, "handler", def, "第1設計課の設計業務");
  Designate(hayashi, "manager", def);
  Designate(mori, "handler", def, "装備品Xの設計図書の作成");
  Designate(ikeda, "protected_system_user", def, "保護システムの運用");
  Designate(ikeda, "protected_system_admin", def);  // people.agreements and trail.view, not people.particulars
  ASSERT_FALSE(HasFailure());
  auto manager = s_.Login("hayashi", kPassword);
  auto handler = s_.Login("mori", kPassword);
  auto sysadmin = s_.Login("ikeda", kPassword);
  ASSERT_TRUE(manager && handler && sysadmin);

  // A protected item: registering one is handling it, so the uncleared manager is refused (nothing is
  // written); registered unprotected, then marked.
  const Json item{{"control_no", "P-1"},
                  {"kind", "medium"},
                  {"type", "USBメモリ（暗号化）"},
                  {"storage", "保護情報取扱室 施錠保管庫"},
                  {"unit_id", def}};
  EXPECT_TRUE(IsApiError(manager->Post("/api/v1/items", item), 403, "forbidden", "people.not_confirmed", kGateClause));
  EXPECT_EQ(manager->Get("/api/v1/items?q=P-1").Json().value("items", Json::array()).size(), 0u);
  Json unprotected = item;
  unprotected["protected"] = false;
  ASSERT_TRUE(IsOk(manager->Post("/api/v1/items", unprotected)));
  EXPECT_TRUE(IsOk(handler->Get("/api/v1/items/P-1")));
  Reply marked = manager->Post("/api/v1/items/P-1/protection", Json::object());
  ASSERT_TRUE(IsOk(marked));
  EXPECT_EQ(marked.Json().value("protected", false), true);

  // Before MOD's confirmation nobody may open it: the handler is not in a confirmed roster, the system
  // administrator is no handler at all. The ledger export is refused the same way.
  EXPECT_TRUE(IsApiError(handler->Get("/api/v1/items/P-1"), 403, "forbidden", "people.not_confirmed", kGateClause));
  EXPECT_TRUE(IsApiError(handler->Get("/api/v1/items/P-1/ledger?format=csv"), 403, "forbidden", "people.not_confirmed",
                         kGateClause));
  EXPECT_TRUE(IsApiError(sysadmin->Get("/api/v1/items/P-1"), 403, "forbidden", "people.not_handler", "001 第5 2(1)ア"));
  // Nor does it appear in their item lists.
  auto listed = [](HttpClient& c) { return c.Get("/api/v1/items?q=P-1").Json().value("total", int64_t{-1}); };
  EXPECT_EQ(listed(*handler), 0) << "an uncleared reader's item list leaves protected items out";
  EXPECT_EQ(listed(*manager), 0);

  // The roster: both handlers pending, nothing missing.
  Reply overview = manager->Get("/api/v1/rosters/handler");
  ASSERT_TRUE(IsOk(overview));
  EXPECT_EQ(overview.Json()["versions"].size(), 0u);
  EXPECT_EQ(overview.Json()["pending"]["added"].size(), 2u) << overview.body;
  EXPECT_EQ(overview.Json()["incomplete"].size(), 0u) << overview.body;
  // Only the roster's keeper (the manager) prepares it.
  EXPECT_TRUE(IsApiError(admin_->Post("/api/v1/rosters/handler/versions", Json::object()), 403, "forbidden",
                         "roster.keeper", kGateClause));

  Reply prepared = manager->Post("/api/v1/rosters/handler/versions", Json{{"reason", "契約締結に伴う作成"}});
  ASSERT_TRUE(IsOk(prepared));
  EXPECT_EQ(prepared.Json().value("version", 0), 1);
  EXPECT_EQ(prepared.Json().value("entries", 0), 2);
  ASSERT_TRUE(IsOk(manager->Post("/api/v1/rosters/handler/versions/1/submission", Json::object())));
  EXPECT_TRUE(IsApiError(handler->Get("/api/v1/items/P-1"), 403, "forbidden", "people.not_confirmed", kGateClause))
      << "a submitted version gates nothing until it is confirmed";
  Reply confirmed =
      manager->Post("/api/v1/rosters/handler/versions/1/confirmation",
                    Json{{"confirmed_on", TokyoToday()}, {"reference", "防衛装備庁 確認通知 第R8-0412号"}});
  ASSERT_TRUE(IsOk(confirmed));
  EXPECT_EQ(confirmed.Json().value("state", ""), "confirmed");

  // Confirmed: the handler may open it and sees it listed; the system administrator still may not.
  EXPECT_TRUE(IsOk(handler->Get("/api/v1/items/P-1")));
  EXPECT_EQ(listed(*handler), 1);
  EXPECT_EQ(listed(*manager), 1);
  EXPECT_TRUE(IsOk(handler->Get("/api/v1/items/P-1/ledger?format=csv")));
  EXPECT_TRUE(IsApiError(sysadmin->Get("/api/v1/items/P-1"), 403, "forbidden", "people.not_handler", "001 第5 2(1)ア"));

  // The version as its form: CSV with BOM, the title, the handler's row with the date of birth in 和暦.
  Reply csv = manager->Get("/api/v1/rosters/handler/versions/1?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.Header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.Header("Content-Disposition").find("roster-handler-v1.csv"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.body.substr(3, std::string("取扱者名簿").size()), "取扱者名簿") << csv.body;
  EXPECT_NE(csv.body.find("防衛省確認済み"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("2,森 彩,平成2年3月27日,防衛事業部,主任,日本,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("1,林 修,昭和53年11月2日,防衛事業部,課長,日本,"), std::string::npos) << csv.body;
  Reply xlsx = manager->Get("/api/v1/rosters/handler/versions/1?format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 300);
  EXPECT_NE(xlsx.Header("Content-Type").find("spreadsheetml"), std::string::npos);
  ASSERT_GT(xlsx.body.size(), 100u);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  Reply json = manager->Get("/api/v1/rosters/handler/versions/1");
  ASSERT_TRUE(IsOk(json));
  EXPECT_EQ(json.Json()["version"].value("state", ""), "confirmed");
  EXPECT_EQ(json.Json()["entries"][1].value("birth_date", ""), "1990-03-27") << json.body;

  // Without people.particulars: the roster without date of birth and nationality.
  Reply hidden = sysadmin->Get("/api/v1/rosters/handler/versions/1?format=csv");
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  EXPECT_NE(hidden.body.find("2,森 彩,（非表示）,防衛事業部,主任,（非表示）,"), std::string::npos) << hidden.body;
  EXPECT_EQ(hidden.body.find("平成2年3月27日"), std::string::npos);
  Reply hidden_json = sysadmin->Get("/api/v1/rosters/handler/versions/1");
  ASSERT_TRUE(IsOk(hidden_json));
  EXPECT_EQ(hidden_json.Json().value("particulars_shown", true), false);
  EXPECT_EQ(hidden_json.Json()["entries"][1].value("birth_date", "?"), "");
  EXPECT_EQ(hidden_json.body.find("1990-03-27"), std::string::npos);
  // A person's record: agreements for both, particulars for the keeper only; the handler may read neither.
  const std::string record = "/api/v1/persons/" + std::to_string(mori) + "/record";
  Reply full = manager->Get(record);
  ASSERT_TRUE(IsOk(full));
  EXPECT_EQ(full.Json()["agreements"].size(), 1u);
  EXPECT_EQ(full.Json()["particulars"].value("birth_date", ""), "1990-03-27") << full.body;
  Reply partial = sysadmin->Get(record);
  ASSERT_TRUE(IsOk(partial));
  EXPECT_FALSE(partial.Json().contains("particulars")) << partial.body;
  EXPECT_TRUE(IsApiError(handler->Get(record), 403, "forbidden", "authz.denied", "001 第5 2(1)ア"));

  // The trail: the roster's commands, the reads that showed particulars (the keeper's JSON and CSV reads,
  // the form the system administrator exported) and the read of the person's record.
  ASSERT_TRUE(TrailBarrier(*sysadmin));
  std::set<std::string> commands, views;
  for (const Json& e : TrailEvents(*sysadmin, "roster:handler:1")) {
    commands.insert(e.value("command", ""));
    if (e.value("command", "") != "view") continue;
    for (const Json& v : e["payload"]["input"].value("views", Json::array()))
      if (v.value("entity", "") == "roster:handler:1")
        views.insert(v.value("actor", "") + " " + v["detail"].value("view", ""));
  }
  EXPECT_EQ(commands, (std::set<std::string>{"roster.prepare", "roster.submit", "roster.confirm", "view"}));
  for (const char* v : {"user:hayashi json", "user:hayashi csv", "user:hayashi xlsx", "user:ikeda csv"})
    EXPECT_TRUE(views.count(v)) << v << " not among the recorded views";
  EXPECT_FALSE(views.count("user:ikeda json")) << "a read without particulars is not recorded as showing them";
  bool record_view = false;
  for (const Json& e : TrailEvents(*sysadmin, "person:" + std::to_string(mori)))
    for (const Json& v : e["payload"].value("input", Json::object()).value("views", Json::array()))
      record_view |= v.value("actor", "") == "user:hayashi" && v["detail"].value("view", "") == "particulars";
  EXPECT_TRUE(record_view);
  // The roster's own event carries the particulars: its payload is withheld from a reader without them.
  for (const Json& e : TrailEvents(*sysadmin, "roster:handler:1"))
    if (e.value("command", "") == "roster.prepare") {
      EXPECT_EQ(e["payload"].value("redacted", false), true) << e.dump().substr(0, 300);
    }

  // The handler leaves: the same command ends the designation and the account, so the open session ends
  // at once; the roster update and the reconfirmation interview are due.
  Reply left = admin_->Post("/api/v1/persons/" + std::to_string(mori) + "/departure", Json{{"reason", "退職"}});
  ASSERT_TRUE(IsOk(left)) << left.body;
  EXPECT_EQ(left.Json().value("designations_ended", 0), 1);
  EXPECT_EQ(left.Json().value("account_disabled", false), true);
  EXPECT_EQ(handler->Get("/api/v1/items/P-1").status, 401);
  for (const Json& p : admin_->Get("/api/v1/persons").Json().value("persons", Json::array()))
    if (p.value("id", int64_t{0}) == mori) {
      EXPECT_EQ(p.value("active", -1), 0);
      EXPECT_EQ(p.value("account_disabled", -1), 1);
    }
  EXPECT_TRUE(IsApiError(admin_->Post("/api/v1/persons/" + std::to_string(mori) + "/departure", Json{{"reason", "退職"}}),
                         409, "conflict", "person.inactive", "001 第5 1"));
  Reply duties = admin_->Get("/api/v1/obligations?status=open&limit=500");
  ASSERT_TRUE(IsOk(duties)) << duties.body;
  std::set<std::string> raised;
  for (const Json& d : duties.Json().value("occurrences", Json::array()))
    if (d["subject"].is_string() && d["subject"] == "persons/" + std::to_string(mori))
      raised.insert(d.value("obligation", ""));
  EXPECT_TRUE(raised.count("handler_roster_update")) << duties.body.substr(0, 500);
  EXPECT_TRUE(raised.count("confidentiality_reconfirmation")) << duties.body.substr(0, 500);

  // `mamori export roster` prints the same forms from var/.
  ASSERT_EQ(s_.Stop(), 0);
  CommandResult cli = RunMamori({"export", "roster", "--var", s_.var(), "--roster", "handler", "--version", "1"});
  ASSERT_EQ(cli.exit_code, 0) << cli.All();
  EXPECT_EQ(cli.out, csv.body);
  CommandResult cli_hidden =
      RunMamori({"export", "roster", "--var", s_.var(), "--roster", "handler", "--without-particulars"});
  ASSERT_EQ(cli_hidden.exit_code, 0) << cli_hidden.All();
  EXPECT_EQ(cli_hidden.out, hidden.body) << "the newest version is 1";
  EXPECT_EQ(s_.Verify().exit_code, 0);
}

// The defense-contractor demo's forms from the command line: the handler roster's newest version (2,
// submitted, not yet confirmed), the facility entry roster, and the refusals of an unknown roster,
// unit or a unit that is not a facility; every export is recorded on the trail, which still verifies.
TEST(ContractorExportTest, RostersExportAsFormsFromTheCommandLine) {
  TempDir dir("mamori-contractor");
  const std::string var = dir.Sub("var");
  CommandResult demo = RunMamori({"demo", "--var", var, "--profile", "defense-contractor"});
  ASSERT_EQ(demo.exit_code, 0) << demo.All();
  CommandResult before = RunMamori({"trail", "log", "--var", var, "--limit", "1"});
  ASSERT_EQ(before.exit_code, 0) << before.All();
  const int64_t seq_before = Json::parse(before.out)[0].value("seq", int64_t{0});

  CommandResult roster = RunMamori({"export", "roster", "--var", var, "--roster", "handler"});
  ASSERT_EQ(roster.exit_code, 0) << roster.All();
  EXPECT_EQ(roster.out.substr(0, 3 + std::string("取扱者名簿").size()), "\xEF\xBB\xBF取扱者名簿") << roster.out;
  EXPECT_NE(roster.out.find("第2版"), std::string::npos) << roster.out;
  EXPECT_NE(roster.out.find("防衛省へ提出済み"), std::string::npos) << roster.out;
  EXPECT_NE(roster.out.find(",清水 大樹,平成8年9月8日,"), std::string::npos) << roster.out;
  const std::string xlsx = dir.Sub("roster.xlsx");
  CommandResult book =
      RunMamori({"export", "roster", "--var", var, "--roster", "system_user", "--format", "xlsx", "-o", xlsx});
  ASSERT_EQ(book.exit_code, 0) << book.All();
  EXPECT_EQ(ReadFile(xlsx).substr(0, 2), "PK");
  CommandResult no_out = RunMamori({"export", "roster", "--var", var, "--roster", "handler", "--format", "xlsx"});
  EXPECT_EQ(no_out.exit_code, 1);
  EXPECT_NE(no_out.err.find("export.output"), std::string::npos) << no_out.All();
  CommandResult unknown = RunMamori({"export", "roster", "--var", var, "--roster", "visitor"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("roster.unknown"), std::string::npos) << unknown.All();
  CommandResult with_unit = RunMamori({"export", "roster", "--var", var, "--roster", "handler", "--unit", "DEF"});
  EXPECT_EQ(with_unit.exit_code, 1);
  EXPECT_NE(with_unit.err.find("export.unit"), std::string::npos) << with_unit.All();
  CommandResult no_version = RunMamori({"export", "roster", "--var", var, "--roster", "handler", "--version", "9"});
  EXPECT_EQ(no_version.exit_code, 1) << no_version.All();

  CommandResult entry = RunMamori({"export", "entry-roster", "--var", var, "--facility", "DEF-LAB"});
  ASSERT_EQ(entry.exit_code, 0) << entry.All();
  EXPECT_NE(entry.out.find("取扱施設等立入名簿"), std::string::npos) << entry.out;
  EXPECT_NE(entry.out.find(",森 彩,防衛事業部 第1設計課,"), std::string::npos) << entry.out;
  EXPECT_NE(entry.out.find("立入許可第2026-0001号"), std::string::npos) << entry.out;
  EXPECT_NE(entry.out.find("保護システム管理者の同意待ち"), std::string::npos) << entry.out;
  CommandResult not_facility = RunMamori({"export", "entry-roster", "--var", var, "--facility", "DEF"});
  EXPECT_EQ(not_facility.exit_code, 1);
  EXPECT_NE(not_facility.err.find("entry.not_facility"), std::string::npos) << not_facility.All();
  EXPECT_NE(not_facility.err.find("001 第8 2(1)ア"), std::string::npos) << not_facility.All();
  CommandResult no_unit = RunMamori({"export", "entry-roster", "--var", var, "--facility", "NOPE"});
  EXPECT_EQ(no_unit.exit_code, 1);
  EXPECT_NE(no_unit.err.find("unit.not_found"), std::string::npos) << no_unit.All();

  CommandResult after = RunMamori({"trail", "log", "--var", var, "--limit", "1"});
  ASSERT_EQ(after.exit_code, 0) << after.All();
  const Json newest = Json::parse(after.out)[0];
  EXPECT_EQ(newest.value("command", ""), "view") << after.out;
  EXPECT_GT(newest.value("seq", int64_t{0}), seq_before) << "the exports were recorded";
  CommandResult verify = RunMamori({"verify", "--var", var});
  EXPECT_EQ(verify.exit_code, 0) << verify.All();
}

}  // namespace
}  // namespace mamori::test
