// Importing people from a CSV file over the API (POST /api/v1/persons/import), through the real binary:
// on the demo (mod-internal) a dry run of a Shift_JIS file answers the plan and writes nothing; bad files
// (an unknown column, a bad date on line 3, bytes that are not UTF-8) are refused naming the line and
// column and write nothing; the administrator's import creates the people, all rows in one trail event;
// staff and an administrator of another unit are refused with the clause; a file over 5 MiB gets 413. On
// the defense-contractor demo the refusals about the roster particulars cite 001 第5 2(1)エ and only the
// keepers of the particulars may import them.


#include <string>

#include "server_harness.h"
#include "testing/shift_jis.h"

namespace mamori::test {
namespace {

using mamori::testing::ToShiftJis;

Reply PostCsv(HttpClient& c, const std::string& query, const std::string& bytes) {
  return c.Request("POST", "/api/v1/persons/import" + query, bytes, {{"Content-Type", "text/csv"}});
}

// The refusal names the line and column in both languages (e.g. "3行目 4列目", "line 3, column 4").
::testing::AssertionResult NamesPlace(const Reply& r, int line, int column) {
  const Json e = r.Json().value("error", Json::object());
  const std::string ja = std::to_string(line) + "行目 " + std::to_string(column) + "列目";
  const std::string en = "line " + std::to_string(line) + ", column " + std::to_string(column);
  if (e.value("message_ja", "").find(ja) == std::string::npos || e.value("message_en", "").find(en) == std::string::npos)
    return ::testing::AssertionFailure() << "expected " << ja << " / " << en << " in " << r.body;
  return ::testing::AssertionSuccess();
}

size_t PersonCount(HttpClient& c) { return c.Get("/api/v1/persons").Json()["persons"].size(); }

class ImportApiTest : public DemoServerTest<> {};

TEST_F(ImportApiTest, DryRunOfShiftJisShowsThePlanAndWritesNothing) {
  auto sato = s_.Login("sato");  // 情報保証責任者: org.admin everywhere, reads the trail
  ASSERT_TRUE(sato);
  const std::string sjis = ToShiftJis(
      "氏,名,所属コード,官名又は階級,区分,メール\r\n"
      "上野,陽介,CYBER,係員,非常勤,ueno@example.jp\r\n"
      "\"髙橋\",\"一,郎\",JOHOTSU,,派遣等,\r\n");
  ASSERT_TRUE(TrailBarrier(*sato));
  const int64_t before = TrailSize(*sato);
  const size_t persons = PersonCount(*sato);

  for (const char* query : {"?dry_run=1", "?dry_run=1&encoding=shift_jis"}) {
    Reply r = PostCsv(*sato, query, sjis);
    ASSERT_EQ(r.status, 200) << query << ": " << r.body;
    const Json j = r.Json();
    EXPECT_EQ(j.value("dry_run", false), true);
    EXPECT_EQ(j.value("created", -1), 2);
    EXPECT_EQ(j.value("updated", -1), 0);
    ASSERT_EQ(j["rows"].size(), 2u) << r.body;
    EXPECT_EQ(j["rows"][0]["line"], 2);
    EXPECT_EQ(j["rows"][0]["action"], "create");
    EXPECT_EQ(j["rows"][0]["fields"]["family_name"], "上野");
    EXPECT_EQ(j["rows"][0]["fields"]["kind"], "non_regular");
    EXPECT_EQ(j["rows"][1]["line"], 3);
    EXPECT_EQ(j["rows"][1]["fields"]["family_name"], "髙橋");  // a CP932 extension character
    EXPECT_EQ(j["rows"][1]["fields"]["given_name"], "一,郎");
    EXPECT_EQ(j["rows"][1]["fields"]["unit_code"], "JOHOTSU");
  }
  // The same bytes declared UTF-8 are refused, naming the byte.
  Reply wrong = PostCsv(*sato, "?dry_run=1&encoding=utf-8", sjis);
  EXPECT_TRUE(IsApiError(wrong, 400, "invalid_argument", "import.encoding", "", "csv"));
  EXPECT_NE(wrong.Json()["error"].value("message_en", "").find("Byte "), std::string::npos) << wrong.body;

  ASSERT_TRUE(TrailBarrier(*sato));
  EXPECT_EQ(TrailSize(*sato), before);
  EXPECT_EQ(PersonCount(*sato), persons);
}

TEST_F(ImportApiTest, BadFilesAreRefusedNamingLineAndColumnAndWriteNothing) {
  auto sato = s_.Login("sato");
  ASSERT_TRUE(sato);
  ASSERT_TRUE(TrailBarrier(*sato));
  const int64_t before = TrailSize(*sato);
  const size_t persons = PersonCount(*sato);

  // A misspelt header is not ignored: 部署 is no column of the format.
  Reply unknown = PostCsv(*sato, "", "氏,名,所属コード,部署\n上野,陽介,CYBER,サイバー\n");
  EXPECT_TRUE(IsApiError(unknown, 400, "invalid_argument", "import.column_unknown", "", "csv"));
  EXPECT_TRUE(NamesPlace(unknown, 1, 4));
  // A bad date on line 3 refuses the whole file, line 2 included.
  Reply date = PostCsv(*sato, "", "氏,名,所属コード,生年月日,国籍,役職\n上野,陽介,CYBER,,,\n清水,大樹,CYBER,1990-02-30,日本,係員\n");
  EXPECT_EQ(date.status, 400) << date.body;
  EXPECT_EQ(date.Json()["error"].value("rule", ""), "import.date_invalid");
  EXPECT_TRUE(NamesPlace(date, 3, 4));
  // The same as a dry run.
  Reply dry = PostCsv(*sato, "?dry_run=1", "氏,名,所属コード\n上野,陽介,NOPE\n");
  EXPECT_TRUE(IsApiError(dry, 400, "invalid_argument", "import.unit_unknown", "", "csv"));
  EXPECT_TRUE(NamesPlace(dry, 2, 3));
  EXPECT_TRUE(IsApiError(PostCsv(*sato, "", ""), 400, "invalid_argument", "input.required", "", "csv"));
  EXPECT_TRUE(IsApiError(PostCsv(*sato, "?encoding=latin-1", "氏,名\n"), 400, "invalid_argument", "import.encoding", "",
                         "encoding"));

  ASSERT_TRUE(TrailBarrier(*sato));
  EXPECT_EQ(TrailSize(*sato), before);
  EXPECT_EQ(PersonCount(*sato), persons);
}

TEST_F(ImportApiTest, AdministratorImportsAndOthersAreRefused) {
  auto sato = s_.Login("sato");          // org.admin everywhere
  auto yamamoto = s_.Login("yamamoto");  // org.admin in 情報通信課 (JOHOTSU) only
  auto tanaka = s_.Login("tanaka");      // 職員: no org.admin
  ASSERT_TRUE(sato && yamamoto && tanaka);
  const std::string csv = ToShiftJis("氏,名,所属コード,メール\n上野,陽介,CYBER,ueno@example.jp\n清水,大樹,JOHOTSU,\n");
  ASSERT_TRUE(TrailBarrier(*sato));
  const int64_t before = TrailSize(*sato);
  const size_t persons = PersonCount(*sato);

  // Staff are refused before the file is read (even a bad one), with org.admin's clause.
  EXPECT_TRUE(IsApiError(PostCsv(*tanaka, "", csv), 403, "forbidden", "authz.denied", "000 第2 2(2)"));
  EXPECT_TRUE(IsApiError(PostCsv(*tanaka, "?dry_run=1", "not,a,roster\n"), 403, "forbidden", "authz.denied",
                         "000 第2 2(2)"));
  // An administrator of JOHOTSU may not add people to CYBER, not even in a dry run.
  EXPECT_TRUE(IsApiError(PostCsv(*yamamoto, "?dry_run=1", csv), 403, "forbidden", "authz.denied", "000 第2 2(2)"));
  EXPECT_TRUE(IsApiError(PostCsv(*yamamoto, "", csv), 403, "forbidden", "authz.denied", "000 第2 2(2)"));
  ASSERT_TRUE(TrailBarrier(*sato));
  EXPECT_EQ(TrailSize(*sato), before);
  EXPECT_EQ(PersonCount(*sato), persons);

  Reply done = PostCsv(*sato, "?filename=hr-2026.csv", csv);
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done.Json().value("created", -1), 2);
  EXPECT_EQ(done.Json().value("dry_run", true), false);
  EXPECT_EQ(PersonCount(*sato), persons + 2);
  const Json listed = sato->Get("/api/v1/persons?unit_id=" + std::to_string(UnitId(*sato, "CYBER"))).Json()["persons"];
  bool ueno = false;
  for (const Json& p : listed) ueno |= p.value("family_name", "") == "上野" && p.value("given_name", "") == "陽介";
  EXPECT_TRUE(ueno) << listed.dump();
  // One command, one event.
  ASSERT_TRUE(TrailBarrier(*sato));
  EXPECT_EQ(TrailSize(*sato), before + 1);
  const Json events = TrailEvents(*sato, "import:hr-2026.csv");
  ASSERT_EQ(events.size(), 1u) << events.dump().substr(0, 400);
  EXPECT_EQ(events[0].value("command", ""), "person.import");

