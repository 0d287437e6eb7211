// Training records through the real binary on the demo (mod-internal): the 課等の長 of サイバー整備課 records
// a session with its attendees, a member of staff is refused with the clause, the session is on the trail
// and in the 教育実施状況記録 served as CSV, and `mamori export training` prints the same form from var/.

#include "server_harness.h"

namespace mamori::test {
namespace {

class TrainingApiTest : public DemoServerTest<> {};

TEST_F(TrainingApiTest, RecordedSessionIsOnTheTrailAndInTheForm) {
  auto suzuki = s_.Login("suzuki");  // 部隊等情報保証責任者 (課室等の長) of サイバー整備課
  auto tanaka = s_.Login("tanaka");  // 職員 of the same unit
  auto sato = s_.Login("sato");      // 情報保証責任者: reads the trail
  ASSERT_TRUE(suzuki && tanaka && sato);
  const int64_t cyber = UnitId(*sato, "CYBER");
  const int64_t p_tanaka = PersonId(*sato, "tanaka");
  const int64_t p_ito = PersonId(*sato, "ito");
  ASSERT_TRUE(cyber && p_tanaka && p_ito);

  // The programs of the profile (training.yaml), with their content items, for the recording form.
  Reply programs = tanaka->Get("/api/v1/training/programs");
  ASSERT_EQ(programs.status, 200) << programs.body;
  const Json defs = programs.Json()["programs"];
  ASSERT_GE(defs.size(), 2u) << programs.body;
  EXPECT_EQ(defs[0].value("code", ""), "annual_training");
  EXPECT_EQ(defs[0].value("clause", ""), "000 第5(1)");
  EXPECT_EQ(defs[0].value("every", ""), "fiscal_year");
  ASSERT_EQ(defs[0]["contents"].size(), 2u);
  EXPECT_EQ(defs[0]["contents"][1].value("key", ""), "leak_response");

  Json session{{"program", "annual_training"},
               {"held_on", "2025-06-02"},
               {"trainer", "サイバー整備課長 鈴木 花子"},
               {"method", "集合教育"},
               {"unit_id", cyber},
               {"room_group", "事案対処班"},
               {"content", "情報漏えい対応を含む情報保証教育, 年次"},
               {"audience", "課員全員"},
               {"attendees", Json::array({p_tanaka, p_ito})},
               {"contents_covered", Json::array({"information_assurance", "leak_response"})}};
  // Staff may not record it: 000 第5(3) puts the record with the 課等の長.
  EXPECT_TRUE(IsApiError(tanaka->Post("/api/v1/training/sessions", session), 403, "forbidden", "authz.denied",
                         "000 第5(3)"));
  // A column of the form missing: refused with the clause of the form.
  Json no_method = session;
  no_method.erase("method");
  EXPECT_TRUE(IsApiError(suzuki->Post("/api/v1/training/sessions", no_method), 400, "invalid_argument",
                         "input.required", "000 第5(3)", "method"));

  Reply done = suzuki->Post("/api/v1/training/sessions", session);
  ASSERT_TRUE(IsOk(done));
  EXPECT_EQ(done.Json().value("attendee_count", 0), 2);
  const int64_t id = done.Json().value("session_id", int64_t{0});
  ASSERT_TRUE(TrailBarrier(*sato));
  const Json events = TrailEvents(*sato, "training:" + std::to_string(id));
  ASSERT_EQ(events.size(), 1u) << events.dump().substr(0, 500);
  EXPECT_EQ(events[0].value("command", ""), "training.record");

  Reply list = suzuki->Get("/api/v1/training/sessions?fiscal_year=2025");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["sessions"].size(), 1u);
  EXPECT_EQ(list.Json()["sessions"][0].value("attendee_count", 0), 2);
  EXPECT_TRUE(IsApiError(tanaka->Get("/api/v1/training/sessions"), 403, "forbidden", "authz.denied", "000 第5(3)"));

  Reply csv = suzuki->Get("/api/v1/training/record?fiscal_year=2025&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.Header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("教育実施状況記録\r\n年度：令和7年度\r\n実施日,実施者,実施手段,局 課,室又はグループ\r\n"),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("令和7年6月2日,サイバー整備課長 鈴木 花子,集合教育,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",事案対処班\r\n,,,\"情報漏えい対応を含む情報保証教育, 年次\",課員全員（2名）\r\n"),
            std::string::npos)
      << csv.body;
  Reply other_year = suzuki->Get("/api/v1/training/record?fiscal_year=2024&format=csv");
  EXPECT_EQ(other_year.body.find("令和7年6月2日"), std::string::npos);

  // The CLI prints the same form from var/.
  ASSERT_EQ(s_.Stop(), 0);
  CommandResult cli = RunMamori({"export", "training", "--var", s_.var(), "--fiscal-year", "2025", "--format", "csv"});
  ASSERT_EQ(cli.exit_code, 0) << cli.All();
  EXPECT_EQ(cli.out, csv.body);
  CommandResult xlsx = RunMamori({"export", "training", "--var", s_.var(), "--fiscal-year", "2025", "--format",
                                  "xlsx", "--out", s_.dir() + "/training.xlsx"});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.All();
  EXPECT_EQ(ReadFile(s_.dir() + "/training.xlsx").substr(0, 2), "PK");
  EXPECT_EQ(s_.Verify().exit_code, 0);
}

}  // namespace
}  // namespace mamori::test
