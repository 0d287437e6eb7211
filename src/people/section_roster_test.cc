// The people of 000 through the real command path on a real SQLite organization (mod-internal): the
// record each システム担当者 keeps of the system users of their 課室等 (第2 2(7), a per-unit roster), and the
// briefing and supervising employee a person other than an employee needs before becoming a system user
// (第2 2(6)), with the compliance rules over both. Every refusal names its rule and clause in both
// languages and writes nothing.

#include <gtest/gtest.h>

#include <algorithm>

#include "export/table_form.h"
#include "people/people.h"
#include "people/people_test_fixture.h"
#include "testing/csv_reader.h"
#include "trail/trail.h"
#include "trail/verify.h"

namespace mamori::people_test {
namespace {

constexpr const char* kRecord = "000 第2 2(7)";
constexpr const char* kBriefing = "000 第2 2(6)";

// 整備計画局 (root) ─ 情報通信課 div_ ─ システム班 sec_ (below it); 文書課 other_.
//   officer_ 情報システム情報保証責任者 of div_; liaison_ システム担当者 of div_; other_liaison_ of other_;
//   user_ (div_) and sec_user_ (sec_): employees, system users; far_user_ (other_) a system user there;
//   staff_ (div_) no role; contractor_ (div_, kind contractor), not yet a system user.
class SectionRosterTest : public PeopleFixture {
 protected:
  Result<std::unique_ptr<App>> InitApp(const std::string& var) override {
    return App::Init(var, OrgSettings{"テスト内部部局", "mod-internal", TimeZone{}, "18:15"}, "admin",
                     "admin-password-0001", &clock_);
  }

  void BuildOrg() override {
    div_ = NewUnit(1, "division", "JOHOTSU", "情報通信課");
    sec_ = NewUnit(div_, "section", "JOHOTSU-SYS", "情報通信課システム班");
    other_ = NewUnit(1, "division", "BUNSHO", "文書課");
    officer_ = NewPerson(div_, "山本", "翔", "yamamoto");
    liaison_ = NewPerson(div_, "松本", "亮", "matsumoto");
    other_liaison_ = NewPerson(other_, "木村", "聡", "kimura");
    user_ = NewPerson(div_, "井上", "恵", "inoue");
    sec_user_ = NewPerson(sec_, "林", "大樹", "hayashi");
    far_user_ = NewPerson(other_, "森", "彩", "mori");
    staff_ = NewPerson(div_, "清水", "誠", "shimizu");
    contractor_ = NewPerson(div_, "岡田", "修", "okada", "contractor");
    Designate(officer_, "system_ia_officer", div_);
    Designate(liaison_, "system_liaison", div_);
    Designate(other_liaison_, "system_liaison", other_);
    user_designation_ = Designate(user_, "system_user", div_);
    Designate(sec_user_, "system_user", sec_);
    Designate(far_user_, "system_user", other_);
  }

