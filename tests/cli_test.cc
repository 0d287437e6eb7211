// The command line: help, API tokens, ledger operations through the server, exports and the
// trail tools.

#include "server_harness.h"

namespace mamori::test {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST(CliTest, HelpListsTheSubcommands) {
  CommandResult r = RunMamori({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.All();
  for (const char* sub : {"init", "demo", "serve", "user", "verify", "export", "trail", "api", "item"})
    EXPECT_NE(r.out.find(std::string("  ") + sub + " "), std::string::npos) << sub << "\n" << r.out;
  CommandResult none = RunMamori({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("usage"), std::string::npos) << none.All();
  CommandResult bad = RunMamori({"frobnicate"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown command"), std::string::npos) << bad.All();
}

class CliServerTest : public DemoServerTest<> {
 protected:
  std::string Token(const std::string& user) {
    CommandResult r = RunMamori({"user", "token", user, "--var", s_.var()});
    EXPECT_EQ(r.exit_code, 0) << r.All();
    return Trim(r.out);
  }
};

TEST_F(CliServerTest, TokenWorksAsBearerWithoutCsrf) {
  const std::string token = Token("tanaka");
  ASSERT_EQ(token.rfind("mamori_", 0), 0u) << token;
  auto c = s_.Client();
  c->SetHeader("Authorization", "Bearer " + token);
  Json me = c->Get("/api/v1/auth/me").Json();
  EXPECT_EQ(me["username"], "tanaka") << me.dump();
  Reply r = c->Post("/api/v1/items/M-CY-013/checkout", Json{{"purpose", "トークンでの使用"}});
  EXPECT_TRUE(IsOk(r));
  EXPECT_EQ(r.Json()["state"], "in_use");
  auto wrong = s_.Client();
  wrong->SetHeader("Authorization", "Bearer mamori_" + std::string(48, '0'));
  EXPECT_TRUE(IsApiError(wrong->Post("/api/v1/items/M-CY-014/checkout", Json{{"purpose", "x"}}), 401,
                         "unauthenticated", "auth.required", "000 第2 2(2)"));
}

TEST_F(CliServerTest, ItemCheckoutThroughTheServer) {
  const std::string token = Token("tanaka");
  const std::vector<std::string> checkout = {"item", "checkout", "M-CY-005", "purpose=テスト", "--url", s_.Url(),
                                             "--token", token};
  CommandResult first = RunMamori(checkout);
  EXPECT_EQ(first.exit_code, 0) << first.All();
  Json j = Json::parse(first.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << first.All();
  EXPECT_EQ(j["state"], "in_use");
  EXPECT_EQ(j["control_no"], "M-CY-005");

  CommandResult again = RunMamori(checkout);
  EXPECT_EQ(again.exit_code, 1) << again.All();
  EXPECT_NE(again.All().find("000 第4 3(1)"), std::string::npos) << again.All();
  EXPECT_NE(again.All().find("ledger.state"), std::string::npos) << again.All();

  CommandResult show = RunMamori({"item", "show", "M-CY-005", "--url", s_.Url(), "--token", token});
  EXPECT_EQ(show.exit_code, 0) << show.All();  // GET /api/v1/items/{no}: was 500
  CommandResult no_token = RunMamori({"item", "return", "M-CY-005", "--url", s_.Url()});
  EXPECT_EQ(no_token.exit_code, 1) << no_token.All();
  EXPECT_NE(no_token.All().find("auth.required"), std::string::npos) << no_token.All();
  CommandResult ret = RunMamori({"item", "return", "M-CY-005", "--url", s_.Url(), "--token", token});
  EXPECT_EQ(ret.exit_code, 0) << ret.All();
  CommandResult api = RunMamori({"api", "GET", "/api/v1/auth/me", "--url", s_.Url(), "--token", token});
  EXPECT_EQ(api.exit_code, 0) << api.All();
  EXPECT_NE(api.out.find("\"tanaka\""), std::string::npos) << api.All();
}

TEST_F(CliServerTest, ExportPrintsTheForm) {
  CommandResult r = RunMamori({"export", "--var", s_.var(), "--item", "M-CY-001", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.All();
  for (const char* s : {"可搬記憶媒体管理簿", "媒体番号：M-CY-001", "使用開始日時", "使用者名", "使用目的", "返却日時",
                        "令和", "破棄立会者", "※ この様式は一つの可搬記憶媒体ごとに作成するものとする。"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  CommandResult seireki =
      RunMamori({"export", "--var", s_.var(), "--item", "D-CY-001", "--format", "csv", "--dates", "seireki"});
  EXPECT_EQ(seireki.exit_code, 0) << seireki.All();
  EXPECT_NE(seireki.out.find("目的特化型機器管理簿"), std::string::npos) << seireki.out;
  EXPECT_EQ(seireki.out.find("令和"), std::string::npos) << seireki.out;
  const std::string xlsx = s_.dir() + "/ledger.xlsx";
  CommandResult book = RunMamori({"export", "--var", s_.var(), "--unit", "CYBER", "--format", "xlsx", "-o", xlsx});
  EXPECT_EQ(book.exit_code, 0) << book.All();
  EXPECT_EQ(ReadFile(xlsx).substr(0, 2), "PK");
  CommandResult none = RunMamori({"export", "--var", s_.var(), "--item", "M-XX-404"});
  EXPECT_EQ(none.exit_code, 1) << none.All();
  EXPECT_NE(none.err.find("items.not_found"), std::string::npos) << none.All();
}

TEST_F(CliServerTest, ExportsTheSystemUserRecordOfOneSection) {
  // 000 第2 2(7): the record of 情報通信課's system users kept by its システム担当者 (the demo's version 1).
  CommandResult r = RunMamori({"export", "roster", "--var", s_.var(), "--roster", "section_user", "--unit", "JOHOTSU"});
  ASSERT_EQ(r.exit_code, 0) << r.All();
  for (const char* s : {"課室等のシステム利用者の記録（整備計画局情報通信課）", "第1版", "根拠: 000 第2 2(7)", ",松本 亮,", ",岡田 修,"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  CommandResult no_unit = RunMamori({"export", "roster", "--var", s_.var(), "--roster", "section_user"});
  EXPECT_EQ(no_unit.exit_code, 1);
  EXPECT_NE(no_unit.err.find("export.unit"), std::string::npos) << no_unit.All();
  EXPECT_NE(no_unit.err.find("000 第2 2(7)"), std::string::npos) << no_unit.All();
}

TEST_F(CliServerTest, TrailProofsVerify) {
  CommandResult proof = RunMamori({"trail", "proof", "--seq", "5", "--var", s_.var()});
  EXPECT_EQ(proof.exit_code, 0) << proof.All();
  Json p = Json::parse(proof.out, nullptr, false);
  ASSERT_TRUE(p.is_object()) << proof.All();
  EXPECT_EQ(p["verified"], true) << proof.out;
  EXPECT_EQ(p["seq"], 5);

  CommandResult cons = RunMamori({"trail", "consistency", "--old", "10", "--var", s_.var()});
  EXPECT_EQ(cons.exit_code, 0) << cons.All();
  Json c = Json::parse(cons.out, nullptr, false);
  ASSERT_TRUE(c.is_object()) << cons.All();
  EXPECT_EQ(c["verified"], true) << cons.out;
  EXPECT_EQ(c["old_size"], 10);

  CommandResult head = RunMamori({"trail", "head", "--var", s_.var()});
  EXPECT_EQ(head.exit_code, 0) << head.All();
  Json h = Json::parse(head.out, nullptr, false);
  ASSERT_TRUE(h.is_object()) << head.All();
  EXPECT_GE(h["size"].get<int64_t>(), 10);
  EXPECT_FALSE(h["signature"].get<std::string>().empty());

  // The same proofs over HTTP, for someone who may read the trail.
  auto nakamura = s_.Login("nakamura");
  ASSERT_NE(nakamura, nullptr);
  Json hp = nakamura->Get("/api/v1/trail/proofs/inclusion?seq=5").Json();
  EXPECT_EQ(hp["verified"], true) << hp.dump();
  Json hc = nakamura->Get("/api/v1/trail/proofs/consistency?old_size=10").Json();
  EXPECT_EQ(hc["verified"], true) << hc.dump();

  CommandResult out_of_range = RunMamori({"trail", "proof", "--seq", "0", "--var", s_.var()});
  EXPECT_EQ(out_of_range.exit_code, 1) << out_of_range.All();
  CommandResult log = RunMamori({"trail", "log", "--entity", "item:M-CY-020", "--var", s_.var()});
  EXPECT_EQ(log.exit_code, 0) << log.All();
  EXPECT_NE(log.out.find("item.witness_destruction"), std::string::npos) << log.out;
}

}  // namespace
}  // namespace mamori::test
