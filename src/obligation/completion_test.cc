// obligation.complete (each refusal writes nothing and cites the duty's clause), automatic completion by a
// `completed_by` command, the duty lists and the scheduler.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "obligation/calendar_test_fixture.h"
#include "obligation/scheduler.h"

namespace mamori::calendar_test {
namespace {

class CompletionTest : public CalendarFixture {
 protected:
  void SetUp() override {
    CalendarFixture::SetUp();
    Run(sys_, "obligation.schedule", Json::object());
    review_a_ = One("obligation = 'yearly_review' AND scope_id = ?", {sec_a_});
    count_a_ = One("obligation = 'monthly_count' AND scope_id = ?", {sec_a_});
  }

  // A completion that must be refused with `rule`, the duty's clause, both messages, and no write.
  void ExpectRefused(const Actor& a, const Json& in, const std::string& rule, ErrorKind kind) {
    const int64_t size = TrailSize();
    const Occurrence before = One("id = ?", {in.value("occurrence_id", int64_t{0})});
    auto r = Exec(a, "obligation.complete", in);
    ASSERT_FALSE(r.ok()) << in.dump();
    EXPECT_EQ(r.status().rule(), rule) << r.status().ToString();
    EXPECT_EQ(r.status().kind(), kind) << r.status().ToString();
    EXPECT_EQ(r.status().clause(), before.clause) << r.status().ToString();
    EXPECT_FALSE(r.status().ja().empty());
    EXPECT_FALSE(r.status().en().empty());
    EXPECT_EQ(TrailSize(), size) << rule << ": a refused completion writes nothing";
    const Occurrence after = One("id = ?", {before.id});
    EXPECT_EQ(after.state, before.state);
    EXPECT_EQ(after.evidence_ref, before.evidence_ref);
  }

  Result<DutyPage> List(DutyFilter f) {
    return engine().Read([&](Conn& c) {
      DutyContext ctx{&engine().catalog(), &engine().profiles()};
      return ListDuties(c, ctx, f, clock_.Now());
    });
  }

