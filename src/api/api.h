#pragma once
// The JSON REST API under /api/v1, described by docs/openapi.yaml. Handlers are thin: they
// authenticate, turn the request into a command input or a query, and map the result. Every
// route is declared once in the route table (api.cc); tests check the table against the OpenAPI
// file and every route against every role.

#include <cstddef>
#include <string>
#include <vector>

#include "api/router.h"
#include "app/app.h"

namespace mamori {

struct RouteInfo {
  std::string method, pattern;
  bool public_route;  // no authentication (sign-in, health, the OpenAPI file)
  std::string command;  // the command it runs, "" for reads
  std::size_t max_body = 0;  // the largest request body it takes; 0: the server's default (HttpServerOptions)
};

// Adds every route to `router`. `app` must outlive the router.
void InstallApiRoutes(Router& router, App& app);
// The route table, for docs and tests.
const std::vector<RouteInfo>& ApiRoutes();

inline constexpr const char* kSessionCookie = "mamori_session";

}  // namespace mamori
