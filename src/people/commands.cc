// person.set_particulars, agreement.record, agreement.withdraw and item.protect (see people.h).

#include <algorithm>

#include "engine/engine.h"
#include "engine/input.h"
#include "identity/catalog.h"
#include "people/import.h"
#include "people/people.h"
#include "people/roster_internal.h"

namespace mamori {

bool IsCalendarDate(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!ParseDigits(s, 0, 4, y) || !ParseDigits(s, 5, 2, m) || !ParseDigits(s, 8, 2, d)) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1868 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

namespace people_internal {

Result<std::string> PastDate(Tx& tx, const Input& in, const Field& f) {
  ASSIGN_OR_RETURN(std::string date, in.Text(f));
  if (!IsCalendarDate(date)) return Malformed(f, "YYYY-MM-DD 形式の日付", "a date YYYY-MM-DD");
  ASSIGN_OR_RETURN(std::string today, LocalToday(tx));
  if (date > today)
    return Status::Error(ErrorKind::kInvalidArgument, "people.future_date", f.clause,
                         std::string(f.name_ja) + "に未来の日付は記録できません。",
                         std::string("The ") + f.name_en + " cannot be in the future.", f.key);
  return date;
}

Result<std::string> LocalToday(Tx& tx) {
  ASSIGN_OR_RETURN(Rows org, tx.conn().Query("SELECT timezone FROM org WHERE id = 1"));
  TimeZone tz;
  if (!org.empty()) {
    ASSIGN_OR_RETURN(tz, TimeZone::FromName(org.rows[0].Str(0)));
  }
  return LocalDate(tx.now(), tz);
}

Result<Record> ActivePerson(Tx& tx, int64_t person_id, const std::string& clause) {
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  if (RecInt(person, "active") != 1)
    return Status::Error(ErrorKind::kRuleViolation, "people.inactive_person", clause, "在籍していない者です。",
                         "This person has left.", "person_id");
  return person;
}

}  // namespace people_internal

namespace {
using namespace people_internal;

// The roster printing particulars (its clause is what the particulars are for).
const RosterDef* ParticularsRoster(const Catalog& c) {
  for (const RosterDef& r : c.rosters())
    if (r.particulars) return &r;
  return nullptr;
}

Status PersonSetParticulars(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(Field{"person_id", "", "対象者", "person"}));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  RETURN_IF_ERROR(tx.Authorize("people.particulars", RecInt(person, "unit_id")));
  const RosterDef* roster = ParticularsRoster(tx.catalog());
  if (!roster)
    return Status::Error(ErrorKind::kRuleViolation, "people.no_particulars", "",
                         "この規程には生年月日・国籍を記載する名簿がありません。",
                         "No roster of this organization's profiles prints date of birth or nationality.");
  const std::string clause = roster->clause;
  RETURN_IF_ERROR(ActivePerson(tx, person_id, clause).status());
  ASSIGN_OR_RETURN(std::string birth, PastDate(tx, in, Field{"birth_date", clause.c_str(), "生年月日", "date of birth"}));
  ASSIGN_OR_RETURN(std::string nationality, in.Text(Field{"nationality", clause.c_str(), "国籍", "nationality"}));
  ASSIGN_OR_RETURN(std::string position, in.Text(Field{"position", clause.c_str(), "役職", "position"}));
  RETURN_IF_ERROR(tx.Put("person_particulars",
                         Record{{"id", person_id}, {"birth_date", birth}, {"nationality", nationality},
                                {"position", position}, {"updated_at", tx.now_text()},
                                {"updated_by_person_id", tx.actor().person_id ? Value(tx.actor().person_id) : NullValue()}}));
  tx.SetEntity("person:" + std::to_string(person_id));
  tx.output() = Json{{"person_id", person_id}};
  return Status::Ok();
}

// An agreement limited to some kinds of person (000 第2 2(6): 職員以外の者) is refused for the others.
Status CheckPersonKind(const AgreementDef& def, const std::string& kind) {
  if (def.kinds.empty() || std::find(def.kinds.begin(), def.kinds.end(), kind) != def.kinds.end()) return Status::Ok();
  return Status::Error(ErrorKind::kRuleViolation, "agreement.kind_not_applicable", def.clause,
                       def.name_ja + "は職員以外の者（部外の請負業者・来訪者）について記録するものです。",
                       "The " + def.name_en + " is recorded for people other than employees (contractors, visitors).",
                       "person_id");
}

// The supervising employee an agreement of `def` designates (000 第2 2(6) "システム利用者から職員を指定し、
// 監督させる"): required; an active employee (employee or non_regular), not the person themself, holding
// def.supervisor_role now.
Result<int64_t> SupervisorInput(Tx& tx, const Input& in, const AgreementDef& def, int64_t person_id) {
  const Field f{"supervisor_person_id", def.clause.c_str(), "監督する職員", "supervising employee"};
  ASSIGN_OR_RETURN(int64_t id, in.Int(f));
  const RoleDef* role = tx.catalog().FindRole(def.supervisor_role);
  const std::string role_ja = role ? role->name_ja : def.supervisor_role, role_en = role ? role->name_en : def.supervisor_role;
  const std::string now = tx.now_text();
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
      "SELECT p.kind, p.active, (SELECT COUNT(*) FROM designations d WHERE d.person_id = p.id AND d.role_code = ? "
      "  AND d.revoked_at IS NULL AND d.valid_from <= ? AND (d.valid_until IS NULL OR d.valid_until > ?)) "
      "FROM persons p WHERE p.id = ?", {def.supervisor_role, now, now, id}));
  const bool employee = !r.empty() && (r.rows[0].Str(0) == "employee" || r.rows[0].Str(0) == "non_regular");
  if (r.empty() || !employee || r.rows[0].Int(1) != 1 || id == person_id)
    return Status::Error(ErrorKind::kRuleViolation, "agreement.supervisor_not_employee", def.clause,
                         "監督する者には、在籍する職員（本人以外）を指定してください。",
                         "The supervisor must be an employee in service (not the person themself).", f.key);
  if (r.rows[0].Int(2) == 0)
    return Status::Error(ErrorKind::kRuleViolation, "agreement.supervisor_role", def.clause,
                         "監督する職員は" + role_ja + "の中から指定してください。",
                         "The supervising employee must be chosen from the " + role_en + "s.", f.key);
  return id;
}

