#pragma once
// Wiring: the var/ directory layout, the store, the engine with every module's commands, and auth.
// The server, the CLI and the tests all open mamori through here.

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/time.h"
#include "engine/engine.h"
#include "identity/identity.h"
#include "store/store.h"

namespace mamori {

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
  std::string name, profile;
  TimeZone tz;
  std::string workday_end = "18:15";
};

class App {
 public:
  // Opens an initialized var/ (migrations must be current). `clock` must outlive the App;
  // nullptr means the system clock.
  static Result<std::unique_ptr<App>> Open(const std::string& var, const Clock* clock = nullptr);
  // Creates var/, the database and the key, applies migrations and sets the organization up with
  // its first bureau and an administrator. Fails if var/ already holds an organization.
  static Result<std::unique_ptr<App>> Init(const std::string& var, const OrgSettings& org,
                                           const std::string& admin_user, const std::string& admin_password,
                                           const Clock* clock = nullptr);
  ~App();

  Engine& engine() { return *engine_; }
  Auth& auth() { return *auth_; }
  Store& store() { return *store_; }
  const Paths& paths() const { return paths_; }
  const OrgSettings& org() const { return org_; }
  const Clock& clock() const { return *clock_; }

 private:
  App() = default;
  static Result<std::unique_ptr<App>> Start(const std::string& var, const Clock* clock);
  Status LoadOrg();

  Paths paths_;
  OrgSettings org_;
  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Auth> auth_;
};

// Registers every module's commands with an engine.
void RegisterAllCommands(Engine& engine);

// Fills var/ with the demo organization (units, people, designations, media and devices with a
// month of history) and writes the sign-in details to var/demo-credentials.txt. Returns them.
Result<std::string> BuildDemo(const std::string& var);
extern const char* const kDemoPassword;

}  // namespace mamori
