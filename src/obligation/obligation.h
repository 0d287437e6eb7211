#pragma once
// The obligation calendar (docs/architecture.md, "The obligation calendar"): the duties that the
// organization's profiles declare in obligations.yaml become rows of obligation_occurrences — one per
// period and scope for recurring duties (obligation.schedule), one per event for duties that triggers
// raise (the command hook) — owned by the holders of the owner role, completed with evidence
// (obligation.complete, or automatically by a `completed_by` command), and escalated along the
// reporting chain when overdue (obligation.escalate). Every write is a Tx::Put: each occurrence raised,
// completed or escalated is on the trail.
//
// Commands:
//   obligation.schedule  {from?: "YYYY-MM-DD"}  system actor, or obligation.manage at the root unit.
//       Creates the occurrences of the current period (and of every period back to `from`, at most
//       kMaxBackfillDays ago; `workday` duties are not back-filled) that do not exist yet. Idempotent.
//       Output {created, occurrence_ids}.
//   obligation.complete  {occurrence_id, evidence_kind: record|document, evidence_ref, note?}
//       The owner (see owners.h), or a holder of obligation.manage for the occurrence's unit.
//       Output {occurrence_id, state: "done"}.
//   obligation.escalate  {}  system actor. Moves every overdue open occurrence one step up its chain
//       (kReescalateAfter after the previous step at the earliest). Output {escalated, occurrence_ids}.

#include <optional>
#include <vector>

#include "engine/engine.h"
#include "obligation/occurrence.h"
#include "obligation/periods.h"

namespace mamori {

// Registers the three commands and the command hook (automatic completion and triggers).
// REQUIRES: before engine.Start().
void RegisterObligationCommands(Engine& engine);

inline constexpr int kMaxBackfillDays = 400;
inline constexpr Micros kReescalateAfter = 7 * kDay;

// The occurrences obligation.schedule would create at `now` (the current periods, and every period back
// to `from`), without writing. Ids are not assigned. Errors: the store's; org.missing before org.init.
Result<std::vector<Occurrence>> PlanSchedule(Conn& conn, const Catalog& catalog, const Profiles& profiles, Micros now,
                                             std::optional<LocalDay> from = std::nullopt);

// The occurrences obligation.escalate would move at `now`, already moved (level, escalated_to,
// escalated_at set), without writing.
Result<std::vector<Occurrence>> PlanEscalations(Conn& conn, const Profiles& profiles, Micros now);

// The role after `current` in the profile's reporting chains ("" at the end of every chain): the first
// chain that holds `owner` before `current`, else the first chain holding `current` with a next step.
std::string NextInChain(const Profile& profile, const std::string& owner, const std::string& current);

// The evidence reference a completion cites, checked: "trail:<seq>", "items/<control_no>",
// "reconciliations/<id>", "designations/<id>", "persons/<id>". True when it names an existing record.
Result<bool> EvidenceResolves(Conn& conn, const std::string& ref);

}  // namespace mamori