  int64_t NewUnit(int64_t parent, const char* kind, const char* code, const char* name) {
    return Run(sys_, "unit.create", Json{{"parent_id", parent}, {"kind", kind}, {"code", code}, {"name_ja", name},
                                         {"name_en", code}, {"head_title", "課長"}})
        .value("unit_id", int64_t{0});
  }
  Actor NewPerson(int64_t unit, const char* family, const char* given, const char* username,
                  const char* kind = "employee") {
    Json r = Run(sys_, "person.create", Json{{"family_name", family}, {"given_name", given}, {"unit_id", unit},
                                             {"title", "係員"}, {"kind", kind}});
    return Person(r.value("person_id", int64_t{0}), username);
  }
  // Designates as the system, with no agreement recorded first (000 asks none of employees).
  int64_t Designate(const Actor& who, const char* role, int64_t unit) {
    return Run(sys_, "designation.create", DesignationInput(who, role, unit)).value("designation_id", int64_t{0});
  }
  Json DesignationInput(const Actor& who, const char* role, int64_t unit) {
    return Json{{"person_id", who.person_id}, {"role", role}, {"unit_id", unit}, {"note", "業務上必要"}};
  }
  Json PrepareInput(int64_t unit) { return Json{{"roster", "section_user"}, {"unit_id", unit}, {"reason", "更新"}}; }
  Json BriefingInput(const Actor& who, std::optional<int64_t> supervisor) {
    Json in{{"kind", "non_employee_briefing"}, {"person_id", who.person_id}, {"signed_on", Today()},
            {"document", "保守作業員への説明書 第3号"}, {"points", Json::array({"①", "②", "③"})}};
    if (supervisor) in["supervisor_person_id"] = *supervisor;
    return in;
  }
  // The listed person ids of a unit's latest version.
  std::vector<int64_t> Listed(int64_t unit) {
    std::vector<int64_t> out;
    auto r = engine().Read([&](Conn& c) {
      return c.Query("SELECT e.person_id FROM roster_entries e JOIN roster_versions v ON v.id = e.version_id "
                     "WHERE v.roster = ? AND v.version = (SELECT MAX(version) FROM roster_versions WHERE roster = ?) "
                     "ORDER BY e.person_id", {"section_user@" + std::to_string(unit), "section_user@" + std::to_string(unit)});
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok())
      for (const Row& row : r->rows) out.push_back(row.Int(0));
    return out;
  }
  bool MayRead(const Actor& who, int64_t unit) {
    auto r = engine().Read([&](Conn& c) {
      return MayReadUnitRoster(c, engine().catalog(), "section_user", unit, who.person_id, FormatUtc(clock_.Now()));
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && *r;
  }
  // The subjects the rule reports now (names, sorted); fails unless it ran. Keeps the last message.
  std::vector<std::string> Subjects(const std::string& rule) {
    std::vector<std::string> out;
    for (const ViolationPtr& v : CheckedViolations(rule)) {
      out.push_back(v->subject);
      last_message_ = v->message_ja;
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  using Names = std::vector<std::string>;

  int64_t div_ = 0, sec_ = 0, other_ = 0, user_designation_ = 0;
  Actor officer_, liaison_, other_liaison_, user_, sec_user_, far_user_, staff_, contractor_;
  std::string last_message_;
};

// ---- the record of a 課室等 (000 第2 2(7)) ---------------------------------------------------------

TEST_F(SectionRosterTest, ListsTheSystemUsersOfTheUnitAndTheUnitsBelowIt) {
  Json out = Run(liaison_, "roster.prepare", PrepareInput(div_));
  EXPECT_EQ(out["roster"], "section_user");
  EXPECT_EQ(out["unit_id"], div_);
  EXPECT_EQ(out["version"], 1);
  EXPECT_EQ(Listed(div_), (std::vector<int64_t>{user_.person_id, sec_user_.person_id}));
  EXPECT_EQ(Text("SELECT state FROM roster_versions WHERE roster = ?", {"section_user@" + std::to_string(div_)}), "current");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM roster_versions WHERE roster = 'section_user'"), 0);
  // The unit below has its own record, which its liaison (designated above it) may keep too.
  Run(liaison_, "roster.prepare", PrepareInput(sec_));
  EXPECT_EQ(Listed(sec_), (std::vector<int64_t>{sec_user_.person_id}));
  Run(other_liaison_, "roster.prepare", PrepareInput(other_));
  EXPECT_EQ(Listed(other_), (std::vector<int64_t>{far_user_.person_id}));

  // The overview of one unit: its versions, nothing pending; then a new system user is pending.
  auto overview = [&] {
    auto r = engine().Read([&](Conn& c) {
      return RosterOverview(c, engine().catalog(), "section_user", FormatUtc(clock_.Now()), div_);
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Json::object();
  };
  Json o = overview();
  EXPECT_EQ(o["roster"]["unit"]["name_ja"], "情報通信課");
  EXPECT_EQ(o["versions"].size(), 1u);
  EXPECT_TRUE(o["pending"]["added"].empty());
  ExpectRefused(liaison_, "roster.prepare", PrepareInput(div_), "roster.unchanged", kRecord);
  Designate(staff_, "system_user", div_);
  o = overview();
  ASSERT_EQ(o["pending"]["added"].size(), 1u);
  EXPECT_EQ(o["pending"]["added"][0]["person_id"], staff_.person_id);
  Run(liaison_, "roster.prepare", PrepareInput(div_));
  EXPECT_EQ(Listed(div_), (std::vector<int64_t>{user_.person_id, sec_user_.person_id, staff_.person_id}));
  EXPECT_EQ(Text("SELECT state FROM roster_versions WHERE roster = ? AND version = 1",
                 {"section_user@" + std::to_string(div_)}), "superseded");
  // An ended designation leaves the next version.
  Run(sys_, "designation.revoke", Json{{"designation_id", user_designation_}});
  Json v3 = Run(liaison_, "roster.prepare", PrepareInput(div_));
  ASSERT_EQ(v3["removed"].size(), 1u);
  EXPECT_EQ(v3["removed"][0]["person_id"], user_.person_id);
}

TEST_F(SectionRosterTest, RefusesAMissingOrUnknownUnit) {
  ExpectRefused(liaison_, "roster.prepare", Json{{"roster", "section_user"}}, "input.required", kRecord);
  ExpectRefused(liaison_, "roster.prepare", PrepareInput(987654), "roster.unit_unknown", kRecord);
  ExpectRefused(sys_, "roster.prepare", PrepareInput(987654), "roster.unit_unknown", kRecord);
  // The reads refuse the same way.
  auto read = [&](int64_t unit) {
    return engine().Read([&](Conn& c) {
      return RosterOverview(c, engine().catalog(), "section_user", FormatUtc(clock_.Now()), unit);
    });
  };
  EXPECT_EQ(read(0).status().rule(), "input.required");
  EXPECT_EQ(read(0).status().clause(), kRecord);
  EXPECT_EQ(read(987654).status().rule(), "roster.unit_unknown");
  auto version = engine().Read([&](Conn& c) { return RosterVersion(c, engine().catalog(), "section_user", 1, false, div_); });
  EXPECT_EQ(version.status().rule(), "roster.version_not_found");
  EXPECT_EQ(version.status().clause(), kRecord);
}

TEST_F(SectionRosterTest, OnlyTheLiaisonOfTheUnitKeepsItsRecord) {
  const Refusal r = ExpectRefused(other_liaison_, "roster.prepare", PrepareInput(div_), "roster.keeper", kRecord);
  EXPECT_NE(r.status.ja().find("情報通信課"), std::string::npos) << r.status.ja();
  EXPECT_EQ(r.status.kind(), ErrorKind::kForbidden);
  ExpectRefused(liaison_, "roster.prepare", PrepareInput(other_), "roster.keeper", kRecord);
  // Neither the unit's system IA officer nor a system user of it keeps the record.
  ExpectRefused(officer_, "roster.prepare", PrepareInput(div_), "roster.keeper", kRecord);
  ExpectRefused(user_, "roster.prepare", PrepareInput(div_), "roster.keeper", kRecord);
  // A liaison designated for the unit below does not keep the record of the unit above.
  const Actor sec_liaison = NewPerson(sec_, "小川", "直", "ogawa");
  Designate(sec_liaison, "system_liaison", sec_);
  ExpectRefused(sec_liaison, "roster.prepare", PrepareInput(div_), "roster.keeper", kRecord);
  Run(sec_liaison, "roster.prepare", PrepareInput(sec_));
  // No outside confirmation: submitting a version is refused with the record's clause.
  ExpectRefused(liaison_, "roster.submit", Json{{"roster", "section_user"}, {"unit_id", sec_}, {"version", 1}},
                "roster.no_confirmation", kRecord);
}

TEST_F(SectionRosterTest, WhoMayReadARecord) {
  EXPECT_TRUE(MayRead(liaison_, div_));
  EXPECT_TRUE(MayRead(liaison_, sec_));        // the unit below the liaison's
  EXPECT_FALSE(MayRead(liaison_, other_));
  EXPECT_FALSE(MayRead(other_liaison_, div_));
  EXPECT_TRUE(MayRead(officer_, div_));        // org.admin and people.agreements there
  EXPECT_FALSE(MayRead(officer_, other_));
  EXPECT_FALSE(MayRead(user_, div_));          // a system user of the unit
  EXPECT_FALSE(MayRead(staff_, div_));
}

TEST_F(SectionRosterTest, TheFormNamesTheUnit) {
  Run(liaison_, "roster.prepare", PrepareInput(div_));
  auto form = engine().Read([&](Conn& c) {
    return RosterForm(c, engine().catalog(), "section_user", 1, false, TimeZone{}, div_);
  });
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(form->title, "課室等のシステム利用者の記録（情報通信課）");
  const auto lines = testing::ReadFormCsv(RenderTableCsv(*form));
  std::string all;
  for (const auto& line : lines)
    for (const auto& cell : line) all += cell + "|";
  EXPECT_NE(all.find("井上 恵|情報通信課|係員"), std::string::npos) << all;
  EXPECT_NE(all.find("林 大樹|情報通信課システム班"), std::string::npos) << all;
  EXPECT_EQ(all.find("森 彩"), std::string::npos) << all;
  EXPECT_EQ(all.find("生年月日"), std::string::npos) << all;
}

TEST_F(SectionRosterTest, DesignationsRaiseTheUpdateThatThePrepareCompletes) {
  const char* kDuty = "SELECT COUNT(*) FROM obligation_occurrences WHERE obligation = 'section_user_roster_update' "
                      "AND state = ?";
  EXPECT_GE(Count(kDuty, {std::string("open")}), 1);
  // The record of another unit does not complete the duty about this unit's users.
  Run(other_liaison_, "roster.prepare", PrepareInput(other_));
  const int64_t open_after_other = Count(kDuty, {std::string("open")});
  EXPECT_GE(open_after_other, 1);
  Run(liaison_, "roster.prepare", PrepareInput(div_));
  EXPECT_EQ(Count(kDuty, {std::string("open")}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM obligation_occurrences WHERE obligation = 'section_user_roster_update' "
                  "AND state = 'done' AND done_by_command = 'roster.prepare'"),
            Count("SELECT COUNT(*) FROM obligation_occurrences WHERE obligation = 'section_user_roster_update'"));
  // A system user leaving the role raises it again.
  Run(sys_, "designation.revoke", Json{{"designation_id", user_designation_}});
  EXPECT_EQ(Count(kDuty, {std::string("open")}), 1);
  Run(liaison_, "roster.prepare", PrepareInput(div_));
  EXPECT_EQ(Count(kDuty, {std::string("open")}), 0);
}

TEST_F(SectionRosterTest, RuleSystemUserNotOnTheRecord) {
  const char* kRule = "system_user_not_on_section_record";
  EXPECT_EQ(Subjects(kRule), (Names{"井上 恵", "林 大樹", "森 彩"}));
  Run(liaison_, "roster.prepare", PrepareInput(div_));  // lists 井上 and 林 (システム班 is below 情報通信課)
  EXPECT_EQ(Subjects(kRule), (Names{"森 彩"}));
  EXPECT_NE(last_message_.find("文書課"), std::string::npos) << last_message_;
  Run(other_liaison_, "roster.prepare", PrepareInput(other_));
  EXPECT_EQ(Subjects(kRule), Names{});
  Designate(staff_, "system_user", div_);
  EXPECT_EQ(Subjects(kRule), (Names{"清水 誠"}));
  Run(liaison_, "roster.prepare", PrepareInput(div_));
  EXPECT_EQ(Subjects(kRule), Names{});
}

// ---- system users other than employees (000 第2 2(6)) --------------------------------------------

TEST_F(SectionRosterTest, NonEmployeeNeedsTheBriefingAndASupervisor) {
  ExpectRefused(officer_, "designation.create", DesignationInput(contractor_, "system_user", div_),
                "designation.agreement_missing", kBriefing);
  // Employees need no briefing; the briefing is not recorded for them.
  Designate(staff_, "system_user", div_);
  ExpectRefused(officer_, "agreement.record", BriefingInput(staff_, user_.person_id), "agreement.kind_not_applicable",
                kBriefing);
  // The supervisor is required, must be an employee in service, not the person, and a system user.
  ExpectRefused(officer_, "agreement.record", BriefingInput(contractor_, std::nullopt), "input.required", kBriefing);
  const Actor visitor = NewPerson(div_, "来訪", "者", "visitor", "visitor");
  // Visitors are 職員以外の者 too, whoever designates them.
  ExpectRefused(sys_, "designation.create", DesignationInput(visitor, "system_user", div_),
                "designation.agreement_missing", kBriefing);
  ExpectRefused(officer_, "agreement.record", BriefingInput(contractor_, visitor.person_id),
                "agreement.supervisor_not_employee", kBriefing);
  ExpectRefused(officer_, "agreement.record", BriefingInput(contractor_, contractor_.person_id),
                "agreement.supervisor_not_employee", kBriefing);
  ExpectRefused(officer_, "agreement.record", BriefingInput(contractor_, officer_.person_id),
                "agreement.supervisor_role", kBriefing);
  ExpectRefused(officer_, "agreement.record", BriefingInput(contractor_, 987654),
                "agreement.supervisor_not_employee", kBriefing);
  // Every point must be explained.
  Json partial = BriefingInput(contractor_, user_.person_id);
  partial["points"] = Json::array({"①", "②"});
  ExpectRefused(officer_, "agreement.record", partial, "agreement.points_missing", kBriefing);
  // Only those with people.agreements over the person's unit record it.
  ExpectRefused(liaison_, "agreement.record", BriefingInput(contractor_, user_.person_id), "authz.denied", kBriefing);

  Json out = Run(officer_, "agreement.record", BriefingInput(contractor_, user_.person_id));
  EXPECT_EQ(out["supervisor_person_id"], user_.person_id);
  EXPECT_EQ(Count("SELECT supervisor_person_id FROM agreement_supervisors WHERE id = ?", {out["agreement_id"].get<int64_t>()}),
            user_.person_id);
  Run(officer_, "designation.create", DesignationInput(contractor_, "system_user", div_));
  auto record = engine().Read([&](Conn& c) { return PersonPeopleRecord(c, contractor_.person_id, false); });
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ((*record)["agreements"][0]["supervisor_person_id"], user_.person_id);
}

TEST_F(SectionRosterTest, RuleNonEmployeeWithoutSupervisor) {
  const char* kRule = "non_employee_system_user_unsupervised";
  const int64_t briefing =
      Run(officer_, "agreement.record", BriefingInput(contractor_, user_.person_id)).value("agreement_id", int64_t{0});
  Run(officer_, "designation.create", DesignationInput(contractor_, "system_user", div_));
  EXPECT_EQ(Subjects(kRule), Names{});
  // The supervisor is no longer a system user.
  Run(sys_, "designation.revoke", Json{{"designation_id", user_designation_}});
  EXPECT_EQ(Subjects(kRule), (Names{"岡田 修"}));
  EXPECT_NE(last_message_.find("井上 恵"), std::string::npos) << last_message_;
  // A new briefing names another supervisor.
  Run(officer_, "agreement.record", BriefingInput(contractor_, sec_user_.person_id));
  EXPECT_EQ(Subjects(kRule), Names{});
  // The briefing ended: nobody supervises them.
  Run(officer_, "agreement.withdraw", Json{{"agreement_id", briefing + 1}});
  EXPECT_EQ(Subjects(kRule), (Names{"岡田 修"}));
  EXPECT_NE(last_message_.find("記録されていません"), std::string::npos) << last_message_;
}

TEST_F(SectionRosterTest, TheTrailVerifies) {
  Run(officer_, "agreement.record", BriefingInput(contractor_, user_.person_id));
  Run(officer_, "designation.create", DesignationInput(contractor_, "system_user", div_));
  Run(liaison_, "roster.prepare", PrepareInput(div_));
  auto report = VerifyTrail();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok) << report->problem_en;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM agreement_supervisors"), 1);
}

}  // namespace
}  // namespace mamori::people_test
