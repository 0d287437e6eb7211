#pragma once
// Maps (method, path) to a handler. Patterns are absolute paths whose segments are literals
// ("items"), parameters ("{id}") or, as the last segment only, a rest parameter ("{*rest}")
// that binds the remainder of the path (possibly empty) for static files.
//
// Matching is on the raw (still percent-encoded) path split at '/'; literals must match
// exactly (so "/a/" differs from "/a"); bound values are percent-decoded ('+' kept). A decoded
// parameter containing '/' or NUL, and a rest containing a "." or ".." segment, never match.
// When several patterns match, the most specific wins: at the first differing segment a
// literal beats a parameter, which beats a rest; ties go to the route added first.
//
// Thread-safety: Add() only before serving; Dispatch() and Routes() are then safe to call
// concurrently.

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http.h"

namespace mamori {

class Router {
 public:
  using Handler = std::function<HttpResponse(HttpRequest&)>;

  // REQUIRES: `pattern` starts with '/'; "{*name}" appears only as the last segment. `max_body`: the
  // largest request body the route takes, 0 for the server's default (see MaxBody).
  void Add(std::string method, std::string pattern, Handler handler, std::size_t max_body = 0);

  // The body limit of the route Dispatch would choose for (method, raw path), 0 when it has none of its
  // own (or no route matches); and the largest limit of any route. The server reads them after the request
  // line, before the body.
  std::size_t MaxBody(const std::string& method, std::string_view path) const;
  std::size_t LargestMaxBody() const;

  // Fills request.path_params and calls the matching handler. Unknown path: 404 JSON error
  // (rule "http.not_found"). Known path, other method: 405 JSON error (rule
  // "http.method_not_allowed") with an "Allow" header listing the path's methods.
  // Exceptions from handlers propagate (the server turns them into 500).
  HttpResponse Dispatch(HttpRequest& request) const;

  // Called for a GET or HEAD request that matches no route at all (any method), instead of the
  // 404. Used to serve the web application's files and its client-side routes.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Every (method, pattern), in the order added.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Segment {
    enum class Type { kLiteral, kParam, kRest } type;
    std::string text;  // the literal, or the parameter's name
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    std::size_t max_body = 0;
  };

  // The route Dispatch chooses for (method, split path), binding its parameters; nullptr if none. Adds
  // the methods of routes that match the path with another method to `allowed`.
  const Route* Find(const std::string& method, const std::vector<std::string>& parts,
                    std::map<std::string, std::string>& params, std::set<std::string>& allowed) const;

  // True when `route` matches the split path; binds its parameters into `params`.
  static bool Match(const Route& route, const std::vector<std::string>& parts,
                    std::map<std::string, std::string>& params);
  // True when `a` is more specific than `b`.
  static bool MoreSpecific(const Route& a, const Route& b);

  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace mamori
