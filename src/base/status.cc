#include "base/status.h"

namespace mamori {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return "ok";
    case ErrorKind::kInvalidArgument: return "invalid_argument";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kRuleViolation: return "rule_violation";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kUnauthenticated: return "unauthenticated";
    case ErrorKind::kForbidden: return "forbidden";
    case ErrorKind::kThrottled: return "throttled";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out;
  if (!clause_.empty()) out += "[" + clause_ + "] ";
  out += ja_;
  out += " / ";
  out += en_;
  if (!rule_.empty()) out += " (" + rule_ + ")";
  return out;
}

}  // namespace mamori
