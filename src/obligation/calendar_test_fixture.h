#pragma once
// Fixture of the obligation calendar's tests: an organization on mod-internal (as embedded) plus a small
// test profile "obl-test" of our own, held in memory, whose duties, triggers and chain the tests control.
// Everything runs through the real command path on a fake clock.
//
// Units: ROOT (1) ─ KYOKU (bureau) ─ SEC-A, SEC-B (sections).
// People: officer (SEC-A; t_officer and unit_ia_officer in SEC-A), other (SEC-B; t_officer in SEC-B),
// chief (t_chief, org-wide), head (t_head, org-wide), manager (t_manager: obligation.manage, org-wide),
// staff (SEC-A, no designation).

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>

#include "app/app.h"
#include "base/time.h"
#include "obligation/obligation.h"
#include "obligation/queries.h"
#include "testing/org_fixture.h"

namespace mamori::calendar_test {

inline const char* const kProfileYaml = R"(profile: obl-test
version: 1
document: {code: "T", title_ja: 試験規程, title_en: Test rules, legal_basis: 試験規程（試験用）}
unit_kinds:
  - {code: section, name_ja: 課室等, name_en: Section, clause: "T 1"}
fiscal_year_start: "04-01"
)";

inline const char* const kRolesYaml = R"(profile: obl-test
version: 1
permissions:
  - {code: obligation.manage, clause: "T 1", name_ja: 義務の管理, name_en: manage duties}
roles:
  - {code: t_officer, name_ja: 試験担当責任者, name_en: Test officer, clause: "T 1"}
  - {code: t_chief, name_ja: 試験統括者, name_en: Test chief, clause: "T 1", org_wide: true}
  - {code: t_head, name_ja: 試験最高責任者, name_en: Test head, clause: "T 1", org_wide: true}
  - {code: t_manager, name_ja: 試験管理者, name_en: Test manager, clause: "T 1", org_wide: true,
     permissions: [obligation.manage]}
  - {code: t_staff, name_ja: 試験職員, name_en: Test staff, clause: "T 1", implicit_member: true}
)";

inline const char* const kClausesYaml = R"(clauses:
  - {ref: "T 1", title_ja: 体制, title_en: Structure, coverage: recorded}
  - {ref: "T 2", title_ja: 定期の義務, title_en: Recurring duties, coverage: recorded}
  - {ref: "T 3", title_ja: 事象による義務, title_en: Duties raised by events, coverage: recorded}
)";

inline const char* const kObligationsYaml = R"(obligations:
  - {code: yearly_review, clause: "T 2", name_ja: 年次の見直し, name_en: Yearly review, every: fiscal_year,
     per: unit, owner: t_officer, escalate_to: t_chief, remind_before_days: 30, evidence: document}
  - {code: monthly_count, clause: "T 2", name_ja: 月例の照合, name_en: Monthly count, every: month, per: unit,
     owner: t_officer, escalate_to: t_chief, remind_before_days: 7, evidence: record, completed_by: [reconcile.submit]}
  - {code: weekly_check, clause: "T 2", name_ja: 週次点検, name_en: Weekly check, every: week, per: org,
     owner: t_chief, evidence: document}
  - {code: daily_log, clause: "T 2", name_ja: 日次記録, name_en: Daily log, every: workday, per: system,
     owner: t_chief, evidence: document}
  - {code: quarterly_report, clause: "T 2", name_ja: 四半期報告, name_en: Quarterly report, every: quarter,
     per: org, owner: t_chief, escalate_to: t_head, evidence: document}
  - {code: personal_backup, clause: "T 2", name_ja: 個人のバックアップ, name_en: Personal backup, every: month,
     per: person, owner: t_staff, evidence: record}
  - {code: setup_plan, clause: "T 2", name_ja: 初回計画, name_en: First plan, every: once, per: org,
     owner: t_chief, evidence: document}
  - {code: media_check, clause: "T 3", name_ja: 受領媒体の点検, name_en: Check a received medium, every: once,
     per: unit, owner: t_officer, escalate_to: t_chief, evidence: record}
  - {code: discrepancy_report, clause: "T 3", name_ja: 差異の報告, name_en: Report a discrepancy, every: once,
     per: unit, owner: t_officer, escalate_to: t_chief, evidence: record, completed_by: [reconcile.resolve]}
  - {code: return_check, clause: "T 3", name_ja: 返却時の点検, name_en: Check on return, every: once, per: unit,
     owner: t_officer, evidence: record, completed_by: [item.check]}
  - {code: briefing, clause: "T 3", name_ja: 指定時の説明, name_en: Briefing on designation, every: once,
     per: person, owner: t_officer, evidence: document}
triggers:
  - {on: item.received, clause: "T 3", raises: [{obligation: media_check, due_days: 1}]}
  - {on: reconciliation.discrepancy, clause: "T 3", raises: [{obligation: discrepancy_report, due_days: 0}]}
  - {on: designation.created, clause: "T 3", raises: [{obligation: briefing, due_days: 7}]}
  - {on: item.returned, clause: "T 3", raises: [{obligation: return_check, due_days: 0}]}
)";

