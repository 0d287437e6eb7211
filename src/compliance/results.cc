// Violation and RuleResult values (compliance.h).

#include <algorithm>
#include <tuple>

#include "compliance/compliance.h"

namespace mamori {

const char* RuleStateName(RuleState state) {
  switch (state) {
    case RuleState::kSatisfied:
      return "satisfied";
    case RuleState::kViolated:
      return "violated";
    case RuleState::kNotApplicable:
      return "not_applicable";
    case RuleState::kError:
      return "error";
  }
  return "error";
}

nlohmann::json Violation::ToJson() const {
  return nlohmann::json{{"profile", profile},
                        {"rule", rule},
                        {"clause", clause},
                        {"severity", severity},
                        {"subject_kind", subject_kind},
                        {"subject_id", subject_id},
                        {"subject", subject},
                        {"unit_id", unit_id ? nlohmann::json(unit_id) : nlohmann::json()},
                        {"message_ja", message_ja},
                        {"message_en", message_en},
                        {"evidence", evidence.empty() ? nlohmann::json() : nlohmann::json(evidence)},
                        {"columns", columns}};
}

bool Violation::operator==(const Violation& o) const {
  return std::tie(profile, rule, clause, severity, subject_kind, subject_id, subject, unit_id, message_ja, message_en,
                  evidence) == std::tie(o.profile, o.rule, o.clause, o.severity, o.subject_kind, o.subject_id,
                                        o.subject, o.unit_id, o.message_ja, o.message_en, o.evidence) &&
         columns == o.columns;
}

bool ViolationBefore(const ViolationPtr& a, const ViolationPtr& b) {
  if (a->subject_id != b->subject_id) return a->subject_id < b->subject_id;
  return a->columns < b->columns;  // a rule may give several rows for one subject
}

void SortViolations(std::vector<ViolationPtr>& v) { std::sort(v.begin(), v.end(), ViolationBefore); }

bool SameViolations(const std::vector<ViolationPtr>& a, const std::vector<ViolationPtr>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const ViolationPtr& x, const ViolationPtr& y) { return *x == *y; });
}

bool RuleResult::SameOutcome(const RuleResult& o) const {
  return profile == o.profile && rule == o.rule && state == o.state && SameViolations(violations, o.violations) &&
         error_en == o.error_en;
}

}  // namespace mamori
