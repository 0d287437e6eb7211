#pragma once
// Helpers shared by the facility commands and reads (internal to src/facility).

#include <string>

#include "base/time.h"
#include "engine/input.h"
#include "engine/tx.h"

namespace mamori::facility_internal {

// The roles of 001 第8 the commands check (profiles/defense-contractor/roles.yaml).
inline constexpr char kKeeperRole[] = "physical_security_manager";  // 管理責任者
inline constexpr char kConsentRole[] = "protected_system_admin";    // 保護システム管理者
inline constexpr char kEscortRole[] = "escort";                     // 立入りの同行監視者

inline constexpr char kFacilityClause[] = "001 第8 2(1)ア";  // designating the facilities
inline constexpr char kRosterClause[] = "001 第8 2(1)ウ";    // the roster and the administrator's consent
inline constexpr char kPermitClause[] = "001 第8 2(1)エ";    // certificates, minimum necessary
inline constexpr char kReviewClause[] = "001 第8 2(1)オ";    // periodic review
inline constexpr char kVisitClause[] = "001 第8 2(5)";       // approved, escorted visits

bool IsFacilityKind(const std::string& kind);

// Whether `person_id` holds `role` in force at `now` (a designation anywhere, not revoked, of a person
// still active).
Result<bool> HoldsRoleNow(Conn& conn, int64_t person_id, const std::string& role, const std::string& now);

// The system actor, or a holder of `role` in force; else kForbidden `rule` citing `clause`:
// "<act_ja>は<role>が行います。" / "Only the <role> may <act_en>."
Status AuthorizeRole(Tx& tx, const char* role, const char* rule, const char* clause, const std::string& act_ja,
                     const std::string& act_en);

// The facility named by `facility_unit_id` (or, from a facility route, `unit_id`; both given and
// different: kInvalidArgument "entry.facility_mismatch"): kNotFound "entry.not_facility" if no such unit,
// kRuleViolation "entry.not_facility" if it is of another kind (all citing 001 第8 2(1)ア).
Result<Record> LoadFacility(Tx& tx, const Input& in);

// The permit named by `permit_id`: kNotFound "entry.permit_not_found" citing `clause` otherwise.
Result<Record> LoadPermit(Tx& tx, const Input& in, const char* clause);

// The person, refused (kRuleViolation `rule`, `clause`) if they have left; kNotFound if none.
Result<Record> ActivePerson(Tx& tx, int64_t person_id, const char* rule, const char* clause, const char* field);

// The organization's local date today (YYYY-MM-DD) and its zone.
Result<TimeZone> OrgZone(Conn& conn);
Result<std::string> LocalToday(Tx& tx);

// The actor's person id, or NULL for the system.
Value ActorPerson(const Tx& tx);

}  // namespace mamori::facility_internal
