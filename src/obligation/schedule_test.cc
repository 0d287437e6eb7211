// obligation.schedule (periods, scopes, back-filling, idempotence), duties raised by triggers, and
// obligation.escalate along the reporting chain on a fake clock.

#include <gtest/gtest.h>

#include "obligation/calendar_test_fixture.h"
#include "obligation/owners.h"

namespace mamori::calendar_test {
namespace {

class ScheduleTest : public CalendarFixture {
 protected:
  Json Schedule(const Json& in = Json::object()) { return Run(sys_, "obligation.schedule", in); }
  std::vector<int64_t> Owners(const Occurrence& o) {
    auto r = engine().Read([&](Conn& c) { return OccurrenceOwners(c, engine().catalog(), o.id, clock_.Now()); });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<int64_t>{};
  }
};

TEST_F(ScheduleTest, CreatesTheCurrentPeriodOncePerScope) {
  Json out = Schedule();
  EXPECT_GT(out.value("created", 0), 0) << out.dump();

  // per: unit → one per unit where the owner role is designated (SEC-A, SEC-B).
  std::vector<Occurrence> yearly = Occurrences("obligation = 'yearly_review'");
  ASSERT_EQ(yearly.size(), 2u);
  EXPECT_EQ(yearly[0].period, "FY2026");
  EXPECT_EQ(yearly[0].scope_kind, "unit");
  EXPECT_EQ(yearly[0].scope_id, sec_a_);
  EXPECT_EQ(yearly[0].unit_id, sec_a_);
  EXPECT_EQ(yearly[1].scope_id, sec_b_);
  EXPECT_EQ(yearly[0].due_at, "2027-03-31T14:59:59.999Z");       // end of 31 March, Tokyo
  EXPECT_EQ(yearly[0].remind_from, "2027-03-01T14:59:59.999Z");  // 30 days before
  EXPECT_EQ(yearly[0].clause, "T 2");
  EXPECT_EQ(yearly[0].owner_role, "t_officer");
  EXPECT_EQ(yearly[0].escalate_to, "t_chief");
  EXPECT_EQ(yearly[0].source, "schedule");
  EXPECT_EQ(yearly[0].state, "open");
  EXPECT_EQ(yearly[0].escalation_level, 0);

  Occurrence month = One("obligation = 'monthly_count' AND scope_id = ?", {sec_a_});
  EXPECT_EQ(month.period, "2026-11");
  EXPECT_EQ(month.due_at, "2026-11-30T14:59:59.999Z");
  // per: org (and per: system, kept per organization) → scope org 0 at the root unit.
  Occurrence week = One("obligation = 'weekly_check'");
  EXPECT_EQ(week.period, "2026-W48");
  EXPECT_EQ(week.scope_kind, "org");
  EXPECT_EQ(week.scope_id, 0);
  EXPECT_EQ(week.unit_id, 1);
  EXPECT_EQ(week.due_at, "2026-11-27T14:59:59.999Z");  // Friday
  Occurrence day = One("obligation = 'daily_log'");
  EXPECT_EQ(day.period, "2026-11-24");
  EXPECT_EQ(day.scope_kind, "org");
  EXPECT_EQ(day.due_at, "2026-11-24T09:15:00.000Z");  // 18:15 in Tokyo
  EXPECT_EQ(One("obligation = 'quarterly_report'").period, "FY2026-Q3");
  // per: person → one per active holder of the (implicit) owner role, in the person's unit.
  std::vector<Occurrence> personal = Occurrences("obligation = 'personal_backup'");
  EXPECT_EQ(personal.size(), 7u);  // the administrator and the six people of the fixture
  Occurrence mine = One("obligation = 'personal_backup' AND scope_id = ?", {staff_.person_id});
  EXPECT_EQ(mine.scope_kind, "person");
  EXPECT_EQ(mine.unit_id, sec_a_);
  // every: once, raised by no trigger → once, 30 days after the profile was taken.
  Occurrence once = One("obligation = 'setup_plan'");
  EXPECT_EQ(once.period, "once");
  EXPECT_EQ(once.due_at, "2026-12-24T14:59:59.999Z");
  // every: once raised by triggers only → never scheduled.
  EXPECT_TRUE(Occurrences("obligation = 'media_check'").empty());
  EXPECT_TRUE(Occurrences("obligation = 'discrepancy_report'").empty());
}

TEST_F(ScheduleTest, IsIdempotentAndEveryOccurrenceIsOnTheTrail) {
  Json first = Schedule();
  const int64_t seq = first.value("trail_seq", int64_t{0});
  const Json effects = EventEffects(seq);
  ASSERT_TRUE(effects.is_array());
  size_t on_trail = 0;
  for (const Json& e : effects) on_trail += e.value("t", "") == "obligation_occurrences";
  EXPECT_EQ(on_trail, first["occurrence_ids"].size());
  const size_t before = Occurrences().size();
  Json second = Schedule();
  EXPECT_EQ(second.value("created", -1), 0) << second.dump();
  EXPECT_EQ(Occurrences().size(), before);
  // Nothing to plan: the dry run the scheduler uses agrees.
  auto plan =
      engine().Read([&](Conn& c) { return PlanSchedule(c, engine().catalog(), engine().profiles(), clock_.Now()); });
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->empty());
}

TEST_F(ScheduleTest, BackfillsPastPeriodsFromAGivenDate) {
  Schedule(Json{{"from", "2026-09-01"}});
  Occurrence sept = One("obligation = 'monthly_count' AND period = '2026-09' AND scope_id = ?", {sec_a_});
  EXPECT_EQ(sept.due_at, "2026-09-30T14:59:59.999Z");
  EXPECT_EQ(Occurrences("obligation = 'monthly_count' AND scope_id = ?", {sec_a_}).size(), 3u);  // 09, 10, 11
  EXPECT_EQ(Occurrences("obligation = 'yearly_review'").size(), 2u);                             // still FY2026 only
  One("obligation = 'quarterly_report' AND period = 'FY2026-Q2'");
  One("obligation = 'weekly_check' AND period = '2026-W36'");  // 1 September 2026 was a Tuesday
  // A missed working day is not made up: workday duties are not back-filled.
  EXPECT_EQ(One("obligation = 'daily_log'").period, "2026-11-24");
  // Past periods are overdue at once.
  auto page = engine().Read([&](Conn& c) {
    DutyContext ctx{&engine().catalog(), &engine().profiles()};
    DutyFilter f;
    f.status = "overdue";
    f.profile = "obl-test";
    f.limit = 500;
    return ListDuties(c, ctx, f, clock_.Now());
  });
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_FALSE(page->duties.empty());
  for (const Duty& d : page->duties) EXPECT_EQ(d.status, DutyStatus::kOverdue) << d.occ.period;
}

TEST_F(ScheduleTest, RefusesABackfillTooFarOrInTheFutureAndOthersThanManagers) {
  const int64_t size = TrailSize();
  auto far = Exec(sys_, "obligation.schedule", Json{{"from", "2025-01-01"}});
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.status().rule(), "obligation.from_range");
  auto future = Exec(sys_, "obligation.schedule", Json{{"from", "2026-12-01"}});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().rule(), "obligation.from_range");
  auto bad = Exec(sys_, "obligation.schedule", Json{{"from", "1 September"}});
  EXPECT_EQ(bad.status().kind(), ErrorKind::kInvalidArgument);
  auto chief = Exec(chief_, "obligation.schedule", Json::object());
  ASSERT_FALSE(chief.ok());
  EXPECT_EQ(chief.status().rule(), "authz.denied");
  EXPECT_FALSE(chief.status().clause().empty());  // the clause of obligation.manage
  EXPECT_EQ(TrailSize(), size) << "a refused command writes nothing";
  EXPECT_TRUE(Occurrences("source = 'schedule'").empty());
  auto manager = Exec(manager_, "obligation.schedule", Json::object());
  EXPECT_TRUE(manager.ok()) << manager.status().ToString();
}

