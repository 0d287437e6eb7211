// obligation.escalate: overdue duties move up their reporting chain, one step at a time.

#include "obligation/obligation.h"

namespace mamori {
namespace {

int IndexOf(const std::vector<std::string>& steps, const std::string& role) {
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i] == role) return static_cast<int>(i);
  return -1;
}

// The role an overdue occurrence goes to next, "" when it is at the end of its chain.
std::string NextStep(const Profile* profile, const Occurrence& o) {
  if (o.escalation_level == 0 && !o.escalate_to.empty()) return o.escalate_to;
  if (!profile) return "";
  const std::string& current = o.escalation_level == 0 ? o.owner_role : o.escalated_to;
  return NextInChain(*profile, o.owner_role, current);
}

bool DueForStep(const Occurrence& o, Micros now) {
  if (o.escalation_level == 0) return true;
  auto at = ParseTimestamp(o.escalated_at);
  return !at.ok() || now - *at >= kReescalateAfter;
}

}  // namespace

std::string NextInChain(const Profile& profile, const std::string& owner, const std::string& current) {
  std::string fallback;
  for (const ReportingChain& c : profile.chains) {
    const int i = IndexOf(c.steps, current);
    if (i < 0 || i + 1 >= static_cast<int>(c.steps.size())) continue;
    const std::string& next = c.steps[static_cast<size_t>(i) + 1];
    if (next == owner) continue;  // never back to the owner
    const int o = IndexOf(c.steps, owner);
    if (o >= 0 && o <= i) return next;
    if (fallback.empty()) fallback = next;
  }
  return fallback;
}

Result<std::vector<Occurrence>> PlanEscalations(Conn& conn, const Profiles& profiles, Micros now) {
  const std::string now_text = FormatUtc(now);
  ASSIGN_OR_RETURN(std::vector<Occurrence> overdue,
                   LoadOccurrences(conn, "state = 'open' AND due_at < ?", {now_text}, "due_at, id"));
  std::vector<Occurrence> out;
  for (Occurrence& o : overdue) {
    if (!DueForStep(o, now)) continue;
    const std::string next = NextStep(FindProfile(profiles, o.profile), o);
    if (next.empty() || next == o.escalated_to) continue;
    o.escalation_level += 1;
    o.escalated_to = next;
    o.escalated_at = now_text;
    out.push_back(std::move(o));
  }
  return out;
}

Status ObligationEscalate(Tx& tx, const Json&, const Profiles& profiles) {
  RETURN_IF_ERROR(tx.AuthorizeSystem());
  ASSIGN_OR_RETURN(std::vector<Occurrence> plan, PlanEscalations(tx.conn(), profiles, tx.now()));
  Json ids = Json::array();
  for (const Occurrence& o : plan) {
    RETURN_IF_ERROR(tx.Put("obligation_occurrences", ToRecord(o)));
    ids.push_back(o.id);
  }
  tx.SetEntity("obligations");
  tx.output() = Json{{"escalated", ids.size()}, {"occurrence_ids", ids}};
  return Status::Ok();
}

}  // namespace mamori
