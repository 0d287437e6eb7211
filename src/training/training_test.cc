// training.record through the real command path on a real SQLite organization (defense-contractor, and
// one case on mod-internal): every refusal cites its clause and writes nothing, the session completes the
// duty of its program only, the status query, and the compliance rule training_overdue before and after
// a session.

#include "training/training.h"

#include <gtest/gtest.h>

#include "compliance/compliance_test_fixture.h"
#include "obligation/occurrence.h"
#include "testing/test_support.h"

namespace mamori {
namespace {

using compliance_test::ComplianceFixture;

const std::vector<std::string> kAllItems = {"importance",          "need_to_know",          "policy",
                                            "prudent_conduct",     "incident_procedures",   "other_incident_matters",
                                            "role_technical"};

// The compliance fixture's organization, built here with the written agreements that designations now need
// (001 第5 2(1)ア, 2(2)ア): a manager and two handlers (one a protected-system user) in one department.
class TrainingTest : public ComplianceFixture {
 protected:
  void Agree(const Actor& who, const char* kind) {
    Run(sys_, "agreement.record", Json{{"kind", kind}, {"person_id", who.person_id}, {"signed_on", "2026-11-01"},
                                       {"document", "x"}, {"points", {"(ア)", "(イ)", "(ウ)"}}});
  }
  void BuildOrg() override {
    Json u = Run(sys_, "unit.create", Json{{"parent_id", 1}, {"kind", "department"}, {"code", "DEPT-A"},
                                           {"name_ja", "第一事業部"}, {"name_en", "First division"}, {"head_title", "部長"}});
    dept_ = u.value("unit_id", int64_t{0});
    manager_ = NewPerson(dept_, "鈴木", "花子", "suzuki");
    user_ = NewPerson(dept_, "田中", "美咲", "tanaka");
    carrier_ = NewPerson(dept_, "渡辺", "直子", "watanabe");
    for (const Actor* a : {&manager_, &user_, &carrier_}) Agree(*a, "confidentiality");
    Agree(user_, "system_use_consent");
    Designate(manager_, "handler", dept_);
    Designate(manager_, "manager", dept_);
    user_handler_ = Designate(user_, "handler", dept_);
    system_user_ = Designate(user_, "protected_system_user", dept_);
    Designate(carrier_, "handler", dept_);
  }
  // A valid handler_training session in the department, attended by `attendees`.
  Json Session(const std::vector<int64_t>& attendees, const std::string& program = "handler_training") {
    return Json{{"program", program},
                {"held_on", LocalDate(clock_.Now(), TimeZone{})},
                {"trainer", "鈴木 花子"},
                {"method", "集合教育"},
                {"unit_id", dept_},
                {"room_group", "第一グループ"},
                {"content", "情報セキュリティ教育（年次）"},
                {"audience", "取扱者全員"},
                {"attendees", attendees},
                {"contents_covered", program == "role_training" ? std::vector<std::string>{"responsibilities"} : kAllItems},
                {"note", ""}};
  }

