// An organization on several profiles: `mamori init --profile A --profile B` records both through the
// command path (org.init, org.take_profile), the engine loads both, and two profiles defining one role
// code are refused naming both files.

#include <gtest/gtest.h>

#include "app/app.h"
#include "identity/catalog.h"
#include "profile/profile.h"
#include "testing/test_support.h"
#include "trail/verify.h"

namespace mamori {
namespace {

const char* const kExtraProfile = R"(profile: extra
version: 3
document: {code: "X", title_ja: 追加規程, title_en: Extra rules}
)";
const char* const kExtraRoles = R"(permissions:
  - {code: extra.view, clause: "X 1", name_ja: 閲覧, name_en: view}
roles:
  - {code: extra_officer, name_ja: 追加責任者, name_en: Extra officer, clause: "X 1", org_wide: true, permissions: [extra.view]}
)";
const char* const kExtraClauses = R"(clauses:
  - {ref: "X 1", title_ja: 追加, title_en: Extra, coverage: enforced}
)";
// Defines `staff`, which mod-internal defines too.
const char* const kClashRoles = R"(roles:
  - {code: staff, name_ja: 職員, name_en: Staff, clause: "X 1", implicit_member: true}
)";

// The embedded profiles plus "extra" and "clash".
ProfileFiles Files() {
  std::map<std::string, std::string> files;
  const ProfileFiles& embedded = ProfileFiles::Embedded();
  for (const auto& name : {std::string("mod-internal")})
    for (const auto& file : embedded.List(name)) files[name + "/" + file] = *embedded.Read(name + "/" + file);
  files["extra/profile.yaml"] = kExtraProfile;
  files["extra/roles.yaml"] = kExtraRoles;
  files["extra/clauses.yaml"] = kExtraClauses;
  std::string clash = kExtraProfile;
  clash.replace(clash.find("extra"), 5, "clash");
  files["clash/profile.yaml"] = clash;
  files["clash/roles.yaml"] = kClashRoles;
  files["clash/clauses.yaml"] = kExtraClauses;
  return ProfileFiles::FromMap(std::move(files));
}

OrgSettings Org(std::vector<std::string> more) {
  return OrgSettings{"二つの規程の組織", "mod-internal", TimeZone{}, "18:15", std::move(more)};
}

TEST(OrgProfilesTest, InitWithTwoProfilesRecordsBoth) {
  testing::TempDir dir("mamori-profiles");
  const ProfileFiles files = Files();
  auto app = App::Init(dir.path(), Org({"extra"}), "admin", "admin-password-0001", nullptr, &files);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  EXPECT_EQ((*app)->org().profile, "mod-internal");
  EXPECT_EQ((*app)->org().more_profiles, std::vector<std::string>{"extra"});
  ASSERT_EQ((*app)->profiles().size(), 2u);
  EXPECT_EQ((*app)->profiles()[1]->version, 3);
  const Catalog& catalog = (*app)->engine().catalog();
  EXPECT_EQ(catalog.profile(), "mod-internal");
  ASSERT_NE(catalog.FindRole("extra_officer"), nullptr);
  EXPECT_NE(catalog.FindRole("unit_ia_officer"), nullptr);
  EXPECT_EQ(catalog.ProfileOf("extra_officer"), "extra");
  EXPECT_EQ(catalog.RolesWithPermission("extra.view").size(), 1u);

  Engine& e = (*app)->engine();
  auto rows = e.Read([](Conn& c) { return c.Query("SELECT id, profile, version FROM org_profiles ORDER BY id"); });
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0].Str(1), "mod-internal");
  EXPECT_EQ(rows->rows[0].Int(2), 1);
  EXPECT_EQ(rows->rows[1].Str(1), "extra");
  EXPECT_EQ(rows->rows[1].Int(2), 3);
  // Both were recorded through the command path, and the extra roles can be designated.
  auto events = e.Read([](Conn& c) {
    return c.Query("SELECT command FROM trail_events WHERE command IN ('org.init', 'org.take_profile') ORDER BY seq");
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->rows.size(), 2u);
  EXPECT_EQ(events->rows[1].Str(0), "org.take_profile");
  auto role = e.Read([](Conn& c) { return c.Query("SELECT profile FROM roles WHERE code = 'extra_officer'"); });
  ASSERT_TRUE(role.ok());
  ASSERT_EQ(role->rows.size(), 1u);
  EXPECT_EQ(role->rows[0].Str(0), "extra");

  // Taking a profile twice is refused and writes nothing.
  auto again = e.Execute(SystemActor("test"), "org.take_profile", Json{{"profile", "extra"}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().rule(), "org.profile_taken");

  // The trail verifies with the org_profiles rows covered.
  VerifyOptions o;
  o.public_key = e.public_key();
  auto report = e.Read([&](Conn& c) { return VerifyStore(c, o); });
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->problem_en;

  // Reopened, the organization is on both profiles again.
  app->reset();
  auto reopened = App::Open(dir.path(), nullptr, &files);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->profiles().size(), 2u);
  EXPECT_NE((*reopened)->engine().catalog().FindRole("extra_officer"), nullptr);
}

TEST(OrgProfilesTest, TwoProfilesDefiningOneRoleAreRefusedNamingBothFiles) {
  testing::TempDir dir("mamori-profiles");
  const ProfileFiles files = Files();
  auto app = App::Init(dir.path(), Org({"clash"}), "admin", "admin-password-0001", nullptr, &files);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().rule(), "profile.invalid");
  EXPECT_NE(app.status().en().find("profiles/clash/roles.yaml:2:5: roles[0]: role \"staff\" is also defined in "
                                   "profiles/mod-internal/roles.yaml:"),
            std::string::npos)
      << app.status().en();
}

TEST(OrgProfilesTest, AnOrganizationOnOneProfileHasOneRow) {
  testing::TempDir dir("mamori-profiles");
  auto app = testing::InitTestOrg(dir.path(), nullptr);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  ASSERT_EQ((*app)->profiles().size(), 1u);
  EXPECT_EQ((*app)->profiles()[0]->name, "mod-internal");
  EXPECT_TRUE((*app)->org().more_profiles.empty());
  auto rows = (*app)->engine().Read([](Conn& c) { return c.Query("SELECT profile FROM org_profiles"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0].Str(0), "mod-internal");
  auto unknown = (*app)->engine().Execute(SystemActor("test"), "org.take_profile", Json{{"profile", "no-such"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().rule(), "profile.unknown");
}

}  // namespace
}  // namespace mamori