Status AgreementRecord(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(Field{"person_id", "", "合意した者", "person"}));
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", person_id));
  RETURN_IF_ERROR(tx.Authorize("people.agreements", RecInt(person, "unit_id")));
  ASSIGN_OR_RETURN(std::string kind, in.Text(Field{"kind", "", "合意・同意の種類", "kind of agreement"}));
  const AgreementDef* def = tx.catalog().FindAgreement(kind);
  if (!def)
    return Status::Error(ErrorKind::kInvalidArgument, "agreement.kind_unknown", "", "この規程にない合意・同意です: " + kind,
                         "No such agreement or consent in this organization's profiles: " + kind, "kind");
  const std::string clause = def->clause;
  RETURN_IF_ERROR(ActivePerson(tx, person_id, clause).status());
  RETURN_IF_ERROR(CheckPersonKind(*def, RecStr(person, "kind")));
  std::optional<int64_t> supervisor;
  if (!def->supervisor_role.empty()) {
    ASSIGN_OR_RETURN(supervisor, SupervisorInput(tx, in, *def, person_id));
  }
  ASSIGN_OR_RETURN(std::string signed_on, PastDate(tx, in, Field{"signed_on", clause.c_str(), "合意日", "date signed"}));
  ASSIGN_OR_RETURN(std::string document,
                   in.Text(Field{"document", clause.c_str(), "書面（保管場所・文書番号）", "signed document (where kept)"}));
  ASSIGN_OR_RETURN(std::string note, in.OptText(Field{"note", "", "備考", "note"}));
  // Every point of the agreement must be agreed (a partial agreement is no agreement).
  std::vector<std::string> given;
  if (j.contains("points") && j["points"].is_array())
    for (const Json& p : j["points"])
      if (p.is_string()) given.push_back(p.get<std::string>());
  std::string missing_ja, missing_en;
  Json points = Json::array();
  for (const AgreementPoint& p : def->points) {
    points.push_back(p.key);
    if (std::find(given.begin(), given.end(), p.key) != given.end()) continue;
    missing_ja += (missing_ja.empty() ? "" : "、") + p.key + " " + p.text_ja;
    missing_en += (missing_en.empty() ? "" : "; ") + p.key + " " + p.text_en;
  }
  if (!missing_ja.empty())
    return Status::Error(ErrorKind::kRuleViolation, "agreement.points_missing", clause,
                         def->name_ja + "には次の事項すべてへの合意が必要です: " + missing_ja,
                         "The " + def->name_en + " needs every point agreed; missing: " + missing_en, "points");
  // A new agreement of the same kind replaces the one in force.
  ASSIGN_OR_RETURN(Rows old, tx.conn().Query(
      "SELECT id FROM agreements WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL", {person_id, kind}));
  for (const Row& r : old.rows) {
    ASSIGN_OR_RETURN(Record a, tx.Get("agreements", r.Int(0)));
    a["withdrawn_at"] = tx.now_text();
    RETURN_IF_ERROR(tx.Put("agreements", a));
  }
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("agreements"));
  RETURN_IF_ERROR(tx.Put("agreements",
                         Record{{"id", id}, {"person_id", person_id}, {"kind", kind}, {"clause", clause},
                                {"points", points.dump()}, {"signed_on", signed_on}, {"document", document}, {"note", note},
                                {"recorded_by_person_id", tx.actor().person_id ? Value(tx.actor().person_id) : NullValue()},
                                {"withdrawn_at", NullValue()}, {"created_at", tx.now_text()}}));
  if (supervisor)
    RETURN_IF_ERROR(tx.Put("agreement_supervisors",
                           Record{{"id", id}, {"supervisor_person_id", *supervisor}, {"clause", clause}}));
  tx.SetEntity("agreement:" + std::to_string(id));
  tx.output() = Json{{"agreement_id", id}};
  if (supervisor) tx.output()["supervisor_person_id"] = *supervisor;
  return Status::Ok();
}