  int64_t Count(const std::string& table) {
    auto c = Reader();
    auto r = c->Query("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->rows[0].Int(0) : -1;
  }

  // Runs a command that must be refused with `rule` and `clause`, and checks that nothing was written.
  void ExpectRefused(const Actor& who, const Json& in, const std::string& rule, const std::string& clause) {
    const int64_t sessions = Count("training_sessions"), trail = Count("trail_events");
    auto r = engine().Execute(who, "training.record", in);
    ASSERT_FALSE(r.ok()) << in.dump();
    EXPECT_EQ(r.status().rule(), rule) << r.status().ToString();
    EXPECT_EQ(r.status().clause(), clause) << r.status().ToString();
    EXPECT_FALSE(r.status().ja().empty());
    EXPECT_FALSE(r.status().en().empty());
    EXPECT_EQ(Count("training_sessions"), sessions);
    EXPECT_EQ(Count("training_attendance"), 0);
    EXPECT_EQ(Count("trail_events"), trail);
  }

  // The person leaves (person.leave, as the system): designations and account end with it.
  void Leave(const Actor& who) { Run(sys_, "person.leave", Json{{"person_id", who.person_id}, {"reason", "退職"}}); }

  std::vector<Occurrence> Duties(const std::string& obligation) {
    auto c = Reader();
    auto r = LoadOccurrences(*c, "obligation = ?", {obligation});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<Occurrence>{};
  }
};

TEST_F(TrainingTest, RecordsTheSessionAndEachAttendeeOnTheTrail) {
  Json out = Run(manager_, "training.record", Session({user_.person_id, carrier_.person_id, user_.person_id}));
  ASSERT_EQ(out.value("attendee_count", 0), 2);  // the repeated id counts once
  const int64_t id = out.value("session_id", int64_t{0});
  auto c = Reader();
  auto row = c->Query("SELECT program, clause, held_on, unit_id, attendee_count, contents_covered, keeper_person_id, "
                      "recorded_by_person_id FROM training_sessions WHERE id = ?", {id});
  ASSERT_TRUE(row.ok() && !row->empty());
  EXPECT_EQ(row->rows[0].Str(0), "handler_training");
  EXPECT_EQ(row->rows[0].Str(1), "001 第7 1");
  EXPECT_EQ(row->rows[0].Str(2), "2026-11-24");
  EXPECT_EQ(row->rows[0].Int(3), dept_);
  EXPECT_EQ(row->rows[0].Int(4), 2);
  EXPECT_EQ(Json::parse(row->rows[0].Str(5)).size(), 7u);
  EXPECT_EQ(row->rows[0].Int(6), manager_.person_id);
  EXPECT_EQ(row->rows[0].Int(7), manager_.person_id);
  EXPECT_EQ(Count("training_attendance"), 2);
  auto ev = c->Query("SELECT entity, payload FROM trail_events WHERE command = 'training.record'");
  ASSERT_TRUE(ev.ok() && ev->rows.size() == 1u);
  EXPECT_EQ(ev->rows[0].Str(0), "training:" + std::to_string(id));
  int attendance = 0;
  const Json payload = Json::parse(ev->rows[0].Str(1));
  for (const Json& e : payload["effects"]) attendance += e["t"] == "training_attendance";
  EXPECT_EQ(attendance, 2);
}

TEST_F(TrainingTest, MissingColumnOfTheFormCitesTheRecordClause) {
  for (const char* column : {"held_on", "trainer", "method", "content", "audience"}) {
    Json in = Session({user_.person_id});
    in.erase(column);
    SCOPED_TRACE(column);
    ExpectRefused(manager_, in, "input.required", "001 第7 4");
  }
}

TEST_F(TrainingTest, UnknownProgramIsRefused) {
  ExpectRefused(manager_, Session({user_.person_id}, "fire_drill"), "training.unknown_program", "001 第7 4");
}

TEST_F(TrainingTest, EveryContentItemOfTheProgramMustBeCovered) {
  Json in = Session({user_.person_id});
  in["contents_covered"] = Json::array({"importance", "need_to_know", "policy", "incident_procedures",
                                        "other_incident_matters", "role_technical"});  // no (4)
  ExpectRefused(manager_, in, "training.content_missing", "001 第7 1");
  auto r = engine().Execute(manager_, "training.record", in);
  EXPECT_NE(r.status().ja().find("公私における慎重な行動"), std::string::npos) << r.status().ja();
  EXPECT_NE(r.status().en().find("001 第7 1(4)"), std::string::npos) << r.status().en();
  in["contents_covered"].push_back("prudent_conduct");
  in["contents_covered"].push_back("karaoke");
  ExpectRefused(manager_, in, "training.unknown_content", "001 第7 1");
}

TEST_F(TrainingTest, NoAttendeesIsRefused) {
  ExpectRefused(manager_, Session({}), "training.no_attendees", "001 第7 4");
}

TEST_F(TrainingTest, AnAttendeeWhoHasLeftIsRefused) {
  Leave(carrier_);
  ExpectRefused(manager_, Session({user_.person_id, carrier_.person_id}), "training.attendee_left", "001 第7 4");
}

TEST_F(TrainingTest, ADateInTheFutureIsRefused) {
  Json in = Session({user_.person_id});
  in["held_on"] = "2026-11-25";  // tomorrow in Tokyo (now is 2026-11-24 09:00 JST)
  ExpectRefused(manager_, in, "training.future_date", "001 第7 4");
  in["held_on"] = "2026-11-31";
  ExpectRefused(manager_, in, "input.malformed", "001 第7 4");
}

TEST_F(TrainingTest, OnlyTheRolesKeepingTrainingRecordsMayRecord) {
  // A handler without a responsibility holds no training.record (001 第7 4: the 管理者 keeps the record).
  ExpectRefused(user_, Session({user_.person_id}), "authz.denied", "001 第7 4");
}

TEST_F(TrainingTest, TheSessionCompletesTheDutyOfItsProgramOnly) {
  Run(sys_, "obligation.schedule", Json::object());
  auto open = [&](const std::string& code) {
    int n = 0;
    for (const Occurrence& o : Duties(code)) n += o.state == "open";
    return n;
  };
  ASSERT_GE(open("handler_training"), 1);
  ASSERT_EQ(open("role_training"), 1);
  // A handler session in the department leaves the role training open …
  Run(manager_, "training.record", Session({user_.person_id, carrier_.person_id}));
  for (const Occurrence& o : Duties("handler_training"))
    if (o.unit_id == dept_) {
      EXPECT_EQ(o.state, "done");
      EXPECT_EQ(o.done_by_command, "training.record");
      EXPECT_EQ(o.evidence_ref.rfind("trail:", 0), 0u) << o.evidence_ref;
    }
  EXPECT_EQ(open("role_training"), 1);
  // … which its own program completes.
  Run(manager_, "training.record", Session({manager_.person_id}, "role_training"));
  EXPECT_EQ(open("role_training"), 0);
}

TEST_F(TrainingTest, TriggeredTrainingIsCompletedWhenTheNewHandlerAttends) {
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  Agree(newcomer, "confidentiality");
  const int64_t designation = Designate(newcomer, "handler", dept_);
  std::vector<Occurrence> raised;
  for (const Occurrence& o : Duties("triggered_training"))
    if (o.subject == "designations/" + std::to_string(designation)) raised.push_back(o);
  ASSERT_EQ(raised.size(), 1u);
  // A session the newcomer did not attend leaves it open; one they attended completes it.
  auto state = [&] {
    for (const Occurrence& o : Duties("triggered_training"))
      if (o.id == raised[0].id) return o.state;
    return std::string("?");
  };
  Run(manager_, "training.record", Session({user_.person_id}, "triggered_training"));
  EXPECT_EQ(state(), "open");
  Run(manager_, "training.record", Session({newcomer.person_id}, "role_training"));
  EXPECT_EQ(state(), "open");  // another program does not fulfil it
  // The yearly training is "第1項に規定する教育及び訓練" (001 第7 3): handler_training also_completes it.
  Run(manager_, "training.record", Session({newcomer.person_id}, "handler_training"));
  EXPECT_EQ(state(), "done");
}

TEST_F(TrainingTest, TriggeredTrainingIsCompletedByItsOwnProgramToo) {
  const Actor newcomer = NewPerson(dept_, "高橋", "健", "takahashi");
  Agree(newcomer, "confidentiality");
  const int64_t designation = Designate(newcomer, "handler", dept_);
  Run(manager_, "training.record", Session({newcomer.person_id}, "triggered_training"));
  int found = 0;
  for (const Occurrence& o : Duties("triggered_training")) {
    if (o.subject != "designations/" + std::to_string(designation)) continue;
    ++found;
    EXPECT_EQ(o.state, "done");
  }
  EXPECT_EQ(found, 1);
}

TEST_F(TrainingTest, StatusShowsWhatIsRequiredAndTheLastSessionAttended) {
  auto status = [&]() {
    auto c = Reader();
    auto r = TrainingStatusOf(*c, engine().catalog(), app_->profiles(), clock_.Now(), TimeZone{}, std::nullopt);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<PersonTrainingStatus>{};
  };
  auto find = [](const std::vector<PersonTrainingStatus>& all, int64_t person, const std::string& program) {
    for (const auto& p : all)
      if (p.person_id == person)
        for (const auto& s : p.programs)
          if (s.program == program) return std::optional<ProgramStatus>(s);
    return std::optional<ProgramStatus>();
  };
  auto before = status();
  ASSERT_TRUE(find(before, user_.person_id, "handler_training"));
  EXPECT_TRUE(find(before, user_.person_id, "handler_training")->required);
  EXPECT_EQ(find(before, user_.person_id, "handler_training")->last_held_on, "");
  EXPECT_FALSE(find(before, user_.person_id, "role_training"));  // not a responsibility holder
  EXPECT_TRUE(find(before, manager_.person_id, "role_training")->required);
  const int64_t id = Run(manager_, "training.record", Session({user_.person_id})).value("session_id", int64_t{0});
  auto after = status();
  auto s = find(after, user_.person_id, "handler_training");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->last_held_on, "2026-11-24");
  EXPECT_EQ(s->last_session_id, id);
  EXPECT_TRUE(s->current);
  EXPECT_EQ(find(after, carrier_.person_id, "handler_training")->last_held_on, "");
}

TEST_F(TrainingTest, SessionsOfAFiscalYearAndTheForm) {
  Json first = Session({user_.person_id, carrier_.person_id});
  first["held_on"] = "2026-04-01";  // the first day of FY2026
  Run(manager_, "training.record", first);
  Json earlier = Session({user_.person_id});
  earlier["held_on"] = "2026-03-31";  // FY2025
  Run(manager_, "training.record", earlier);
  auto c = Reader();
  SessionFilter f;
  f.fiscal_year = 2026;
  auto list = ListTrainingSessions(*c, app_->profiles(), f);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].unit_name, "第一事業部");
  EXPECT_EQ((*list)[0].attendees, (std::vector<int64_t>{user_.person_id, carrier_.person_id}));
  const TrainingForm form = TrainingFormOf(2026, *list);
  ASSERT_EQ(form.rows.size(), 1u);
  EXPECT_EQ(TraineesText(form.rows[0]), "取扱者全員（2名）");
  f.visible_units = std::vector<int64_t>{};
  EXPECT_TRUE(ListTrainingSessions(*c, app_->profiles(), f)->empty());
}