inline const char* const kReportingYaml = R"(chains:
  - {code: overdue_duty, clause: "T 1", name_ja: 期限超過, name_en: Overdue duties, steps: [t_officer, t_chief, t_head]}
)";

// mod-internal as embedded, and obl-test.
inline ProfileFiles TestProfiles() {
  std::map<std::string, std::string> files;
  const ProfileFiles& embedded = ProfileFiles::Embedded();
  for (const std::string& f : embedded.List("mod-internal"))
    files["mod-internal/" + f] = *embedded.Read("mod-internal/" + f);
  for (const std::string& part : embedded.Parts()) files[part + ".yaml"] = *embedded.Read(part + ".yaml");
  files["obl-test/profile.yaml"] = kProfileYaml;
  files["obl-test/roles.yaml"] = kRolesYaml;
  files["obl-test/clauses.yaml"] = kClausesYaml;
  files["obl-test/obligations.yaml"] = kObligationsYaml;
  files["obl-test/reporting.yaml"] = kReportingYaml;
  return ProfileFiles::FromMap(std::move(files));
}

// 2026-11-24 (a Tuesday) 10:00 in Tokyo.
inline Micros Start() { return ParseTimestamp("2026-11-24T10:00:00+09:00").value(); }

class CalendarFixture : public mamori::testing::OrgFixture {
 protected:
  CalendarFixture() : OrgFixture("mamori-calendar-test", Start()) {}

  Result<std::unique_ptr<App>> InitApp(const std::string& var) override {
    OrgSettings org{"試験組織", "mod-internal", TimeZone{}, "18:15", {"obl-test"}};
    return App::Init(var, org, "admin", "admin-password-0001", &clock_, &files_);
  }

  Result<Json> Exec(const Actor& a, const std::string& cmd, const Json& in) { return engine().Execute(a, cmd, in); }

  int64_t NewUnit(int64_t parent, const char* kind, const char* code) {
    return Run(sys_, "unit.create",
               Json{{"parent_id", parent},
                    {"kind", kind},
                    {"code", code},
                    {"name_ja", code},
                    {"name_en", code},
                    {"head_title", "課長"}})
        .value("unit_id", int64_t{0});
  }

  Actor NewPerson(int64_t unit, const char* family, const char* username) {
    Json r = Run(sys_, "person.create", Json{{"family_name", family}, {"given_name", "試験"}, {"unit_id", unit}});
    return Person(r.value("person_id", int64_t{0}), username);
  }

  int64_t Designate(const Actor& who, const char* role, int64_t unit) {
    return Run(sys_, "designation.create", Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}})
        .value("designation_id", int64_t{0});
  }

  void BuildOrg() override {
    bureau_ = NewUnit(1, "bureau", "KYOKU");
    sec_a_ = NewUnit(bureau_, "section", "SEC-A");
    sec_b_ = NewUnit(bureau_, "section", "SEC-B");
    officer_ = NewPerson(sec_a_, "担当", "officer");
    other_ = NewPerson(sec_b_, "他課", "other");
    chief_ = NewPerson(bureau_, "統括", "chief");
    head_ = NewPerson(1, "最高", "head");
    manager_ = NewPerson(1, "管理", "manager");
    staff_ = NewPerson(sec_a_, "職員", "staff");
    Designate(officer_, "t_officer", sec_a_);
    Designate(officer_, "unit_ia_officer", sec_a_);
    Designate(other_, "t_officer", sec_b_);
    Designate(chief_, "t_chief", 1);
    Designate(head_, "t_head", 1);
    Designate(manager_, "t_manager", 1);
  }

  // Occurrences of obl-test (the org's other profiles may have duties of their own).
  std::vector<Occurrence> Occurrences(const std::string& where = "1 = 1", const Params& params = {}) {
    auto r = engine().Read([&](Conn& c) {
      return LoadOccurrences(c, "profile = 'obl-test' AND " + where, params,
                             "obligation, period, scope_kind, scope_id");
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : std::vector<Occurrence>{};
  }
  Occurrence One(const std::string& where, const Params& params = {}) {
    std::vector<Occurrence> all = Occurrences(where, params);
    EXPECT_EQ(all.size(), 1u) << where;
    return all.empty() ? Occurrence{} : all[0];
  }
  int64_t TrailSize() {
    auto r = engine().Read([](Conn& c) { return c.Query("SELECT COALESCE(MAX(seq), 0) FROM trail_events"); });
    return r.ok() ? r->rows[0].Int(0) : -1;
  }
  // The effects of one trail event, as stored.
  Json EventEffects(int64_t seq) {
    auto r = engine().Read([&](Conn& c) { return c.Query("SELECT payload FROM trail_events WHERE seq = ?", {seq}); });
    if (!r.ok() || r->empty()) return Json();
    return Json::parse(r->rows[0].Str(0))["effects"];
  }

  ProfileFiles files_ = TestProfiles();
  int64_t bureau_ = 0, sec_a_ = 0, sec_b_ = 0;
  Actor officer_, other_, chief_, head_, manager_, staff_;
};

}  // namespace mamori::calendar_test
