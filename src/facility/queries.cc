// The facility reads: the facilities with their permit counts, and one facility's roster (facility.h).

#include "facility/facility.h"
#include "facility/facility_internal.h"

namespace mamori {
using namespace facility_internal;

Result<bool> MayReadFacilities(Conn& conn, int64_t person_id, const std::string& now) {
  for (const char* role : {kKeeperRole, kConsentRole}) {
    ASSIGN_OR_RETURN(bool holds, HoldsRoleNow(conn, person_id, role, now));
    if (holds) return true;
  }
  return false;
}

Result<Json> ListFacilities(Conn& conn) {
  ASSIGN_OR_RETURN(Json units, QueryJson(conn,
      "SELECT u.id, u.code, u.kind, u.name_ja, u.name_en, u.parent_id, "
      "  (SELECT COUNT(*) FROM entry_permits e WHERE e.facility_unit_id = u.id AND e.state = 'granted') AS granted, "
      "  (SELECT COUNT(*) FROM entry_permits e WHERE e.facility_unit_id = u.id AND e.state = 'pending_consent') AS pending, "
      "  (SELECT COUNT(*) FROM entry_permits e WHERE e.facility_unit_id = u.id AND e.state = 'revoked') AS revoked, "
      "  (SELECT COUNT(*) FROM escorted_visits v WHERE v.facility_unit_id = u.id) AS visits, "
      "  (SELECT MAX(r.reviewed_at) FROM entry_roster_reviews r WHERE r.facility_unit_id = u.id) AS last_review_at "
      "FROM org_units u WHERE u.kind IN ('handling_facility', 'related_facility') ORDER BY u.code", {}));
  return Json{{"facilities", units}};
}

Result<Json> FacilityEntryRoster(Conn& conn, int64_t unit_id) {
  ASSIGN_OR_RETURN(Json unit, QueryJson(conn,
      "SELECT id, code, kind, name_ja, name_en, parent_id FROM org_units WHERE id = ?", {unit_id}));
  if (unit.empty() || !IsFacilityKind(unit[0]["kind"].get<std::string>()))
    return Status::Error(ErrorKind::kNotFound, "entry.not_facility", kFacilityClause, "その取扱施設等はありません。",
                         "No such facility.");
  ASSIGN_OR_RETURN(Json permits, QueryJson(conn,
      "SELECT e.id, e.person_id, p.family_name || ' ' || p.given_name AS name, u.name_ja AS affiliation, "
      "  p.active AS person_active, e.purpose, e.state, e.certificate_no, e.requested_at, e.consented_at, "
      "  e.consent_by_person_id, c.family_name || ' ' || c.given_name AS consented_by, "
      "  e.requested_by_person_id, q.family_name || ' ' || q.given_name AS requested_by, "
      "  e.revoked_at, e.revoked_by_person_id, r.family_name || ' ' || r.given_name AS revoked_by, e.revoke_reason "
      "FROM entry_permits e JOIN persons p ON p.id = e.person_id JOIN org_units u ON u.id = p.unit_id "
      "LEFT JOIN persons c ON c.id = e.consent_by_person_id LEFT JOIN persons q ON q.id = e.requested_by_person_id "
      "LEFT JOIN persons r ON r.id = e.revoked_by_person_id "
      "WHERE e.facility_unit_id = ? ORDER BY e.id", {unit_id}));
  ASSIGN_OR_RETURN(Json reviews, QueryJson(conn,
      "SELECT r.id, r.reviewed_at, r.note, r.reviewed_by_person_id, p.family_name || ' ' || p.given_name AS reviewed_by "
      "FROM entry_roster_reviews r LEFT JOIN persons p ON p.id = r.reviewed_by_person_id "
      "WHERE r.facility_unit_id = ? ORDER BY r.id DESC", {unit_id}));
  ASSIGN_OR_RETURN(Json visits, QueryJson(conn,
      "SELECT v.id, v.visitor_name, v.visitor_affiliation, v.purpose, v.visit_on, v.measure, v.escort_person_id, "
      "  s.family_name || ' ' || s.given_name AS escort, v.approved_by_person_id, "
      "  a.family_name || ' ' || a.given_name AS approved_by, v.created_at "
      "FROM escorted_visits v JOIN persons s ON s.id = v.escort_person_id "
      "LEFT JOIN persons a ON a.id = v.approved_by_person_id "
      "WHERE v.facility_unit_id = ? ORDER BY v.visit_on DESC, v.id DESC", {unit_id}));
  return Json{{"facility", unit[0]}, {"permits", permits}, {"reviews", reviews}, {"visits", visits}};
}

}  // namespace mamori
