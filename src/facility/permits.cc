// entry.request, entry.consent and entry.revoke: the facility entry roster (001 第8 2(1)ウ〜オ, facility.h).

#include <cstdio>

#include "engine/engine.h"
#include "facility/facility.h"
#include "facility/facility_internal.h"

namespace mamori {
namespace {
using namespace facility_internal;

Status AuthorizeKeeper(Tx& tx, const char* clause) {
  return AuthorizeRole(tx, kKeeperRole, "entry.keeper", clause, "取扱施設等立入名簿の作成・更新",
                       "keep the facility entry roster");
}

// An open permit (pending or granted) of the person for the facility, if any.
Result<bool> HasOpenPermit(Tx& tx, int64_t facility, int64_t person) {
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query(
      "SELECT 1 FROM entry_permits WHERE facility_unit_id = ? AND person_id = ? AND state IN ('pending_consent', 'granted')",
      {facility, person}));
  return !r.empty();
}

Status EntryRequest(Tx& tx, const Json& j) {
  Input in(j);
  RETURN_IF_ERROR(AuthorizeKeeper(tx, kRosterClause));
  ASSIGN_OR_RETURN(Record facility, LoadFacility(tx, in));
  const int64_t facility_id = RecInt(facility, "id");
  ASSIGN_OR_RETURN(int64_t person_id, in.Int(Field{"person_id", kRosterClause, "立ち入る者", "person"}));
  ASSIGN_OR_RETURN(std::string purpose,
                   in.Text(Field{"purpose", kPermitClause, "立入りの目的（業務上必要な理由）", "purpose (why the work needs it)"}));
  RETURN_IF_ERROR(ActivePerson(tx, person_id, "entry.inactive_person", kPermitClause, "person_id").status());
  ASSIGN_OR_RETURN(bool open, HasOpenPermit(tx, facility_id, person_id));
  if (open)
    return Status::Error(ErrorKind::kConflict, "entry.duplicate", kPermitClause,
                         "この者にはこの取扱施設等への立入許可（又は同意待ちの申請）が既にあります。",
                         "This person already has an entry permit (or a request awaiting consent) for this facility.",
                         "person_id");
  ASSIGN_OR_RETURN(int64_t id, tx.NextId("entry_permits"));
  RETURN_IF_ERROR(tx.Put("entry_permits",
                         Record{{"id", id}, {"facility_unit_id", facility_id}, {"person_id", person_id},
                                {"purpose", purpose}, {"state", std::string("pending_consent")},
                                {"requested_by_person_id", ActorPerson(tx)}, {"requested_at", tx.now_text()},
                                {"consent_by_person_id", NullValue()}, {"consented_at", NullValue()},
                                {"certificate_no", NullValue()}, {"revoked_at", NullValue()},
                                {"revoked_by_person_id", NullValue()}, {"revoke_reason", NullValue()},
                                {"created_at", tx.now_text()}}));
  tx.SetEntity("entry_permit:" + std::to_string(id));
  tx.output() = Json{{"permit_id", id}, {"state", "pending_consent"}};
  return Status::Ok();
}

// 立入許可第YYYY-NNNN号: NNNN counts the certificates issued so far, YYYY is the local year of issue.
Result<std::string> NextCertificateNo(Tx& tx) {
  ASSIGN_OR_RETURN(Rows r, tx.conn().Query("SELECT COUNT(*) FROM entry_permits WHERE certificate_no IS NOT NULL"));
  ASSIGN_OR_RETURN(TimeZone tz, OrgZone(tx.conn()));
  const CivilTime c = ToCivil(tx.now(), tz);
  char number[64];
  std::snprintf(number, sizeof number, "立入許可第%04d-%04lld号", c.year, static_cast<long long>(r.rows[0].Int(0) + 1));
  return std::string(number);
}

Status EntryConsent(Tx& tx, const Json& j) {
  Input in(j);
  RETURN_IF_ERROR(AuthorizeRole(tx, kConsentRole, "entry.consenter", kRosterClause,
                                "取扱施設等立入名簿への同意", "consent to the facility entry roster"));
  ASSIGN_OR_RETURN(Record permit, LoadPermit(tx, in, kRosterClause));
  if (RecStr(permit, "state") != "pending_consent")
    return Status::Error(ErrorKind::kConflict, "entry.state", kRosterClause,
                         "同意できるのは同意待ちの立入許可だけです（この許可: " + RecStr(permit, "state") + "）。",
                         "Only a permit awaiting consent can be consented to (this one is " + RecStr(permit, "state") +
                             ").", "permit_id");
  ASSIGN_OR_RETURN(std::string number, NextCertificateNo(tx));
  permit["state"] = std::string("granted");
  permit["consent_by_person_id"] = ActorPerson(tx);
  permit["consented_at"] = tx.now_text();
  permit["certificate_no"] = number;
  RETURN_IF_ERROR(tx.Put("entry_permits", permit));
  const int64_t id = RecInt(permit, "id");
  tx.SetEntity("entry_permit:" + std::to_string(id));
  tx.output() = Json{{"permit_id", id}, {"state", "granted"}, {"certificate_no", number}};
  return Status::Ok();
}

Status EntryRevoke(Tx& tx, const Json& j) {
  Input in(j);
  RETURN_IF_ERROR(AuthorizeKeeper(tx, kReviewClause));
  ASSIGN_OR_RETURN(Record permit, LoadPermit(tx, in, kReviewClause));
  if (RecStr(permit, "state") == "revoked")
    return Status::Error(ErrorKind::kConflict, "entry.state", kReviewClause, "この立入許可は既に取り消されています。",
                         "This entry permit has already been revoked.", "permit_id");
  ASSIGN_OR_RETURN(std::string reason, in.Text(Field{"reason", kReviewClause, "取消しの理由", "reason"}));
  permit["state"] = std::string("revoked");
  permit["revoked_at"] = tx.now_text();
  permit["revoked_by_person_id"] = ActorPerson(tx);
  permit["revoke_reason"] = reason;
  RETURN_IF_ERROR(tx.Put("entry_permits", permit));
  const int64_t id = RecInt(permit, "id");
  tx.SetEntity("entry_permit:" + std::to_string(id));
  tx.output() = Json{{"permit_id", id}, {"state", "revoked"}};
  return Status::Ok();
}

}  // namespace

void RegisterVisitCommands(Engine& e);  // visits.cc

void RegisterFacilityCommands(Engine& e) {
  e.Register({"entry.request", "Put a person on a facility's entry roster, awaiting consent (001 第8 2(1)ウ, エ)",
              EntryRequest});
  e.Register({"entry.consent", "Consent to an entry permit and issue its certificate (001 第8 2(1)ウ, エ)",
              EntryConsent});
  e.Register({"entry.revoke", "Revoke an entry permit no longer needed (001 第8 2(1)オ)", EntryRevoke});
  RegisterVisitCommands(e);
}

}  // namespace mamori
