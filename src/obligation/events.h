#pragma once
// What a committed command means for the obligation calendar: the events of obligations.yaml `triggers`
// it stands for, and the units and people its writes concern (for `completed_by`). Both are derived
// from the command's name, input and effects (the rows it wrote), so no module has to announce events.
//
//   person.create                          → person.created
//   a command other than person.create that writes a persons row
//       with active = 0 (and `active` in its input, or named person.leave)  → person.left
//       with the `unit_id` of its input                                       → person.transferred
//   account.create                         → account.created
//   an accounts row written with disabled = 1 by account.set_disabled → account.disabled
//   designation.create                     → designation.created, designation.changed
//   designation.revoke                     → designation.revoked, designation.changed
//   item.register / item.receive           → item.registered / item.received
//   item.return                            → item.returned
//   an items row written in state destroyed / disposed / lost → item.destroyed / item.disposed / item.lost
//   reconcile.submit that recorded discrepancies → reconciliation.discrepancy (one per reconciliation)

#include <set>
#include <string>
#include <vector>

#include "engine/tx.h"

namespace mamori {

struct DomainEvent {
  std::string name;       // "person.transferred"
  std::string subject;    // "persons/12", "items/M-CY-003", "designations/7", "reconciliations/3"
  int64_t unit_id = 0;    // the subject's unit (0 if none)
  int64_t person_id = 0;  // the person it is about; for item and reconciliation events, the actor's person
  std::string role;       // designation events: the designation's role code
};

// The events of one command. Reads the store for units not in the effects (an account's person).
Result<std::vector<DomainEvent>> EventsOf(Conn& conn, const Actor& actor, const std::string& command, const Json& input,
                                          const Json& effects);

// The units, people and records the command wrote (items → custodian unit, ledger and copy entries →
// their item's unit and user, reconciliations and discrepancies → the reconciled unit, persons,
// accounts and designations → the person and their unit, training sessions → their unit, attendance
// rows → the person trained, with the person and each of their designations as subjects). A
// `completed_by` command completes a duty raised about one record (its subject) only when it wrote that
// record, and any other duty whose scope holds one of these units (or a unit below it) or people.
// `subjects` are the records written, named as trigger subjects are ("items/M-CY-003", "reconciliations/3",
// "persons/12" — also for an accounts row of that person —, "designations/7").
struct Touched {
  std::set<int64_t> units, persons;
  std::set<std::string> subjects;
};
Result<Touched> TouchedBy(Conn& conn, const Json& effects);

}  // namespace mamori
