#pragma once
// The one error currency of the core. A Status is OK or carries a kind, the rule it breaks,
// the clause of the regulation that rule comes from, and a message in Japanese and English.
// Exceptions are used only at the edges (CLI parsing, HTTP I/O); the core returns Status/Result.

#include <string>
#include <utility>
#include <variant>

namespace mamori {

enum class ErrorKind {
  kOk = 0,
  kInvalidArgument,   // the input is malformed or a required field is missing
  kNotFound,          // the entity does not exist (or is not visible to the actor)
  kRuleViolation,     // a regulation's invariant forbids the command
  kConflict,          // the entity's state does not allow the command now
  kUnauthenticated,   // no valid session or token
  kForbidden,         // authenticated, but no designation allows this in this scope
  kThrottled,         // too many attempts
  kInternal,          // a bug or an I/O failure; details go to the server log only
};

// Stable snake_case name of a kind, used in JSON error bodies ("rule_violation").
const char* ErrorKindName(ErrorKind kind);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  // `rule` is a stable identifier (e.g. "media.witness_differs"); `clause` cites the regulation
  // as the seeds print it (e.g. "000 第4 7(1)"); `field` names the input field at fault, if any.
  static Status Error(ErrorKind kind, std::string rule, std::string clause, std::string ja,
                      std::string en, std::string field = "") {
    Status s;
    s.kind_ = kind;
    s.rule_ = std::move(rule);
    s.clause_ = std::move(clause);
    s.ja_ = std::move(ja);
    s.en_ = std::move(en);
    s.field_ = std::move(field);
    return s;
  }
  static Status Internal(std::string en) {
    return Error(ErrorKind::kInternal, "internal", "", "内部エラーが発生しました。", std::move(en));
  }

  bool ok() const { return kind_ == ErrorKind::kOk; }
  ErrorKind kind() const { return kind_; }
  const std::string& rule() const { return rule_; }
  const std::string& clause() const { return clause_; }
  const std::string& ja() const { return ja_; }
  const std::string& en() const { return en_; }
  const std::string& field() const { return field_; }
  // "[000 第4 7(1)] 立会者は… / The witness …" for logs and the CLI.
  std::string ToString() const;

 private:
  ErrorKind kind_ = ErrorKind::kOk;
  std::string rule_, clause_, ja_, en_, field_;
};

// A value or an error Status. REQUIRES: the Status given is not OK.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}     // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

#define MAMORI_CONCAT_INNER(a, b) a##b
#define MAMORI_CONCAT(a, b) MAMORI_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::mamori::Status _st = (expr);                   \
    if (!_st.ok()) return _st;                       \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, Foo());` declares x from a Result or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto MAMORI_CONCAT(_res_, __LINE__) = (expr);                       \
  if (!MAMORI_CONCAT(_res_, __LINE__).ok())                           \
    return MAMORI_CONCAT(_res_, __LINE__).status();                   \
  lhs = std::move(MAMORI_CONCAT(_res_, __LINE__)).value()

}  // namespace mamori
