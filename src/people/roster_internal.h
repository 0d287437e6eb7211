#pragma once
// Helpers shared by the people commands (internal to src/people).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "engine/input.h"
#include "engine/tx.h"
#include "profile/profile.h"

namespace mamori::people_internal {

// The organization's local date today ("YYYY-MM-DD").
Result<std::string> LocalToday(Tx& tx);
// A required calendar date no later than today, refused with f's clause otherwise.
Result<std::string> PastDate(Tx& tx, const Input& in, const Field& f);
// The person, refused ("people.inactive_person", `clause`) if they have left.
Result<Record> ActivePerson(Tx& tx, int64_t person_id, const std::string& clause);

// ---- rosters (roster_listing.cc) ----------------------------------------------------------------

// A roster as a command or read addresses it: its definition, the 課室等 of a per-unit roster (0 for an
// organization-wide one) and the key its versions are stored under (roster_versions.roster, RosterKey).
struct RosterScope {
  const RosterDef* def = nullptr;
  int64_t unit_id = 0;
  std::string unit_name;  // the unit's name_ja ("" for an organization-wide roster)
  std::string key;
};
// Resolves a roster code and a unit (0 = none given). Refused: an unknown roster (404 roster.unknown), a
// per-unit roster without a unit (input.required) or with a unit that does not exist (404
// roster.unit_unknown), a unit given for an organization-wide roster (roster.unit_not_applicable) — each
// with the roster's clause.
Result<RosterScope> ResolveRoster(Conn& conn, const Catalog& catalog, const std::string& code, int64_t unit_id);

// One person as a roster lists them.
struct Listing {
  int64_t person_id = 0;
  std::string name, birth_date, department, position, nationality, designated_on;
  Json roles = Json::array();
  std::optional<int64_t> agreement_id;
  bool has_particulars = false;
};
Result<TimeZone> OrgZone(Conn& conn);
// The holders of the roster's role at `now` (for a per-unit roster, those whose person belongs to the
// unit or a unit below it), in person order, with what the roster prints of them.
Result<std::vector<Listing>> CurrentListing(Conn& conn, const Catalog& catalog, const RosterScope& roster,
                                            const std::string& now);
Json ListingJson(const Listing& l);
// The entries of a stored version.
Result<std::vector<Listing>> VersionEntries(Conn& conn, int64_t version_id);
// The latest version stored under `key` (any state): {id, version}; nullopt if none.
Result<std::optional<std::pair<int64_t, int64_t>>> LatestVersion(Conn& conn, const std::string& key);
// {added, removed, changed}: persons between two listings (a changed entry is one whose printed items differ).
Json Difference(const std::vector<Listing>& before, const std::vector<Listing>& now);
// The roster's definition as the API shows it, with the unit of a per-unit roster.
Json RosterJson(const RosterScope& r);

}  // namespace mamori::people_internal
