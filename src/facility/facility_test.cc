// Facility entry rosters of 001 第8 2(1)ウ〜オ and 2(5) through the real command path on a real SQLite
// organization (defense-contractor): permits made by the 管理責任者, consented to by a 保護システム管理者
// (certificate issued), revoked and reviewed (the review duty completed); escorted visits; the rule
// entry_permit_without_need before and after; the roster form re-read from its CSV; the trail verifying.
// Every refusal names its rule and clause in both languages and writes nothing.

#include "facility/facility.h"

#include <gtest/gtest.h>

#include "obligation/obligation.h"
#include "people/people_test_fixture.h"
#include "testing/csv_reader.h"
#include "trail/trail.h"
#include "trail/verify.h"

namespace mamori::people_test {
namespace {

constexpr char kFacility[] = "001 第8 2(1)ア";
constexpr char kRoster[] = "001 第8 2(1)ウ";
constexpr char kPermit[] = "001 第8 2(1)エ";
constexpr char kReview[] = "001 第8 2(1)オ";
constexpr char kVisit[] = "001 第8 2(5)";

// The people fixture (manager_ 鈴木 is a manager; admin_ 伊藤 the protected-system administrator), plus a
// handling facility and a related facility under 第一事業部. manager_ is the 管理責任者, designated by
// the 総括者 gm_; handler_ 田中 is a visitor escort.
class FacilityTest : public PeopleFixture {
 protected:
  void BuildOrg() override {
    PeopleFixture::BuildOrg();
    lab_ = NewUnit("handling_facility", "LAB-1", "第一取扱室");
    gate_ = NewUnit("related_facility", "BLDG-1", "第一事業所");
    Run(gm_, "designation.create", Json{{"person_id", manager_.person_id}, {"role", "physical_security_manager"},
                                        {"unit_id", dept_}, {"note", "物理的セキュリティの管理"}});
    Run(manager_, "designation.create",
        Json{{"person_id", handler_.person_id}, {"role", "escort"}, {"unit_id", dept_}, {"note", "来訪者の同行"}});
  }

  int64_t NewUnit(const char* kind, const char* code, const char* name) {
    return Run(sys_, "unit.create", Json{{"parent_id", dept_}, {"kind", kind}, {"code", code}, {"name_ja", name},
                                         {"name_en", code}, {"head_title", "室長"}})
        .value("unit_id", int64_t{0});
  }

  Json RequestInput(const Actor& who, int64_t facility = 0) {
    return Json{{"facility_unit_id", facility ? facility : lab_}, {"person_id", who.person_id},
                {"purpose", "装備品Xの設計図書の作成"}};
  }
  int64_t Request(const Actor& who, int64_t facility = 0) {
    return Run(manager_, "entry.request", RequestInput(who, facility)).value("permit_id", int64_t{0});
  }
  std::string Consent(int64_t permit) {
    return Run(admin_, "entry.consent", Json{{"permit_id", permit}}).value("certificate_no", "");
  }
  Json VisitInput(const Actor& escort) {
    return Json{{"facility_unit_id", lab_}, {"visitor_name", "高木 誠"}, {"visitor_affiliation", "株式会社保守サービス"},
                {"purpose", "空調設備の点検"}, {"visit_on", Today()}, {"escort_person_id", escort.person_id},
                {"measure", "log_book"}};
  }
  // The person leaves (person.leave, as the system): designations and account end with it.
  void Leave(const Actor& who) { Run(sys_, "person.leave", Json{{"person_id", who.person_id}, {"reason", "退職"}}); }
  std::string PermitState(int64_t permit) { return Text("SELECT state FROM entry_permits WHERE id = ?", {permit}); }

  // ExpectRefused, also checking that no row of the facility tables changed.
  void Refused(const Actor& a, const std::string& cmd, const Json& in, const std::string& rule,
               const std::string& clause) {
    const std::string before = FacilityRows();
    ExpectRefused(a, cmd, in, rule, clause);
    EXPECT_EQ(FacilityRows(), before) << cmd << " was refused but changed the facility tables";
  }
  std::string FacilityRows() {
    std::string all;
    for (const char* t : {"entry_permits", "entry_roster_reviews", "escorted_visits"}) {
      auto r = engine().Read([&](Conn& c) { return QueryJson(c, std::string("SELECT * FROM ") + t + " ORDER BY id", {}); });
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      all += std::string(t) + (r.ok() ? r->dump() : "?") + "\n";
    }
    return all;
  }

