#pragma once
// Reading the obligation calendar: duties with their computed status and their owners now, for the
// API (GET /api/v1/obligations), the CLI (`mamori obligations list`) and the reminder digests.
// Everything here only reads; thread-compatible (uses the Conn given).
//
// Status of an occurrence at `now`: done and cancelled as stored; an open one is `overdue` once
// now > due_at, `due_soon` once now ≥ remind_from, else `open`. Owners: see owners.h.

#include <optional>
#include <string>
#include <vector>

#include "identity/catalog.h"
#include "obligation/occurrence.h"

namespace mamori {

enum class DutyStatus { kOpen, kDueSoon, kOverdue, kDone, kCancelled };
const char* DutyStatusName(DutyStatus s);  // "open", "due_soon", "overdue", "done", "cancelled"
DutyStatus StatusOf(const Occurrence& o, Micros now);

struct PersonRef {
  int64_t person_id = 0;
  std::string name;  // "田中 美咲"
};

struct Duty {
  Occurrence occ;
  DutyStatus status = DutyStatus::kOpen;
  std::string name_ja, name_en;   // the obligation's names in its profile; its code if no longer defined
  std::string evidence_required;  // record | document; "" if the profile no longer defines it
  std::string unit_code, unit_name_ja, unit_name_en;
  std::string owner_role_ja, owner_role_en;
  std::vector<PersonRef> owners;  // who owns it now
  std::optional<PersonRef> done_by;
  bool can_complete = false;  // the viewer may run obligation.complete on it now
};

// What names come from: the engine's catalog and profiles. Both must outlive the call.
struct DutyContext {
  const Catalog* catalog = nullptr;
  const Profiles* profiles = nullptr;
};

struct DutyFilter {
  // open (every occurrence not yet done, whatever its computed status) | due_soon | overdue | done | all
  std::string status = "open";
  int64_t unit_id = 0;  // 0 = any unit
  std::string profile;  // "" = any profile
  // Who asks: 0 = the system (sees and may complete everything).
  int64_t viewer = 0;
  bool mine = false;  // only the duties the viewer owns
  // Units whose every duty the viewer sees (compliance.view or obligation.manage); nullopt = all units.
  // Outside them the viewer sees only the duties they own.
  std::optional<std::vector<int64_t>> visible_units = std::vector<int64_t>{};
  // Units where the viewer holds obligation.manage (may complete any duty); nullopt = all units.
  std::optional<std::vector<int64_t>> manage_units = std::vector<int64_t>{};
  int limit = 100;    // 1…500
  int64_t after = 0;  // keyset: the id of the last duty of the previous page (order: due_at, id)
};

struct DutyPage {
  std::vector<Duty> duties;
  int64_t next_after = 0;  // 0 when this is the last page
};

// Duties matching `filter`, in due order. kInvalidArgument (obligation.status) for an unknown status.
Result<DutyPage> ListDuties(Conn& conn, const DutyContext& ctx, const DutyFilter& filter, Micros now);

// The API's JSON of a duty (docs/openapi.yaml, Obligation).
Json DutyToJson(const Duty& d);

// The persons who own an occurrence now (sorted). kNotFound if there is no such occurrence.
Result<std::vector<int64_t>> OccurrenceOwners(Conn& conn, const Catalog& catalog, int64_t occurrence_id, Micros now);

// The open duties `person_id` owns now (as the owner role's holder, the person of a person-scoped duty,
// or a holder of the role it was escalated to), in due order: what a reminder digest lists.
Result<std::vector<Duty>> DutiesOfPerson(Conn& conn, const DutyContext& ctx, int64_t person_id, Micros now);

}  // namespace mamori
