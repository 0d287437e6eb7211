// training.record: authorize in the session's unit → check the form's columns, the program, its content
// items and the attendees (each refusal citing its clause) → write the session and its attendance rows.

#include <algorithm>
#include <set>

#include "base/time.h"
#include "engine/input.h"
#include "obligation/periods.h"
#include "training/training.h"

namespace mamori {
namespace training {
namespace {

// Everything the command reads, once validated.
struct SessionInput {
  std::string held_on, trainer, method, room_group, content, audience, note;
  std::optional<int64_t> trainer_person_id;
  int64_t unit_id = 0;
  std::vector<int64_t> attendees;
  std::vector<std::string> contents_covered;
};

Status Refuse(ErrorKind kind, const char* rule, const std::string& clause, const std::string& ja,
              const std::string& en, const char* field) {
  return Status::Error(kind, rule, clause, ja, en, field);
}

// The form's columns (別紙様式第2), each refused with the record clause when missing.
Status ReadColumns(const Input& in, const std::string& clause, SessionInput& s) {
  const char* c = clause.c_str();
  ASSIGN_OR_RETURN(s.held_on, in.Text(Field{"held_on", c, "実施日", "date held"}));
  ASSIGN_OR_RETURN(s.trainer, in.Text(Field{"trainer", c, "実施者", "trainer"}));
  ASSIGN_OR_RETURN(s.trainer_person_id, in.OptInt(Field{"trainer_person_id", c, "実施者（職員）", "trainer (person)"}));
  ASSIGN_OR_RETURN(s.method, in.Text(Field{"method", c, "実施手段", "method"}));
  ASSIGN_OR_RETURN(s.room_group, in.OptText(Field{"room_group", c, "室又はグループ", "room or group"}));
  ASSIGN_OR_RETURN(s.content, in.Text(Field{"content", c, "教育内容", "content"}));
  ASSIGN_OR_RETURN(s.audience, in.Text(Field{"audience", c, "被教育者（対象者）", "audience"}));
  ASSIGN_OR_RETURN(s.note, in.OptText(Field{"note", "", "備考", "note"}));
  return Status::Ok();
}

Result<std::vector<int64_t>> ReadIds(const Json& j, const Field& f) {
  std::vector<int64_t> out;
  if (!j.contains(f.key) || j[f.key].is_null()) return out;
  if (!j[f.key].is_array()) return Malformed(f, "職員番号の配列", "an array of person ids");
  for (const Json& v : j[f.key]) {
    if (!v.is_number_integer()) return Malformed(f, "職員番号の配列", "an array of person ids");
    if (std::find(out.begin(), out.end(), v.get<int64_t>()) == out.end()) out.push_back(v.get<int64_t>());
  }
  return out;
}

Result<std::vector<std::string>> ReadKeys(const Json& j, const Field& f) {
  std::vector<std::string> out;
  if (!j.contains(f.key) || j[f.key].is_null()) return out;
  if (!j[f.key].is_array()) return Malformed(f, "内容の項目の配列", "an array of content keys");
  for (const Json& v : j[f.key]) {
    if (!v.is_string()) return Malformed(f, "内容の項目の配列", "an array of content keys");
    if (std::find(out.begin(), out.end(), v.get<std::string>()) == out.end()) out.push_back(v.get<std::string>());
  }
  return out;
}

Result<TimeZone> OrgZone(Conn& conn) {
  ASSIGN_OR_RETURN(Rows r, conn.Query("SELECT timezone FROM org"));
  if (r.empty()) return TimeZone{};
  return TimeZone::FromName(r.rows[0].Str(0));
}

// 実施日: a local date, not after today.
Status CheckDate(Tx& tx, const std::string& held_on, const std::string& clause) {
  auto day = ParseDay(held_on);
  if (!day.ok()) return Malformed(Field{"held_on", clause.c_str(), "実施日", "date held"}, "YYYY-MM-DD", "YYYY-MM-DD");
  ASSIGN_OR_RETURN(TimeZone tz, OrgZone(tx.conn()));
  const LocalDay today = DayOf(tx.now(), tz);
  if (*day > today)
    return Refuse(ErrorKind::kRuleViolation, "training.future_date", clause,
                  "実施日 " + held_on + " は将来の日付です。実施した教育だけを記録します。",
                  "The date " + held_on + " is in the future; only training already given is recorded.", "held_on");
  return Status::Ok();
}

// Every content item of the program covered, and nothing it does not have.
Status CheckContents(const TrainingProgramDef& p, const std::vector<std::string>& covered) {
  for (const std::string& key : covered) {
    const bool known = std::any_of(p.contents.begin(), p.contents.end(),
                                   [&](const TrainingContentDef& c) { return c.key == key; });
    if (!known)
      return Refuse(ErrorKind::kInvalidArgument, "training.unknown_content", p.clause,
                    "「" + p.name_ja + "」に内容の項目 \"" + key + "\" はありません。",
                    "The program \"" + p.name_en + "\" has no content item \"" + key + "\".", "contents_covered");
  }
  std::string missing_ja, missing_en;
  for (const TrainingContentDef& c : p.contents) {
    if (std::find(covered.begin(), covered.end(), c.key) != covered.end()) continue;
    missing_ja += (missing_ja.empty() ? "" : "、") + c.text_ja + (c.clause.empty() ? "" : "（" + c.clause + "）");
    missing_en += (missing_en.empty() ? "" : "; ") + c.text_en + (c.clause.empty() ? "" : " (" + c.clause + ")");
  }
  if (missing_ja.empty()) return Status::Ok();
  return Refuse(ErrorKind::kRuleViolation, "training.content_missing", p.clause,
                "「" + p.name_ja + "」で扱わなければならない内容が含まれていません: " + missing_ja,
                "The training \"" + p.name_en + "\" must cover: " + missing_en, "contents_covered");
}

// Each attendee exists and is still active.
Status CheckAttendees(Tx& tx, const std::vector<int64_t>& attendees, const std::string& clause) {
  if (attendees.empty())
    return Refuse(ErrorKind::kInvalidArgument, "training.no_attendees", clause,
                  "被教育者（教育を受けた者）を一人以上挙げてください。人数は記録の必須項目です。",
                  "List at least one person trained: the number trained is part of the record.", "attendees");
  for (int64_t id : attendees) {
    ASSIGN_OR_RETURN(Record p, tx.Get("persons", id));
    if (RecInt(p, "active") == 0)
      return Refuse(ErrorKind::kRuleViolation, "training.attendee_left", clause,
                    RecStr(p, "family_name") + " " + RecStr(p, "given_name") + " は在籍していません。教育を受けた者として記録できません。",
                    RecStr(p, "family_name") + " " + RecStr(p, "given_name") +
                        " has left and cannot be recorded as trained.",
                    "attendees");
  }
  return Status::Ok();
}

Json StringArray(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

Status WriteSession(Tx& tx, const FoundProgram& found, const SessionInput& s) {
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("training_sessions"));
  const Value me = tx.actor().person_id ? Value(tx.actor().person_id) : NullValue();
  Record row{{"id", id},
             {"profile", found.profile->name},
             {"program", found.program->code},
             {"clause", found.program->clause},
             {"held_on", s.held_on},
             {"trainer", s.trainer},
             {"trainer_person_id", s.trainer_person_id ? Value(*s.trainer_person_id) : NullValue()},
             {"method", s.method},
             {"unit_id", s.unit_id},
             {"room_group", s.room_group},
             {"content", s.content},
             {"contents_covered", StringArray(s.contents_covered).dump()},
             {"audience", s.audience},
             {"attendee_count", static_cast<int64_t>(s.attendees.size())},
             {"keeper_person_id", me},
             {"note", s.note},
             {"recorded_by_person_id", me},
             {"created_at", tx.now_text()}};
  RETURN_IF_ERROR(tx.Put("training_sessions", row));
  ASSIGN_OR_RETURN(int64_t next, tx.NextId("training_attendance"));
  for (int64_t person : s.attendees)
    RETURN_IF_ERROR(tx.Put("training_attendance", Record{{"id", next++}, {"session_id", id}, {"person_id", person}}));
  tx.SetEntity("training:" + std::to_string(id));
  tx.output()["session_id"] = id;
  tx.output()["attendee_count"] = static_cast<int64_t>(s.attendees.size());
  return Status::Ok();
}

Status Record(Tx& tx, const TrainingProfiles& profiles, const Json& j) {
  Input in(j);
  const std::string fallback = DefaultRecordClause(profiles);
  ASSIGN_OR_RETURN(int64_t unit_id, in.Int(Field{"unit_id", fallback.c_str(), "局・課", "unit"}));
  RETURN_IF_ERROR(tx.Get("org_units", unit_id).status());
  RETURN_IF_ERROR(tx.Authorize("training.record", unit_id));
  ASSIGN_OR_RETURN(std::string code, in.Text(Field{"program", fallback.c_str(), "教育の種類", "training program"}));
  const FoundProgram found = FindTrainingProgram(profiles, code);
  if (!found.program)
    return Refuse(ErrorKind::kInvalidArgument, "training.unknown_program", fallback,
                  "教育の種類 \"" + code + "\" はありません（training.yaml）。",
                  "No training program \"" + code + "\" in the profiles taken (training.yaml).", "program");
  const TrainingProgramDef& p = *found.program;
  SessionInput s;
  s.unit_id = unit_id;
  RETURN_IF_ERROR(ReadColumns(in, p.record_clause, s));
  RETURN_IF_ERROR(CheckDate(tx, s.held_on, p.record_clause));
  if (s.trainer_person_id) RETURN_IF_ERROR(tx.Get("persons", *s.trainer_person_id).status());
  const char* rc = p.record_clause.c_str();
  ASSIGN_OR_RETURN(s.contents_covered, ReadKeys(j, Field{"contents_covered", p.clause.c_str(), "教育内容の項目", "content items"}));
  RETURN_IF_ERROR(CheckContents(p, s.contents_covered));
  ASSIGN_OR_RETURN(s.attendees, ReadIds(j, Field{"attendees", rc, "被教育者", "attendees"}));
  RETURN_IF_ERROR(CheckAttendees(tx, s.attendees, p.record_clause));
  return WriteSession(tx, found, s);
}

}  // namespace
}  // namespace training

FoundProgram FindTrainingProgram(const TrainingProfiles& profiles, std::string_view code) {
  for (const auto& p : profiles)
    for (const TrainingProgramDef& t : p->training_programs)
      if (t.code == code) return FoundProgram{p.get(), &t};
  return {};
}

std::string DefaultRecordClause(const TrainingProfiles& profiles) {
  for (const auto& p : profiles)
    for (const TrainingProgramDef& t : p->training_programs)
      if (!t.record_clause.empty()) return t.record_clause;
  return "";
}

void RegisterTrainingCommands(Engine& engine) {
  engine.Register({"training.record", "Record a training session given, with its attendees (001 第7 4, 000 第5(3))",
                   [&engine](Tx& tx, const Json& j) { return training::Record(tx, engine.profiles(), j); }});
}

}  // namespace mamori
