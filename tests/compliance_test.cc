// The compliance engine from outside: `mamori check` on the demo (which has M-CY-003 in use past the end
// of the working day) and on a fresh organization, and the compliance API of a running server — an
// officer sees the report and it follows a fixing command, a plain staff member is refused.

#include <fstream>
#include <sstream>

#include "api/http.h"
#include "crypto/crypto.h"
#include "server_harness.h"

namespace mamori::test {
namespace {

std::string FileDigest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return ToHex(Sha256(s.str()));
}

bool HasSubject(const Json& violations, const std::string& subject) {
  for (const Json& v : violations)
    if (v.value("subject", "") == subject) return true;
  return false;
}

const Json* FindClause(const Json& report, const std::string& ref) {
  for (const Json& p : report["profiles"])
    for (const Json& c : p["clauses"])
      if (c["ref"] == ref) return &c;
  return nullptr;
}

TEST(ComplianceCliTest, CheckOnTheDemoReportsTheMediumInUseAndExits2) {
  Server s;
  ASSERT_TRUE(s.MakeDemo());
  const std::string db = s.var() + "/mamori.db";
  const std::string before = FileDigest(db);

  CommandResult text = RunMamori({"check", "--var", s.var()});
  EXPECT_EQ(text.exit_code, 2) << text.All();
  EXPECT_NE(text.out.find("000 防衛省本省の内部部局情報保証実施規程"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("充足率 share satisfied"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("違反 violated"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("M-CY-003"), std::string::npos) << text.out;

  CommandResult json = RunMamori({"check", "--var", s.var(), "--format", "json"});
  EXPECT_EQ(json.exit_code, 2) << json.err;
  const Json j = Json::parse(json.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << json.out.substr(0, 400);
  ASSERT_EQ(j["profiles"].size(), 1u);
  EXPECT_EQ(j["profiles"][0]["profile"], "mod-internal");
  const double share = j["profiles"][0]["summary"]["share_satisfied"].get<double>();
  EXPECT_GT(share, 0.0);
  EXPECT_LE(share, 1.0);
  EXPECT_TRUE(HasSubject(j["violations"], "M-CY-003")) << j["violations"].dump();
  for (const Json& v : j["violations"])
    if (v["subject"] == "M-CY-003") {
      EXPECT_EQ(v["clause"], "000 第4 3(1)");
      EXPECT_FALSE(v["message_ja"].get<std::string>().empty());
      EXPECT_FALSE(v["message_en"].get<std::string>().empty());
    }
  const Json* clause = FindClause(j, "000 第4 3(1)");
  ASSERT_NE(clause, nullptr);
  EXPECT_EQ((*clause)["state"], "violated");

  // One clause; the exit code follows what was asked about.
  CommandResult one = RunMamori({"check", "--var", s.var(), "--clause", "000 第4 3(1)", "--format", "json"});
  EXPECT_EQ(one.exit_code, 2) << one.All();
  const Json o = Json::parse(one.out, nullptr, false);
  ASSERT_TRUE(o.is_object());
  EXPECT_EQ(o["profiles"][0]["clauses"].size(), 1u);
  CommandResult unknown = RunMamori({"check", "--var", s.var(), "--profile", "municipality"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.All();
  EXPECT_NE(unknown.err.find("compliance.unknown_profile"), std::string::npos) << unknown.err;
  EXPECT_EQ(RunMamori({"check", "--var", s.dir() + "/nothing-here"}).exit_code, 1);

  // Read-only: the database is byte for byte what it was.
  EXPECT_EQ(FileDigest(db), before);
}

TEST(ComplianceCliTest, FreshDefenseContractorOrganizationHasNothingViolated) {
  TempDir dir("mamori-check");
  CommandResult init = RunMamori({"init", "--var", dir.Sub("var"), "--profile", "defense-contractor", "--name",
                                  "テスト防衛関連企業", "--admin-password", "check-admin-password-1"});
  ASSERT_EQ(init.exit_code, 0) << init.All();
  CommandResult r = RunMamori({"check", "--var", dir.Sub("var"), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out.substr(0, 2000) << r.err;
  const Json j = Json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["profiles"][0]["profile"], "defense-contractor");
  EXPECT_EQ(j["profiles"][0]["summary"]["violated"], 0);
  EXPECT_TRUE(j["violations"].empty()) << j["violations"].dump();
}

class ComplianceApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(s_.MakeDemo());
    ASSERT_TRUE(s_.Start());
  }
  void TearDown() override {
    if (s_.running()) {
      EXPECT_EQ(s_.Stop(), 0) << s_.Log();
    }
  }
  Server s_;
};

TEST_F(ComplianceApiTest, OfficerSeesTheReportAndItFollowsTheFixStaffIsRefused) {
  auto sato = s_.Login("sato");      // 情報保証責任者 (org-wide)
  auto suzuki = s_.Login("suzuki");  // 部隊等情報保証責任者 of CYBER
  auto tanaka = s_.Login("tanaka");  // 職員 of CYBER
  ASSERT_TRUE(sato && suzuki && tanaka);

  Reply r = sato->Get("/api/v1/compliance");
  ASSERT_EQ(r.status, 200) << r.body;
  Json report = r.Json();
  EXPECT_EQ(report["profiles"][0]["profile"], "mod-internal");
  EXPECT_GE(report["as_of_seq"].get<int64_t>(), 1);
  const Json* clause = FindClause(report, "000 第4 3(1)");
  ASSERT_NE(clause, nullptr);
  EXPECT_EQ((*clause)["state"], "violated");
  const int64_t cyber = UnitId(*sato, "CYBER");
  bool cyber_high = false;
  for (const Json& u : report["units"])
    if (u["unit_id"] == cyber) cyber_high = u["violations"]["high"].get<int64_t>() >= 1;
  EXPECT_TRUE(cyber_high) << report["units"].dump();

  // A plain staff member holds no compliance.view: 403 with the permission's clause.
  EXPECT_TRUE(IsApiError(tanaka->Get("/api/v1/compliance"), 403, "forbidden", "authz.denied", "000 第7 1"));
  EXPECT_EQ(tanaka->Get("/api/v1/compliance/violations").status, 403);

  // The unit IA officer sees the units under CYBER only.
  r = suzuki->Get("/api/v1/compliance");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json units = r.Json()["units"];  // a copy: a range-for over a temporary's member would dangle
  for (const Json& u : units) EXPECT_EQ(u["code"].get<std::string>().rfind("CYBER", 0), 0u) << u.dump();

  Json v = sato->Get("/api/v1/compliance/violations").Json();
  ASSERT_TRUE(HasSubject(v["violations"], "M-CY-003")) << v.dump();
  Json detail = sato->Get("/api/v1/compliance/clause?profile=mod-internal&ref=" + PercentEncode("000 第4 3(1)")).Json();
  EXPECT_EQ(detail["clause"]["ref"], "000 第4 3(1)") << detail.dump();
  EXPECT_EQ(detail["state"], "violated");
  EXPECT_TRUE(IsApiError(sato->Get("/api/v1/compliance/clause?profile=mod-internal&ref=" + PercentEncode("000 第99")),
                         404, "not_found", "compliance.unknown_clause", ""));

  // The fixing command: tanaka returns M-CY-003. A read that names the command's trail seq sees it.
  Reply ret = tanaka->Post("/api/v1/items/M-CY-003/return", Json::object());
  ASSERT_TRUE(IsOk(ret));
  const int64_t seq = ret.Json().value("trail_seq", int64_t{0});
  ASSERT_GT(seq, 0);
  r = sato->Get("/api/v1/compliance/violations?min_seq=" + std::to_string(seq));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(r.Json()["as_of_seq"].get<int64_t>(), seq);
  EXPECT_FALSE(HasSubject(r.Json()["violations"], "M-CY-003")) << r.body;
}

}  // namespace
}  // namespace mamori::test