  // The violations of entry_permit_without_need now, as "subject@facility unit".
  std::vector<std::string> Unneeded() {
    auto conn = Reader();
    std::vector<std::string> out;
    if (!conn) return out;
    const std::vector<RuleResult> all = FullNow(*conn);  // kept: Find points into it
    const RuleResult* r = Find(all, "entry_permit_without_need");
    EXPECT_NE(r, nullptr);
    if (!r) return out;
    EXPECT_EQ(r->clause, kReview);
    for (const auto& v : r->violations) out.push_back(v->subject + "@" + std::to_string(v->unit_id));
    return out;
  }

  int64_t lab_ = 0, gate_ = 0;
};

// ---- the roster: request, consent and certificate (ウ, エ) ----------------------------------------------

TEST_F(FacilityTest, ConsentGrantsThePermitAndIssuesTheCertificate) {
  const int64_t first = Request(handler_);
  EXPECT_EQ(PermitState(first), "pending_consent");
  EXPECT_EQ(Text("SELECT certificate_no FROM entry_permits WHERE id = ?", {first}), "NULL");
  EXPECT_EQ(Consent(first), "立入許可第2026-0001号");
  EXPECT_EQ(PermitState(first), "granted");
  EXPECT_EQ(Count("SELECT consent_by_person_id FROM entry_permits WHERE id = ?", {first}), admin_.person_id);
  EXPECT_EQ(Count("SELECT requested_by_person_id FROM entry_permits WHERE id = ?", {first}), manager_.person_id);
  // Numbered in order of issue: a permit still awaiting consent takes no number.
  const int64_t pending = Request(gm_);
  const int64_t second = Request(manager_, gate_);
  EXPECT_EQ(Consent(second), "立入許可第2026-0002号");
  EXPECT_EQ(PermitState(pending), "pending_consent");
  // The trail event of the consent carries the permit as written.
  auto payload = engine().Read([&](Conn& c) {
    return c.Query("SELECT entity, payload FROM trail_events WHERE command = 'entry.consent' ORDER BY seq DESC LIMIT 1");
  });
  ASSERT_TRUE(payload.ok() && !payload->empty());
  EXPECT_EQ(payload->rows[0].Str(0), "entry_permit:" + std::to_string(second));
  EXPECT_NE(payload->rows[0].Str(1).find("立入許可第2026-0002号"), std::string::npos);
}

TEST_F(FacilityTest, RequestRefusals) {
  Refused(outsider_, "entry.request", RequestInput(handler_), "entry.keeper", kRoster);
  Refused(admin_, "entry.request", RequestInput(handler_), "entry.keeper", kRoster);  // the administrator consents
  Refused(manager_, "entry.request", RequestInput(handler_, dept_), "entry.not_facility", kFacility);
  Refused(manager_, "entry.request", RequestInput(handler_, 9999), "entry.not_facility", kFacility);
  Json no_purpose = RequestInput(handler_);
  no_purpose.erase("purpose");
  Refused(manager_, "entry.request", no_purpose, "input.required", kPermit);
  no_purpose["purpose"] = "  ";
  Refused(manager_, "entry.request", no_purpose, "input.required", kPermit);
  Json mismatch = RequestInput(handler_);
  mismatch["unit_id"] = gate_;  // as a facility route would put it
  Refused(manager_, "entry.request", mismatch, "entry.facility_mismatch", kFacility);
  // An open permit (pending, then granted) of the same person for the same facility.
  const int64_t permit = Request(handler_);
  Refused(manager_, "entry.request", RequestInput(handler_), "entry.duplicate", kPermit);
  Consent(permit);
  Refused(manager_, "entry.request", RequestInput(handler_), "entry.duplicate", kPermit);
  Request(handler_, gate_);  // another facility is another entry
  // Someone who has left.
  const Actor leaver = NewPerson(dept_, "中村", "優", "nakamura");
  Leave(leaver);
  Refused(manager_, "entry.request", RequestInput(leaver), "entry.inactive_person", kPermit);
}

TEST_F(FacilityTest, ConsentRefusals) {
  const int64_t permit = Request(handler_);
  Refused(manager_, "entry.consent", Json{{"permit_id", permit}}, "entry.consenter", kRoster);
  Refused(outsider_, "entry.consent", Json{{"permit_id", permit}}, "entry.consenter", kRoster);
  Refused(admin_, "entry.consent", Json{{"permit_id", permit + 100}}, "entry.permit_not_found", kRoster);
  Consent(permit);
  Refused(admin_, "entry.consent", Json{{"permit_id", permit}}, "entry.state", kRoster);
  Run(manager_, "entry.revoke", Json{{"permit_id", permit}, {"reason", "担当替え"}});
  Refused(admin_, "entry.consent", Json{{"permit_id", permit}}, "entry.state", kRoster);
}

// ---- revocation and review (オ) ---------------------------------------------------------------------

TEST_F(FacilityTest, RevokeEndsThePermit) {
  const int64_t permit = Request(handler_);
  Consent(permit);
  Refused(admin_, "entry.revoke", Json{{"permit_id", permit}, {"reason", "担当替え"}}, "entry.keeper", kReview);
  Refused(manager_, "entry.revoke", Json{{"permit_id", permit}}, "input.required", kReview);
  Refused(manager_, "entry.revoke", Json{{"permit_id", 9999}, {"reason", "x"}}, "entry.permit_not_found", kReview);
  Run(manager_, "entry.revoke", Json{{"permit_id", permit}, {"reason", "担当替え"}});
  EXPECT_EQ(PermitState(permit), "revoked");
  EXPECT_EQ(Text("SELECT revoke_reason FROM entry_permits WHERE id = ?", {permit}), "担当替え");
  EXPECT_EQ(Count("SELECT revoked_by_person_id FROM entry_permits WHERE id = ?", {permit}), manager_.person_id);
  EXPECT_EQ(Text("SELECT certificate_no FROM entry_permits WHERE id = ?", {permit}), "立入許可第2026-0001号");
  Refused(manager_, "entry.revoke", Json{{"permit_id", permit}, {"reason", "再"}}, "entry.state", kReview);
  // A pending request can be withdrawn too, and the person asked for again.
  const int64_t again = Request(handler_);
  Run(manager_, "entry.revoke", Json{{"permit_id", again}, {"reason", "申請の取下げ"}});
  EXPECT_EQ(PermitState(again), "revoked");
  Request(handler_);
}

TEST_F(FacilityTest, ReviewCompletesTheReviewDuty) {
  Run(sys_, "obligation.schedule", Json::object());
  const std::string open_sql =
      "SELECT COUNT(*) FROM obligation_occurrences WHERE obligation = 'entry_roster_review' AND state = 'open'";
  ASSERT_EQ(Count(open_sql), 1);
  Refused(admin_, "entry.review", Json{{"facility_unit_id", lab_}, {"note", "変更なし"}}, "entry.keeper", kReview);
  Refused(manager_, "entry.review", Json{{"facility_unit_id", lab_}}, "input.required", kReview);
  Refused(manager_, "entry.review", Json{{"facility_unit_id", dept_}, {"note", "変更なし"}}, "entry.not_facility",
          kFacility);
  EXPECT_EQ(Count(open_sql), 1);
  const Json out = Run(manager_, "entry.review", Json{{"facility_unit_id", lab_}, {"note", "全員の必要性を確認、変更なし"}});
  EXPECT_EQ(Count(open_sql), 0);
  EXPECT_EQ(Text("SELECT done_by_command FROM obligation_occurrences WHERE obligation = 'entry_roster_review'"),
            "entry.review");
  EXPECT_EQ(Count("SELECT done_by_person_id FROM obligation_occurrences WHERE obligation = 'entry_roster_review'"),
            manager_.person_id);
  EXPECT_EQ(Text("SELECT note FROM entry_roster_reviews WHERE id = ?", {out.value("review_id", int64_t{0})}),
            "全員の必要性を確認、変更なし");
}

// ---- escorted visits (2(5)) -------------------------------------------------------------------------

TEST_F(FacilityTest, VisitNeedsTheManagersApprovalAndADesignatedEscort) {
  Refused(admin_, "visit.approve", VisitInput(handler_), "visit.approver", kVisit);
  Refused(outsider_, "visit.approve", VisitInput(handler_), "visit.approver", kVisit);
  Refused(manager_, "visit.approve", VisitInput(gm_), "visit.escort_not_designated", kVisit);  // not an escort
  Json past = VisitInput(handler_);
  past["visit_on"] = "2026-11-01";
  Refused(manager_, "visit.approve", past, "visit.date_past", kVisit);
  Json bad = VisitInput(handler_);
  bad["measure"] = "camera";
  Refused(manager_, "visit.approve", bad, "input.malformed", "001 第8 2(2)ウ");
  Json nameless = VisitInput(handler_);
  nameless.erase("visitor_name");
  Refused(manager_, "visit.approve", nameless, "input.required", kVisit);
  const Json out = Run(manager_, "visit.approve", VisitInput(handler_));
  const int64_t visit = out.value("visit_id", int64_t{0});
  EXPECT_EQ(Count("SELECT escort_person_id FROM escorted_visits WHERE id = ?", {visit}), handler_.person_id);
  EXPECT_EQ(Count("SELECT approved_by_person_id FROM escorted_visits WHERE id = ?", {visit}), manager_.person_id);
  EXPECT_EQ(Text("SELECT measure FROM escorted_visits WHERE id = ?", {visit}), "log_book");
  // Once the escort designation ends, the same escort is refused.
  Run(sys_, "designation.revoke",
      Json{{"designation_id", Count("SELECT id FROM designations WHERE role_code = 'escort'")}});
  Refused(manager_, "visit.approve", VisitInput(handler_), "visit.escort_not_designated", kVisit);
}

// ---- the rule entry_permit_without_need (オ) --------------------------------------------------------

TEST_F(FacilityTest, RuleReportsPermitsNoLongerNeeded) {
  const int64_t handler_permit = Request(handler_);
  const int64_t outsider_permit = Request(outsider_, gate_);
  EXPECT_TRUE(Unneeded().empty());  // pending permits grant nothing yet
  Consent(handler_permit);
  Consent(outsider_permit);
  const std::string outsider = "山田 太郎@" + std::to_string(gate_), handler = "田中 美咲@" + std::to_string(lab_);
  EXPECT_EQ(Unneeded(), std::vector<std::string>{outsider});  // 山田 is not a handler
  // 田中 stops being a handler: the permit is now reported.
  Run(sys_, "designation.revoke", Json{{"designation_id", handler_handler_}});
  EXPECT_EQ(Unneeded(), (std::vector<std::string>{handler, outsider}));
  // Revoking the permits clears the rule.
  Run(manager_, "entry.revoke", Json{{"permit_id", handler_permit}, {"reason", "取扱者の指定解除"}});
  Run(manager_, "entry.revoke", Json{{"permit_id", outsider_permit}, {"reason", "取扱者でない"}});
  EXPECT_TRUE(Unneeded().empty());
  // A handler who leaves.
  const int64_t gm_permit = Request(gm_);
  Consent(gm_permit);
  EXPECT_TRUE(Unneeded().empty());
  Leave(gm_);
  EXPECT_EQ(Unneeded(), std::vector<std::string>{"佐藤 一郎@" + std::to_string(lab_)});
}

// ---- reads and the form ---------------------------------------------------------------------------

TEST_F(FacilityTest, RosterFormAndReads) {
  const int64_t granted = Request(handler_);
  Consent(granted);
  Request(gm_);
  const int64_t revoked = Request(manager_);
  Run(manager_, "entry.revoke", Json{{"permit_id", revoked}, {"reason", "不要"}});
  Run(manager_, "entry.review", Json{{"facility_unit_id", lab_}, {"note", "見直し済み"}});
  Run(manager_, "visit.approve", VisitInput(handler_));

  auto may = [&](const Actor& a) {
    auto r = engine().Read([&](Conn& c) { return MayReadFacilities(c, a.person_id, FormatUtc(clock_.Now())); });
    EXPECT_TRUE(r.ok());
    return r.ok() && *r;
  };
  EXPECT_TRUE(may(manager_));
  EXPECT_TRUE(may(admin_));
  EXPECT_FALSE(may(handler_));
  EXPECT_FALSE(may(outsider_));

  auto list = engine().Read([&](Conn& c) { return ListFacilities(c); });
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ((*list)["facilities"].size(), 2u);
  const Json& bldg = (*list)["facilities"][0];  // BLDG-1 before LAB-1
  const Json& lab = (*list)["facilities"][1];
  EXPECT_EQ(bldg["code"], "BLDG-1");
  EXPECT_EQ(lab["code"], "LAB-1");
  EXPECT_EQ(lab["granted"], 1);
  EXPECT_EQ(lab["pending"], 1);
  EXPECT_EQ(lab["revoked"], 1);
  EXPECT_EQ(lab["visits"], 1);
  EXPECT_TRUE(lab["last_review_at"].is_string());
  EXPECT_TRUE(bldg["last_review_at"].is_null());

  auto none = engine().Read([&](Conn& c) { return FacilityEntryRoster(c, dept_); });
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().rule(), "entry.not_facility");

