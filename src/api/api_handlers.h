#pragma once
// The handlers behind the route table. Internal to src/api.

#include <functional>
#include <optional>

#include "api/api.h"
#include "api/http.h"
#include "ledger/queries.h"

namespace mamori {

class ApiHandlers {
 public:
  explicit ApiHandlers(App& app) : app_(app) {}
  // The handler for one route of the table (a command route runs `route.command`).
  Router::Handler For(const RouteInfo& route);

 private:
  using Authed = std::function<HttpResponse(HttpRequest&, const Actor&)>;
  // Wraps a handler with authentication (cookie + CSRF for unsafe methods, or a bearer token).
  Router::Handler WithAuth(Authed fn);
  Router::Handler CommandRoute(const std::string& command);
  Result<Json> Body(const HttpRequest& req);
  Result<std::optional<std::vector<int64_t>>> Units(const Actor& a, const char* permission);
  // 403 (people.not_confirmed / people.not_handler) if any of the items is protected and the actor is not
  // cleared for protected information (001 第5 2(1)エ).
  Status ProtectedGate(Conn& c, const Actor& a, const std::vector<std::string>& control_nos);
  // Whether item lists leave out protected items for this actor: some item is protected and the actor
  // is not cleared for protected information (the system actor sees everything).
  Result<bool> MustHideProtected(Conn& c, const Actor& a);
  Workday MakeWorkday() const;

  HttpResponse Login(HttpRequest& req);
  HttpResponse Logout(HttpRequest& req, const Actor& a);
  HttpResponse Me(HttpRequest& req, const Actor& a);
  HttpResponse Password(HttpRequest& req, const Actor& a);
  HttpResponse Tokens(HttpRequest& req, const Actor& a);
  HttpResponse CreateAccount(HttpRequest& req, const Actor& a);
  HttpResponse ListUnits(HttpRequest& req, const Actor& a);
  HttpResponse ListPersons(HttpRequest& req, const Actor& a);
  HttpResponse ListRoles(HttpRequest& req, const Actor& a);
  HttpResponse ListDesignations(HttpRequest& req, const Actor& a);
  HttpResponse ListCertificates(HttpRequest& req, const Actor& a);
  HttpResponse ListItems(HttpRequest& req, const Actor& a);
  HttpResponse GetItem(HttpRequest& req, const Actor& a);
  HttpResponse ItemLedger(HttpRequest& req, const Actor& a);
  HttpResponse UnitLedger(HttpRequest& req, const Actor& a);
  HttpResponse Approvals(HttpRequest& req, const Actor& a);
  HttpResponse Overdue(HttpRequest& req, const Actor& a);
  HttpResponse ListReconciliations(HttpRequest& req, const Actor& a);
  HttpResponse GetReconciliation(HttpRequest& req, const Actor& a);
  HttpResponse Trail(HttpRequest& req, const Actor& a);
  HttpResponse TrailHead(HttpRequest& req, const Actor& a);
  HttpResponse InclusionProof(HttpRequest& req, const Actor& a);
  HttpResponse ConsistencyProof(HttpRequest& req, const Actor& a);
  HttpResponse Ledger(HttpRequest& req, const Actor& a, const std::string& control_no, std::optional<int64_t> unit);
  HttpResponse RequireTrailView(const Actor& a, const std::function<HttpResponse()>& fn);

  App& app_;
};

}  // namespace mamori