  Occurrence review_a_, count_a_;
};

TEST_F(CompletionTest, OwnerCompletesWithADocument) {
  Json out = Run(officer_, "obligation.complete",
                 Json{{"occurrence_id", review_a_.id},
                      {"evidence_kind", "document"},
                      {"evidence_ref", "運用管理要領 第3版"},
                      {"note", "見直し済み"}});
  EXPECT_EQ(out.value("state", ""), "done");
  const Occurrence done = One("id = ?", {review_a_.id});
  EXPECT_EQ(done.state, "done");
  EXPECT_EQ(done.done_by_person_id, officer_.person_id);
  EXPECT_EQ(done.evidence_kind, "document");
  EXPECT_EQ(done.evidence_ref, "運用管理要領 第3版");
  EXPECT_EQ(done.evidence_note, "見直し済み");
  EXPECT_TRUE(done.done_by_command.empty());
  bool on_trail = false;
  for (const Json& e : EventEffects(out.value("trail_seq", int64_t{0})))
    on_trail |= e.value("t", "") == "obligation_occurrences" && e["row"].value("state", "") == "done";
  EXPECT_TRUE(on_trail);
}

TEST_F(CompletionTest, EachRefusalNamesItsRuleAndTheClauseAndWritesNothing) {
  // Not the owner: a t_officer of another unit.
  ExpectRefused(other_, Json{{"occurrence_id", review_a_.id}, {"evidence_kind", "document"}, {"evidence_ref", "X"}},
                "obligation.not_owner", ErrorKind::kForbidden);
  // Evidence missing.
  ExpectRefused(officer_, Json{{"occurrence_id", review_a_.id}, {"evidence_kind", "document"}},
                "obligation.evidence_missing", ErrorKind::kInvalidArgument);
  // A duty whose evidence is a record, given a document.
  ExpectRefused(officer_,
                Json{{"occurrence_id", count_a_.id}, {"evidence_kind", "document"}, {"evidence_ref", "照合表"}},
                "obligation.evidence_record_required", ErrorKind::kRuleViolation);
  // A record reference that does not resolve.
  for (const char* ref :
       {"items/NO-SUCH", "trail:999999", "reconciliations/77", "persons/x", "designations/", "somewhere"})
    ExpectRefused(officer_, Json{{"occurrence_id", count_a_.id}, {"evidence_kind", "record"}, {"evidence_ref", ref}},
                  "obligation.evidence_unresolved", ErrorKind::kRuleViolation);
  // Already done.
  Run(officer_, "obligation.complete", Json{{"occurrence_id", review_a_.id}, {"evidence_ref", "文書第1号"}});
  ExpectRefused(officer_, Json{{"occurrence_id", review_a_.id}, {"evidence_ref", "文書第2号"}}, "obligation.not_open",
                ErrorKind::kConflict);
  // No such duty.
  auto missing = Exec(officer_, "obligation.complete", Json{{"occurrence_id", 999999}, {"evidence_ref", "x"}});
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
}

TEST_F(CompletionTest, RecordsThatResolveAreAccepted) {
  Json person = Run(officer_, "obligation.complete",
                    Json{{"occurrence_id", count_a_.id},
                         {"evidence_kind", "record"},
                         {"evidence_ref", "persons/" + std::to_string(staff_.person_id)}});
  EXPECT_EQ(person.value("state", ""), "done");
  // trail:<seq>, defaulting the kind to the obligation's (record).
  Occurrence count_b = One("obligation = 'monthly_count' AND scope_id = ?", {sec_b_});
  Json trail = Run(other_, "obligation.complete",
                   Json{{"occurrence_id", count_b.id}, {"evidence_ref", "trail:" + std::to_string(TrailSize())}});
  EXPECT_EQ(One("id = ?", {count_b.id}).evidence_kind, "record");
}

TEST_F(CompletionTest, EscalatedRoleManagerAndThePersonMayComplete) {
  // The manager holds obligation.manage: any duty.
  Run(manager_, "obligation.complete", Json{{"occurrence_id", review_a_.id}, {"evidence_ref", "文書第5号"}});
  EXPECT_EQ(One("id = ?", {review_a_.id}).done_by_person_id, manager_.person_id);
  // The chief may not complete SEC-A's count until it is escalated to them.
  ExpectRefused(chief_, Json{{"occurrence_id", count_a_.id}, {"evidence_ref", "persons/1"}}, "obligation.not_owner",
                ErrorKind::kForbidden);
  clock_.Set(ParseTimestamp("2026-12-01T09:00:00+09:00").value());
  Run(sys_, "obligation.escalate", Json::object());
  ASSERT_EQ(One("id = ?", {count_a_.id}).escalated_to, "t_chief");
  Run(chief_, "obligation.complete", Json{{"occurrence_id", count_a_.id}, {"evidence_ref", "persons/1"}});
  // A person's own duty: the person, not a colleague.
  Occurrence own = One("obligation = 'personal_backup' AND scope_id = ?", {staff_.person_id});
  ExpectRefused(officer_, Json{{"occurrence_id", own.id}, {"evidence_ref", "persons/1"}}, "obligation.not_owner",
                ErrorKind::kForbidden);
  Run(staff_, "obligation.complete",
      Json{{"occurrence_id", own.id}, {"evidence_ref", "persons/" + std::to_string(staff_.person_id)}});
}

TEST_F(CompletionTest, ACompletedByCommandCompletesTheDutyOfItsUnitInTheSameEvent) {
  Run(sys_, "item.register",
      Json{{"control_no", "M-001"},
           {"kind", "medium"},
           {"type", "USBメモリ"},
           {"storage", "保管庫"},
           {"unit_id", sec_a_}});
  Json rec = Run(officer_, "reconcile.submit", Json{{"unit_id", sec_a_}, {"kind", "medium"}, {"counted", {"M-001"}}});
  const int64_t seq = rec.value("trail_seq", int64_t{0});
  const Occurrence done = One("id = ?", {count_a_.id});
  EXPECT_EQ(done.state, "done");
  EXPECT_EQ(done.done_by_command, "reconcile.submit");
  EXPECT_EQ(done.evidence_kind, "record");
  EXPECT_EQ(done.evidence_ref, "trail:" + std::to_string(seq));
  EXPECT_EQ(done.done_by_person_id, officer_.person_id);
  bool in_event = false;
  for (const Json& e : EventEffects(seq)) in_event |= e.value("t", "") == "obligation_occurrences";
  EXPECT_TRUE(in_event);
  // Another unit's duty stays open; no discrepancy, so no report was raised.
  EXPECT_EQ(One("obligation = 'monthly_count' AND scope_id = ?", {sec_b_}).state, "open");
  EXPECT_TRUE(Occurrences("obligation = 'discrepancy_report'").empty());
}

TEST_F(CompletionTest, ADiscrepancyRaisesAReportThatItsResolutionCompletes) {
  Run(sys_, "item.register",
      Json{{"control_no", "M-002"},
           {"kind", "medium"},
           {"type", "USBメモリ"},
           {"storage", "保管庫"},
           {"unit_id", sec_a_}});
  Json rec =
      Run(officer_, "reconcile.submit", Json{{"unit_id", sec_a_}, {"kind", "medium"}, {"counted", Json::array()}});
  Occurrence report = One("obligation = 'discrepancy_report'");
  EXPECT_EQ(report.state, "open") << "a command does not complete the duty it raises";
  EXPECT_EQ(report.trigger_event, "reconciliation.discrepancy");
  EXPECT_EQ(report.subject, "reconciliations/" + std::to_string(rec.value("reconciliation_id", int64_t{0})));
  EXPECT_EQ(report.unit_id, sec_a_);
  EXPECT_EQ(report.due_at, "2026-11-24T14:59:59.999Z");  // due_days 0: the end of today
  auto d = engine().Read([](Conn& c) { return c.Query("SELECT id FROM discrepancies ORDER BY id DESC LIMIT 1"); });
  ASSERT_TRUE(d.ok() && !d->empty());
  Run(officer_, "reconcile.resolve", Json{{"discrepancy_id", d->rows[0].Int(0)}, {"resolution", "貸出し中と確認"}});
  report = One("id = ?", {report.id});
  EXPECT_EQ(report.state, "done");
  EXPECT_EQ(report.done_by_command, "reconcile.resolve");
}

TEST_F(CompletionTest, ADutyAboutOneRecordIsCompletedOnlyByACommandOnThatRecord) {
  for (const char* no : {"M-011", "M-012"}) {
    Run(sys_, "item.register",
        Json{
            {"control_no", no}, {"kind", "medium"}, {"type", "USBメモリ"}, {"storage", "保管庫"}, {"unit_id", sec_a_}});
    Run(officer_, "item.checkout", Json{{"control_no", no}, {"purpose", "試験"}});
    Run(officer_, "item.return", Json{{"control_no", no}});
  }
  ASSERT_EQ(Occurrences("obligation = 'return_check' AND state = 'open'").size(), 2u);
  Run(officer_, "item.check", Json{{"control_no", "M-012"}, {"result", "no_data"}});
  EXPECT_EQ(One("obligation = 'return_check' AND subject = 'items/M-012'").state, "done");
  EXPECT_EQ(One("obligation = 'return_check' AND subject = 'items/M-011'").state, "open")
      << "checking one medium must not complete the check of another in the same unit";
}

TEST_F(CompletionTest, ListsShowWhatOneOwnsAndWhatOneMayOverseeWithStatus) {
  DutyFilter mine;
  mine.viewer = officer_.person_id;
  mine.mine = true;
  mine.profile = "obl-test";
  auto page = List(mine);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  bool review = false;
  for (const Duty& d : page->duties) {
    EXPECT_NE(d.occ.unit_id, sec_b_) << d.occ.obligation;
    EXPECT_TRUE(d.can_complete);
    review |= d.occ.id == review_a_.id;
  }
  EXPECT_TRUE(review);
  // Someone who neither owns nor oversees SEC-B's duties does not see them; an overseer does.
  DutyFilter all;
  all.viewer = officer_.person_id;
  all.profile = "obl-test";
  all.unit_id = sec_b_;
  EXPECT_TRUE(List(all)->duties.empty());
  all.visible_units = std::vector<int64_t>{sec_b_};
  ASSERT_FALSE(List(all)->duties.empty());
  EXPECT_FALSE(List(all)->duties[0].can_complete);
  // Status: the review's reminder window opens 30 days before the end of March.
  clock_.Set(ParseTimestamp("2027-03-05T09:00:00+09:00").value());
  DutyFilter soon;
  soon.status = "due_soon";
  soon.profile = "obl-test";
  auto due_soon = List(soon);
  ASSERT_TRUE(due_soon.ok());
  bool found = false;
  for (const Duty& d : due_soon->duties) {
    EXPECT_EQ(d.status, DutyStatus::kDueSoon);
    found |= d.occ.id == review_a_.id;
  }
  EXPECT_TRUE(found);
  const Json j = DutyToJson(due_soon->duties[0]);
  for (const char* k :
       {"id", "profile", "obligation", "clause", "name_ja", "name_en", "period", "scope_kind", "owners", "unit_code",
        "owner_role_ja", "due_at", "remind_from", "status", "evidence_required", "can_complete"})
    EXPECT_TRUE(j.contains(k)) << k;
  DutyFilter bad;
  bad.status = "late";
  EXPECT_EQ(List(bad).status().rule(), "obligation.status");
}

TEST_F(CompletionTest, PagesFollowTheDueOrderWithoutOverlap) {
  DutyFilter f;
  f.profile = "obl-test";
  f.limit = 3;
  std::vector<int64_t> seen;
  std::string last_due;
  for (int i = 0; i < 50; ++i) {
    auto page = List(f);
    ASSERT_TRUE(page.ok());
    for (const Duty& d : page->duties) {
      EXPECT_GE(d.occ.due_at, last_due);
      last_due = d.occ.due_at;
      EXPECT_EQ(std::count(seen.begin(), seen.end(), d.occ.id), 0);
      seen.push_back(d.occ.id);
    }
    if (page->next_after == 0) break;
    f.after = page->next_after;
  }
  EXPECT_EQ(seen.size(), Occurrences("state = 'open'").size());
  // The duties of a person, for reminder digests: the chief owns the organization's duties.
  auto chief = engine().Read([&](Conn& c) {
    DutyContext ctx{&engine().catalog(), &engine().profiles()};
    return DutiesOfPerson(c, ctx, chief_.person_id, clock_.Now());
  });
  ASSERT_TRUE(chief.ok());
  bool weekly = false;
  for (const Duty& d : chief.value()) weekly |= d.occ.obligation == "weekly_check";
  EXPECT_TRUE(weekly);
}

TEST_F(CompletionTest, SchedulerRunsTheCalendarAndItsTasksOnlyWhenThereIsWork) {
  Scheduler scheduler(engine(), clock_, SchedulerOptions{kSecond});
  std::vector<Micros> ticks;
  scheduler.Add("probe", [&](Micros now) {
    ticks.push_back(now);
    return Status::Ok();
  });
  // Nothing new this week: no command, no trail event.
  const int64_t size = TrailSize();
  ASSERT_TRUE(scheduler.RunOnce().ok());
  EXPECT_EQ(TrailSize(), size);
  ASSERT_EQ(ticks.size(), 1u);
  EXPECT_EQ(ticks[0], clock_.Now());
  // A new week begins and the month is over: the week's duty appears and the month's escalates.
  clock_.Set(ParseTimestamp("2026-12-01T09:00:00+09:00").value());
  ASSERT_TRUE(scheduler.RunOnce().ok());
  One("obligation = 'weekly_check' AND period = '2026-W49'");
  EXPECT_EQ(One("id = ?", {count_a_.id}).escalation_level, 1);
  EXPECT_EQ(TrailSize(), size + 2);  // obligation.schedule and obligation.escalate
  // A failing task is reported and does not stop the others.
  scheduler.Add("broken", [](Micros) { return Status::Internal("test failure"); });
  EXPECT_FALSE(scheduler.RunOnce().ok());
  EXPECT_EQ(ticks.size(), 3u);
}

TEST_F(CompletionTest, SchedulerThreadRunsOnceAtStart) {
  clock_.Set(ParseTimestamp("2026-12-01T09:00:00+09:00").value());
  Scheduler scheduler(engine(), clock_, SchedulerOptions{3600 * kSecond});
  scheduler.Start();
  for (int i = 0; i < 600 && scheduler.runs() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  scheduler.Stop();
  EXPECT_EQ(scheduler.runs(), 1);
  One("obligation = 'weekly_check' AND period = '2026-W49'");
}

// 000 別添2(1)ア: the contact chart's update is raised by each designation made or ended, but one that
// is still open covers the later ones (the trigger coalesces).
TEST_F(CompletionTest, ACoalescingTriggerRaisesOneOpenDutyForManyEvents) {
  auto open_updates = [&] {
    auto r = engine().Read([](Conn& c) -> Result<Rows> {
      return c.Query("SELECT id, state FROM obligation_occurrences WHERE profile = 'mod-internal' AND "
                     "obligation = 'contact_registry_update'");
    });
    EXPECT_TRUE(r.ok());
    int open = 0, all = 0;
    for (const Row& row : r->rows) ++all, open += row.Str(1) == "open";
    return std::pair{open, all};
  };
  const auto before = open_updates();
  EXPECT_EQ(before.first, 1) << "the fixture's designations raised one open update";
  Designate(staff_, "t_officer", sec_a_);
  Designate(staff_, "unit_ia_officer", sec_a_);
  EXPECT_EQ(open_updates(), before) << "no new occurrence while one is open";
}

}  // namespace
}  // namespace mamori::calendar_test
