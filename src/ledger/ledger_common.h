#pragma once
// Shared helpers of the ledger commands (internal to src/ledger).

#include <initializer_list>
#include <string>

#include "engine/input.h"
#include "engine/tx.h"

namespace mamori::ledger {

// The item named by "item_id" or "control_no" in the input; kNotFound otherwise.
Result<Record> LoadItem(Tx& tx, const Json& input);
// kConflict "ledger.state" naming the item's state and what the operation needs.
Status RequireState(const Record& item, std::initializer_list<const char*> states, const char* op_ja,
                    const char* op_en, const char* clause);
// kRuleViolation for an operation only media (or only devices) have.
Status RequireKind(const Record& item, const char* kind, const char* clause);

struct PersonInfo {
  int64_t id = 0;
  std::string name;         // 姓 名
  std::string affiliation;  // the unit's Japanese name
  int64_t unit_id = 0;
  bool active = false;
};
Result<PersonInfo> LoadPerson(Tx& tx, int64_t person_id);

// A new numbered row of the item's 管理簿 (all columns filled with their empty values).
Result<Record> NewEntry(Tx& tx, const Record& item, const std::string& movement, const PersonInfo& user,
                        const std::string& purpose, const std::string& place);
Result<Record> CurrentEntry(Tx& tx, const Record& item);
// Bumps the item's version, sets its state and writes it.
Status SaveItem(Tx& tx, Record& item, const std::string& state);

std::string ItemEntity(const Record& item);

}  // namespace mamori::ledger
