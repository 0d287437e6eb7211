#pragma once
// Test support for organizations on a profile with people.yaml (e.g. defense-contractor): recording the
// agreements a role needs before designating someone, and clearing handlers through a confirmed roster.

#include <gtest/gtest.h>

#include "app/app.h"
#include "base/time.h"
#include "identity/catalog.h"

namespace mamori::testing {

// Records, as the system, every agreement `role` requires that `person_id` does not have in force (all
// points agreed, signed today).
inline void RecordAgreementsFor(App* app, int64_t person_id, const std::string& role, const Clock& clock) {
  const Actor sys = SystemActor("test");
  for (const AgreementDef* a : app->engine().catalog().AgreementsRequiredFor(role)) {
    auto have = app->engine().Read([&](Conn& c) {
      return c.Query("SELECT 1 FROM agreements WHERE person_id = ? AND kind = ? AND withdrawn_at IS NULL",
                     {person_id, a->code});
    });
    ASSERT_TRUE(have.ok()) << have.status().ToString();
    if (!have->empty()) continue;
    Json points = Json::array();
    for (const AgreementPoint& p : a->points) points.push_back(p.key);
    auto r = app->engine().Execute(sys, "agreement.record",
                                   Json{{"person_id", person_id}, {"kind", a->code}, {"points", points},
                                        {"signed_on", LocalDate(clock.Now(), app->org().tz)},
                                        {"document", "テスト用 誓約書"}});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
}

// Records particulars for every active holder of the gating roster's role who lacks them, then prepares,
// submits and confirms a roster version as the system: every handler is cleared for protected items.
inline void ConfirmGatingRoster(App* app, const Clock& clock) {
  const Actor sys = SystemActor("test");
  const RosterDef* gate = app->engine().catalog().GatingRoster();
  ASSERT_NE(gate, nullptr);
  auto missing = app->engine().Read([&](Conn& c) {
    return c.Query("SELECT DISTINCT d.person_id FROM designations d WHERE d.role_code = ? AND d.revoked_at IS NULL "
                   "AND d.person_id NOT IN (SELECT id FROM person_particulars)", {gate->role});
  });
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  for (const Row& r : missing->rows) {
    auto set = app->engine().Execute(sys, "person.set_particulars",
                                     Json{{"person_id", r.Int(0)}, {"birth_date", "1990-04-01"},
                                          {"nationality", "日本"}, {"position", "担当"}});
    ASSERT_TRUE(set.ok()) << set.status().ToString();
  }
  auto prepared = app->engine().Execute(sys, "roster.prepare", Json{{"roster", gate->code}, {"reason", "テスト"}});
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  const int64_t version = (*prepared)["version"];
  auto submitted = app->engine().Execute(sys, "roster.submit", Json{{"roster", gate->code}, {"version", version}});
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  auto confirmed = app->engine().Execute(sys, "roster.confirm",
                                         Json{{"roster", gate->code}, {"version", version},
                                              {"confirmed_on", LocalDate(clock.Now(), app->org().tz)},
                                              {"reference", "テスト確認通知"}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
}

}  // namespace mamori::testing
