// entry.review (001 第8 2(1)オ) and visit.approve (001 第8 2(5)); see facility.h.

#include "engine/engine.h"
#include "facility/facility.h"
#include "facility/facility_internal.h"
#include "people/people.h"

namespace mamori {
namespace {
using namespace facility_internal;

Status EntryReview(Tx& tx, const Json& j) {
  Input in(j);
  RETURN_IF_ERROR(AuthorizeRole(tx, kKeeperRole, "entry.keeper", kReviewClause, "取扱施設等立入名簿の見直し",
                                "review the facility entry roster"));
  ASSIGN_OR_RETURN(Record facility, LoadFacility(tx, in));
  ASSIGN_OR_RETURN(std::string note, in.Text(Field{"note", kReviewClause, "見直しの結果", "outcome of the review"}));
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("entry_roster_reviews"));
  RETURN_IF_ERROR(tx.Put("entry_roster_reviews",
                         Record{{"id", id}, {"facility_unit_id", RecInt(facility, "id")},
                                {"reviewed_by_person_id", ActorPerson(tx)}, {"reviewed_at", tx.now_text()},
                                {"note", note}}));
  tx.SetEntity("facility:" + RecStr(facility, "code"));
  tx.output() = Json{{"review_id", id}, {"facility_unit_id", RecInt(facility, "id")}};
  return Status::Ok();
}

// The visit's date: a calendar date, not before today (the approval comes before the visit).
Result<std::string> VisitDate(Tx& tx, const Input& in) {
  const Field f{"visit_on", kVisitClause, "立入りの日", "date of the visit"};
  ASSIGN_OR_RETURN(std::string date, in.Text(f));
  if (!IsCalendarDate(date)) return Malformed(f, "YYYY-MM-DD 形式の日付", "a date YYYY-MM-DD");
  ASSIGN_OR_RETURN(std::string today, LocalToday(tx));
  if (date < today)
    return Status::Error(ErrorKind::kInvalidArgument, "visit.date_past", kVisitClause,
                         "立入りは事前に承認します。過去の日付は承認できません。",
                         "A visit is approved before it takes place; the date cannot be in the past.", "visit_on");
  return date;
}

// The escort: active and holding the escort role in force (designated by the 管理責任者, 2(5)).
Status CheckEscort(Tx& tx, int64_t escort) {
  RETURN_IF_ERROR(ActivePerson(tx, escort, "visit.escort_not_designated", kVisitClause, "escort_person_id").status());
  ASSIGN_OR_RETURN(bool holds, HoldsRoleNow(tx.conn(), escort, kEscortRole, tx.now_text()));
  if (holds) return Status::Ok();
  return Status::Error(ErrorKind::kRuleViolation, "visit.escort_not_designated", kVisitClause,
                       "同行して監視する者は、管理責任者が指定した立入りの同行監視者でなければなりません。",
                       "The escort must be a visitor escort designated by the physical security manager.",
                       "escort_person_id");
}

Status VisitApprove(Tx& tx, const Json& j) {
  Input in(j);
  RETURN_IF_ERROR(AuthorizeRole(tx, kKeeperRole, "visit.approver", kVisitClause,
                                "名簿にない者の取扱施設への立入りの承認", "approve a visit by someone not on the roster"));
  ASSIGN_OR_RETURN(Record facility, LoadFacility(tx, in));
  ASSIGN_OR_RETURN(std::string name, in.Text(Field{"visitor_name", kVisitClause, "立ち入る者の氏名", "visitor's name"}));
  ASSIGN_OR_RETURN(std::string affiliation,
                   in.Text(Field{"visitor_affiliation", kVisitClause, "立ち入る者の所属", "visitor's affiliation"}));
  ASSIGN_OR_RETURN(std::string purpose, in.Text(Field{"purpose", kVisitClause, "立入りの目的", "purpose"}));
  ASSIGN_OR_RETURN(std::string visit_on, VisitDate(tx, in));
  ASSIGN_OR_RETURN(int64_t escort, in.Int(Field{"escort_person_id", kVisitClause, "同行して監視する者", "escort"}));
  ASSIGN_OR_RETURN(std::string measure,
                   in.OneOf(Field{"measure", "001 第8 2(2)ウ", "入退の記録の方法（IDカード又は記録簿）",
                                  "how the entry is recorded (ID card or log book)"},
                            {"id_card", "log_book"}));
  RETURN_IF_ERROR(CheckEscort(tx, escort));
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("escorted_visits"));
  RETURN_IF_ERROR(tx.Put("escorted_visits",
                         Record{{"id", id}, {"facility_unit_id", RecInt(facility, "id")}, {"visitor_name", name},
                                {"visitor_affiliation", affiliation}, {"purpose", purpose}, {"visit_on", visit_on},
                                {"approved_by_person_id", ActorPerson(tx)}, {"escort_person_id", escort},
                                {"measure", measure}, {"created_at", tx.now_text()}}));
  tx.SetEntity("visit:" + std::to_string(id));
  tx.output() = Json{{"visit_id", id}, {"facility_unit_id", RecInt(facility, "id")}, {"visit_on", visit_on}};
  return Status::Ok();
}

}  // namespace

void RegisterVisitCommands(Engine& e) {
  e.Register({"entry.review", "Record a periodic review of a facility's entry roster (001 第8 2(1)オ)", EntryReview});
  e.Register({"visit.approve", "Approve an escorted visit by someone not on the entry roster (001 第8 2(5))",
              VisitApprove});
}

}  // namespace mamori