TEST_F(TrainingTest, OverdueRuleReportsHoldersUntrainedAfterTheGraceAndClearsOnAttendance) {
  auto violated = [&](const Actor& who) {
    auto c = Reader();
    const std::vector<RuleResult> all = FullNow(*c);
    const RuleResult* r = Find(all, "training_overdue");
    EXPECT_NE(r, nullptr);
    if (!r) return false;
    for (const auto& v : r->violations)
      if (v->subject_id == who.person_id) return true;
    return false;
  };
  // Designated today: inside the 30 days of 第7 3.
  EXPECT_FALSE(violated(user_));
  clock_.Advance(29 * kDay);
  EXPECT_FALSE(violated(user_));
  clock_.Advance(2 * kDay);
  EXPECT_TRUE(violated(user_));
  EXPECT_TRUE(violated(manager_));
  Run(manager_, "training.record", Session({user_.person_id}));
  EXPECT_FALSE(violated(user_));
  EXPECT_TRUE(violated(manager_));
  // A year and a day later the session no longer counts.
  clock_.Advance(366 * kDay);
  EXPECT_TRUE(violated(user_));
}

// The status agrees with the rule (training_overdue) at every step, and with the 第7 3 duty the designation
// raised: due 30 days after it, done once the yearly training completes it.
TEST_F(TrainingTest, StatusStateAgreesWithTheOverdueRuleAndTheDuty) {
  auto status = [&](const Actor& who, const std::string& program) {
    auto c = Reader();
    auto r = TrainingStatusOf(*c, engine().catalog(), app_->profiles(), clock_.Now(), TimeZone{}, std::nullopt);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok())
      for (const auto& p : *r)
        if (p.person_id == who.person_id)
          for (const auto& s : p.programs)
            if (s.program == program) return s;
    return ProgramStatus{};
  };
  auto violated = [&](const Actor& who) {
    auto c = Reader();
    const std::vector<RuleResult> all = FullNow(*c);
    const RuleResult* r = Find(all, "training_overdue");
    if (r)
      for (const auto& v : r->violations)
        if (v->subject_id == who.person_id) return true;
    return false;
  };
  auto agree = [&](const char* when) {
    for (const Actor* who : {&manager_, &user_, &carrier_})
      EXPECT_EQ(status(*who, "handler_training").state == "overdue", violated(*who)) << when << " " << who->person_id;
  };
  const std::string designated = LocalDate(clock_.Now(), TimeZone{});
  EXPECT_EQ(designated, "2026-11-24");
  agree("designated");
  EXPECT_EQ(status(user_, "handler_training").state, "due");
  EXPECT_EQ(status(user_, "handler_training").due_on, "2026-12-24");  // the grace before the fiscal year's end
  EXPECT_EQ(status(user_, "triggered_training").state, "due");
  EXPECT_EQ(status(user_, "triggered_training").due_on, "2026-12-24");
  EXPECT_EQ(status(manager_, "role_training").state, "due");
  EXPECT_EQ(status(manager_, "role_training").due_on, "2027-03-31");
  EXPECT_EQ(status(user_, "role_training").program, "");  // not in its audience, never attended: not listed
  clock_.Advance(30 * kDay);
  agree("30 days");
  EXPECT_EQ(status(user_, "handler_training").state, "due");
  clock_.Advance(1 * kDay);
  agree("31 days");
  EXPECT_EQ(status(user_, "handler_training").state, "overdue");
  EXPECT_EQ(status(user_, "handler_training").due_on, "2026-12-24");
  EXPECT_EQ(status(user_, "triggered_training").state, "overdue");
  Run(manager_, "training.record", Session({user_.person_id}));
  agree("trained");
  EXPECT_EQ(status(user_, "handler_training").state, "done");
  EXPECT_EQ(status(user_, "handler_training").due_on, "");
  EXPECT_EQ(status(user_, "triggered_training").state, "done");  // completed by the yearly training
  EXPECT_EQ(status(carrier_, "handler_training").state, "overdue");
  clock_.Advance(365 * kDay);
  agree("a year later");
  clock_.Advance(1 * kDay);
  agree("a year and a day later");
  EXPECT_EQ(status(user_, "handler_training").state, "overdue");
}

// On mod-internal the form's clause is 000 第5(3).
class ModTrainingTest : public testing::OrgFixture {
 protected:
  ModTrainingTest() : OrgFixture("mamori-training-mod-test", ParseTimestamp("2026-11-24T00:00:00Z").value()) {}
  Result<std::unique_ptr<App>> InitApp(const std::string& var) override {
    return testing::InitTestOrg(var, &clock_);
  }
  void BuildOrg() override {}
};

TEST_F(ModTrainingTest, MissingColumnCitesTheRecordClauseOf000) {
  Json in{{"program", "annual_training"}, {"held_on", "2026-11-20"}, {"trainer", "サイバー整備課長"},
          {"unit_id", 1}, {"content", "情報保証教育"}, {"audience", "課員全員"}, {"attendees", {1}},
          {"contents_covered", {"information_assurance", "leak_response"}}};
  auto r = engine().Execute(sys_, "training.record", in);  // no method (実施手段)
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().rule(), "input.required");
  EXPECT_EQ(r.status().clause(), "000 第5(3)");
  in["method"] = "集合教育";
  Run(sys_, "training.record", in);
}

}  // namespace
}  // namespace mamori
