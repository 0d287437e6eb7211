#include "obligation/occurrence.h"

namespace mamori {
namespace {

Value IdOrNull(int64_t v) { return v ? Value(v) : NullValue(); }

}  // namespace

std::string Occurrence::Key() const {
  return profile + '\x1f' + obligation + '\x1f' + period + '\x1f' + scope_kind + '\x1f' + std::to_string(scope_id);
}

Record ToRecord(const Occurrence& o) {
  return Record{{"id", o.id},
                {"profile", o.profile},
                {"obligation", o.obligation},
                {"clause", o.clause},
                {"period", o.period},
                {"scope_kind", o.scope_kind},
                {"scope_id", o.scope_id},
                {"unit_id", o.unit_id},
                {"owner_role", o.owner_role},
                {"escalate_to", TextOrNull(o.escalate_to)},
                {"due_at", o.due_at},
                {"remind_from", o.remind_from},
                {"source", o.source},
                {"trigger_event", TextOrNull(o.trigger_event)},
                {"raised_by_seq", IdOrNull(o.raised_by_seq)},
                {"subject", TextOrNull(o.subject)},
                {"state", o.state},
                {"escalation_level", o.escalation_level},
                {"escalated_to", TextOrNull(o.escalated_to)},
                {"escalated_at", TextOrNull(o.escalated_at)},
                {"done_at", TextOrNull(o.done_at)},
                {"done_by_person_id", IdOrNull(o.done_by_person_id)},
                {"done_by_command", TextOrNull(o.done_by_command)},
                {"evidence_kind", TextOrNull(o.evidence_kind)},
                {"evidence_ref", TextOrNull(o.evidence_ref)},
                {"evidence_note", TextOrNull(o.evidence_note)},
                {"created_at", o.created_at}};
}

Occurrence OccurrenceFromRow(const Row& r) {
  Occurrence o;
  for (size_t i = 0; i < r.size(); ++i) {
    const std::string& c = r.name(i);
    if (c == "id")
      o.id = r.Int(i);
    else if (c == "profile")
      o.profile = r.Str(i);
    else if (c == "obligation")
      o.obligation = r.Str(i);
    else if (c == "clause")
      o.clause = r.Str(i);
    else if (c == "period")
      o.period = r.Str(i);
    else if (c == "scope_kind")
      o.scope_kind = r.Str(i);
    else if (c == "scope_id")
      o.scope_id = r.Int(i);
    else if (c == "unit_id")
      o.unit_id = r.Int(i);
    else if (c == "owner_role")
      o.owner_role = r.Str(i);
    else if (c == "escalate_to")
      o.escalate_to = r.Str(i);
    else if (c == "due_at")
      o.due_at = r.Str(i);
    else if (c == "remind_from")
      o.remind_from = r.Str(i);
    else if (c == "source")
      o.source = r.Str(i);
    else if (c == "trigger_event")
      o.trigger_event = r.Str(i);
    else if (c == "raised_by_seq")
      o.raised_by_seq = r.Int(i);
    else if (c == "subject")
      o.subject = r.Str(i);
    else if (c == "state")
      o.state = r.Str(i);
    else if (c == "escalation_level")
      o.escalation_level = r.Int(i);
    else if (c == "escalated_to")
      o.escalated_to = r.Str(i);
    else if (c == "escalated_at")
      o.escalated_at = r.Str(i);
    else if (c == "done_at")
      o.done_at = r.Str(i);
    else if (c == "done_by_person_id")
      o.done_by_person_id = r.Int(i);
    else if (c == "done_by_command")
      o.done_by_command = r.Str(i);
    else if (c == "evidence_kind")
      o.evidence_kind = r.Str(i);
    else if (c == "evidence_ref")
      o.evidence_ref = r.Str(i);
    else if (c == "evidence_note")
      o.evidence_note = r.Str(i);
    else if (c == "created_at")
      o.created_at = r.Str(i);
  }
  return o;
}

Result<std::vector<Occurrence>> LoadOccurrences(Conn& conn, std::string_view where, const Params& params,
                                                std::string_view order) {
  std::string sql = "SELECT * FROM obligation_occurrences";
  if (!where.empty()) sql += " WHERE " + std::string(where);
  sql += " ORDER BY " + std::string(order);
  std::vector<Occurrence> out;
  RETURN_IF_ERROR(conn.ForEach(sql, params, [&](const Row& r) {
    out.push_back(OccurrenceFromRow(r));
    return true;
  }));
  return out;
}

Result<bool> OccurrenceExists(Conn& conn, const Occurrence& o) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT 1 FROM obligation_occurrences WHERE profile = ? AND obligation = ? AND "
                                      "period = ? AND scope_kind = ? AND scope_id = ?",
                                      {o.profile, o.obligation, o.period, o.scope_kind, o.scope_id}));
  return !r.empty();
}

Result<bool> OpenOccurrenceExists(Conn& conn, const Occurrence& o) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT 1 FROM obligation_occurrences WHERE profile = ? AND obligation = ? AND "
                                      "scope_kind = ? AND scope_id = ? AND state = 'open' LIMIT 1",
                                      {o.profile, o.obligation, o.scope_kind, o.scope_id}));
  return !r.empty();
}

Result<OrgCalendar> LoadOrgCalendar(Conn& conn) {
  ASSIGN_OR_RETURN(Rows org, conn.Query("SELECT timezone, workday_end, profile, created_at FROM org WHERE id = 1"));
  if (org.empty())
    return Status::Error(ErrorKind::kNotFound, "org.missing", "", "組織が初期化されていません（mamori init）。",
                         "The organization is not set up (run mamori init).");
  OrgCalendar cal;
  ASSIGN_OR_RETURN(cal.tz, TimeZone::FromName(org.rows[0].Str(0)));
  cal.workday_end = org.rows[0].Str(1);
  cal.taken_at[org.rows[0].Str(2)] = org.rows[0].Str(3);  // databases from before org_profiles
  RETURN_IF_ERROR(conn.ForEach("SELECT profile, taken_at FROM org_profiles ORDER BY id", {}, [&](const Row& r) {
    cal.taken_at[r.Str(0)] = r.Str(1);
    return true;
  }));
  ASSIGN_OR_RETURN(Rows root, conn.Query("SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1"));
  if (!root.empty()) cal.root_unit = root.rows[0].Int(0);
  return cal;
}

const Profile* FindProfile(const Profiles& profiles, std::string_view name) {
  for (const auto& p : profiles)
    if (p->name == name) return p.get();
  return nullptr;
}

const ObligationDef* FindObligation(const Profile& profile, std::string_view code) {
  for (const ObligationDef& o : profile.obligations)
    if (o.code == code) return &o;
  return nullptr;
}

const ObligationDef* FindObligation(const Profiles& profiles, std::string_view profile, std::string_view code) {
  const Profile* p = FindProfile(profiles, profile);
  return p ? FindObligation(*p, code) : nullptr;
}

bool RaisedByTrigger(const Profile& profile, std::string_view obligation) {
  for (const TriggerDef& t : profile.triggers)
    for (const RaiseDef& r : t.raises)
      if (r.obligation == obligation) return true;
  return false;
}

MonthDay FiscalStartOf(const Profile& profile) {
  auto md = ParseMonthDay(profile.fiscal_year_start);
  return md.ok() ? *md : MonthDay{};
}

}  // namespace mamori
