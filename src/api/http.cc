#include "api/http.h"

#include <cctype>

#include <spdlog/spdlog.h>

namespace mamori {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(ToLowerAscii(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::Cookie(std::string_view name) const {
  auto cookies = ParseCookies(Header("cookie"));
  auto it = cookies.find(std::string(name));
  return it == cookies.end() ? std::string() : it->second;
}

std::string HttpRequest::Query(std::string_view name, std::string def) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? def : it->second;
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse res;
  res.status = status;
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return 200;
    case ErrorKind::kInvalidArgument: return 400;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kRuleViolation: return 422;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kThrottled: return 429;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(const Status& status) {
  nlohmann::json err;
  if (status.kind() == ErrorKind::kInternal || status.ok()) {
    // Internal details (paths, SQL, errno) stay in the server log.
    spdlog::error("internal error answered as HTTP 500: {}", status.ToString());
    err = {{"kind", ErrorKindName(ErrorKind::kInternal)},
           {"rule", "internal"},
           {"clause", ""},
           {"message_ja", "内部エラーが発生しました。"},
           {"message_en", "Internal error"}};
    return JsonResponse(500, {{"error", err}});
  }
  err = {{"kind", ErrorKindName(status.kind())},
         {"rule", status.rule()},
         {"clause", status.clause()},
         {"message_ja", status.ja()},
         {"message_en", status.en()}};
  if (!status.field().empty()) err["field"] = status.field();
  return JsonResponse(HttpStatusFor(status.kind()), {{"error", err}});
}

std::string PercentEncode(std::string_view in) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string PercentDecode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::multimap<std::string, std::string> ParseQuery(std::string_view query) {
  std::multimap<std::string, std::string> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view key = piece.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    out.emplace(PercentDecode(key, true), PercentDecode(value, true));
  }
  return out;
}

std::map<std::string, std::string> ParseCookies(std::string_view header) {
  std::map<std::string, std::string> out;
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view piece = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    size_t eq = piece.find('=');
    if (piece.empty() || eq == std::string_view::npos) continue;
    std::string_view name = Trim(piece.substr(0, eq));
    std::string_view value = Trim(piece.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!name.empty()) out.emplace(std::string(name), std::string(value));
  }
  return out;
}

}  // namespace mamori
