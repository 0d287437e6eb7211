#include "api/router.h"

#include <algorithm>
#include <set>

namespace mamori {
namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}.
std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    size_t slash = path.find('/');
    parts.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

HttpResponse HttpError(int http_status, ErrorKind kind, std::string rule, std::string ja,
                       std::string en) {
  HttpResponse res = ErrorResponse(
      Status::Error(kind, std::move(rule), "", std::move(ja), std::move(en)));
  res.status = http_status;
  return res;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, std::size_t max_body) {
  Route route{std::move(method), std::move(pattern), {}, std::move(handler), max_body};
  for (std::string& part : SplitPath(route.pattern)) {
    Segment seg{Segment::Type::kLiteral, part};
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      std::string name = part.substr(1, part.size() - 2);
      if (!name.empty() && name.front() == '*') {
        seg = {Segment::Type::kRest, name.substr(1)};
      } else {
        seg = {Segment::Type::kParam, name};
      }
    }
    route.segments.push_back(std::move(seg));
  }
  routes_.push_back(std::move(route));
}

bool Router::Match(const Route& route, const std::vector<std::string>& parts,
                   std::map<std::string, std::string>& params) {
  params.clear();
  size_t n = route.segments.size();
  for (size_t i = 0; i < n; ++i) {
    const Segment& seg = route.segments[i];
    if (seg.type == Segment::Type::kRest) {
      std::string rest;
      for (size_t j = i; j < parts.size(); ++j) {
        std::string piece = PercentDecode(parts[j], false);
        if (piece == "." || piece == ".." || piece.find('/') != std::string::npos ||
            piece.find('\0') != std::string::npos) {
          return false;
        }
        if (j > i) rest += '/';
        rest += piece;
      }
      params[seg.text] = std::move(rest);
      return true;
    }
    if (i >= parts.size()) return false;
    if (seg.type == Segment::Type::kLiteral) {
      if (parts[i] != seg.text) return false;
      continue;
    }
    std::string value = PercentDecode(parts[i], false);
    if (value.empty() || value.find('/') != std::string::npos ||
        value.find('\0') != std::string::npos) {
      return false;
    }
    params[seg.text] = std::move(value);
  }
  return parts.size() == n;
}

bool Router::MoreSpecific(const Route& a, const Route& b) {
  size_t n = std::min(a.segments.size(), b.segments.size());
  for (size_t i = 0; i < n; ++i) {
    auto ta = a.segments[i].type;
    auto tb = b.segments[i].type;
    if (ta != tb) return static_cast<int>(ta) < static_cast<int>(tb);
  }
  return false;
}

const Router::Route* Router::Find(const std::string& method, const std::vector<std::string>& parts,
                                  std::map<std::string, std::string>& best_params,
                                  std::set<std::string>& allowed) const {
  const Route* best = nullptr;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (!Match(route, parts, params)) continue;
    if (route.method != method) {
      allowed.insert(route.method);
      continue;
    }
    if (best == nullptr || MoreSpecific(route, *best)) {
      best = &route;
      best_params = params;
    }
  }
  return best;
}

std::size_t Router::MaxBody(const std::string& method, std::string_view path) const {
  std::map<std::string, std::string> params;
  std::set<std::string> allowed;
  const Route* route = Find(method, SplitPath(path), params, allowed);
  return route ? route->max_body : 0;
}

std::size_t Router::LargestMaxBody() const {
  std::size_t largest = 0;
  for (const Route& r : routes_) largest = std::max(largest, r.max_body);
  return largest;
}

HttpResponse Router::Dispatch(HttpRequest& request) const {
  std::map<std::string, std::string> best_params;
  std::set<std::string> allowed;
  const Route* best = Find(request.method, SplitPath(request.path), best_params, allowed);
  if (best != nullptr) {
    request.path_params = std::move(best_params);
    return best->handler(request);
  }
  if (allowed.empty()) {
    if (fallback_ && (request.method == "GET" || request.method == "HEAD")) return fallback_(request);
    return HttpError(404, ErrorKind::kNotFound, "http.not_found",
                     "指定されたURLは存在しません。", "No such URL.");
  }
  HttpResponse res = HttpError(405, ErrorKind::kInvalidArgument, "http.method_not_allowed",
                               "このURLではそのメソッドは使用できません。",
                               "Method not allowed for this URL.");
  std::string allow;
  for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
  res.headers.emplace_back("Allow", allow);
  return res;
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace mamori
