#pragma once
// Facility entry rosters (001 第8 2(1)ウ〜オ, 2(5)): who may enter a handling facility (取扱施設) or a
// related facility (関係施設) — an org unit of kind handling_facility or related_facility — and why, with
// the protected-system administrator's consent and the entry certificate; the roster's periodic reviews;
// and the escorted visits of people not on it. Tables of migration 0009, all covered.
//
// Commands (every refusal names its rule and clause in Japanese and English and writes nothing). Who may
// run them is decided by role, not by unit scope: the 管理責任者 answers for the company's physical
// security (第8 1(1)) and a 保護システム管理者 for the protected systems, wherever each is designated. The
// system actor may run them all.
//   entry.request {facility_unit_id, person_id, purpose}   → {permit_id, state: "pending_consent"}
//       by a holder of physical_security_manager (entry.keeper, 第8 2(1)ウ). Refusals: entry.not_facility
//       (404 / 422, 第8 2(1)ア), input.required purpose (エ), entry.inactive_person (422, エ),
//       entry.duplicate (409, エ: an open permit of the person for the facility exists).
//   entry.consent {permit_id}  → {permit_id, certificate_no}
//       by a holder of protected_system_admin (entry.consenter, ウ); only a pending permit (entry.state,
//       409); issues 立入許可第YYYY-NNNN号 (エ, numbered in order of issue, YYYY the local year).
//   entry.revoke  {permit_id, reason}   by the 管理責任者 (entry.keeper, オ); a revoked one: entry.state.
//   entry.review  {facility_unit_id, note}   by the 管理責任者 (オ); completes the entry_roster_review duty.
//   visit.approve {facility_unit_id, visitor_name, visitor_affiliation, purpose, visit_on, escort_person_id,
//                  measure: id_card | log_book}   by the 管理責任者 (visit.approver, 第8 2(5)); the escort
//       must be active and hold `escort` in force (visit.escort_not_designated, 2(5)); visit_on a date, not
//       before today (visit.date_past, 2(5): approval comes before the visit).
// The facility routes put the facility in the path as `unit_id`: the commands accept `unit_id` when
// `facility_unit_id` is absent.

#include <string>

#include "base/status.h"
#include "base/time.h"
#include "engine/tx.h"
#include "export/table_form.h"
#include "store/store.h"

namespace mamori {

class Engine;

void RegisterFacilityCommands(Engine& engine);

// ---- reads ---------------------------------------------------------------------------------------

// Whether `person_id` may read the facility records at `now`: holds physical_security_manager or
// protected_system_admin in force.
Result<bool> MayReadFacilities(Conn& conn, int64_t person_id, const std::string& now);

// {"facilities": [{id, code, kind, name_ja, name_en, parent_id, granted, pending, revoked, visits,
//   last_review_at}]} — every unit of a facility kind, in code order.
Result<Json> ListFacilities(Conn& conn);

// One facility's records: {"facility": {...}, "permits": [... with the person's name, certificate, and the
// names of who requested (requested_by), consented (consented_by) and revoked (revoked_by) it — null when
// nobody did, or the system did], "reviews": [...], "visits": [...]}. kNotFound "entry.not_facility" if the unit does not exist or is of
// another kind.
Result<Json> FacilityEntryRoster(Conn& conn, int64_t unit_id);

// The 取扱施設等立入名簿 of one facility as a form (CSV/XLSX): 番号, 氏名, 所属, 立入りの目的, 許可証番号,
// 同意した保護システム管理者, 同意日, 状態; dates in 和暦 in `tz`. Errors as FacilityEntryRoster.
Result<TableForm> EntryRosterForm(Conn& conn, int64_t unit_id, const TimeZone& tz);

}  // namespace mamori
