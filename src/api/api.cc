#include "api/api.h"

#include "api/api_handlers.h"
#include "api/import_handlers.h"

namespace mamori {

const std::vector<RouteInfo>& ApiRoutes() {
  static const std::vector<RouteInfo> kRoutes = {
      {"GET", "/healthz", true, ""},
      {"GET", "/api/v1/openapi.yaml", true, ""},
      {"POST", "/api/v1/auth/login", true, "auth.session_create"},
      {"POST", "/api/v1/auth/logout", false, "auth.session_revoke"},
      {"GET", "/api/v1/auth/me", false, ""},
      {"POST", "/api/v1/auth/password", false, "account.set_password"},
      {"POST", "/api/v1/auth/tokens", false, "auth.token_create"},
      {"GET", "/api/v1/units", false, ""},
      {"POST", "/api/v1/units", false, "unit.create"},
      {"GET", "/api/v1/units/{unit_id}/ledger", false, ""},
      {"GET", "/api/v1/persons", false, ""},
      {"POST", "/api/v1/persons", false, "person.create"},
      {"POST", "/api/v1/persons/import", false, "person.import", kImportMaxBody},
      {"POST", "/api/v1/persons/{person_id}/departure", false, "person.leave"},
      {"POST", "/api/v1/persons/{person_id}/transfer", false, "person.transfer"},
      {"POST", "/api/v1/accounts", false, "account.create"},
      {"POST", "/api/v1/accounts/{account_id}/disabled", false, "account.set_disabled"},
      {"GET", "/api/v1/roles", false, ""},
      {"GET", "/api/v1/designations", false, ""},
      {"POST", "/api/v1/designations", false, "designation.create"},
      {"POST", "/api/v1/designations/{designation_id}/revocation", false, "designation.revoke"},
      {"GET", "/api/v1/certificates", false, ""},
      {"GET", "/api/v1/items", false, ""},
      {"POST", "/api/v1/items", false, "item.register"},
      {"POST", "/api/v1/items/receive", false, "item.receive"},
      {"GET", "/api/v1/items/{control_no}", false, ""},
      {"GET", "/api/v1/items/{control_no}/ledger", false, ""},
      {"POST", "/api/v1/items/{control_no}/checkout", false, "item.checkout"},
      {"POST", "/api/v1/items/{control_no}/return", false, "item.return"},
      {"POST", "/api/v1/items/{control_no}/check", false, "item.check"},
      {"POST", "/api/v1/items/{control_no}/movement", false, "item.request_movement"},
      {"POST", "/api/v1/items/{control_no}/approval", false, "item.approve"},
      {"POST", "/api/v1/items/{control_no}/borrower", false, "item.record_borrower"},
      {"POST", "/api/v1/items/{control_no}/copies", false, "item.request_copy"},
      {"POST", "/api/v1/items/{control_no}/handover", false, "item.request_handover"},
      {"POST", "/api/v1/items/{control_no}/handover/complete", false, "item.complete_handover"},
      {"POST", "/api/v1/items/{control_no}/destruction", false, "item.record_destruction"},
      {"POST", "/api/v1/items/{control_no}/destruction/witness", false, "item.witness_destruction"},
      {"POST", "/api/v1/items/{control_no}/disposal", false, "item.dispose"},
      {"POST", "/api/v1/copies/{copy_id}/approval", false, "item.approve_copy"},
      {"GET", "/api/v1/approvals", false, ""},
      {"GET", "/api/v1/reports/overdue", false, ""},
      {"GET", "/api/v1/reconciliations", false, ""},
      {"POST", "/api/v1/reconciliations", false, "reconcile.submit"},
      {"GET", "/api/v1/reconciliations/{reconciliation_id}", false, ""},
      {"POST", "/api/v1/discrepancies/{discrepancy_id}/resolution", false, "reconcile.resolve"},
      {"GET", "/api/v1/trail", false, ""},
      {"GET", "/api/v1/trail/head", false, ""},
      {"GET", "/api/v1/trail/proofs/inclusion", false, ""},
      {"GET", "/api/v1/trail/proofs/consistency", false, ""},
      {"GET", "/api/v1/compliance", false, ""},
      {"GET", "/api/v1/compliance/clause", false, ""},
      {"GET", "/api/v1/compliance/violations", false, ""},
      {"GET", "/api/v1/obligations", false, ""},
      {"POST", "/api/v1/obligations/schedule", false, "obligation.schedule"},
      {"POST", "/api/v1/obligations/{occurrence_id}/completion", false, "obligation.complete"},
      {"GET", "/api/v1/training/sessions", false, ""},
      {"POST", "/api/v1/training/sessions", false, "training.record"},
      {"GET", "/api/v1/training/status", false, ""},
      {"GET", "/api/v1/training/programs", false, ""},
      {"GET", "/api/v1/training/record", false, ""},
      {"GET", "/api/v1/people/definitions", false, ""},
      {"GET", "/api/v1/persons/{person_id}/record", false, ""},
      {"POST", "/api/v1/persons/{person_id}/particulars", false, "person.set_particulars"},
      {"POST", "/api/v1/agreements", false, "agreement.record"},
      {"POST", "/api/v1/agreements/{agreement_id}/withdrawal", false, "agreement.withdraw"},
      {"GET", "/api/v1/rosters/{roster}", false, ""},
      {"POST", "/api/v1/rosters/{roster}/versions", false, "roster.prepare"},
      {"GET", "/api/v1/rosters/{roster}/versions/{version}", false, ""},
      {"POST", "/api/v1/rosters/{roster}/versions/{version}/submission", false, "roster.submit"},
      {"POST", "/api/v1/rosters/{roster}/versions/{version}/confirmation", false, "roster.confirm"},
      {"POST", "/api/v1/items/{control_no}/protection", false, "item.protect"},
      {"GET", "/api/v1/facilities", false, ""},
      {"GET", "/api/v1/facilities/{unit_id}/entry-roster", false, ""},
      {"POST", "/api/v1/facilities/{unit_id}/entry-permits", false, "entry.request"},
      {"POST", "/api/v1/entry-permits/{permit_id}/consent", false, "entry.consent"},
      {"POST", "/api/v1/entry-permits/{permit_id}/revocation", false, "entry.revoke"},
      {"POST", "/api/v1/facilities/{unit_id}/entry-reviews", false, "entry.review"},
      {"POST", "/api/v1/facilities/{unit_id}/visits", false, "visit.approve"},
  };
  return kRoutes;
}

void InstallApiRoutes(Router& router, App& app) {
  auto handlers = std::make_shared<ApiHandlers>(app);
  for (const RouteInfo& r : ApiRoutes()) {
    Router::Handler h = handlers->For(r);
    router.Add(r.method, r.pattern, [handlers, h](HttpRequest& req) { return h(req); }, r.max_body);
  }
}

}  // namespace mamori
