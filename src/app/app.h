#pragma once
// Wiring: the var/ directory layout, the store, the engine with every module's commands, and auth.
// The server, the CLI and the tests all open mamori through here.

#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/time.h"
#include "engine/engine.h"
#include "identity/identity.h"
#include "store/store.h"

namespace mamori {

class ComplianceMonitor;

// var/
//   mamori.db                  SQLite database (WAL)
//   keys/trail-ed25519.pem     the trail's signing key: outside the database, mode 0600
//   trail-heads.jsonl          every signed tree head, appended and fsynced
struct Paths {
  std::string var;
  std::string db() const { return var + "/mamori.db"; }
  std::string keys() const { return var + "/keys"; }
  std::string key() const { return var + "/keys/trail-ed25519.pem"; }
  std::string heads() const { return var + "/trail-heads.jsonl"; }
};

struct OrgSettings {
  std::string name, profile;  // profile: the first regulation profile taken (org.profile)
  TimeZone tz;
  std::string workday_end = "18:15";
  std::vector<std::string> more_profiles;  // further profiles taken after `profile`, in order
};

class App {
 public:
  // Opens an initialized var/ (migrations must be current). `clock` must outlive the App;
  // nullptr means the system clock.
  // `profiles`, if given, must outlive the App: where the organization's profiles are read from instead
  // of the binary (tests, development).
  static Result<std::unique_ptr<App>> Open(const std::string& var, const Clock* clock = nullptr,
                                           const ProfileFiles* profiles = nullptr);
  // Creates var/, the database and the key, applies migrations and sets the organization up on
  // `org.profile` (org.init) and each of `org.more_profiles` (org.take_profile), with the root unit and
  // an administrator that the first profile's `setup` names. Fails if var/ already holds an organization
  // or the first profile has no setup.
  static Result<std::unique_ptr<App>> Init(const std::string& var, const OrgSettings& org,
                                           const std::string& admin_user, const std::string& admin_password,
                                           const Clock* clock = nullptr, const ProfileFiles* profiles = nullptr);
  ~App();

  Engine& engine() { return *engine_; }
  Auth& auth() { return *auth_; }
  Store& store() { return *store_; }
  const Paths& paths() const { return paths_; }
  const OrgSettings& org() const { return org_; }
  // Every profile the organization takes, loaded and validated at start, the first one first.
  const std::vector<std::shared_ptr<const Profile>>& profiles() const { return engine_->profiles(); }
  const Clock& clock() const { return *clock_; }
  // The compliance results (src/compliance/): attached to the engine here, started by `serve`
  // (StartCompliance); not running otherwise.
  ComplianceMonitor& compliance() { return *compliance_; }
  Status StartCompliance();

 private:
  App() = default;
  static Result<std::unique_ptr<App>> Start(const std::string& var, const Clock* clock, const ProfileFiles* profiles);
  Status LoadOrg();

  Paths paths_;
  OrgSettings org_;
  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ComplianceMonitor> compliance_;  // after engine_: destroyed first, once the engine stopped
  std::unique_ptr<Auth> auth_;
};

// Registers every module's commands with an engine.
void RegisterAllCommands(Engine& engine);
// The names of every command of this build (for checking the commands profiles name).
std::vector<std::string> AllCommandNames();

// Fills var/ with the demo organization (units, people, designations, media and devices with a
// month of history) and writes the sign-in details to var/demo-credentials.txt. Returns them.
Result<std::string> BuildDemo(const std::string& var);
// The defense-contractor demo (`mamori demo --profile defense-contractor`): rosters, the MOD gate.
Result<std::string> BuildContractorDemo(const std::string& var);
extern const char* const kDemoPassword;

}  // namespace mamori
