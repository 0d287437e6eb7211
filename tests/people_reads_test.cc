// What the people and facility screens read, through the real binary on the two demos, so that no screen
// has to look names up elsewhere: a per-unit roster names its unit by code and in both languages
// (000 第2 2(7)); a facility's entry roster names who requested, consented to and revoked each permit
// (001 第8 2(1)ウ〜オ); and GET /api/v1/designations narrows to one role's holders in force now, the
// candidates for a visit's escort (001 第8 2(5)) or a supervising employee (000 第2 2(6)).

#include <chrono>
#include <set>
#include <string>

#include "server_harness.h"

namespace mamori::test {
namespace {

// The person ids of a GET /api/v1/designations answer, in its order.
std::vector<int64_t> Holders(const Reply& r) {
  std::vector<int64_t> ids;
  for (const Json& d : r.Json().value("designations", Json::array())) ids.push_back(d.value("person_id", int64_t{0}));
  return ids;
}

// ---- mod-internal demo -----------------------------------------------------------------------------

class PeopleReadsTest : public DemoServerTest<> {};

TEST_F(PeopleReadsTest, PerUnitRosterNamesItsUnitInBothLanguages) {
  auto matsumoto = s_.Login("matsumoto");  // システム担当者 of 情報通信課: keeps its record of system users
  ASSERT_TRUE(matsumoto);
  const int64_t johotsu = UnitId(*matsumoto, "JOHOTSU");
  ASSERT_NE(johotsu, 0);
  const std::string q = "?unit_id=" + std::to_string(johotsu);
  for (const std::string& path : {"/api/v1/rosters/section_user" + q, "/api/v1/rosters/section_user/versions/1" + q}) {
    Reply r = matsumoto->Get(path);
    ASSERT_EQ(r.status, 200) << path << ": " << r.body.substr(0, 300);
    const Json unit = r.Json()["roster"]["unit"];
    EXPECT_EQ(unit.value("id", int64_t{0}), johotsu) << path;
    EXPECT_EQ(unit.value("code", ""), "JOHOTSU") << path;
    EXPECT_EQ(unit.value("name_ja", ""), "整備計画局情報通信課") << path;
    EXPECT_EQ(unit.value("name_en", ""), "Information and Communications Division") << path;
  }
}

TEST_F(PeopleReadsTest, DesignationsOfOneRoleInForce) {
  auto sato = s_.Login("sato");
  ASSERT_TRUE(sato);
  const int64_t matsumoto = PersonId(*sato, "matsumoto"), inoue = PersonId(*sato, "inoue");
  int64_t okada = 0;  // the contractor (no account), a system user too
  const Json persons = sato->Get("/api/v1/persons").Json();
  for (const Json& p : persons.value("persons", Json::array()))
    if (p.value("family_name", "") == "岡田") okada = p.value("id", int64_t{0});
  ASSERT_TRUE(matsumoto && inoue && okada);
  Reply all = sato->Get("/api/v1/designations");
  ASSERT_EQ(all.status, 200);
  Reply users = sato->Get("/api/v1/designations?role=system_user&in_force=1");
  ASSERT_EQ(users.status, 200) << users.body.substr(0, 300);
  EXPECT_EQ(Holders(users), (std::vector<int64_t>{matsumoto, inoue, okada}));
  const Json listed = users.Json();
  for (const Json& d : listed.value("designations", Json::array())) {
    EXPECT_EQ(d.value("role_code", ""), "system_user");
    EXPECT_EQ(d.value("person_kind", ""), d.value("person_id", int64_t{0}) == okada ? "contractor" : "employee");
  }
  EXPECT_LT(users.Json()["designations"].size(), all.Json()["designations"].size());
  // The filters combine with person_id.
  Reply one = sato->Get("/api/v1/designations?role=system_user&in_force=1&person_id=" + std::to_string(inoue));
  EXPECT_EQ(Holders(one), (std::vector<int64_t>{inoue}));
  // A role the profile does not have is refused, with the designation clause.
  EXPECT_TRUE(IsApiError(sato->Get("/api/v1/designations?role=no_such_role"), 400, "invalid_argument",
                         "designation.role_unknown", "000 第1", "role"));
}

// ---- defense-contractor demo ----------------------------------------------------------------------

class FacilityReadsTest : public ServerTest<> {
 protected:
  void SetUp() override {
    CommandResult demo = RunMamori({"demo", "--var", s_.var(), "--profile", "defense-contractor"});
    ASSERT_EQ(demo.exit_code, 0) << demo.All();
    ASSERT_TRUE(s_.Start()) << s_.Log();
  }
};

TEST_F(FacilityReadsTest, EntryRosterNamesWhoRequestedConsentedAndRevoked) {
  auto hayashi = s_.Login("hayashi");  // 管理責任者: requests and revokes
  auto ikeda = s_.Login("ikeda");      // 保護システム管理者: consents
  ASSERT_TRUE(hayashi && ikeda);
  const int64_t lab = UnitId(*hayashi, "DEF-LAB");
  ASSERT_NE(lab, 0);
  const std::string roster = "/api/v1/facilities/" + std::to_string(lab) + "/entry-roster";
  auto permits = [&] {
    Reply r = ikeda->Get(roster);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    return r.Json().value("permits", Json::array());
  };
  Json list = permits();
  ASSERT_EQ(list.size(), 3u);
  for (const Json& p : list) {
    EXPECT_EQ(p.value("requested_by", ""), "林 修") << p.dump();
    EXPECT_TRUE(p["revoked_by"].is_null()) << p.dump();
  }
  EXPECT_EQ(list[0].value("consented_by", ""), "池田 恵");
  ASSERT_EQ(list[2].value("state", ""), "pending_consent");
  EXPECT_TRUE(list[2]["consented_by"].is_null());

  const int64_t pending = list[2].value("id", int64_t{0});
  ASSERT_TRUE(IsOk(hayashi->Post("/api/v1/entry-permits/" + std::to_string(pending) + "/revocation",
                                 Json{{"reason", "試験計画の作成が中止になったため"}})));
  list = permits();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[2].value("state", ""), "revoked");
  EXPECT_EQ(list[2].value("revoked_by", ""), "林 修");
  EXPECT_EQ(list[2].value("revoked_by_person_id", int64_t{0}), PersonId(*hayashi, "hayashi"));
}

TEST_F(FacilityReadsTest, EscortCandidatesAreTheEscortsInForce) {
  auto hayashi = s_.Login("hayashi");  // designates the visitor escorts (physical_security_manager)
  ASSERT_TRUE(hayashi);
  const int64_t mori = PersonId(*hayashi, "mori"), abe = PersonId(*hayashi, "abe");
  const int64_t lab = UnitId(*hayashi, "DEF-LAB"), section = UnitId(*hayashi, "DEF-1");
  ASSERT_TRUE(mori && abe && lab && section);
  const std::string in_force = "/api/v1/designations?role=escort&in_force=1";
  EXPECT_EQ(Holders(hayashi->Get(in_force)), (std::vector<int64_t>{mori}));

  // An escort designated from next month is listed, but not yet in force.
  ASSERT_TRUE(IsOk(hayashi->Post("/api/v1/designations",
                                 Json{{"person_id", abe}, {"role", "escort"}, {"unit_id", section},
                                      {"valid_from", IsoFromNow(std::chrono::hours(24 * 30))}})));
  EXPECT_EQ(Holders(hayashi->Get("/api/v1/designations?role=escort")), (std::vector<int64_t>{mori, abe}));
  EXPECT_EQ(Holders(hayashi->Get(in_force)), (std::vector<int64_t>{mori}));

  // Revoked, the escort is no longer a candidate; the visit is then refused by the server all the same.
  const int64_t designation = hayashi->Get(in_force).Json()["designations"][0].value("id", int64_t{0});
  ASSERT_TRUE(IsOk(hayashi->Post("/api/v1/designations/" + std::to_string(designation) + "/revocation", Json::object())));
  EXPECT_TRUE(Holders(hayashi->Get(in_force)).empty());
  EXPECT_EQ(Holders(hayashi->Get("/api/v1/designations?role=escort")), (std::vector<int64_t>{mori, abe}));
  const Json visit{{"visitor_name", "山田 一郎"}, {"visitor_affiliation", "協力会社"}, {"purpose", "空調設備の点検"},
                   {"visit_on", IsoFromNow(std::chrono::hours(24 * 7)).substr(0, 10)}, {"escort_person_id", mori},
                   {"measure", "log_book"}};
  EXPECT_TRUE(IsApiError(hayashi->Post("/api/v1/facilities/" + std::to_string(lab) + "/visits", visit), 422,
                         "rule_violation", "visit.escort_not_designated", "001 第8 2(5)", "escort_person_id"));
}

}  // namespace
}  // namespace mamori::test
