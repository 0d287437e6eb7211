#pragma once
// Transport-neutral HTTP request/response values and the one mapping from ErrorKind to HTTP
// status. Nothing here does I/O; the server (http_server.h) fills HttpRequest from the wire and
// writes HttpResponse back. Handlers see only these types.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace mamori {

struct HttpRequest {
  std::string method;  // upper-case as sent ("GET")
  std::string target;  // raw request target, path plus query ("/a%20b?x=1")
  std::string path;    // target before '?', NOT percent-decoded (routing splits it first)
  std::multimap<std::string, std::string> query;  // percent-decoded, '+' as space
  std::string body;
  std::string remote_ip;  // peer address of the socket ("127.0.0.1", "::1")
  std::map<std::string, std::string> path_params;  // bound by Router::Dispatch, decoded
  // Keys lower-cased. Repeated headers are joined with ", " ("; " for cookie).
  std::map<std::string, std::string> headers;

  // Header value or "" when absent; `name` is matched case-insensitively.
  std::string Header(std::string_view name) const;
  // Value of cookie `name` from the Cookie header, or "" when absent.
  std::string Cookie(std::string_view name) const;
  // First query value for `name`, or `def` when absent.
  std::string Query(std::string_view name, std::string def = "") const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";  // empty: no Content-Type
  std::string body;
  // Extra headers, in order; repeats allowed (several Set-Cookie). A handler header with the
  // name of a default security header replaces that default.
  std::vector<std::pair<std::string, std::string>> headers;
};

// `status` with `body` serialised compactly. Invalid UTF-8 in strings is replaced, never thrown.
HttpResponse JsonResponse(int status, const nlohmann::json& body);

// THE table from ErrorKind to HTTP status (kOk gives 200).
int HttpStatusFor(ErrorKind kind);

// REQUIRES: !status.ok(). Body:
//   {"error":{"kind","rule","clause","message_ja","message_en","field"?}}
// with "field" omitted when empty. For kInternal the body is generic ("Internal error", rule
// "internal") and the real details are logged with spdlog instead.
HttpResponse ErrorResponse(const Status& status);

// Percent-encodes everything but RFC 3986 unreserved characters (A–Z a–z 0–9 - _ . ~): safe for a
// path segment or a query value.
std::string PercentEncode(std::string_view in);
// Decodes %XX escapes (malformed escapes are kept literally); with `plus_as_space` '+' is ' '.
std::string PercentDecode(std::string_view in, bool plus_as_space);
// Parses "a=1&b=x+y&a=2" (no leading '?'); keys and values decoded with '+' as space.
// A bare "flag" yields ("flag", ""); empty pieces are skipped.
std::multimap<std::string, std::string> ParseQuery(std::string_view query);
// Parses a Cookie header "a=b; c=d". The first occurrence of a name wins; surrounding
// whitespace and double quotes around a value are removed; values are not decoded.
std::map<std::string, std::string> ParseCookies(std::string_view header);
// ASCII lower-case copy.
std::string ToLowerAscii(std::string_view s);

}  // namespace mamori
