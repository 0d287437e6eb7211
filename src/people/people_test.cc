// People of 001 第5 2 through the real command path on a real SQLite organization (defense-contractor):
// agreements before designations, the separation of responsibilities, particulars, roster versions
// (prepare → submit → MOD's confirmation), the gate keeping protected items from anyone not listed in
// the latest confirmed handler roster, the roster form, and the trail verifying after all of it.
// Every refusal names its rule and clause in both languages and writes nothing.

#include "people/people.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "people/people_test_fixture.h"
#include "testing/csv_reader.h"
#include "trail/trail.h"
#include "trail/verify.h"

namespace mamori::people_test {
namespace {

class PeopleTest : public PeopleFixture {
 protected:
  Json DesignationInput(const Actor& who, const char* role) {
    return Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", dept_}, {"note", "業務上必要"}};
  }
  Json PrepareInput(const char* roster = "handler") { return Json{{"roster", roster}, {"reason", "更新"}}; }
  Json VersionInput(int64_t version) { return Json{{"roster", "handler"}, {"version", version}}; }
  Json ConfirmInput(int64_t version) {
    return Json{{"roster", "handler"}, {"version", version}, {"confirmed_on", Today()}, {"reference", "防衛省確認第1号"}};
  }
  // The person leaves (person.leave, as the system): designations and account end with it.
  void Leave(const Actor& who) { Run(sys_, "person.leave", Json{{"person_id", who.person_id}, {"reason", "退職"}}); }
  Actor Executive() {
    return Person(Count("SELECT person_id FROM designations WHERE role_code = 'executive'"), "admin");
  }
  std::string VersionState(int64_t version) {
    return Text("SELECT state FROM roster_versions WHERE roster = 'handler' AND version = ?", {version});
  }
  Json Version(int64_t version, bool with_particulars = true) {
    auto r = engine().Read([&](Conn& c) { return RosterVersion(c, engine().catalog(), "handler", version, with_particulars); });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Json::object();
  }
  // The refusal a read of a protected item gives `who` now (OK when cleared), as the API's gate decides.
  Status ViewGate(const Actor& who) {
    auto r = engine().Read([&](Conn& c) -> Result<Clearance> {
      return ProtectedClearance(c, engine().catalog(), who.person_id, FormatUtc(clock_.Now()));
    });
    if (!r.ok()) return r.status();
    return r->cleared ? Status::Ok() : NotClearedError(engine().catalog(), *r);
  }
  Json Register(const char* no) {
    return Json{{"control_no", no}, {"kind", "medium"}, {"type", "USBメモリ"}, {"storage", "施錠保管庫A"}, {"unit_id", dept_}};
  }
  Json Checkout(const char* no) { return Json{{"control_no", no}, {"purpose", "設計資料の作成"}}; }
  bool IsProtected(const char* no) {
    return Count("SELECT COUNT(*) FROM protected_items p JOIN items i ON i.id = p.id WHERE i.control_no = ?", {no}) == 1;
  }
};

// ---- agreements before designations (001 第5 2(1)ア, 2(2)ア) ----------------------------------------

TEST_F(PeopleTest, DesignationNeedsTheAgreementInForce) {
  const Actor exec = Executive();
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  ExpectRefused(exec, "designation.create", DesignationInput(newcomer, "handler"), "designation.agreement_missing",
                "001 第5 2(1)ア");
  ExpectRefused(exec, "designation.create", DesignationInput(newcomer, "protected_system_user"),
                "designation.agreement_missing", "001 第5 2(2)ア");
  // The confidentiality agreement is not the system-use consent.
  Agree(newcomer, "confidentiality");
  Run(exec, "designation.create", DesignationInput(newcomer, "handler"));
  ExpectRefused(exec, "designation.create", DesignationInput(newcomer, "protected_system_user"),
                "designation.agreement_missing", "001 第5 2(2)ア");
  Agree(newcomer, "system_use_consent");
  Run(exec, "designation.create", DesignationInput(newcomer, "protected_system_user"));

  // A withdrawn agreement no longer counts.
  const Actor other = NewPerson(dept_, "小林", "誠", "kobayashi");
  const int64_t id = Agree(other, "confidentiality");
  Run(manager_, "agreement.withdraw", Json{{"agreement_id", id}});
  EXPECT_NE(Text("SELECT withdrawn_at FROM agreements WHERE id = ?", {id}), "NULL");
  ExpectRefused(exec, "designation.create", DesignationInput(other, "handler"), "designation.agreement_missing",
                "001 第5 2(1)ア");
  ExpectRefused(manager_, "agreement.withdraw", Json{{"agreement_id", id}}, "agreement.withdrawn", "001 第5 2(1)ア");
}

TEST_F(PeopleTest, AgreementRecordRefusals) {
  Json in = AgreementInput(outsider_, "confidentiality");
  in["points"] = Json::array({"(ア)", "(ウ)"});
  Status s = ExpectRefused(sys_, "agreement.record", in, "agreement.points_missing", "001 第5 2(1)ア").status;
  EXPECT_NE(s.ja().find("(イ) 守秘義務に違反した場合に法律上の責任を負うこと"), std::string::npos) << s.ja();
  EXPECT_EQ(s.ja().find("(ア)"), std::string::npos) << s.ja();
  in = AgreementInput(outsider_, "confidentiality");
  in["kind"] = "nda";
  ExpectRefused(sys_, "agreement.record", in, "agreement.kind_unknown", "");
  in = AgreementInput(outsider_, "system_use_consent");
  in["signed_on"] = "2026-11-25";  // tomorrow in Tokyo (now is 2026-11-24 09:00 JST)
  ExpectRefused(sys_, "agreement.record", in, "people.future_date", "001 第5 2(2)ア");
  in["signed_on"] = "2026-02-29";
  ExpectRefused(sys_, "agreement.record", in, "input.malformed", "001 第5 2(2)ア");
  in = AgreementInput(outsider_, "confidentiality");
  in.erase("document");
  ExpectRefused(sys_, "agreement.record", in, "input.required", "001 第5 2(1)ア");
  // A handler without a responsibility may not record agreements; the manager may.
  ExpectRefused(handler_, "agreement.record", AgreementInput(outsider_, "confidentiality"), "authz.denied",
                "001 第5 2(1)ア");
  const int64_t first = Run(manager_, "agreement.record", AgreementInput(outsider_, "confidentiality")).value("agreement_id", 0);
  EXPECT_EQ(Text("SELECT points FROM agreements WHERE id = ?", {first}), "[\"(ア)\",\"(イ)\",\"(ウ)\"]");
  EXPECT_EQ(Text("SELECT clause FROM agreements WHERE id = ?", {first}), "001 第5 2(1)ア");
  EXPECT_EQ(Count("SELECT recorded_by_person_id FROM agreements WHERE id = ?", {first}), manager_.person_id);
  // A new agreement of the same kind replaces the one in force.
  const int64_t second = Run(manager_, "agreement.record", AgreementInput(outsider_, "confidentiality")).value("agreement_id", 0);
  EXPECT_NE(Text("SELECT withdrawn_at FROM agreements WHERE id = ?", {first}), "NULL");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM agreements WHERE person_id = ? AND withdrawn_at IS NULL", {outsider_.person_id}), 1);
  EXPECT_EQ(Count("SELECT id FROM agreements WHERE person_id = ? AND withdrawn_at IS NULL", {outsider_.person_id}), second);
  // Nobody records an agreement of someone who has left.
  Leave(outsider_);
  ExpectRefused(manager_, "agreement.record", AgreementInput(outsider_, "confidentiality"), "people.inactive_person",
                "001 第5 2(1)ア");
}

// ---- separation of responsibilities (001 第5 2(3)エ) -----------------------------------------------

TEST_F(PeopleTest, IncompatibleResponsibilitiesAreRefusedAtDesignation) {
  const char* kClause = "001 第5 2(3)エ";
  // The general manager may also be a manager (the one exception of 2(3)エ) …
  Run(sys_, "designation.create", DesignationInput(gm_, "manager"));
  // … but neither a protected-system administrator nor staff.
  Agree(gm_, "system_use_consent");
  Run(sys_, "designation.create", DesignationInput(gm_, "protected_system_user"));
  ExpectRefused(sys_, "designation.create", DesignationInput(gm_, "protected_system_admin"), "designation.separation", kClause);
  ExpectRefused(sys_, "designation.create", DesignationInput(gm_, "protected_system_staff"), "designation.separation", kClause);
  // The physical security manager is drawn from the managers: manager + it combine, general manager + it not.
  Run(sys_, "designation.create", DesignationInput(manager_, "physical_security_manager"));
  Status s = ExpectRefused(sys_, "designation.create", DesignationInput(gm_, "physical_security_manager"),
                           "designation.separation", kClause).status;
  EXPECT_NE(s.ja().find("総括者"), std::string::npos) << s.ja();
  // manager (+ physical security manager) and the system responsibilities.
  Agree(manager_, "system_use_consent");
  Run(sys_, "designation.create", DesignationInput(manager_, "protected_system_user"));
  ExpectRefused(sys_, "designation.create", DesignationInput(manager_, "protected_system_admin"), "designation.separation", kClause);
  ExpectRefused(sys_, "designation.create", DesignationInput(manager_, "protected_system_staff"), "designation.separation", kClause);
  // administrator and staff; and, the other way round, an administrator made a manager.
  s = ExpectRefused(sys_, "designation.create", DesignationInput(admin_, "protected_system_staff"), "designation.separation",
                    kClause).status;
  EXPECT_NE(s.en().find("Protected-System Administrator"), std::string::npos) << s.en();
  Agree(admin_, "confidentiality");
  Run(sys_, "designation.create", DesignationInput(admin_, "handler"));
  ExpectRefused(sys_, "designation.create", DesignationInput(admin_, "manager"), "designation.separation", kClause);
  // Once the administrator designation has ended it no longer stands in the way.
  const int64_t psa = Count("SELECT id FROM designations WHERE person_id = ? AND role_code = 'protected_system_admin'",
                            {admin_.person_id});
  Run(sys_, "designation.revoke", Json{{"designation_id", psa}});
  Run(sys_, "designation.create", DesignationInput(admin_, "manager"));
}

// ---- particulars (001 第5 2(1)エ) ------------------------------------------------------------------

TEST_F(PeopleTest, ParticularsAreRecordedByTheRosterKeepers) {
  const char* kClause = "001 第5 2(1)エ";
  Json in{{"person_id", outsider_.person_id}, {"birth_date", "1990-13-01"}, {"nationality", "日本"}, {"position", "社員"}};
  ExpectRefused(manager_, "person.set_particulars", in, "input.malformed", kClause);
  in["birth_date"] = "2027-01-01";
  ExpectRefused(manager_, "person.set_particulars", in, "people.future_date", kClause);
  in["birth_date"] = "1990-06-30";
  in.erase("nationality");
  ExpectRefused(manager_, "person.set_particulars", in, "input.required", kClause);
  in["nationality"] = "日本";
  ExpectRefused(handler_, "person.set_particulars", in, "authz.denied", kClause);
  ExpectRefused(admin_, "person.set_particulars", in, "authz.denied", kClause);
  Run(manager_, "person.set_particulars", in);
  EXPECT_EQ(Text("SELECT birth_date || '/' || nationality || '/' || position FROM person_particulars WHERE id = ?",
                 {outsider_.person_id}),
            "1990-06-30/日本/社員");
  EXPECT_EQ(Text("SELECT entity FROM trail_events WHERE command = 'person.set_particulars' ORDER BY seq DESC LIMIT 1"),
            "person:" + std::to_string(outsider_.person_id));
  auto shown = engine().Read([&](Conn& c) { return PersonPeopleRecord(c, outsider_.person_id, true); });
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ((*shown)["particulars"]["birth_date"], "1990-06-30");
  auto hidden = engine().Read([&](Conn& c) { return PersonPeopleRecord(c, outsider_.person_id, false); });
  ASSERT_TRUE(hidden.ok());
  EXPECT_FALSE(hidden->contains("particulars"));
}

// ---- roster versions --------------------------------------------------------------------------

TEST_F(PeopleTest, PrepareRefusals) {
  ExpectRefused(handler_, "roster.prepare", PrepareInput(), "roster.keeper", "001 第5 2(1)エ");
  ExpectRefused(manager_, "roster.prepare", PrepareInput("system_user"), "roster.keeper", "001 第5 2(2)ウ");
  ExpectRefused(manager_, "roster.prepare", PrepareInput("visitors"), "roster.unknown", "");
  // A handler without the particulars the roster prints.
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  MakeHandler(newcomer);
  Status s = ExpectRefused(manager_, "roster.prepare", PrepareInput(), "roster.particulars_missing", "001 第5 2(1)エ").status;
  EXPECT_NE(s.ja().find("高橋 健"), std::string::npos) << s.ja();
  Particulars(newcomer, "1995-05-05", "日本", "社員");
  // A handler whose confidentiality agreement was withdrawn after the designation.
  const int64_t agreement = Count("SELECT id FROM agreements WHERE person_id = ? AND kind = 'confidentiality'",
                                  {newcomer.person_id});
  Run(manager_, "agreement.withdraw", Json{{"agreement_id", agreement}});
  ExpectRefused(manager_, "roster.prepare", PrepareInput(), "roster.agreement_missing", "001 第5 2(1)ア");
  Agree(newcomer, "confidentiality");
  Run(manager_, "roster.prepare", PrepareInput());
  ExpectRefused(manager_, "roster.prepare", PrepareInput(), "roster.unchanged", "001 第5 2(1)エ");
}

TEST_F(PeopleTest, PrepareListsTheHoldersWithWhatTheRosterPrints) {
  Json out = Run(manager_, "roster.prepare", PrepareInput());
  EXPECT_EQ(out.value("version", 0), 1);
  EXPECT_EQ(out.value("entries", 0), 3);
  EXPECT_EQ(out["added"].size(), 3u);
  EXPECT_EQ(VersionState(1), "draft");
  Json v = Version(1);
  ASSERT_EQ(v["entries"].size(), 3u);
  const Json& m = v["entries"][0];  // person order: the manager first
  EXPECT_EQ(m["person_id"], manager_.person_id);
  EXPECT_EQ(m["name"], "鈴木 花子");
  EXPECT_EQ(m["department"], "第一事業部");
  EXPECT_EQ(m["position"], "課長");
  EXPECT_EQ(m["birth_date"], "1980-04-01");
  EXPECT_EQ(m["nationality"], "日本");
  EXPECT_EQ(m["roles"], Json::array({"handler", "manager"}));
  EXPECT_EQ(m["designated_on"], "2026-11-24");
  EXPECT_EQ(m["agreement_id"],
            Count("SELECT id FROM agreements WHERE person_id = ? AND kind = 'confidentiality'", {manager_.person_id}));
  EXPECT_EQ(v["entries"][1]["roles"], Json::array({"handler", "general_manager"}));
  EXPECT_EQ(v["entries"][2]["roles"], Json::array({"handler"}));
  EXPECT_EQ(v["entries"][2]["birth_date"], "1989-01-08");
  // Without particulars the date of birth and nationality are blank.
  Json hidden = Version(1, false);
  EXPECT_EQ(hidden["entries"][0]["birth_date"], "");
  EXPECT_EQ(hidden["entries"][0]["nationality"], "");
  EXPECT_EQ(hidden["entries"][0]["position"], "課長");

  // A change of holders makes a new version that supersedes the draft.
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  MakeHandler(newcomer);
  Particulars(newcomer, "1995-05-05", "日本", "社員");
  out = Run(manager_, "roster.prepare", PrepareInput());
  EXPECT_EQ(out.value("version", 0), 2);
  EXPECT_EQ(out["added"], Json::array({Json{{"person_id", newcomer.person_id}, {"name", "高橋 健"}}}));
  EXPECT_EQ(VersionState(1), "superseded");
  EXPECT_EQ(VersionState(2), "draft");
  EXPECT_EQ(Version(2)["entries"].size(), 4u);
  // A changed particular is a change too.
  Particulars(handler_, "1989-01-08", "日本", "係長");
  out = Run(manager_, "roster.prepare", PrepareInput());
  EXPECT_EQ(out["changed"], Json::array({Json{{"person_id", handler_.person_id}, {"name", "田中 美咲"}}}));
}

TEST_F(PeopleTest, TheSystemUserRosterHasNoConfirmationStep) {
  Json out = Run(admin_, "roster.prepare", PrepareInput("system_user"));
  EXPECT_EQ(out.value("version", 0), 1);
  EXPECT_EQ(Text("SELECT state FROM roster_versions WHERE roster = 'system_user'"), "current");
  EXPECT_EQ(Text("SELECT birth_date FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id "
                 "WHERE v.roster = 'system_user'"), "");  // the user roster prints no particulars
  Json in{{"roster", "system_user"}, {"version", 1}};
  ExpectRefused(admin_, "roster.submit", in, "roster.no_confirmation", "001 第5 2(2)ウ");
  in["confirmed_on"] = Today();
  in["reference"] = "x";
  ExpectRefused(admin_, "roster.confirm", in, "roster.no_confirmation", "001 第5 2(2)ウ");
}

TEST_F(PeopleTest, SubmitAndConfirm) {
  const char* kClause = "001 第5 2(1)エ";
  Run(manager_, "roster.prepare", PrepareInput());
  ExpectRefused(manager_, "roster.confirm", ConfirmInput(1), "roster.not_submitted", kClause);
  ExpectRefused(handler_, "roster.submit", VersionInput(1), "roster.keeper", kClause);
  ExpectRefused(manager_, "roster.submit", VersionInput(2), "roster.version_not_found", kClause);
  Run(manager_, "roster.submit", VersionInput(1));
  EXPECT_EQ(VersionState(1), "submitted");
  ExpectRefused(manager_, "roster.submit", VersionInput(1), "roster.state", kClause);
  Json in = ConfirmInput(1);
  in["confirmed_on"] = "2026-11-23";
  ExpectRefused(manager_, "roster.confirm", in, "roster.confirmed_before_submission", kClause);
  in["confirmed_on"] = "2026-11-25";
  ExpectRefused(manager_, "roster.confirm", in, "people.future_date", kClause);
  in = ConfirmInput(1);
  in.erase("reference");
  ExpectRefused(manager_, "roster.confirm", in, "input.required", kClause);
  ExpectRefused(manager_, "roster.confirm", ConfirmInput(3), "roster.version_not_found", kClause);
  Run(manager_, "roster.confirm", ConfirmInput(1));
  EXPECT_EQ(VersionState(1), "confirmed");
  EXPECT_EQ(Text("SELECT confirmed_on || ' ' || confirmation_ref FROM roster_versions WHERE version = 1"),
            "2026-11-24 防衛省確認第1号");
  ExpectRefused(manager_, "roster.confirm", ConfirmInput(1), "roster.not_submitted", kClause);
  // A submission overtaken by a newer version can no longer be confirmed; the confirmed one stays.
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  MakeHandler(newcomer);
  Particulars(newcomer, "1995-05-05", "日本", "社員");
  Run(manager_, "roster.prepare", PrepareInput());
  Run(manager_, "roster.submit", VersionInput(2));
  Designate(newcomer, "carrier", dept_);  // a new responsibility shows on the roster: version 3
  Run(manager_, "roster.prepare", PrepareInput());
  EXPECT_EQ(VersionState(2), "superseded");
  EXPECT_EQ(VersionState(1), "confirmed");
  ExpectRefused(manager_, "roster.confirm", ConfirmInput(2), "roster.not_submitted", kClause);
  // Confirming version 3 supersedes version 1.
  Run(manager_, "roster.submit", VersionInput(3));
  Run(manager_, "roster.confirm", ConfirmInput(3));
  EXPECT_EQ(VersionState(1), "superseded");
  EXPECT_EQ(VersionState(3), "confirmed");
}

// ---- the gate on protected items (001 第5 2(1)エ, 2(3)ア) --------------------------------------------

TEST_F(PeopleTest, ProtectedItemsWaitForTheConfirmedRoster) {
  const char* kConfirm = "001 第5 2(1)エ";
  const char* kHandler = "001 第5 2(1)ア";  // the handler role's clause
  // Registering a protected item is handling it: refused until a confirmed version lists the manager.
  ExpectRefused(manager_, "item.register", Register("M-001"), "people.not_confirmed", kConfirm);
  Run(sys_, "item.register", Register("M-001"));
  EXPECT_TRUE(IsProtected("M-001"));  // protected by default where a roster gates access
  ExpectRefused(manager_, "item.checkout", Checkout("M-001"), "people.not_confirmed", kConfirm);
  EXPECT_EQ(ViewGate(handler_).rule(), "people.not_confirmed");
  EXPECT_EQ(ViewGate(outsider_).rule(), "people.not_handler");
  EXPECT_EQ(ViewGate(outsider_).clause(), kHandler);
  // Prepared or submitted is not enough.
  Run(manager_, "roster.prepare", PrepareInput());
  Run(manager_, "roster.submit", VersionInput(1));
  ExpectRefused(manager_, "item.checkout", Checkout("M-001"), "people.not_confirmed", kConfirm);
  Run(manager_, "roster.confirm", ConfirmInput(1));
  EXPECT_TRUE(Run(manager_, "item.register", Register("M-002")).value("protected", false));
  Run(manager_, "item.checkout", Checkout("M-001"));
  Run(manager_, "item.return", Json{{"control_no", "M-001"}});
  Run(manager_, "item.check", Json{{"control_no", "M-001"}, {"result", "no_data"}});
  EXPECT_TRUE(ViewGate(handler_).ok());
  EXPECT_TRUE(ViewGate(gm_).ok());

  // Someone with ledger permissions who is not a handler: a media user drawn from the system users.
  Designate(admin_, "media_user", dept_);
  ExpectRefused(admin_, "item.checkout", Checkout("M-001"), "people.not_handler", kHandler);
  // An item registered as unprotected is open to anyone with the ledger permissions …
  EXPECT_FALSE(Run(manager_, "item.register", [&] {
                 Json in = Register("M-OPEN");
                 in["protected"] = false;
                 return in;
               }()).contains("protected"));
  EXPECT_FALSE(IsProtected("M-OPEN"));
  Run(admin_, "item.checkout", Checkout("M-OPEN"));
  Run(admin_, "item.return", Json{{"control_no", "M-OPEN"}});
  Run(manager_, "item.check", Json{{"control_no", "M-OPEN"}, {"result", "no_data"}});
  // … until it is marked protected (by someone who may register items).
  ExpectRefused(handler_, "item.protect", Json{{"control_no", "M-OPEN"}}, "authz.denied", "001 第6 5(1)");
  ExpectRefused(manager_, "item.protect", Json{{"control_no", "M-NONE"}}, "items.not_found", kConfirm);
  Run(manager_, "item.protect", Json{{"control_no", "M-OPEN"}});
  EXPECT_TRUE(IsProtected("M-OPEN"));
  EXPECT_EQ(Text("SELECT clause FROM protected_items p JOIN items i ON i.id = p.id WHERE i.control_no = 'M-OPEN'"), kConfirm);
  ExpectRefused(admin_, "item.checkout", Checkout("M-OPEN"), "people.not_handler", kHandler);

  // A new handler waits while the latest confirmed version does not list them.
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  const int64_t newcomer_handler = MakeHandler(newcomer);
  Particulars(newcomer, "1995-05-05", "日本", "社員");
  Designate(newcomer, "carrier", dept_);
  ExpectRefused(newcomer, "item.checkout", Checkout("M-002"), "people.not_confirmed", kConfirm);
  Run(manager_, "roster.prepare", PrepareInput());
  Run(manager_, "roster.submit", VersionInput(2));
  ExpectRefused(newcomer, "item.checkout", Checkout("M-002"), "people.not_confirmed", kConfirm);
  EXPECT_TRUE(ViewGate(handler_).ok());  // version 1 still clears those it lists
  Run(manager_, "roster.confirm", ConfirmInput(2));
  Run(newcomer, "item.checkout", Checkout("M-002"));
  Run(newcomer, "item.return", Json{{"control_no", "M-002"}});
  Run(manager_, "item.check", Json{{"control_no", "M-002"}, {"result", "no_data"}});
  // Revoking the handler designation closes the gate again, whatever the roster says.
  Run(sys_, "designation.revoke", Json{{"designation_id", newcomer_handler}});
  ExpectRefused(newcomer, "item.checkout", Checkout("M-002"), "people.not_handler", kHandler);
  Run(sys_, "designation.revoke", Json{{"designation_id", handler_handler_}});
  EXPECT_EQ(ViewGate(handler_).rule(), "people.not_handler");

  // `mamori verify`: the trail holds every row written above.
  auto report = VerifyTrail();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok) << report->problem_en;
  EXPECT_EQ(report->events, TrailSize());
  for (const char* t : {"person_particulars", "agreements", "roster_versions", "roster_entries", "protected_items"})
    EXPECT_GT(Count(std::string("SELECT COUNT(*) FROM ") + t), 0) << t;
}

// ---- the roster form (CSV and XLSX, src/export/table_form.h) ------------------------------------------

using Lines = std::vector<std::vector<std::string>>;

Lines ReadCsv(const std::string& text) { return testing::ReadFormCsv(text); }

// Every cell of the workbook's first sheet (openpyxl in Debian's python3), rows padded to the widest.
Json ReadXlsx(const std::string& bytes, const std::string& dir) {
  const std::string path = dir + "/roster.xlsx", script = dir + "/read.py";
  std::ofstream(path, std::ios::binary) << bytes;
  std::ofstream(script) << "import json, sys, openpyxl\n"
                           "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
                           "rows = [['' if c.value is None else str(c.value) for c in r] for r in "
                           "ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]\n"
                           "print(json.dumps({'name': ws.title, 'rows': rows, 'repeat': str(ws.print_title_rows)}))\n";
  FILE* pipe = popen(("/usr/bin/python3 " + script + " " + path).c_str(), "r");
  if (!pipe) return nullptr;
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  EXPECT_EQ(pclose(pipe), 0) << "python3 with openpyxl is required (scripts/install-deps.sh)";
  return Json::parse(out, nullptr, false);
}

TEST_F(PeopleTest, RosterFormPrintsTheConfirmedVersion) {
  ConfirmNewVersion();
  auto form = engine().Read([&](Conn& c) { return RosterForm(c, engine().catalog(), "handler", 1, true, TimeZone{}); });
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  const Lines want = {
      {"取扱者名簿"},
      {"第1版（作成 令和8年11月24日）　防衛省確認済み（確認日 令和8年11月24日、防衛省確認第1号）"},
      {"根拠: 001 第5 2(1)エ"},
      {},
      {"番号", "氏名", "生年月日", "所属する部署", "役職", "国籍", "指定日", "指定された責任", "守秘義務の合意"},
      {"1", "鈴木 花子", "昭和55年4月1日", "第一事業部", "課長", "日本", "令和8年11月24日", "管理者", "令和8年11月20日 合意"},
      {"2", "佐藤 一郎", "昭和45年1月15日", "第一事業部", "部長", "日本", "令和8年11月24日", "総括者", "令和8年11月20日 合意"},
      {"3", "田中 美咲", "平成元年1月8日", "第一事業部", "主任", "日本", "令和8年11月24日", "", "令和8年11月20日 合意"},
      {},
      {"※ 記載された者に保護すべき情報を取り扱わせる前に、防衛省の確認を受けること（001 第5 2(1)エ）。"},
      {"※ 退職、異動、職務内容の変更等により必要がなくなった場合は更新すること（001 第5 2(1)オ）。"},
  };
  EXPECT_EQ(ReadCsv(RenderTableCsv(*form)), want);

  auto bytes = RenderTableXlsx(*form);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  Json book = ReadXlsx(*bytes, dir_.path());
  ASSERT_TRUE(book.is_object()) << book;
  EXPECT_EQ(book["name"], "handler-v1");
  // The header row repeats on every printed page.
  EXPECT_NE(book["repeat"].get<std::string>().find("$5:$5"), std::string::npos) << book["repeat"];
  Lines padded = want;
  for (auto& row : padded) row.resize(9);
  EXPECT_EQ(book["rows"].get<Lines>(), padded);

  // Without particulars: date of birth and nationality hidden, everything else as before.
  auto hidden = engine().Read([&](Conn& c) { return RosterForm(c, engine().catalog(), "handler", 1, false, TimeZone{}); });
  ASSERT_TRUE(hidden.ok()) << hidden.status().ToString();
  Lines rows = ReadCsv(RenderTableCsv(*hidden));
  ASSERT_EQ(rows.size(), want.size());
  for (size_t r = 5; r < 8; ++r) {
    std::vector<std::string> expected = want[r];
    expected[2] = expected[5] = "（非表示）";
    EXPECT_EQ(rows[r], expected);
  }
  auto missing = engine().Read([&](Conn& c) { return RosterForm(c, engine().catalog(), "handler", 7, true, TimeZone{}); });
  EXPECT_EQ(missing.status().rule(), "roster.version_not_found");
}

}  // namespace
}  // namespace mamori::people_test
