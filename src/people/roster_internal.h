#pragma once
// Helpers shared by the people commands (internal to src/people).

#include <string>

#include "engine/input.h"
#include "engine/tx.h"

namespace mamori::people_internal {

// The organization's local date today ("YYYY-MM-DD").
Result<std::string> LocalToday(Tx& tx);
// A required calendar date no later than today, refused with f's clause otherwise.
Result<std::string> PastDate(Tx& tx, const Input& in, const Field& f);
// The person, refused ("people.inactive_person", `clause`) if they have left.
Result<Record> ActivePerson(Tx& tx, int64_t person_id, const std::string& clause);

}  // namespace mamori::people_internal
