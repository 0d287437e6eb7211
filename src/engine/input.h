#pragma once
// Typed access to a command's JSON input. Each accessor names the clause that requires the field,
// so a missing or malformed field is refused with the rule and clause, in Japanese and English.

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/tx.h"

namespace mamori {

struct Field {
  const char* key;
  const char* clause;   // e.g. "000 第4 3(1)"; "" when no clause requires it
  const char* name_ja;  // 使用目的
  const char* name_en;  // purpose
};

class Input {
 public:
  explicit Input(const Json& j) : j_(j) {}
  // Required non-empty text (trimmed of surrounding whitespace; at most 2,000 characters).
  Result<std::string> Text(const Field& f) const;
  // Optional text: "" when absent or null.
  Result<std::string> OptText(const Field& f) const;
  Result<int64_t> Int(const Field& f) const;
  Result<std::optional<int64_t>> OptInt(const Field& f) const;
  // ISO 8601 time with an offset.
  Result<Micros> Time(const Field& f) const;
  Result<std::optional<Micros>> OptTime(const Field& f) const;
  // A boolean that must be present; `must_be_true` refuses false with the field's clause.
  Result<bool> Flag(const Field& f, bool must_be_true) const;
  // Text that must be one of `allowed`.
  Result<std::string> OneOf(const Field& f, std::initializer_list<const char*> allowed) const;
  bool Has(const char* key) const { return j_.is_object() && j_.contains(key) && !j_[key].is_null(); }

 private:
  const Json& j_;
};

Status Missing(const Field& f);
Status Malformed(const Field& f, const std::string& expected_ja, const std::string& expected_en);

}  // namespace mamori