Status AgreementWithdraw(Tx& tx, const Json& j) {
  Input in(j);
  ASSIGN_OR_RETURN(int64_t id, in.Int(Field{"agreement_id", "", "合意・同意", "agreement"}));
  ASSIGN_OR_RETURN(Record a, tx.Get("agreements", id));
  const std::string clause = RecStr(a, "clause");
  ASSIGN_OR_RETURN(Record person, tx.Get("persons", RecInt(a, "person_id")));
  RETURN_IF_ERROR(tx.Authorize("people.agreements", RecInt(person, "unit_id")));
  if (!RecNull(a, "withdrawn_at"))
    return Status::Error(ErrorKind::kConflict, "agreement.withdrawn", clause, "この合意・同意は既に終了しています。",
                         "This agreement has already ended.", "agreement_id");
  a["withdrawn_at"] = tx.now_text();
  RETURN_IF_ERROR(tx.Put("agreements", a));
  tx.SetEntity("agreement:" + std::to_string(id));
  tx.output() = Json{{"agreement_id", id}};
  return Status::Ok();
}

Status ItemProtect(Tx& tx, const Json& j) {
  Input in(j);
  const RosterDef* gate = tx.catalog().GatingRoster();
  const std::string clause = gate ? gate->confirmation_clause : "";
  ASSIGN_OR_RETURN(std::string no, in.Text(Field{"control_no", clause.c_str(), "媒体番号・機器番号", "control number"}));
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT id, custodian_unit_id FROM items WHERE control_no = ?", {no}));
  bool visible = !r.empty();
  if (visible) {
    ASSIGN_OR_RETURN(visible, tx.Can("ledger.view", r.rows[0].Int(1)));
  }
  if (!visible)  // like a missing number, so that control numbers of other units cannot be probed
    return Status::Error(ErrorKind::kNotFound, "items.not_found", clause, "媒体番号・機器番号 " + no + " は登録されていません。",
                         "No medium or device with control number " + no + " is registered.", "control_no");
  RETURN_IF_ERROR(tx.Authorize("ledger.register", r.rows[0].Int(1)));
  if (!gate)
    return Status::Error(ErrorKind::kRuleViolation, "item.protect_no_gate", "",
                         "この組織の規程には、確認を受けた名簿で保護すべき情報の取扱いを制限する定めがありません。",
                         "This organization's profiles have no roster that limits who may handle protected information.",
                         "control_no");
  RETURN_IF_ERROR(MarkProtected(tx, r.rows[0].Int(0)));
  tx.SetEntity("item:" + no);
  tx.output() = Json{{"control_no", no}, {"protected", true}};
  return Status::Ok();
}

}  // namespace

void RegisterRosterCommands(Engine& e);  // rosters.cc

void RegisterPeopleCommands(Engine& e) {
  e.Register({"person.set_particulars", "Record a person's date of birth, position and nationality (001 第5 2(1)エ)",
              PersonSetParticulars});
  e.Register({"agreement.record", "Record a written agreement or consent (001 第5 2(1)ア, 2(2)ア)", AgreementRecord});
  e.Register({"agreement.withdraw", "End an agreement or withdraw a consent", AgreementWithdraw});
  e.Register({"item.protect", "Mark an item as holding protected information (001 第5 2(1)エ)", ItemProtect});
  RegisterRosterCommands(e);
  RegisterImportCommands(e);
}

}  // namespace mamori
