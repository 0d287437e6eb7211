#include "engine/input.h"

#include "base/time.h"

namespace mamori {

Status Missing(const Field& f) {
  return Status::Error(ErrorKind::kInvalidArgument, "input.required", f.clause,
                       std::string(f.name_ja) + "を入力してください。", std::string("The ") + f.name_en + " is required.",
                       f.key);
}

Status Malformed(const Field& f, const std::string& expected_ja, const std::string& expected_en) {
  return Status::Error(ErrorKind::kInvalidArgument, "input.malformed", f.clause,
                       std::string(f.name_ja) + "の形式が正しくありません（" + expected_ja + "）。",
                       std::string("The ") + f.name_en + " is malformed (expected " + expected_en + ").", f.key);
}

namespace {
std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}
}  // namespace

Result<std::string> Input::OptText(const Field& f) const {
  if (!Has(f.key)) return std::string();
  const Json& v = j_[f.key];
  if (!v.is_string()) return Malformed(f, "文字列", "a string");
  std::string s = Trim(v.get<std::string>());
  if (s.size() > 2000) return Malformed(f, "2000文字以内", "at most 2,000 characters");
  return s;
}

Result<std::string> Input::Text(const Field& f) const {
  ASSIGN_OR_RETURN(std::string s, OptText(f));
  if (s.empty()) return Missing(f);
  return s;
}

Result<std::optional<int64_t>> Input::OptInt(const Field& f) const {
  if (!Has(f.key)) return std::optional<int64_t>();
  const Json& v = j_[f.key];
  if (v.is_number_integer()) return std::optional<int64_t>(v.get<int64_t>());
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    char* end = nullptr;
    const long long n = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && end && *end == '\0') return std::optional<int64_t>(n);
  }
  return Malformed(f, "整数", "an integer");
}

Result<int64_t> Input::Int(const Field& f) const {
  ASSIGN_OR_RETURN(std::optional<int64_t> n, OptInt(f));
  if (!n) return Missing(f);
  return *n;
}

Result<std::optional<Micros>> Input::OptTime(const Field& f) const {
  if (!Has(f.key)) return std::optional<Micros>();
  if (!j_[f.key].is_string()) return Malformed(f, "例: 2026-11-22T10:30:00+09:00", "e.g. 2026-11-22T10:30:00+09:00");
  auto t = ParseTimestamp(j_[f.key].get<std::string>());
  if (!t.ok()) return Malformed(f, "例: 2026-11-22T10:30:00+09:00", "e.g. 2026-11-22T10:30:00+09:00");
  return std::optional<Micros>(*t);
}

Result<Micros> Input::Time(const Field& f) const {
  ASSIGN_OR_RETURN(std::optional<Micros> t, OptTime(f));
  if (!t) return Missing(f);
  return *t;
}

Result<bool> Input::Flag(const Field& f, bool must_be_true) const {
  if (!Has(f.key)) return Missing(f);
  if (!j_[f.key].is_boolean()) return Malformed(f, "true または false", "true or false");
  const bool b = j_[f.key].get<bool>();
  if (must_be_true && !b)
    return Status::Error(ErrorKind::kRuleViolation, std::string("confirm.") + f.key, f.clause,
                         std::string(f.name_ja) + "を確認しなければ、この操作はできません。",
                         std::string("This cannot be done until the ") + f.name_en + " is confirmed.", f.key);
  return b;
}

Result<std::string> Input::OneOf(const Field& f, std::initializer_list<const char*> allowed) const {
  ASSIGN_OR_RETURN(std::string s, Text(f));
  std::string list;
  for (const char* a : allowed) {
    if (s == a) return s;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return Malformed(f, list + " のいずれか", "one of " + list);
}

}  // namespace mamori