  // Again: the row with the e-mail is now unchanged, the other one is added again.
  Reply again = PostCsv(*sato, "?dry_run=1", csv);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["rows"][0]["action"], "unchanged");
  EXPECT_EQ(again.Json().value("created", -1), 1);
}

TEST_F(ImportApiTest, FileOverTheLimitGets413) {
  auto sato = s_.Login("sato");
  ASSERT_TRUE(sato);
  std::string big = "氏,名,所属コード\n";
  while (big.size() <= 5 * 1024 * 1024) big += "上野,陽介,CYBER\n";
  Reply r = PostCsv(*sato, "?dry_run=1", big);
  EXPECT_TRUE(IsApiError(r, 413, "invalid_argument", "http.body_too_large", ""));
  EXPECT_NE(r.Json()["error"].value("message_en", "").find("5 MiB"), std::string::npos) << r.body;
  // Other routes keep the server's default limit (1 MiB).
  auto again = s_.Login("sato");
  ASSERT_TRUE(again);
  Reply json = again->Request("POST", "/api/v1/persons", std::string(2 * 1024 * 1024, ' '),
                              {{"Content-Type", "application/json"}});
  EXPECT_TRUE(IsApiError(json, 413, "invalid_argument", "http.body_too_large", ""));
}

// The defense-contractor demo: ogawa (経営者等) keeps the particulars, ikeda (保護システム管理者) has org.admin
// in 情報システム部 but not the particulars.
class ImportContractorTest : public ServerTest<> {
 protected:
  void SetUp() override {
    CommandResult demo = RunMamori({"demo", "--var", s_.var(), "--profile", "defense-contractor"});
    ASSERT_EQ(demo.exit_code, 0) << demo.All();
    ASSERT_TRUE(s_.Start()) << s_.Log();
  }
};