TEST_F(ScheduleTest, TriggersRaiseDutiesInTheSameEvent) {
  // The fixture's designations raised a briefing each (designation.created → briefing, 7 days).
  std::vector<Occurrence> briefings = Occurrences("obligation = 'briefing' AND scope_id = ?", {officer_.person_id});
  ASSERT_EQ(briefings.size(), 2u);  // t_officer and unit_ia_officer
  const Occurrence& b = briefings[0];
  EXPECT_EQ(b.source, "trigger");
  EXPECT_EQ(b.trigger_event, "designation.created");
  EXPECT_EQ(b.scope_kind, "person");
  EXPECT_EQ(b.unit_id, sec_a_);
  EXPECT_EQ(b.clause, "T 3");
  EXPECT_EQ(b.period, "event:" + std::to_string(b.raised_by_seq));
  EXPECT_EQ(b.subject.rfind("designations/", 0), 0u) << b.subject;
  EXPECT_EQ(b.due_at, "2026-12-01T14:59:59.999Z");  // 24 November + 7 days, end of day in Tokyo
  bool in_event = false;
  for (const Json& e : EventEffects(b.raised_by_seq)) in_event |= e.value("t", "") == "obligation_occurrences";
  EXPECT_TRUE(in_event) << "the duty is written in the designation's own trail event";

  // A medium received from outside raises its check, in the unit that received it.
  Json r = Run(officer_, "item.receive",
               Json{{"control_no", "M-R01"},
                    {"type", "DVD-R"},
                    {"storage", "保管庫"},
                    {"unit_id", sec_a_},
                    {"received_from", "他組織"}});
  Occurrence check = One("obligation = 'media_check'");
  EXPECT_EQ(check.trigger_event, "item.received");
  EXPECT_EQ(check.subject, "items/M-R01");
  EXPECT_EQ(check.scope_kind, "unit");
  EXPECT_EQ(check.unit_id, sec_a_);
  EXPECT_EQ(check.raised_by_seq, r.value("trail_seq", int64_t{0}));
  EXPECT_EQ(check.due_at, "2026-11-25T14:59:59.999Z");
}

