// Reads of the training records: the sessions of a fiscal year (the form's rows) and each person's
// training status. Pure reads on one connection.

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>

#include "base/time.h"
#include "identity/catalog.h"
#include "obligation/periods.h"
#include "training/training.h"

namespace mamori {
namespace {

MonthDay FiscalStart(const TrainingProfiles& profiles) {
  if (profiles.empty()) return MonthDay{};
  auto md = ParseMonthDay(profiles.front()->fiscal_year_start);
  return md.ok() ? *md : MonthDay{};
}

std::string DayText(int year, MonthDay md) {
  // A 02-29 start is the 28th in other years (as the obligation calendar does).
  LocalDay d{year, md.month, md.day};
  if (md.month == 2 && md.day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) d.day = 28;
  return FormatDay(d);
}

// The unit's name as printed under 局・課 (the unit names of the 000 organization already name their bureau,
// e.g. "整備計画局サイバー整備課").
Result<std::string> UnitName(Conn& conn, int64_t unit_id, std::map<int64_t, std::string>& cache) {
  if (auto it = cache.find(unit_id); it != cache.end()) return it->second;
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT name_ja FROM org_units WHERE id = ?", {unit_id}));
  return cache[unit_id] = r.empty() ? std::string() : r.rows[0].Str(0);
}

std::vector<std::string> ParseKeys(const std::string& text) {
  std::vector<std::string> out;
  Json j = Json::parse(text, nullptr, false);
  if (j.is_array())
    for (const Json& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

bool Visible(const std::optional<std::vector<int64_t>>& units, int64_t unit) {
  return !units || std::find(units->begin(), units->end(), unit) != units->end();
}

constexpr const char* kSessionColumns =
    "SELECT id, profile, program, clause, held_on, trainer, method, unit_id, room_group, content, "
    "contents_covered, audience, attendee_count, note, created_at FROM training_sessions ";

TrainingSessionView SessionFromRow(const Row& r, const TrainingProfiles& profiles) {
  TrainingSessionView s;
  s.id = r.Int(0), s.profile = r.Str(1), s.program = r.Str(2), s.clause = r.Str(3), s.held_on = r.Str(4);
  s.trainer = r.Str(5), s.method = r.Str(6), s.unit_id = r.Int(7), s.room_group = r.Str(8), s.content = r.Str(9);
  s.contents_covered = ParseKeys(r.Str(10));
  s.audience = r.Str(11), s.attendee_count = r.Int(12), s.note = r.Str(13), s.created_at = r.Str(14);
  const FoundProgram found = FindTrainingProgram(profiles, s.program);
  s.program_name_ja = found.program ? found.program->name_ja : s.program;
  s.program_name_en = found.program ? found.program->name_en : s.program;
  return s;
}

}  // namespace

std::pair<std::string, std::string> FiscalYearDates(const TrainingProfiles& profiles, int fy) {
  const MonthDay md = FiscalStart(profiles);
  return {DayText(fy, md), DayText(fy + 1, md)};
}

int FiscalYearOfDay(const TrainingProfiles& profiles, const std::string& day) {
  auto d = ParseDay(day);
  return d.ok() ? FiscalYearOf(*d, FiscalStart(profiles)) : 0;
}

Result<std::vector<TrainingSessionView>> ListTrainingSessions(Conn& conn, const TrainingProfiles& profiles,
                                                              const SessionFilter& f) {
  const auto [first, next] = FiscalYearDates(profiles, f.fiscal_year);
  std::string sql = std::string(kSessionColumns) + "WHERE held_on >= ? AND held_on < ?";
  Params params{first, next};
  if (f.unit_id) sql += " AND unit_id = ?", params.push_back(*f.unit_id);
  sql += " ORDER BY held_on, id";
  std::vector<TrainingSessionView> out;
  std::map<int64_t, std::string> units;
  ASSIGN_OR_RETURN(Rows rows, conn.Query(sql, params));
  for (const Row& r : rows.rows) {
    TrainingSessionView s = SessionFromRow(r, profiles);
    if (!Visible(f.visible_units, s.unit_id)) continue;
    ASSIGN_OR_RETURN(s.unit_name, UnitName(conn, s.unit_id, units));
    ASSIGN_OR_RETURN(Rows a, conn.Query("SELECT person_id FROM training_attendance WHERE session_id = ? ORDER BY "
                                        "person_id", {s.id}));
    for (const Row& p : a.rows) s.attendees.push_back(p.Int(0));
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

// Role codes each person holds now (designations in force), each with the earliest valid_from.
using HeldRoles = std::map<std::string, std::string>;
Result<std::map<int64_t, HeldRoles>> RolesHeld(Conn& conn, const std::string& now) {
  std::map<int64_t, HeldRoles> out;
  RETURN_IF_ERROR(conn.ForEach("SELECT person_id, role_code, valid_from FROM designations WHERE revoked_at IS NULL "
                               "AND valid_from <= ? AND (valid_until IS NULL OR valid_until > ?)",
                               {now, now}, [&](const Row& r) {
                                 auto [it, fresh] = out[r.Int(0)].emplace(r.Str(1), r.Str(2));
                                 if (!fresh && r.Str(2) < it->second) it->second = r.Str(2);
                                 return true;
                               }));
  return out;
}

// The duties of `every: once` programs raised about a person or one of their designations: the earliest
// due_at of the open ones, and whether one was completed.
struct PersonDuties {
  std::string open_due_at;
  bool done = false;
};
using DutyKey = std::tuple<int64_t, std::string, std::string>;  // person, profile, obligation

Result<std::map<DutyKey, PersonDuties>> DutiesAboutPeople(Conn& conn) {
  std::map<int64_t, int64_t> holder;  // designation id → person
  RETURN_IF_ERROR(conn.ForEach("SELECT id, person_id FROM designations", {}, [&](const Row& r) {
    holder[r.Int(0)] = r.Int(1);
    return true;
  }));
  std::map<DutyKey, PersonDuties> out;
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT profile, obligation, subject, scope_kind, scope_id, state, due_at FROM obligation_occurrences "
      "WHERE state IN ('open', 'done') AND (subject LIKE 'persons/%' OR subject LIKE 'designations/%' OR "
      "scope_kind = 'person')",
      {}, [&](const Row& r) {
        const std::string subject = r.Str(2);
        int64_t person = r.Str(3) == "person" ? r.Int(4) : 0;
        if (subject.rfind("persons/", 0) == 0) person = std::atoll(subject.c_str() + 8);
        if (subject.rfind("designations/", 0) == 0) person = holder[std::atoll(subject.c_str() + 13)];
        if (person == 0) return true;
        PersonDuties& d = out[DutyKey{person, r.Str(0), r.Str(1)}];
        if (r.Str(5) == "done") d.done = true;
        else if (d.open_due_at.empty() || r.Str(6) < d.open_due_at) d.open_due_at = r.Str(6);
        return true;
      }));
  return out;
}

// The last session of each (person, profile, program) attended: held_on and id.
using LastKey = std::tuple<int64_t, std::string, std::string>;
Result<std::map<LastKey, std::pair<std::string, int64_t>>> LastAttended(Conn& conn) {
  std::map<LastKey, std::pair<std::string, int64_t>> out;
  RETURN_IF_ERROR(conn.ForEach(
      "SELECT a.person_id, s.profile, s.program, s.held_on, s.id FROM training_attendance a "
      "JOIN training_sessions s ON s.id = a.session_id ORDER BY s.held_on, s.id",
      {}, [&](const Row& r) {
        out[LastKey{r.Int(0), r.Str(1), r.Str(2)}] = {r.Str(3), r.Int(4)};
        return true;
      }));
  return out;
}

// Whether the person is in the program's audience, and since when by designation ("" = no designation of
// the audience's roles: everyone's program, or an implicit role).
bool InAudience(const Catalog& catalog, const TrainingProgramDef& p, const HeldRoles& held, std::string& since) {
  since.clear();
  bool in = p.audience.empty();
  for (const std::string& role : p.audience) {
    const RoleDef* r = catalog.FindRole(role);
    if (auto it = held.find(role); it != held.end()) {
      in = true;
      if (since.empty() || it->second < since) since = it->second;
    } else if (r && r->implicit_member) {
      in = true;
    }
  }
  return in;
}

}  // namespace

bool JudgedByRule(const Profile& p, const TrainingProgramDef& t) {
  for (const RuleDef& r : p.rules)
    if (r.subject == "person" && r.clause == t.clause && r.query.find("'" + t.code + "'") != std::string::npos)
      return true;
  return false;
}

Result<std::vector<PersonTrainingStatus>> TrainingStatusOf(Conn& conn, const Catalog& catalog,
                                                           const TrainingProfiles& profiles, Micros now,
                                                           const TimeZone& tz,
                                                           const std::optional<std::vector<int64_t>>& visible_units) {
  const std::string now_text = FormatUtc(now);
  ASSIGN_OR_RETURN(auto held, RolesHeld(conn, now_text));
  ASSIGN_OR_RETURN(auto last, LastAttended(conn));
  ASSIGN_OR_RETURN(auto duties, DutiesAboutPeople(conn));
  const MonthDay fiscal_start = FiscalStart(profiles);
  const int fy = FiscalYearOf(DayOf(now, tz), fiscal_start);
  const std::string fy_first = FiscalYearDates(profiles, fy).first;
  std::vector<PersonTrainingStatus> out;
  std::map<int64_t, std::string> units;
  ASSIGN_OR_RETURN(Rows people, conn.Query("SELECT id, family_name, given_name, unit_id, created_at FROM persons "
                                           "WHERE active = 1 ORDER BY unit_id, id"));
  for (const Row& r : people.rows) {
    if (!Visible(visible_units, r.Int(3))) continue;
    PersonTrainingStatus ps;
    ps.person_id = r.Int(0), ps.name = r.Str(1) + " " + r.Str(2), ps.unit_id = r.Int(3);
    ASSIGN_OR_RETURN(ps.unit_name, UnitName(conn, ps.unit_id, units));
    for (const auto& p : profiles)
      for (const TrainingProgramDef& t : p->training_programs) {
        ProgramStatus st{p->name, t.code, t.name_ja, t.name_en, t.clause};
        DueFacts f{t.every};
        f.required = t.every == "fiscal_year" && InAudience(catalog, t, held[ps.person_id], f.designated_since);
        f.rolling_year = JudgedByRule(*p, t);
        f.person_since = r.Str(4);
        if (auto it = last.find(LastKey{ps.person_id, p->name, t.code}); it != last.end())
          st.last_held_on = it->second.first, st.last_session_id = it->second.second;
        f.last_held_on = st.last_held_on;
        if (auto it = duties.find(DutyKey{ps.person_id, p->name, t.code}); it != duties.end())
          f.open_due_at = it->second.open_due_at, f.duty_done = it->second.done;
        st.required = f.required;
        st.current = !st.last_held_on.empty() && st.last_held_on >= fy_first;
        const DueState due = TrainingDueState(f, now, tz, fiscal_start);
        st.state = due.state, st.due_on = due.due_on;
        if (st.required || st.last_session_id || st.state != "not_required") ps.programs.push_back(std::move(st));
      }
    out.push_back(std::move(ps));
  }
  return out;
}

TrainingForm TrainingFormOf(int fy, const std::vector<TrainingSessionView>& sessions) {
  TrainingForm form;
  form.fiscal_year = fy;
  for (const TrainingSessionView& s : sessions)
    form.rows.push_back(TrainingFormRow{s.held_on, s.trainer, s.method, s.unit_name, s.room_group, s.content,
                                        s.audience, s.attendee_count});
  return form;
}

int CurrentFiscalYear(const TrainingProfiles& profiles, Micros now, const TimeZone& tz) {
  return FiscalYearOf(DayOf(now, tz), FiscalStart(profiles));
}

Json SessionToJson(const TrainingSessionView& s) {
  return Json{{"id", s.id},
              {"profile", s.profile},
              {"program", s.program},
              {"program_name_ja", s.program_name_ja},
              {"program_name_en", s.program_name_en},
              {"clause", s.clause},
              {"held_on", s.held_on},
              {"trainer", s.trainer},
              {"method", s.method},
              {"unit_id", s.unit_id},
              {"unit_name", s.unit_name},
              {"room_group", s.room_group},
              {"content", s.content},
              {"contents_covered", s.contents_covered},
              {"audience", s.audience},
              {"attendee_count", s.attendee_count},
              {"attendees", s.attendees},
              {"note", s.note},
              {"created_at", s.created_at}};
}

Json StatusToJson(const PersonTrainingStatus& s) {
  Json programs = Json::array();
  for (const ProgramStatus& p : s.programs)
    programs.push_back(Json{{"profile", p.profile},
                            {"program", p.program},
                            {"name_ja", p.name_ja},
                            {"name_en", p.name_en},
                            {"clause", p.clause},
                            {"required", p.required},
                            {"last_held_on", p.last_held_on.empty() ? Json(nullptr) : Json(p.last_held_on)},
                            {"last_session_id", p.last_session_id ? Json(p.last_session_id) : Json(nullptr)},
                            {"current", p.current},
                            {"state", p.state},
                            {"due_on", p.due_on.empty() ? Json(nullptr) : Json(p.due_on)}});
  return Json{{"person_id", s.person_id},
              {"name", s.name},
              {"unit_id", s.unit_id},
              {"unit_name", s.unit_name},
              {"programs", programs}};
}

}  // namespace mamori
