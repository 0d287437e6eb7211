#pragma once
// One row of obligation_occurrences (migration 0005) as a value, and the look-ups the calendar's
// commands and queries share: the organization's zone and root unit, and obligations by profile.
// Internal to src/obligation (queries.h is the public read side).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "engine/tx.h"
#include "obligation/periods.h"
#include "profile/profile.h"

namespace mamori {

using Profiles = std::vector<std::shared_ptr<const Profile>>;

struct Occurrence {
  int64_t id = 0;
  std::string profile, obligation, clause, period;
  std::string scope_kind = "org";  // org | unit | person (system and facility duties are kept per org)
  int64_t scope_id = 0;            // the unit or person; 0 for the organization
  int64_t unit_id = 0;
  std::string owner_role, escalate_to;  // "" = NULL
  std::string due_at, remind_from;      // UTC text
  std::string source = "schedule";      // schedule | trigger | manual
  std::string trigger_event, subject;
  int64_t raised_by_seq = 0;   // 0 = NULL
  std::string state = "open";  // open | done | cancelled
  int64_t escalation_level = 0;
  std::string escalated_to, escalated_at, done_at;
  int64_t done_by_person_id = 0;
  std::string done_by_command, evidence_kind, evidence_ref, evidence_note;
  std::string created_at;

  // The UNIQUE key (profile, obligation, period, scope_kind, scope_id) as one string.
  std::string Key() const;
};

Record ToRecord(const Occurrence& o);
// From a row of `SELECT * FROM obligation_occurrences` (columns found by name).
Occurrence OccurrenceFromRow(const Row& r);
// Occurrences matching `where` (SQL after WHERE, "" for all), ordered by `order` ("id" by default).
Result<std::vector<Occurrence>> LoadOccurrences(Conn& conn, std::string_view where, const Params& params,
                                                std::string_view order = "id");
// Whether an occurrence with this key exists.
Result<bool> OccurrenceExists(Conn& conn, const Occurrence& o);
// Whether an open occurrence of o's obligation and scope exists, whatever its period.
Result<bool> OpenOccurrenceExists(Conn& conn, const Occurrence& o);

// What the calendar needs to know about the organization.
struct OrgCalendar {
  TimeZone tz;
  std::string workday_end = "18:15";
  int64_t root_unit = 0;                        // the first top-level unit; 0 when there is none yet
  std::map<std::string, std::string> taken_at;  // profile → when the organization took it (UTC text)
};
// kNotFound (org.missing) before org.init.
Result<OrgCalendar> LoadOrgCalendar(Conn& conn);

const Profile* FindProfile(const Profiles& profiles, std::string_view name);
// nullptr when the profile does not (or no longer does) define it.
const ObligationDef* FindObligation(const Profiles& profiles, std::string_view profile, std::string_view code);
const ObligationDef* FindObligation(const Profile& profile, std::string_view code);
// True when a trigger of `profile` raises the obligation (so an `every: once` duty is raised by events
// only, never scheduled).
bool RaisedByTrigger(const Profile& profile, std::string_view obligation);
MonthDay FiscalStartOf(const Profile& profile);

}  // namespace mamori
