// `mamori init --profile NAME` for each shipped profile, through the real binary and server: the
// organization is set up as the profile's `setup` says (root unit kind, administrator role), and the
// administrator can build it out with the profile's own unit kinds and roles. A unit kind no profile of
// the organization knows is refused citing the clause its units come from, listing the allowed kinds.

#include "server_harness.h"

namespace mamori::test {
namespace {

const char* const kPassword = "admin-password-0001";

struct InitCase {
  const char* profile;
  const char* setup_clause;  // profile.yaml setup.clause: cited when a unit kind is refused
  const char* root_kind;     // setup.root_unit_kind
  const char* admin_role;    // setup.administrator_role
  const char* unit_kind;     // a kind of this profile to create under the root
  const char* role;          // a role the administrator may designate
  // A minimum-necessary role the administrator designates, refused without a reason citing this clause.
  const char* minimum_role;
  const char* minimum_clause;
  // The agreement `role` needs before a designation (people.yaml required_for), recorded first; or null.
  const char* agreement = nullptr;
};

void PrintTo(const InitCase& c, std::ostream* os) { *os << c.profile; }

class ProfileInitTest : public ServerTest<::testing::TestWithParam<InitCase>> {};

// Only the element of `list` (an array of objects) whose `key` equals `value`; null if none.
Json Find(const Json& list, const std::string& key, const Json& value) {
  if (!list.is_array()) return nullptr;
  for (const auto& e : list)
    if (e.is_object() && e.contains(key) && e[key] == value) return e;
  return nullptr;
}

TEST_P(ProfileInitTest, InitSetsUpTheOrganizationTheProfileDescribes) {
  const InitCase& c = GetParam();
  CommandResult init = RunMamori(
      {"init", "--var", s_.var(), "--profile", c.profile, "--name", "試験組織", "--admin-password", kPassword});
  ASSERT_EQ(init.exit_code, 0) << init.All();
  EXPECT_NE(init.out.find(std::string("(profile ") + c.profile + ")"), std::string::npos) << init.All();
  ASSERT_TRUE(s_.Start()) << s_.Log();
  auto admin = s_.Login("admin", kPassword);
  ASSERT_NE(admin, nullptr);

  // The root unit and the administrator's designation are the profile's.
  const Json units = admin->Get("/api/v1/units").Json();
  ASSERT_TRUE(units.contains("units")) << units.dump();
  ASSERT_EQ(units["units"].size(), 1u) << units.dump();
  const Json root = units["units"][0];
  EXPECT_EQ(root["kind"], c.root_kind);
  EXPECT_EQ(root["parent_id"], nullptr);
  const int64_t root_id = root["id"].get<int64_t>();
  const Json me = admin->Get("/api/v1/auth/me").Json();
  EXPECT_FALSE(Find(me["designations"], "role", c.admin_role).is_null()) << me.dump();

  // A unit of one of the profile's kinds.
  Reply unit = admin->Post("/api/v1/units", Json{{"parent_id", root_id},
                                                 {"kind", c.unit_kind},
                                                 {"code", "U-1"},
                                                 {"name_ja", "第一課"},
                                                 {"name_en", "First unit"},
                                                 {"head_title", "課長"}});
  ASSERT_TRUE(IsOk(unit));
  const int64_t unit_id = unit.Json()["unit_id"].get<int64_t>();

  // A kind none of the organization's profiles knows: refused with the clause, listing the allowed kinds.
  Reply galaxy = admin->Post("/api/v1/units",
                             Json{{"parent_id", root_id}, {"kind", "galaxy"}, {"code", "U-2"}, {"name_ja", "銀河"}});
  EXPECT_TRUE(IsApiError(galaxy, 400, "invalid_argument", "unit.kind_unknown", c.setup_clause, "kind"));
  const Json error = galaxy.Json()["error"];
  for (const char* key : {"message_ja", "message_en"}) {
    const std::string text = error.value(key, "");
    EXPECT_NE(text.find(c.unit_kind), std::string::npos) << key << ": " << text;
    EXPECT_NE(text.find(c.root_kind), std::string::npos) << key << ": " << text;
    EXPECT_NE(text.find("galaxy"), std::string::npos) << key << ": " << text;
  }
  // Another profile's kind is not this organization's either (bureau is 000's, company 001's).
  const char* foreign = std::string(c.root_kind) == "bureau" ? "company" : "bureau";
  EXPECT_TRUE(IsApiError(
      admin->Post("/api/v1/units",
                  Json{{"parent_id", root_id}, {"kind", foreign}, {"code", "U-3"}, {"name_ja", "他の規程の組織"}}),
      400, "invalid_argument", "unit.kind_unknown", c.setup_clause, "kind"));

  // A person in the new unit, designated to one of the profile's roles.
  Reply person =
      admin->Post("/api/v1/persons",
                  Json{{"family_name", "試験"}, {"given_name", "太郎"}, {"unit_id", unit_id}, {"title", "係員"}});
  ASSERT_TRUE(IsOk(person));
  const int64_t person_id = person.Json()["person_id"].get<int64_t>();
  if (c.agreement) {
    // Refused before the agreement is on file, citing the agreement's clause; then recorded.
    EXPECT_TRUE(IsApiError(admin->Post("/api/v1/designations", Json{{"person_id", person_id}, {"role", c.role},
                                                                     {"unit_id", unit_id}, {"note", "試験のための指定"}}),
                           422, "rule_violation", "designation.agreement_missing", "001 第5 2(1)ア", "person_id"));
    ASSERT_TRUE(IsOk(admin->Post("/api/v1/agreements",
                                 Json{{"person_id", person_id}, {"kind", c.agreement},
                                      {"points", Json::array({"(ア)", "(イ)", "(ウ)"})}, {"signed_on", "2026-04-01"},
                                      {"document", "誓約書 第1号"}})));
  }
  Reply designation =
      admin->Post("/api/v1/designations",
                  Json{{"person_id", person_id}, {"role", c.role}, {"unit_id", unit_id}, {"note", "試験のための指定"}});
  ASSERT_TRUE(IsOk(designation));
  const Json designations = admin->Get("/api/v1/designations").Json();
  const Json made = Find(designations["designations"], "id", designation.Json()["designation_id"]);
  ASSERT_FALSE(made.is_null()) << designations.dump();
  EXPECT_EQ(made["role_code"], c.role);

  // A designation limited to the minimum necessary, without a reason: the profile's own clause.
  if (c.minimum_role) {
    EXPECT_TRUE(IsApiError(admin->Post("/api/v1/designations",
                                       Json{{"person_id", person_id}, {"role", c.minimum_role}, {"unit_id", unit_id}}),
                           422, "rule_violation", "designation.minimum_necessary", c.minimum_clause, "note"));
  }
  // The dashboard lists every clause of the profile's document with its state (the administrator's
  // role may view compliance).
  CommandResult coverage = RunMamori({"profile", "coverage", c.profile, "--format", "json"});
  ASSERT_EQ(coverage.exit_code, 0) << coverage.All();
  std::vector<std::string> listed;
  const Json document = Json::parse(coverage.out);
  for (const auto& clause : document["clauses"]) listed.push_back(clause["ref"]);
  Reply compliance = admin->Get("/api/v1/compliance");
  ASSERT_TRUE(IsOk(compliance));
  const Json report = Find(compliance.Json()["profiles"], "profile", c.profile);
  ASSERT_FALSE(report.is_null()) << compliance.body;
  std::vector<std::string> shown;
  for (const auto& clause : report["clauses"]) {
    shown.push_back(clause["ref"]);
    const std::string state = clause.value("state", "");
    EXPECT_TRUE(state == "satisfied" || state == "violated" || state == "not_applicable" || state == "recorded" ||
                state == "not_yet")
        << clause.dump();
  }
  EXPECT_EQ(shown, listed);
  EXPECT_GT(listed.size(), 40u);

  // An unknown role cites the designation rules of the organization's profile, not 000's.
  Reply unknown =
      admin->Post("/api/v1/designations", Json{{"person_id", person_id}, {"role", "emperor"}, {"unit_id", unit_id}});
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  const std::string clause = unknown.Json()["error"].value("clause", "");
  EXPECT_EQ(clause.rfind(std::string(c.setup_clause).substr(0, 3), 0), 0u) << clause;
}

INSTANTIATE_TEST_SUITE_P(ShippedProfiles, ProfileInitTest,
                         ::testing::Values(InitCase{"mod-internal", "000 第1", "bureau", "system_ia_officer", "section",
                                                    "system_liaison", "system_admin_staff", "000 第1(3)③"},
                                           InitCase{"defense-contractor", "001 第5 1", "company", "executive",
                                                    "department", "handler", "protected_system_user", "001 第5 2(2)ア",
                                                    "confidentiality"},
                                           InitCase{"municipality", "003 §1-1", "village", "chief_security_manager",
                                                    "department", "security_manager", nullptr, nullptr}),
                         [](const ::testing::TestParamInfo<InitCase>& param) {
                           std::string name = param.param.profile;
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace mamori::test
