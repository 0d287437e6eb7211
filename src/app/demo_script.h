#pragma once
// What the demo organizations share (internal to src/app): commands run through the real engine on a
// simulated clock that advances a few minutes per command, the units and people created by the system,
// and the sign-in list written to var/demo-credentials.txt.

#include <map>
#include <string>
#include <vector>

#include "app/app.h"

namespace mamori::demo {

struct Person {
  const char* username;
  const char* family;
  const char* given;
  const char* unit;  // unit code
  const char* title;
  Actor actor;
};

struct UnitSpec {
  const char *parent, *kind, *code, *ja, *en, *head;  // parent "ROOT" = the organization's root unit
};

class Script {
 public:
  Script(App& app, FakeClock& clock) : app_(app), e_(app.engine()), clock_(clock), start_(clock.Now()) {}

  // The sign-in list: every person's username, name and title.
  std::string Credentials() const;

 protected:
  Result<Json> Run(const Actor& a, const char* cmd, Json in);
  Status Do(const Actor& a, const char* cmd, Json in) { return Run(a, cmd, std::move(in)).status(); }
  // The person's actor; the system actor for an unknown username.
  const Actor& Who(const char* username) const;
  int64_t Unit(const char* code) const { return units_.at(code); }
  // Creates the units under the root (id 1), in order.
  Status AddUnits(const std::vector<UnitSpec>& units);
  // Creates each person with an account (password kDemoPassword, e-mail <user>@demo.mamori.example).
  Status AddPeople(std::vector<Person> people);
  Status Designate(const Actor& by, const char* who, const char* role, const char* unit, const char* note = "");
  // Schedules the obligation calendar from `days_back` days before the start.
  Status PlanDuties(int days_back);

  App& app_;
  Engine& e_;
  FakeClock& clock_;
  Micros start_;
  SystemClock real_;
  Actor sys_ = SystemActor("demo");
  std::map<std::string, int64_t> units_;
  std::vector<Person> people_;
};

// Writes the credentials (plus the initial administrator's line) to var/demo-credentials.txt; returns them.
std::string WriteCredentials(const std::string& var, std::string creds);

// A clock five weeks back, at 09:00 Japan time on a Monday.
Micros DemoStart();

}  // namespace mamori::demo