TEST_F(ScheduleTest, EscalatesAlongTheChainOneStepPerOverduePeriod) {
  Schedule();
  Occurrence m = One("obligation = 'monthly_count' AND scope_id = ?", {sec_a_});
  EXPECT_EQ(Owners(m), std::vector<int64_t>{officer_.person_id});
  // Not yet due: nothing moves.
  Json none = Run(sys_, "obligation.escalate", Json::object());
  EXPECT_EQ(none.value("escalated", -1), 0);

  clock_.Set(ParseTimestamp("2026-12-01T10:00:00+09:00").value());
  Run(sys_, "obligation.escalate", Json::object());
  m = One("id = ?", {m.id});
  EXPECT_EQ(m.escalation_level, 1);
  EXPECT_EQ(m.escalated_to, "t_chief");  // escalate_to
  EXPECT_FALSE(m.escalated_at.empty());
  std::vector<int64_t> both{officer_.person_id, chief_.person_id};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(Owners(m), both);
  // An owner-less escalate_to: weekly_check (owner t_chief) goes to the next role of the chain.
  EXPECT_EQ(One("obligation = 'weekly_check'").escalated_to, "t_head");

  // Again at once: one step per overdue period, so nothing moves for seven days.
  Run(sys_, "obligation.escalate", Json::object());
  EXPECT_EQ(One("id = ?", {m.id}).escalation_level, 1);
  clock_.Advance(7 * kDay);
  Run(sys_, "obligation.escalate", Json::object());
  m = One("id = ?", {m.id});
  EXPECT_EQ(m.escalation_level, 2);
  EXPECT_EQ(m.escalated_to, "t_head");  // t_officer → t_chief → t_head
  std::vector<int64_t> with_head{officer_.person_id, head_.person_id};
  std::sort(with_head.begin(), with_head.end());
  EXPECT_EQ(Owners(m), with_head);
  // The end of the chain.
  clock_.Advance(8 * kDay);
  Run(sys_, "obligation.escalate", Json::object());
  EXPECT_EQ(One("id = ?", {m.id}).escalation_level, 2);
  // Only the system actor escalates.
  auto denied = Exec(manager_, "obligation.escalate", Json::object());
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().rule(), "authz.system_only");
}

TEST_F(ScheduleTest, NextInChainPrefersTheChainOfTheOwner) {
  Profile p;
  p.chains.push_back(ReportingChain{"a", "T 1", "", "", {"x", "y"}});
  p.chains.push_back(ReportingChain{"b", "T 1", "", "", {"owner", "x", "z"}});
  EXPECT_EQ(NextInChain(p, "owner", "x"), "z");  // the chain holding the owner before x
  EXPECT_EQ(NextInChain(p, "other", "x"), "y");  // else the first chain with a next step
  EXPECT_EQ(NextInChain(p, "owner", "z"), "");   // the end
  EXPECT_EQ(NextInChain(p, "owner", "owner"), "x");
}

TEST_F(ScheduleTest, OwnersOfOrgWideDutiesAreEveryHolderOfTheRole) {
  Schedule();
  Occurrence week = One("obligation = 'weekly_check'");
  EXPECT_EQ(Owners(week), std::vector<int64_t>{chief_.person_id});
  // A second chief designated in a section owns the organization's duty too.
  Actor second = NewPerson(sec_b_, "副統括", "chief2");
  Designate(second, "t_chief", sec_b_);
  std::vector<int64_t> both{chief_.person_id, second.person_id};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(Owners(week), both);
  // A unit's duty belongs to the holders for that unit (or above it) only.
  EXPECT_EQ(Owners(One("obligation = 'yearly_review' AND scope_id = ?", {sec_b_})),
            std::vector<int64_t>{other_.person_id});
  // A person's duty to that person.
  EXPECT_EQ(Owners(One("obligation = 'personal_backup' AND scope_id = ?", {staff_.person_id})),
            std::vector<int64_t>{staff_.person_id});
  auto missing = engine().Read([&](Conn& c) { return OccurrenceOwners(c, engine().catalog(), 999999, clock_.Now()); });
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace mamori::calendar_test
