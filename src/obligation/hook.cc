// The command hook of the calendar: inside every command's transaction, after it succeeded, complete the
// open occurrences its command completes (`completed_by`) and raise the duties its events trigger.
// Both writes join the command's own trail event.

#include <algorithm>
#include <set>

#include "identity/catalog.h"
#include "obligation/events.h"
#include "obligation/obligation.h"

namespace mamori {
namespace {

bool Completes(const ObligationDef& o, const std::string& command) {
  for (const std::string& c : o.completed_by)
    if (c == command) return true;
  return false;
}

bool KnownSubject(const std::string& subject) {
  for (const char* prefix : {"items/", "reconciliations/", "persons/", "designations/"})
    if (subject.rfind(prefix, 0) == 0) return true;
  return false;
}

// Whether the command's writes complete `o`: a duty about one record (raised by a trigger) when the
// command wrote that record; any other duty when its scope holds a unit or person the command wrote.
// `scopes` are the touched units with their ancestors.
bool Covers(const Occurrence& o, const Touched& touched, const std::set<int64_t>& scopes) {
  if (KnownSubject(o.subject)) return touched.subjects.count(o.subject) > 0;
  if (o.scope_kind == "org") return true;
  if (o.scope_kind == "person") return touched.persons.count(o.scope_id) > 0;
  return scopes.count(o.unit_id) > 0;
}

Result<std::set<int64_t>> WithAncestors(Conn& conn, const std::set<int64_t>& units) {
  std::set<int64_t> out;
  for (int64_t unit : units) {
    ASSIGN_OR_RETURN(std::vector<int64_t> up, UnitAndAncestors(conn, unit));
    out.insert(up.begin(), up.end());
  }
  return out;
}

// A command whose input names what it is about completes only the duties of that thing: a training
// `program` (training.record) the duty of that code and those the program `also_completes`, an agreement `kind` (agreement.record) the duty of that
// code, a `roster` (roster.*) the duties of that roster ("handler" → handler_roster_…).
bool ProgramMatches(const Profile& p, const ObligationDef& o, const std::string& command, const Json& input) {
  if (!input.is_object()) return true;
  auto text = [&](const char* k) { return input.contains(k) && input[k].is_string() ? input[k].get<std::string>() : ""; };
  if (!text("program").empty()) {
    if (text("program") == o.code) return true;
    for (const TrainingProgramDef& t : p.training_programs)
      if (t.code == text("program"))
        return std::find(t.also_completes.begin(), t.also_completes.end(), o.code) != t.also_completes.end();
    return false;
  }
  if (command.rfind("roster.", 0) == 0) return o.code.rfind(text("roster") + "_roster", 0) == 0;
  if (command == "agreement.record") return text("kind") == o.code;
  return true;
}

Status CompleteBy(Tx& tx, const Profiles& profiles, const std::string& command, const Json& input,
                  const Json& effects, int64_t seq) {
  std::optional<Touched> touched;
  std::set<int64_t> scopes;
  for (const auto& p : profiles)
    for (const ObligationDef& def : p->obligations) {
      if (!Completes(def, command) || !ProgramMatches(*p, def, command, input)) continue;
      if (!touched) {
        ASSIGN_OR_RETURN(touched, TouchedBy(tx.conn(), effects));
        ASSIGN_OR_RETURN(scopes, WithAncestors(tx.conn(), touched->units));
      }
      ASSIGN_OR_RETURN(
          std::vector<Occurrence> open,
          LoadOccurrences(tx.conn(), "profile = ? AND obligation = ? AND state = 'open'", {p->name, def.code}));
      for (Occurrence& o : open) {
        if (!Covers(o, *touched, scopes)) continue;
        o.state = "done";
        o.done_at = tx.now_text();
        o.done_by_person_id = tx.actor().person_id;
        o.done_by_command = command;
        o.evidence_kind = "record";
        o.evidence_ref = "trail:" + std::to_string(seq);
        RETURN_IF_ERROR(tx.Put("obligation_occurrences", ToRecord(o)));
      }
    }
  return Status::Ok();
}

// The occurrence a trigger raises for one event.
Occurrence Raised(const Profile& p, const TriggerDef& t, const ObligationDef& def, const RaiseDef& r,
                  const DomainEvent& e, const OrgCalendar& cal, Micros now, int64_t seq) {
  Occurrence o;
  o.profile = p.name;
  o.obligation = def.code;
  o.clause = t.clause.empty() ? def.clause : t.clause;
  o.period = "event:" + std::to_string(seq);
  const int64_t unit = e.unit_id ? e.unit_id : cal.root_unit;
  if (def.per == "unit") {
    o.scope_kind = "unit", o.scope_id = unit, o.unit_id = unit;
  } else if (def.per == "person" && e.person_id) {
    o.scope_kind = "person", o.scope_id = e.person_id, o.unit_id = unit;
  } else if (def.per == "person") {  // an event without a person (a system actor's act): the unit
    o.scope_kind = "unit", o.scope_id = unit, o.unit_id = unit;
  } else {
    o.scope_kind = "org", o.scope_id = 0, o.unit_id = cal.root_unit;
  }
  o.owner_role = def.owner;
  o.escalate_to = def.escalate_to;
  const Micros due = EndOfDay(AddDays(DayOf(now, cal.tz), r.due_days), cal.tz);
  o.due_at = FormatUtc(due);
  o.remind_from = FormatUtc(due - def.remind_before_days * kDay);
  o.source = "trigger";
  o.trigger_event = e.name;
  o.raised_by_seq = seq;
  o.subject = e.subject;
  o.created_at = FormatUtc(now);
  return o;
}

// Whether a trigger limited to `roles` fires for `e`: a designation event of one of the roles, or a
// person event (left, transferred, …) of someone who held one of them in force until this command
// (a designation the same command revoked still counts).
Result<bool> RolesMatch(Tx& tx, const TriggerDef& t, const DomainEvent& e) {
  if (t.roles.empty()) return true;
  if (e.name.rfind("person.", 0) != 0) return std::find(t.roles.begin(), t.roles.end(), e.role) != t.roles.end();
  if (e.person_id == 0) return false;
  const std::string now = FormatUtc(tx.now());
  std::string in;
  Params params{e.person_id, now, now, now};
  for (const std::string& r : t.roles) {
    in += in.empty() ? "?" : ", ?";
    params.push_back(r);
  }
  ASSIGN_OR_RETURN(Rows held, tx.conn().Query(
      "SELECT 1 FROM designations WHERE person_id = ? AND valid_from <= ? AND (valid_until IS NULL OR valid_until > ?) "
      "AND (revoked_at IS NULL OR revoked_at >= ?) AND role_code IN (" + in + ") LIMIT 1", params));
  return !held.empty();
}

Status RaiseFor(Tx& tx, const Profiles& profiles, const std::vector<DomainEvent>& events, int64_t seq) {
  std::optional<OrgCalendar> cal;
  std::set<std::string> raised;
  for (const DomainEvent& e : events)
    for (const auto& p : profiles)
      for (const TriggerDef& t : p->triggers) {
        if (t.on != e.name) continue;
        ASSIGN_OR_RETURN(bool fires, RolesMatch(tx, t, e));
        if (!fires) continue;
        if (!cal) {
          Result<OrgCalendar> loaded = LoadOrgCalendar(tx.conn());
          if (!loaded.ok()) return loaded.status().rule() == "org.missing" ? Status::Ok() : loaded.status();
          cal = std::move(loaded).value();
        }
        if (cal->root_unit == 0) return Status::Ok();
        for (const RaiseDef& r : t.raises) {
          const ObligationDef* def = FindObligation(*p, r.obligation);
          if (!def) continue;
          Occurrence o = Raised(*p, t, *def, r, e, *cal, tx.now(), seq);
          if (!raised.insert(o.Key()).second) continue;  // raised by another trigger of the same event
          ASSIGN_OR_RETURN(bool exists, OccurrenceExists(tx.conn(), o));
          if (exists) continue;
          if (r.coalesce) {  // an open one of the same duty and scope covers this event too
            ASSIGN_OR_RETURN(bool open, OpenOccurrenceExists(tx.conn(), o));
            if (open) continue;
          }
          ASSIGN_OR_RETURN(o.id, tx.NextId("obligation_occurrences"));
          RETURN_IF_ERROR(tx.Put("obligation_occurrences", ToRecord(o)));
        }
      }
  return Status::Ok();
}

bool AnyTrigger(const Profiles& profiles, const std::vector<DomainEvent>& events) {
  for (const DomainEvent& e : events)
    for (const auto& p : profiles)
      for (const TriggerDef& t : p->triggers)
        if (t.on == e.name) return true;
  return false;
}

}  // namespace

// Added to the engine by RegisterObligationCommands.
Status ObligationHook(Engine& engine, Tx& tx, const std::string& command, const Json& input, const Json& effects) {
  if (command.rfind("obligation.", 0) == 0) return Status::Ok();
  const Profiles& profiles = engine.profiles();
  const int64_t seq = engine.HookEventSeq();
  RETURN_IF_ERROR(CompleteBy(tx, profiles, command, input, effects, seq));
  ASSIGN_OR_RETURN(std::vector<DomainEvent> events, EventsOf(tx.conn(), tx.actor(), command, input, effects));
  if (events.empty() || !AnyTrigger(profiles, events)) return Status::Ok();
  return RaiseFor(tx, profiles, events, seq);
}

}  // namespace mamori
