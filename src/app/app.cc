#include "app/app.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "compliance/compliance.h"
#include "crypto/crypto.h"
#include "facility/facility.h"
#include "ledger/ledger.h"
#include "notify/digest.h"
#include "obligation/obligation.h"
#include "people/people.h"
#include "training/training.h"

namespace mamori {

void RegisterAllCommands(Engine& engine) {
  RegisterIdentityCommands(engine);
  RegisterLedgerCommands(engine);
  RegisterNotifyCommands(engine);
  RegisterObligationCommands(engine);
  RegisterPeopleCommands(engine);
  RegisterTrainingCommands(engine);
  RegisterFacilityCommands(engine);
}

std::vector<std::string> AllCommandNames() {
  auto store = OpenSqliteStore(StoreOptions{":memory:"});
  if (!store.ok()) return {};
  SystemClock clock;
  Engine engine(**store, clock, EngineOptions{});
  RegisterAllCommands(engine);
  return engine.CommandNames();
}

App::~App() {
  if (compliance_) compliance_->Stop();
  if (engine_) engine_->Stop();
}

Status App::StartCompliance() { return compliance_->Start(*engine_, *store_); }

Result<std::unique_ptr<App>> App::Start(const std::string& var, const Clock* clock, const ProfileFiles* profiles) {
  std::unique_ptr<App> app(new App());
  app->paths_.var = var;
  app->clock_ = clock ? clock : &app->system_clock_;
  ASSIGN_OR_RETURN(app->store_, OpenSqliteStore(StoreOptions{app->paths_.db()}));
  EngineOptions eo;
  eo.key_file = app->paths_.key();
  eo.heads_file = app->paths_.heads();
  eo.profile_files = profiles;
  app->engine_ = std::make_unique<Engine>(*app->store_, *app->clock_, eo);
  RegisterAllCommands(*app->engine_);
  app->compliance_ = std::make_unique<ComplianceMonitor>(*app->clock_);
  app->compliance_->Attach(*app->engine_);
  RETURN_IF_ERROR(app->engine_->Start());
  app->auth_ = std::make_unique<Auth>(*app->engine_);
  return app;
}

Status App::LoadOrg() {
  auto org = engine_->Read([](Conn& c) { return c.Query("SELECT name, profile, timezone, workday_end FROM org"); });
  if (!org.ok()) return org.status();
  if (org->empty())
    return Status::Error(ErrorKind::kInvalidArgument, "org.missing", "", "組織が初期化されていません（mamori init）。",
                         "The organization is not set up (run mamori init).");
  const Row& r = org->rows[0];
  org_.name = r.Str(0);
  org_.profile = r.Str(1);
  ASSIGN_OR_RETURN(org_.tz, TimeZone::FromName(r.Str(2)));
  org_.workday_end = r.Str(3);
  org_.more_profiles.clear();
  for (size_t i = 1; i < engine_->profiles().size(); ++i) org_.more_profiles.push_back(engine_->profiles()[i]->name);
  return Status::Ok();
}

Result<std::unique_ptr<App>> App::Open(const std::string& var, const Clock* clock, const ProfileFiles* profiles) {
  if (!std::filesystem::exists(Paths{var}.db()))
    return Status::Error(ErrorKind::kInvalidArgument, "var.missing", "", var + " にデータベースがありません（mamori init）。",
                         "No database in " + var + " (run mamori init or mamori demo).");
  ASSIGN_OR_RETURN(std::unique_ptr<App> app, Start(var, clock, profiles));
  RETURN_IF_ERROR(app->LoadOrg());
  return app;
}

Result<std::unique_ptr<App>> App::Init(const std::string& var, const OrgSettings& org, const std::string& admin_user,
                                       const std::string& admin_password, const Clock* clock,
                                       const ProfileFiles* profiles) {
  SetupDef setup;  // the first profile's: the root unit and the administrator's role
  std::string admin_title;
  {  // every profile exists, validates, and none defines a role another defines: before writing anything
    std::vector<std::string> names{org.profile};
    for (const std::string& more : org.more_profiles) {
      if (std::find(names.begin(), names.end(), more) != names.end())
        return Status::Error(ErrorKind::kConflict, "org.profile_taken", "", "プロファイル " + more + " が二度指定されています。",
                             "Profile " + more + " is given twice.", "profile");
      names.push_back(more);
    }
    ProfileLoadOptions po;
    po.files = profiles;
    ASSIGN_OR_RETURN(auto loaded, LoadProfiles(names, po));
    if (!loaded[0]->setup)
      return Status::Error(ErrorKind::kInvalidArgument, "org.no_setup", "",
                           "プロファイル " + org.profile +
                               " には setup（最上位の組織と管理者の役割）がなく、最初のプロファイルにできません。",
                           "Profile " + org.profile +
                               " has no setup (root unit and administrator role) and cannot be taken first.",
                           "profile");
    setup = *loaded[0]->setup;
    admin_title = loaded[0]->FindRole(setup.administrator_role)->name_ja;
  }
  const Paths paths{var};
  std::error_code ec;
  std::filesystem::create_directories(paths.keys(), ec);
  if (ec) return Status::Internal("cannot create " + paths.keys() + ": " + ec.message());
  ::chmod(paths.keys().c_str(), 0700);
  if (std::filesystem::exists(paths.db()))
    return Status::Error(ErrorKind::kConflict, "org.exists", "", var + " には既に組織があります。",
                         var + " already holds an organization.");
  RETURN_IF_ERROR(Auth::CheckPasswordPolicy(admin_password));
  {
    ASSIGN_OR_RETURN(auto store, OpenSqliteStore(StoreOptions{paths.db()}));
    ASSIGN_OR_RETURN(auto conn, store->Connect(false));
    RETURN_IF_ERROR(Migrate(*conn));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<App> app, Start(var, clock, profiles));
  Engine& e = app->engine();
  const Actor sys = SystemActor("init");
  RETURN_IF_ERROR(e.Execute(sys, "org.init", Json{{"name", org.name}, {"profile", org.profile},
                                                  {"timezone", org.tz.name}, {"workday_end", org.workday_end}})
                      .status());
  for (const std::string& more : org.more_profiles)
    RETURN_IF_ERROR(e.Execute(sys, "org.take_profile", Json{{"profile", more}}).status());
  // The catalog is loaded at engine start; restart so it reflects the organization's profiles.
  app.reset();
  ASSIGN_OR_RETURN(app, Start(var, clock, profiles));
  RETURN_IF_ERROR(app->LoadOrg());
  Engine& e2 = app->engine();
  ASSIGN_OR_RETURN(Json unit, e2.Execute(sys, "unit.create", Json{{"kind", setup.root_unit_kind}, {"code", "ROOT"},
                                                                  {"name_ja", org.name}, {"name_en", org.name},
                                                                  {"head_title", setup.root_head_title_ja}}));
  ASSIGN_OR_RETURN(Json person, e2.Execute(sys, "person.create", Json{{"family_name", "管理"}, {"given_name", "者"},
                                                                      {"unit_id", unit["unit_id"]},
                                                                      {"title", admin_title}}));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(admin_password));
  RETURN_IF_ERROR(e2.Execute(sys, "account.create", Json{{"person_id", person["person_id"]}, {"username", admin_user},
                                                         {"password_hash", hash}})
                      .status());
  RETURN_IF_ERROR(e2.Execute(sys, "designation.create",
                             Json{{"person_id", person["person_id"]}, {"role", setup.administrator_role},
                                  {"unit_id", unit["unit_id"]}, {"note", "mamori の初期管理者"}})
                      .status());
  return app;
}

}  // namespace mamori