TEST_F(ImportContractorTest, ParticularsCiteTheRosterClauseAndNeedTheirKeeper) {
  auto ogawa = s_.Login("ogawa");
  auto ikeda = s_.Login("ikeda");
  ASSERT_TRUE(ogawa && ikeda);
  const std::string header = "氏,名,所属コード,生年月日,国籍,役職\n";
  Reply partial = PostCsv(*ogawa, "?dry_run=1", header + "上野,陽介,IS,1994/05/20,,係員\n");
  EXPECT_TRUE(IsApiError(partial, 400, "invalid_argument", "import.particulars_partial", "001 第5 2(1)エ", "csv"));
  EXPECT_TRUE(NamesPlace(partial, 2, 5));
  Reply date = PostCsv(*ogawa, "", header + "上野,陽介,IS,,,\n清水,大樹,IS,1994-13-01,日本,係員\n");
  EXPECT_TRUE(IsApiError(date, 400, "invalid_argument", "import.date_invalid", "001 第5 2(1)エ", "csv"));
  EXPECT_TRUE(NamesPlace(date, 3, 4));

  const std::string csv = header + "上野,陽介,IS,1994/05/20,日本,係員\n";
  EXPECT_TRUE(IsApiError(PostCsv(*ikeda, "", csv), 403, "forbidden", "authz.denied", "001 第5 2(1)エ"));
  EXPECT_TRUE(IsOk(PostCsv(*ikeda, "", "氏,名,所属コード\n清水,大樹,IS\n")));
  Reply done = PostCsv(*ogawa, "", csv);
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done.Json().value("created", -1), 1);
}

}  // namespace
}  // namespace mamori::test
