#pragma once
// People beyond accounts (001 第5 2): the personal items a roster prints, written agreements and
// consents, versioned rosters confirmed by an outside body, and the gate that keeps protected items
// from anyone not listed in a confirmed roster. The profiles' people.yaml says which agreements a
// designation needs and which rosters exist (Catalog::FindAgreement, FindRoster, GatingRoster).
//
// Commands (all through the engine, every refusal citing its clause):
//   person.set_particulars  date of birth, position, nationality (permission people.particulars)
//   agreement.record        an agreement or consent with every point agreed (permission people.agreements);
//                           a kind with a supervisor_role also records the supervising employee (000 第2 2(6))
//   agreement.withdraw      a consent withdrawn / an agreement ended
//   roster.prepare          a new version listing the role's holders now (the roster's keeper role; a
//                           per-unit roster, 000 第2 2(7), takes "unit_id": the 課室等 whose record it is)
//   roster.submit           the version sent to the confirming body (rosters with a confirmation step)
//   roster.confirm          the confirming body's answer recorded: the version now gates access
//   item.protect            marks a ledger item as holding protected information

#include <optional>
#include <string>

#include "base/status.h"
#include "base/time.h"
#include "engine/tx.h"
#include "export/table_form.h"
#include "profile/profile.h"
#include "store/store.h"

namespace mamori {

class Engine;
class Catalog;

void RegisterPeopleCommands(Engine& engine);

// ---- the gate (001 第5 2(1)エ, 2(3)ア) ------------------------------------------------------------

struct Clearance {
  bool gated = false;    // the organization has a roster gating protected items
  bool cleared = false;  // may open protected items now (always true when not gated)
  std::string reason;    // when refused: "not_holder" (does not hold the roster's role) or "not_confirmed"
};
// Whether `person_id` may open protected items at `now`: holds the gating roster's role in force and
// is listed in the roster's latest confirmed version.
Result<Clearance> ProtectedClearance(Conn& conn, const Catalog& catalog, int64_t person_id, const std::string& now);
Result<bool> IsProtectedItem(Conn& conn, int64_t item_id);
// The refusal for a clearance that is not cleared: kForbidden "people.not_handler" (the role's clause)
// for reason "not_holder", else "people.not_confirmed" (the gating roster's confirmation clause, naming
// the roster and the confirming body).
Status NotClearedError(const Catalog& catalog, const Clearance& c);
// For commands on an item: OK for the system actor, an unprotected item or a cleared actor.
Status CheckProtectedAccess(Tx& tx, int64_t item_id);
// Marks an item protected inside a command (item.register with "protected", item.protect).
Status MarkProtected(Tx& tx, int64_t item_id);

// ---- reads ---------------------------------------------------------------------------------------
// A per-unit roster (RosterDef::per_unit, 000 第2 2(7)) is read one 課室等 at a time: `unit_id` names it
// (required there; 0 for an organization-wide roster, which refuses a unit). See ResolveRoster's refusals.

// The key a roster's versions are stored under (roster_versions.roster): the code, or "<code>@<unit_id>"
// for the record of one 課室等.
std::string RosterKey(const RosterDef& roster, int64_t unit_id);

// {"roster": {...definition..., and for a per-unit roster "unit": {id, code, name_ja, name_en}},
//   "versions": [{id, version, state, reason, prepared_at, submitted_at, confirmed_on, confirmation_ref,
//   entries: N}], "pending": {added: [...], removed: [...], changed: [...]}} — pending is the difference
// between the role's holders now and the latest version.
Result<Json> RosterOverview(Conn& conn, const Catalog& catalog, const std::string& roster, const std::string& now,
                            int64_t unit_id = 0);
// One version with its entries. `with_particulars` false blanks date of birth and nationality.
Result<Json> RosterVersion(Conn& conn, const Catalog& catalog, const std::string& roster, int64_t version,
                           bool with_particulars, int64_t unit_id = 0);
// Whether `person_id` may read the record of `unit_id` of the per-unit roster `roster` at `now`: a holder
// of its keeper role whose designation covers the unit (the システム担当者 of that 課室等), or of org.admin
// or people.agreements there (the 情報システム情報保証責任者, system administration staff, the IA officer).
// False for anything else, including a roster that is not per-unit.
Result<bool> MayReadUnitRoster(Conn& conn, const Catalog& catalog, const std::string& roster, int64_t unit_id,
                               int64_t person_id, const std::string& now);
// A person's agreements (all, newest first, each with its supervisor_person_id or null) and particulars
// (if `with_particulars`).
Result<Json> PersonPeopleRecord(Conn& conn, int64_t person_id, bool with_particulars);

// A roster version as its form, for CSV/XLSX (src/export/table_form.h). Dates in 和暦.
Result<TableForm> RosterForm(Conn& conn, const Catalog& catalog, const std::string& roster, int64_t version,
                             bool with_particulars, const TimeZone& tz, int64_t unit_id = 0);

// "YYYY-MM-DD" that is a real calendar date.
bool IsCalendarDate(const std::string& s);

}  // namespace mamori