  auto form = engine().Read([&](Conn& c) { return EntryRosterForm(c, lab_, TimeZone{}); });
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  const testing::CsvLines lines = testing::ReadFormCsv(RenderTableCsv(*form));
  ASSERT_GE(lines.size(), 9u);
  EXPECT_EQ(lines[0], std::vector<std::string>{"取扱施設等立入名簿"});
  EXPECT_EQ(lines[1], std::vector<std::string>{"取扱施設: 第一取扱室（LAB-1）"});
  EXPECT_EQ(lines[2], std::vector<std::string>{"最終見直し: 令和8年11月24日"});
  const std::vector<std::string> header = {"番号", "氏名", "所属", "立入りの目的", "許可証番号",
                                           "同意した保護システム管理者", "同意日", "状態"};
  size_t at = 0;
  while (at < lines.size() && lines[at] != header) ++at;
  ASSERT_LT(at + 3, lines.size()) << "no header row";
  EXPECT_EQ(lines[at + 1], (std::vector<std::string>{"1", "田中 美咲", "第一事業部", "装備品Xの設計図書の作成",
                                                     "立入許可第2026-0001号", "伊藤 大輔", "令和8年11月24日", "許可"}));
  EXPECT_EQ(lines[at + 2], (std::vector<std::string>{"2", "佐藤 一郎", "第一事業部", "装備品Xの設計図書の作成", "", "",
                                                     "", "保護システム管理者の同意待ち"}));
  EXPECT_EQ(lines[at + 3], (std::vector<std::string>{"3", "鈴木 花子", "第一事業部", "装備品Xの設計図書の作成", "", "",
                                                     "", "取消し（令和8年11月24日）"}));
}

TEST_F(FacilityTest, TrailVerifiesAfterEveryCommand) {
  const int64_t permit = Request(handler_);
  Consent(permit);
  Run(manager_, "entry.review", Json{{"facility_unit_id", lab_}, {"note", "変更なし"}});
  Run(manager_, "visit.approve", VisitInput(handler_));
  Run(manager_, "entry.revoke", Json{{"permit_id", permit}, {"reason", "異動"}});
  auto report = VerifyTrail();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok) << report->problem_en;
  // A row changed behind the trail's back is caught.
  {
    auto c = app_->store().Connect(false);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec("UPDATE entry_permits SET state = 'granted' WHERE id = ?", {permit}).ok());
  }
  auto tampered = VerifyTrail();
  ASSERT_TRUE(tampered.ok());
  EXPECT_FALSE(tampered->ok);
}

}  // namespace
}  // namespace mamori::people_test
