// obligation.schedule: the occurrences of recurring duties, one per period and scope.

#include <set>

#include "engine/input.h"
#include "obligation/obligation.h"
#include "obligation/owners.h"

namespace mamori {
namespace {

struct Scope {
  std::string kind;
  int64_t id = 0, unit = 0;
};

// One occurrence per what `per` names (docs/architecture.md, "The obligation calendar").
std::vector<Scope> ScopesFor(const ObligationDef& o, const OwnerIndex& ix, int64_t root) {
  std::vector<Scope> out;
  if (o.per == "unit") {
    std::vector<int64_t> units = ix.UnitsWithHolder(o.owner);
    if (units.empty()) units = ix.Units();
    for (int64_t u : units) out.push_back(Scope{"unit", u, u});
  } else if (o.per == "person") {
    for (int64_t p : ix.Holders(o.owner, root, true)) out.push_back(Scope{"person", p, ix.UnitOfHolder(p, o.owner)});
    if (out.empty()) out.push_back(Scope{"org", 0, root});
  } else {  // org; system and facility: no register of them yet, so one per organization
    out.push_back(Scope{"org", 0, root});
  }
  return out;
}

// The periods of `every` from the one containing `from` to the one containing `today`.
Result<std::vector<Period>> PeriodsBetween(const std::string& every, LocalDay from, LocalDay today, MonthDay fy) {
  std::vector<Period> out;
  for (LocalDay d = from; d <= today;) {
    ASSIGN_OR_RETURN(Period p, PeriodContaining(every, d, fy));
    if (every != "workday" || IsWorkday(d)) out.push_back(p);
    d = AddDays(p.last, 1);
  }
  return out;
}

Occurrence Make(const Profile& p, const ObligationDef& o, const std::string& period, Micros due, const Scope& s,
                const std::string& now) {
  Occurrence occ;
  occ.profile = p.name;
  occ.obligation = o.code;
  occ.clause = o.clause;
  occ.period = period;
  occ.scope_kind = s.kind;
  occ.scope_id = s.id;
  occ.unit_id = s.unit;
  occ.owner_role = o.owner;
  occ.escalate_to = o.escalate_to;
  occ.due_at = FormatUtc(due);
  occ.remind_from = FormatUtc(due - o.remind_before_days * kDay);
  occ.source = "schedule";
  occ.created_at = now;
  return occ;
}

struct Candidate {
  std::string period;
  Micros due;
};

Result<std::vector<Candidate>> CandidatesFor(const Profile& p, const ObligationDef& o, const OrgCalendar& cal,
                                             LocalDay today, LocalDay from) {
  std::vector<Candidate> out;
  if (o.every == "once") {
    if (RaisedByTrigger(p, o.code)) return out;  // raised by events only
    auto taken = cal.taken_at.find(p.name);
    if (taken == cal.taken_at.end()) return out;
    ASSIGN_OR_RETURN(Micros at, ParseTimestamp(taken->second));
    out.push_back(Candidate{"once", EndOfDay(AddDays(DayOf(at, cal.tz), kOnceDueDays), cal.tz)});
    return out;
  }
  // A working day's duty missed is not made up later: back-filling leaves workday duties at today's.
  if (o.every == "workday") from = today;
  ASSIGN_OR_RETURN(std::vector<Period> periods, PeriodsBetween(o.every, from, today, FiscalStartOf(p)));
  for (const Period& period : periods)
    out.push_back(Candidate{period.key, DueAt(o.every, period, cal.tz, cal.workday_end)});
  return out;
}

Status FromOutOfRange(const std::string& from) {
  return Status::Error(
      ErrorKind::kInvalidArgument, "obligation.from_range", "",
      "遡って計画できるのは今日から" + std::to_string(kMaxBackfillDays) + "日前までです: " + from,
      "Scheduling can go back at most " + std::to_string(kMaxBackfillDays) + " days, and not into the future: " + from,
      "from");
}

}  // namespace

Result<std::vector<Occurrence>> PlanSchedule(Conn& conn, const Catalog& catalog, const Profiles& profiles, Micros now,
                                             std::optional<LocalDay> from) {
  ASSIGN_OR_RETURN(OrgCalendar cal, LoadOrgCalendar(conn));
  std::vector<Occurrence> out;
  if (cal.root_unit == 0) return out;  // no unit to attach duties to yet
  const std::string now_text = FormatUtc(now);
  const LocalDay today = DayOf(now, cal.tz);
  const LocalDay start = from.value_or(today);
  if (start > today || DayNumber(today) - DayNumber(start) > kMaxBackfillDays) return FromOutOfRange(FormatDay(start));
  ASSIGN_OR_RETURN(OwnerIndex ix, OwnerIndex::Load(conn, catalog, now_text));
  std::set<std::string> planned;
  for (const auto& p : profiles) {
    for (const ObligationDef& o : p->obligations) {
      ASSIGN_OR_RETURN(std::vector<Candidate> candidates, CandidatesFor(*p, o, cal, today, start));
      if (candidates.empty()) continue;
      const std::vector<Scope> scopes = ScopesFor(o, ix, cal.root_unit);
      for (const Candidate& c : candidates)
        for (const Scope& s : scopes) {
          Occurrence occ = Make(*p, o, c.period, c.due, s, now_text);
          if (!planned.insert(occ.Key()).second) continue;
          ASSIGN_OR_RETURN(bool exists, OccurrenceExists(conn, occ));
          if (!exists) out.push_back(std::move(occ));
        }
    }
  }
  return out;
}

Status ObligationSchedule(Tx& tx, const Json& j, const Profiles& profiles) {
  Input in(j);
  ASSIGN_OR_RETURN(std::string from_text,
                   in.OptText(Field{"from", "", "遡る開始日（YYYY-MM-DD）", "back-fill from (YYYY-MM-DD)"}));
  ASSIGN_OR_RETURN(OrgCalendar cal, LoadOrgCalendar(tx.conn()));
  if (tx.actor().system) {
    RETURN_IF_ERROR(tx.AuthorizeSystem());
  } else {
    RETURN_IF_ERROR(tx.Authorize("obligation.manage", cal.root_unit));
  }
  std::optional<LocalDay> from;
  if (!from_text.empty()) {
    auto day = ParseDay(from_text.substr(0, 10));
    if (!day.ok()) return Malformed(Field{"from", "", "遡る開始日", "back-fill date"}, "YYYY-MM-DD", "YYYY-MM-DD");
    from = *day;
  }
  ASSIGN_OR_RETURN(std::vector<Occurrence> plan, PlanSchedule(tx.conn(), tx.catalog(), profiles, tx.now(), from));
  Json ids = Json::array();
  for (Occurrence& occ : plan) {
    ASSIGN_OR_RETURN(occ.id, tx.NextId("obligation_occurrences"));
    RETURN_IF_ERROR(tx.Put("obligation_occurrences", ToRecord(occ)));
    ids.push_back(occ.id);
  }
  tx.SetEntity("obligations");
  tx.output() = Json{{"created", ids.size()}, {"occurrence_ids", ids}};
  return Status::Ok();
}

}  // namespace mamori
