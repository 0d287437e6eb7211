#pragma once
// Base of the unit-test fixtures that build an organization through the real command path on a fake
// clock: a fresh var/ in a temporary directory, the App opened on it, and a command runner.
// A fixture says how its App is created (InitApp) and what organization it builds (BuildOrg).

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/app.h"
#include "base/clock.h"
#include "base/time.h"
#include "testing/test_support.h"
#include "trail/verify.h"

namespace mamori::testing {

class OrgFixture : public ::testing::Test {
 protected:
  // `dir_prefix` names the temporary directory under /tmp; the fake clock starts at `start`.
  OrgFixture(const std::string& dir_prefix, Micros start) : dir_(dir_prefix), clock_(start) {}

  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    auto app = InitApp(dir_.path() + "/var");
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    BuildOrg();
  }
  void TearDown() override { app_.reset(); }

  // Creates the organization's App in `var`, on clock_.
  virtual Result<std::unique_ptr<App>> InitApp(const std::string& var) = 0;
  // Builds the fixture's units, people and designations (runs once the App is open).
  virtual void BuildOrg() = 0;

  Engine& engine() { return app_->engine(); }

  static Actor Person(int64_t person_id, const std::string& username) {
    Actor a;
    a.person_id = person_id;
    a.username = username;
    return a;
  }

  // Runs a command that must succeed; the clock moves a minute first.
  Json Run(const Actor& a, const std::string& cmd, const Json& in) {
    clock_.Advance(kMinute);
    auto r = engine().Execute(a, cmd, in);
    EXPECT_TRUE(r.ok()) << cmd << " " << in.dump() << ": " << r.status().ToString();
    return r.ok() ? r.value() : Json::object();
  }

  // `mamori verify` of the store now: publishes a signed head, then checks the trail and every covered
  // row against the heads file and the engine's public key.
  Result<VerifyReport> VerifyTrail() {
    RETURN_IF_ERROR(engine().PublishHeadNow().status());
    VerifyOptions o;
    ASSIGN_OR_RETURN(o.heads, ReadHeadsFile(app_->paths().heads()));
    o.public_key = engine().public_key();
    return engine().Read([&](Conn& c) { return VerifyStore(c, o); });
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<App> app_;
  Actor sys_ = SystemActor("test");
};

}  // namespace mamori::testing
