#pragma once
// Internal to src/compliance: which rules a committed batch can change, and for which subjects.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/compliance.h"

namespace mamori::compliance_internal {

// Where the subjects of one kind come from in a row written to `table`: the row's `column` is the subject
// id; or, with `lookup` ("SELECT id FROM ledger_entries WHERE item_id IN"), the ids that query gives for
// the column's values. The columns named are never changed once a row is written (a foreign key to the
// row's owner), so the row's new value is also its old one.
struct SubjectSource {
  const char* kind;
  const char* table;
  const char* column;
  const char* lookup;  // "" = the column is the subject id
};
const std::vector<SubjectSource>& SubjectSources();

// More subjects than this in one batch: the rule is re-run in full instead.
inline constexpr size_t kMaxSubjects = 512;

// How often each identifier occurs in SQL (lower-cased; quoted text and comments skipped; an identifier
// right after '.' is a column and not counted).
std::map<std::string, int> IdentifierCounts(std::string_view sql);

// What a rule reads, found once from its text and `depends_on`.
struct RuleTables {
  std::map<std::string, int> query;       // identifier counts of the query
  std::map<std::string, int> applies_if;  // of applies_if
  std::set<std::string> depends_on;
  static RuleTables Of(const RuleDef& rule);
  // The tables of `written` the rule reads (named in its text, or in depends_on).
  std::vector<std::string> Touched(const std::map<std::string, std::vector<const nlohmann::json*>>& written) const;
};

// The rows a batch wrote, by table (pointers into the batch's effects). Every batch also appends trail
// events: "trail_events" is always present, with no rows.
std::map<std::string, std::vector<const nlohmann::json*>> CollectWrites(const std::vector<CommittedCommand>& batch);

enum class Plan { kKeep, kRestricted, kFull };
struct Decision {
  Plan plan = Plan::kKeep;
  std::vector<int64_t> subjects;  // kRestricted: sorted, unique
};

// What to do with a rule (last state `prior`) after a batch that wrote `written`.
Result<Decision> Decide(Conn& conn, const RuleDef& rule, const RuleTables& tables, RuleState prior,
                        const std::map<std::string, std::vector<const nlohmann::json*>>& written);

}  // namespace mamori::compliance_internal
